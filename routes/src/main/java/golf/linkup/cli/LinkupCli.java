package golf.linkup.cli;

import golf.linkup.engine.auth.Identity;
import golf.linkup.engine.auth.JwtIssuer;
import golf.linkup.engine.config.EngineSettings;
import golf.linkup.engine.config.InvalidSettingException;
import golf.linkup.engine.config.SettingsReader;
import golf.linkup.engine.events.EventParser;
import golf.linkup.engine.events.InvalidEventException;
import golf.linkup.engine.notifications.push.VapidKeys;
import golf.linkup.sandbox.SandboxState;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.XAddParams;

/**
 * {@code bin/linkup token USER_ID [--admin] [--ttl 24h]} prints a JWT;
 * {@code bin/linkup publish [--pubsub] FILE|-} checks one event and appends it to the engine's event
 * stream (the running sandbox's Redis, found through {@link SandboxState}, or {@code LINKUP_REDIS_URL});
 * {@code --pubsub} PUBLISHes it on the legacy channel instead (at most once).
 *
 * <p>Every failure a user can cause ends with one line on standard error saying what was wrong and
 * what to do, and a sysexits-style status (64 usage, 65 bad event, 66 no input, 69 no Redis); never a
 * stack trace.
 */
public final class LinkupCli {

    static final int USAGE = 64;
    static final int DATA_ERROR = 65;
    static final int NO_INPUT = 66;
    static final int UNAVAILABLE = 69;
    static final int CANNOT_CREATE = 73;

    /** A failure to report in one line and exit with {@code status}. */
    static final class CliException extends Exception {
        final int status;

        CliException(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private final Function<String, String> env;
    private final InputStream stdin;
    private final PrintStream out;
    private final Path stateDirectory;

    LinkupCli(Function<String, String> env, InputStream stdin, PrintStream out, Path stateDirectory) {
        this.env = env;
        this.stdin = stdin;
        this.out = out;
        this.stateDirectory = stateDirectory;
    }

    public static void main(String[] args) {
        int status = new LinkupCli(System::getenv, System.in, System.out, SandboxState.DIRECTORY)
                .run(List.of(args), System.err);
        System.exit(status);
    }

    /** Runs one command; returns the exit status. Problems go to {@code err} as one line (usage errors with the usage). */
    int run(List<String> args, PrintStream err) {
        try {
            String command = args.isEmpty() ? "" : args.get(0);
            List<String> rest = args.isEmpty() ? List.of() : args.subList(1, args.size());
            switch (command) {
                case "token" -> token(rest);
                case "publish" -> publish(rest);
                case "vapid-keys" -> vapidKeys(rest);
                case "help", "--help", "-h" -> out.print(usage());
                case "" -> throw new CliException(USAGE, "no command given");
                default -> throw new CliException(USAGE, "unknown command '" + command + "'");
            }
            return 0;
        } catch (CliException e) {
            err.println("linkup: " + e.getMessage());
            if (e.status == USAGE) {
                err.print(usage());
            }
            return e.status;
        } catch (RuntimeException e) {
            err.println("linkup: unexpected error: " + e);
            return 70;
        }
    }

    /** The same text as {@code bin/linkup help}. */
    static String usage() {
        return """
                LinkUp Golf real-time engine: one entry point for people.
                  bin/linkup sandbox            build if needed, then run the engine with everything embedded
                  bin/linkup run                build if needed, then run a production instance (README, "Run in production")
                  bin/linkup token USER_ID      print a JWT for a user (--admin for an admin token, --ttl 30m)
                  bin/linkup publish FILE|-     check one event (JSON) and append it to the sandbox's event stream (--pubsub: legacy channel)
                  bin/linkup vapid-keys FILE    write a new VAPID key pair for Web Push (production's LINKUP_PUSH_VAPID_KEYS_FILE)
                  bin/linkup console [--attach URL --token JWT]   the operations console (JavaFX), sandbox or attached
                  bin/linkup aot-train          JDK 25 only: train the AOT cache LINKUP_AOT=1 sandbox|run start with (README)
                  bin/linkup help               this text
                """;
    }

    private void token(List<String> args) throws CliException {
        List<String> positional = new ArrayList<>();
        List<String> roles = new ArrayList<>();
        Duration ttl = Duration.ofHours(24);
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--admin" -> roles.add(Identity.ADMIN_ROLE);
                case "--ttl" -> {
                    if (i + 1 >= args.size()) {
                        throw new CliException(USAGE, "--ttl needs a duration, e.g. --ttl 30m");
                    }
                    ttl = parseTtl(args.get(++i));
                }
                default -> {
                    if (args.get(i).startsWith("--")) {
                        throw new CliException(USAGE, "token: unknown option " + args.get(i));
                    }
                    positional.add(args.get(i));
                }
            }
        }
        if (positional.size() != 1) {
            throw new CliException(USAGE, "token needs exactly one USER_ID, got " + positional.size());
        }
        String secret = env("LINKUP_JWT_SECRET", EngineSettings.SANDBOX_JWT_SECRET);
        if (secret.getBytes(StandardCharsets.UTF_8).length < 32) {
            throw new CliException(USAGE, "LINKUP_JWT_SECRET is shorter than 32 bytes: an HS256 secret needs at least 32");
        }
        out.println(new JwtIssuer(secret, Clock.systemUTC()).issue(positional.get(0), ttl, roles));
    }

