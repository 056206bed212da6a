package golf.linkup.engine.config;

import golf.linkup.engine.notifications.push.PushEndpointPolicy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything the engine is configured with, read once at start-up and validated. Keys and their
 * documentation live in {@code routes/src/main/resources/application.properties}; each key can be
 * overridden by the environment variable of the same name in upper case with underscores
 * ({@code linkup.http.port} → {@code LINKUP_HTTP_PORT}).
 *
 * @param redisUri empty in the sandbox means "start an embedded Redis on a free port"
 * @param dbUrl    empty in the sandbox means "an in-memory H2 database"
 * @param publicUrl {@code linkup.public-url}: where users reach this engine (unsubscribe links); empty in
 *                  the sandbox means {@code http://localhost:<port>}
 * @param pushAllowedHosts {@code linkup.push.allowed-hosts}: the push services Web Push may reach
 * @param emailConnections {@code linkup.notifications.email-connections}: e-mails an instance sends at
 *                  once, each over an SMTP connection of its own kept open
 * @param booking  {@code linkup.booking.*}: hold and offer lifetimes, round length, check-in, sweep periods
 * @param intake   {@code linkup.events.*}: the event stream, its consumer group, retention and lag bounds
 * @param problems {@code linkup.health.*}: bounds of the problems the admin API and the console report
 */
public record EngineSettings(
        Profile profile,
        String instanceId,
        String httpHost,
        int httpPort,
        Optional<URI> redisUri,
        Optional<String> dbUrl,
        String dbUser,
        String dbPassword,
        int dbPoolSize,
        String jwtSecret,
        String fanoutChannel,
        Duration eventDedupTtl,
        int maxFrameBytes,
        int sendBufferMessages,
        Duration healthStaleAfter,
        boolean loadSampleData,
        Path sampleDataDir,
        Optional<URI> smtpUri,
        String mailFrom,
        Path vapidKeysFile,
        String vapidSubject,
        List<String> pushAllowedHosts,
        Optional<URI> publicUrl,
        Path templatesDir,
        Duration deliveryPollPeriod,
        Duration deliveryClaimLease,
        int emailConnections,
        BookingSettings booking,
        GatewaySettings gateway,
        DemoSettings demo,
        IntakeSettings intake,
        ProblemSettings problems) {

    /** The sandbox's documented JWT secret. Never valid in production. */
    public static final String SANDBOX_JWT_SECRET = "linkup-sandbox-secret-change-me-0123456789abcdef";

    public static EngineSettings read(SettingsReader in) {
        Profile profile = in.enumeration("linkup.profile", Profile.class, Profile.SANDBOX);
        boolean sandbox = profile == Profile.SANDBOX;

        Optional<URI> redis = in.uri("linkup.redis.url", "redis", "rediss");
        Optional<String> db = in.optional("linkup.db.url");
        db.ifPresent(url -> {
            if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
                in.refuse("linkup.db.url", "only jdbc:h2: and jdbc:postgresql: URLs are supported");
            }
        });
        String secret = in.string("linkup.jwt.secret", sandbox ? SANDBOX_JWT_SECRET : "");

        Optional<URI> smtp = in.uri("linkup.smtp.url", "smtp", "smtps");
        Optional<String> vapidFile = in.optional("linkup.push.vapid-keys-file");
        Optional<URI> publicUrl = in.uri("linkup.public-url", "http", "https");
        if (!sandbox) {
            List<String> missing = new ArrayList<>();
            if (smtp.isEmpty()) {
                missing.add("linkup.smtp.url (LINKUP_SMTP_URL): the SMTP relay, e.g. smtps://user:pass@smtp.example.com:465");
            }
            if (vapidFile.isEmpty()) {
                missing.add("linkup.push.vapid-keys-file (LINKUP_PUSH_VAPID_KEYS_FILE): the VAPID key pair for Web Push");
            }
            if (redis.isEmpty()) {
                missing.add("linkup.redis.url (LINKUP_REDIS_URL): an external Redis, e.g. redis://redis.internal:6379");
            }
            if (db.isEmpty() || !db.get().startsWith("jdbc:postgresql:")) {
                missing.add("linkup.db.url (LINKUP_DB_URL): a PostgreSQL JDBC URL, e.g. jdbc:postgresql://db:5432/linkup");
            }
            if (secret.isEmpty() || secret.equals(SANDBOX_JWT_SECRET)) {
                missing.add("linkup.jwt.secret (LINKUP_JWT_SECRET): the API server's HS256 secret, at least 32 bytes");
            }
            if (in.string("linkup.gateway.allowed-origins", "").isBlank()) {
                missing.add("linkup.gateway.allowed-origins (LINKUP_GATEWAY_ALLOWED_ORIGINS): the browser origins"
                        + " allowed to connect, comma-separated, e.g. https://app.linkup.golf (or * for any)");
            }
            if (publicUrl.isEmpty()) {
                missing.add("linkup.public-url (LINKUP_PUBLIC_URL): where users reach this engine, for the"
                        + " unsubscribe links in e-mails, e.g. https://realtime.linkup.golf");
            }
            if (!missing.isEmpty()) {
                in.refuse("linkup.profile",
                        "production needs:\n  - " + String.join("\n  - ", missing));
            }
        }
        if (secret.getBytes(StandardCharsets.UTF_8).length < 32) {
            in.refuse("linkup.jwt.secret", "an HS256 secret needs at least 32 bytes");
        }

        return new EngineSettings(
                profile,
                in.string("linkup.instance-id", defaultInstanceId()),
                in.string("linkup.http.host", "0.0.0.0"),
                in.integer("linkup.http.port", 3001, 0, 65535),
                redis,
                db,
                in.string("linkup.db.user", db.map(u -> u.startsWith("jdbc:h2:") ? "sa" : "").orElse("sa")),
                in.string("linkup.db.password", ""),
                in.integer("linkup.db.pool-size", 10, 2, 200), // Database.MIN_POOL_SIZE: migrations use two
                secret,
                in.string("linkup.fanout.channel", "linkup:fanout"),
                in.duration("linkup.events.dedup-ttl", Duration.ofHours(24)),
                in.integer("linkup.ws.max-frame-bytes", 64 * 1024, 1024, 16 * 1024 * 1024),
                in.integer("linkup.ws.send-buffer-messages", 100, 1, 100_000),
                in.duration("linkup.health.stale-after", Duration.ofSeconds(6)),
                in.bool("linkup.sample-data.load", sandbox),
                Path.of(in.string("linkup.sample-data.dir", "sample-data")),
                smtp,
                in.string("linkup.mail.from", "LinkUp Golf <no-reply@linkup.golf>"),
                Path.of(vapidFile.orElse(".linkup/vapid-keys.json")),
                in.string("linkup.push.vapid-subject", "mailto:ops@linkup.golf"),
                pushAllowedHosts(in),
                publicUrl,
                Path.of(in.string("linkup.templates.dir", "templates")),
                in.duration("linkup.notifications.poll-period", Duration.ofSeconds(1)),
                in.duration("linkup.notifications.claim-lease", Duration.ofMinutes(2)),
                in.integer("linkup.notifications.email-connections", 4, 1, 64),
                BookingSettings.read(in),
                GatewaySettings.read(in, sandbox), // linkup.gateway.*
                DemoSettings.read(in, sandbox), // linkup.demo.*: the demo page at /demo/
                IntakeSettings.read(in), // linkup.events.*: the event stream and its consumer group
                ProblemSettings.read(in)); // linkup.health.*: the problems' bounds
    }

    /** {@code linkup.push.allowed-hosts}, validated; empty means the major browsers' push services. */
    private static List<String> pushAllowedHosts(SettingsReader in) {
        List<String> hosts = java.util.Arrays.stream(in.string("linkup.push.allowed-hosts", "").split(","))
                .map(String::strip).filter(h -> !h.isEmpty()).toList();
        if (hosts.isEmpty()) {
            return PushEndpointPolicy.MAJOR_PUSH_SERVICES;
        }
        try {
            PushEndpointPolicy.production(hosts, PushEndpointPolicy.systemResolver());
        } catch (IllegalArgumentException e) {
            in.refuse("linkup.push.allowed-hosts", e.getMessage());
            return PushEndpointPolicy.MAJOR_PUSH_SERVICES;
        }
        return hosts;
    }

    /** The Web Push endpoint policy: production's, or the sandbox's that also allows its loopback push service. */
    public PushEndpointPolicy pushEndpoints() {
        return sandbox() ? PushEndpointPolicy.sandbox(pushAllowedHosts, PushEndpointPolicy.systemResolver())
                : PushEndpointPolicy.production(pushAllowedHosts, PushEndpointPolicy.systemResolver());
    }

    public boolean sandbox() {
        return profile == Profile.SANDBOX;
    }

    private static String defaultInstanceId() {
        String host = Optional.ofNullable(System.getenv("HOSTNAME")).orElse("engine");
        return host + "-" + ProcessHandle.current().pid();
    }
}
