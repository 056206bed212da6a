package golf.linkup.cli;

import golf.linkup.engine.auth.Identity;
import golf.linkup.engine.auth.JwtIssuer;
import golf.linkup.engine.config.EngineSettings;
import golf.linkup.sandbox.SandboxBanner;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.params.XAddParams;

/**
 * {@code bin/linkup token USER_ID [--admin] [--ttl 24h]} prints a JWT;
 * {@code bin/linkup publish [--pubsub] FILE|-} appends one event to the engine's event stream (the
 * running sandbox's Redis, found in {@code .linkup/sandbox.properties}, or {@code LINKUP_REDIS_URL});
 * {@code --pubsub} PUBLISHes it on the legacy channel instead (at most once).
 */
public final class LinkupCli {

    private LinkupCli() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            usage();
            System.exit(64);
        }
        switch (args[0]) {
            case "token" -> token(List.of(args).subList(1, args.length));
            case "publish" -> publish(List.of(args).subList(1, args.length));
            default -> {
                usage();
                System.exit(64);
            }
        }
    }

    private static void usage() {
        System.err.println("usage: linkup token USER_ID [--admin] [--ttl 24h]");
        System.err.println("       linkup publish [--pubsub] FILE|-   (one JSON event; - reads standard input;");
        System.err.println("                                           --pubsub: the legacy channel, at most once)");
    }

    private static void token(List<String> args) {
        List<String> positional = new ArrayList<>();
        List<String> roles = new ArrayList<>();
        Duration ttl = Duration.ofHours(24);
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--admin" -> roles.add(Identity.ADMIN_ROLE);
                case "--ttl" -> ttl = parseDuration(args.get(++i));
                default -> positional.add(args.get(i));
            }
        }
        if (positional.size() != 1) {
            usage();
            System.exit(64);
        }
        String secret = env("LINKUP_JWT_SECRET", EngineSettings.SANDBOX_JWT_SECRET);
        System.out.println(new JwtIssuer(secret, Clock.systemUTC()).issue(positional.get(0), ttl, roles));
    }

    private static void publish(List<String> arguments) throws IOException {
        boolean pubsub = arguments.contains("--pubsub");
        List<String> args = arguments.stream().filter(a -> !a.equals("--pubsub")).toList();
        if (args.size() != 1) {
            usage();
            System.exit(64);
        }
        String event;
        if (args.get(0).equals("-")) {
            try (InputStream in = System.in) {
                event = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } else {
            event = Files.readString(Path.of(args.get(0)));
        }
        event = event.strip();
        if (event.isEmpty()) {
            System.err.println("nothing to publish: the event is empty");
            System.exit(65);
        }
        Properties state = sandboxState();
        URI redis = URI.create(env("LINKUP_REDIS_URL", state.getProperty("redis.url", "")));
        if (redis.getHost() == null) {
            System.err.println("no Redis to publish to: start the sandbox (bin/linkup sandbox) or set LINKUP_REDIS_URL");
            System.exit(69);
        }
        String channel = env("LINKUP_EVENTS_CHANNEL", state.getProperty("events.channel", "linkup:events"));
        String stream = env("LINKUP_EVENTS_STREAM", state.getProperty("events.stream", "linkup:events:stream"));
        JedisClientConfig config = DefaultJedisClientConfig.builder()
                .ssl("rediss".equalsIgnoreCase(redis.getScheme()))
                .password(redis.getUserInfo() == null ? null : redis.getUserInfo().substring(
                        redis.getUserInfo().indexOf(':') + 1))
                .build();
        try (Jedis jedis = new Jedis(new HostAndPort(redis.getHost(), redis.getPort() > 0 ? redis.getPort() : 6379),
                config)) {
            send(jedis, pubsub, stream, channel, event, redis);
        }
    }

    /** Appends the event to the stream (durable), or PUBLISHes it on the legacy channel (at most once). */
    private static void send(Jedis jedis, boolean pubsub, String stream, String channel, String event, URI redis) {
        String where = " on " + redis.getHost() + ":" + redis.getPort();
        if (pubsub) {
            long receivers = jedis.publish(channel, event);
            System.out.println("published to " + channel + where + " (" + receivers + " subscribers; at most once)");
        } else {
            var id = jedis.xadd(stream, XAddParams.xAddParams(),
                    java.util.Map.of("event", event));
            System.out.println("appended to " + stream + where + " as entry " + id);
        }
    }

    private static Properties sandboxState() throws IOException {
        Properties p = new Properties();
        if (Files.exists(SandboxBanner.STATE_FILE)) {
            try (var in = Files.newBufferedReader(SandboxBanner.STATE_FILE)) {
                p.load(in);
            }
        }
        return p;
    }

    private static Duration parseDuration(String text) {
        return new golf.linkup.engine.config.SettingsReader(k -> text).duration("--ttl", Duration.ofHours(24));
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