    private static Duration parseTtl(String text) throws CliException {
        try {
            Duration ttl = new SettingsReader(k -> text).duration("--ttl", Duration.ofHours(24));
            if (ttl.isZero() || ttl.isNegative()) {
                throw new CliException(USAGE, "--ttl must be longer than zero, was " + text);
            }
            return ttl;
        } catch (InvalidSettingException | IllegalArgumentException e) {
            throw new CliException(USAGE, "--ttl '" + text + "' is not a duration: use e.g. 90s, 30m, 24h, 7d or PT1H");
        }
    }

    /**
     * Writes a new VAPID key pair (PEM: PKCS#8 private key, X.509 public key) readable by its owner
     * only, and prints the public key browsers subscribe with. Never overwrites: push services accept
     * pushes only from the key the subscriptions were made with.
     */
    private void vapidKeys(List<String> args) throws CliException {
        if (args.size() != 1) {
            throw new CliException(USAGE, "vapid-keys needs the FILE to write, e.g. /etc/linkup/vapid-keys.pem");
        }
        Path file = Path.of(args.get(0));
        if (Files.exists(file)) {
            throw new CliException(CANNOT_CREATE, file + " exists: not overwritten (every browser subscription made"
                    + " with its key would stop receiving pushes)");
        }
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            VapidKeys keys = VapidKeys.generate();
            keys.save(file);
            try {
                Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: its own permissions apply
            }
            out.println("wrote " + file + " (keep it secret; set LINKUP_PUSH_VAPID_KEYS_FILE to it on every instance)");
            out.println("public key: " + keys.publicKeyBase64Url());
        } catch (IOException e) {
            throw new CliException(CANNOT_CREATE, "cannot write " + file + ": " + e.getMessage());
        }
    }

    private void publish(List<String> arguments) throws CliException {
        boolean pubsub = arguments.contains("--pubsub");
        List<String> args = arguments.stream().filter(a -> !a.equals("--pubsub")).toList();
        if (args.size() != 1) {
            throw new CliException(USAGE, "publish needs one FILE (or - for standard input), got " + args.size()
                    + " arguments");
        }
        String event = read(args.get(0)).strip();
        if (event.isEmpty()) {
            throw new CliException(DATA_ERROR, "nothing to publish: the event is empty");
        }
        try {
            new EventParser().parse(event, 0);
        } catch (InvalidEventException e) {
            throw new CliException(DATA_ERROR, "not published, the engine would dead-letter this event ("
                    + e.code() + "): " + e.getMessage());
        }
        Target target = target();
        String where = " on " + target.redis().getHost() + ":" + port(target.redis());
        try {
            if (pubsub) {
                long receivers = send(target.redis(), target.channel(), event);
                out.println("published to " + target.channel() + where + " (" + receivers
                        + " subscribers; at most once)");
            } else {
                String entry = append(target.redis(), target.stream(), event);
                out.println("appended to " + target.stream() + where + " as entry " + entry);
            }
        } catch (JedisException e) {
            throw new CliException(UNAVAILABLE, "cannot publish to Redis at " + target.redis().getHost() + ":"
                    + port(target.redis()) + " (" + target.source() + "): " + rootMessage(e));
        }
    }

    private String read(String source) throws CliException {
        try {
            if (source.equals("-")) {
                return new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
            }
            return Files.readString(Path.of(source), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CliException(NO_INPUT, "cannot read " + source + ": no such file");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new CliException(DATA_ERROR, "cannot read " + source + ": not UTF-8 text");
        } catch (IOException | java.nio.file.InvalidPathException e) {
            throw new CliException(NO_INPUT, "cannot read " + source + ": " + e.getMessage());
        }
    }

    /** Where to publish, and how it was found (for messages). */
    private record Target(URI redis, String channel, String stream, String source) {
    }

    private Target target() throws CliException {
        String channel = env("LINKUP_EVENTS_CHANNEL", null);
        String stream = env("LINKUP_EVENTS_STREAM", null);
        String url = env("LINKUP_REDIS_URL", null);
        if (url != null) {
            URI redis;
            try {
                redis = URI.create(url);
            } catch (IllegalArgumentException e) {
                redis = null;
            }
            if (redis == null || redis.getHost() == null
                    || !List.of("redis", "rediss").contains(String.valueOf(redis.getScheme()).toLowerCase())) {
                throw new CliException(USAGE, "LINKUP_REDIS_URL '" + url + "' is not redis://host:port or rediss://host:port");
            }
            return new Target(redis, channel == null ? "linkup:events" : channel,
                    stream == null ? "linkup:events:stream" : stream, "LINKUP_REDIS_URL");
        }
        List<SandboxState.Running> running;
        try {
            running = SandboxState.running(stateDirectory);
        } catch (IOException e) {
            throw new CliException(UNAVAILABLE, "cannot read the sandbox state in " + stateDirectory + ": " + e.getMessage());
        }
        String wantedPort = env("LINKUP_HTTP_PORT", null);
        if (wantedPort != null) {
            running = running.stream().filter(r -> Integer.toString(r.httpPort()).equals(wantedPort.strip())).toList();
        }
        if (running.isEmpty()) {
            throw new CliException(UNAVAILABLE, "no sandbox is running from this folder"
                    + (wantedPort == null ? "" : " on port " + wantedPort)
                    + ": start one (bin/linkup sandbox) or set LINKUP_REDIS_URL");
        }
        if (running.size() > 1) {
            throw new CliException(USAGE, running.size() + " sandboxes are running from this folder (ports "
                    + running.stream().map(r -> Integer.toString(r.httpPort())).collect(Collectors.joining(", "))
                    + "): set LINKUP_HTTP_PORT to the one to publish to");
        }
        SandboxState.Running sandbox = running.get(0);
        return new Target(URI.create(sandbox.redisUrl()), channel == null ? sandbox.eventsChannel() : channel,
                stream == null ? sandbox.eventsStream() : stream, "the sandbox on port " + sandbox.httpPort());
    }

    /** Appends one checked event to the stream (durable); returns the entry id Redis gave it. */
    static String append(URI redis, String stream, String event) {
        try (Jedis jedis = connect(redis)) {
            return jedis.xadd(stream, XAddParams.xAddParams(), Map.of("event", event)).toString();
        }
    }

    /** PUBLISHes one checked event on the legacy channel; returns how many subscribers Redis handed it to. */
    static long send(URI redis, String channel, String event) {
        try (Jedis jedis = connect(redis)) {
            return jedis.publish(channel, event);
        }
    }

    private static Jedis connect(URI redis) {
        JedisClientConfig config = DefaultJedisClientConfig.builder()
                .ssl("rediss".equalsIgnoreCase(redis.getScheme()))
                .password(redis.getUserInfo() == null ? null : redis.getUserInfo().substring(
                        redis.getUserInfo().indexOf(':') + 1))
                .connectionTimeoutMillis(5_000)
                .build();
        return new Jedis(new HostAndPort(redis.getHost(), port(redis)), config);
    }

    private static int port(URI redis) {
        return redis.getPort() > 0 ? redis.getPort() : 6379;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private String env(String name, String fallback) {
        String v = env.apply(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    /** For tests: an environment from a map. */
    static Function<String, String> envOf(Map<String, String> values) {
        return values::get;
    }
}
