package golf.linkup.engine.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The gateway's {@code linkup.gateway.*} settings (heartbeat, history, presence, limits, shutdown,
 * SSE). Every key is documented in {@code application.properties}; defaults are the seeds' numbers.
 *
 * @param allowedOrigins browser {@code Origin}s allowed to open a WebSocket or SSE stream; empty
 *                       allows every origin (sandbox only: production must name them, or {@code *})
 * @param httpRequestTimeout a request's head (request line and headers) must arrive within this of its
 *                           first byte, else the connection is closed
 * @param httpIdleTimeout    a connection that sends nothing for this long is closed (no request, a
 *                           half-sent body); longer than the pong timeout (a WebSocket client that
 *                           stops answering pings gets 4408 first) and the SSE keep-alive
 * @param admissionPerSecond new connections (WebSocket handshakes and SSE streams) this instance admits
 *                           per second once its burst is spent; beyond it, 503 {@code TOO_MANY_CONNECTIONS}
 * @param admissionBurst     new connections admitted at once after a quiet period
 * @param admissionMaxRetryAfter the longest {@code Retry-After} a refused connection is told to wait
 * @param participantsCacheSize  tee times whose participants are remembered (0: read on every subscribe)
 * @param participantsCacheTtl   how long they are remembered at most (events forget them sooner)
 */
public record GatewaySettings(
        Duration pingInterval,
        Duration pongTimeout,
        int historySize,
        Duration historyTtl,
        Duration presenceAwayAfter,
        Duration presenceOfflineAfter,
        Duration presenceStaleAfter,
        Duration presenceBatchWindow,
        Duration presenceDisconnectGrace,
        Duration presenceUpdateInterval,
        int typingPerMinute,
        int messagesPerSecond,
        int messageBurst,
        int abuseStrikes,
        int maxSubscriptions,
        int maxConnectionsPerUser,
        int maxConnections,
        List<String> allowedOrigins,
        Duration tokenExpiryWarning,
        Duration shutdownTimeout,
        Duration sseKeepAlive,
        Duration httpRequestTimeout,
        Duration httpIdleTimeout,
        int admissionPerSecond,
        int admissionBurst,
        Duration admissionMaxRetryAfter,
        int participantsCacheSize,
        Duration participantsCacheTtl) {

    /** The seeds' numbers: what {@link #read} gives when no key is set. */
    public static GatewaySettings defaults() {
        return read(new SettingsReader(key -> null), true);
    }

    public static GatewaySettings read(SettingsReader in, boolean sandbox) {
        Duration ping = positive(in, "linkup.gateway.ping-interval", Duration.ofSeconds(30));
        Duration pong = positive(in, "linkup.gateway.pong-timeout", Duration.ofSeconds(90));
        if (pong.compareTo(ping) <= 0) {
            in.refuse("linkup.gateway.pong-timeout",
                    "must be longer than linkup.gateway.ping-interval (" + ping + ")");
        }
        Duration away = positive(in, "linkup.gateway.presence.away-after", Duration.ofMinutes(5));
        Duration offline = positive(in, "linkup.gateway.presence.offline-after", Duration.ofMinutes(30));
        List<String> origins = Arrays.stream(in.string("linkup.gateway.allowed-origins", "").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (!sandbox && origins.isEmpty()) {
            in.refuse("linkup.gateway.allowed-origins",
                    "production needs the browser origins allowed to connect, comma-separated, e.g. "
                            + "https://app.linkup.golf,https://www.linkup.golf (or * to allow every origin)");
        }
        for (String origin : origins) {
            if (!origin.equals("*") && !origin.matches("https?://[^/\\s]+")) {
                in.refuse("linkup.gateway.allowed-origins",
                        "'" + origin + "' is not an origin (scheme://host[:port], no path) or *");
            }
        }
        int rate = in.integer("linkup.gateway.rate.messages-per-second", 20, 1, 10_000);
        Duration sseKeepAlive = positive(in, "linkup.gateway.sse.keep-alive", Duration.ofSeconds(15));
        Duration idle = positive(in, "linkup.gateway.http.idle-timeout", Duration.ofSeconds(120));
        if (idle.compareTo(pong) <= 0 || idle.compareTo(sseKeepAlive) <= 0) {
            in.refuse("linkup.gateway.http.idle-timeout", "must be longer than "
                    + "linkup.gateway.pong-timeout (" + pong + ") and linkup.gateway.sse.keep-alive (" + sseKeepAlive
                    + "): pongs and keep-alives keep idle WebSocket and SSE connections open, and a silent WebSocket"
                    + " client is closed with 4408 at the pong timeout, before the read timeout cuts it");
        }
        int admissionRate = in.integer("linkup.gateway.admission.connections-per-second", 500, 1, 1_000_000);
        Duration maxRetryAfter = in.duration("linkup.gateway.admission.max-retry-after", Duration.ofSeconds(30));
        if (maxRetryAfter.compareTo(Duration.ofSeconds(1)) < 0 || maxRetryAfter.compareTo(Duration.ofHours(1)) > 0) {
            in.refuse("linkup.gateway.admission.max-retry-after",
                    "must be between 1s and 1h (Retry-After is given in whole seconds)");
        }
        return new GatewaySettings(
                ping,
                pong,
                in.integer("linkup.gateway.history.size", 100, 1, 100_000),
                positive(in, "linkup.gateway.history.ttl", Duration.ofMinutes(2)),
                away,
                offline,
                positive(in, "linkup.gateway.presence.stale-after", Duration.ofSeconds(60)),
                positive(in, "linkup.gateway.presence.batch-window", Duration.ofMillis(250)),
                in.duration("linkup.gateway.presence.disconnect-grace", Duration.ofSeconds(5)),
                positive(in, "linkup.gateway.presence.update-interval", Duration.ofSeconds(1)),
                in.integer("linkup.gateway.typing.per-minute", 10, 1, 6_000),
                rate,
                in.integer("linkup.gateway.rate.burst", Math.max(40, rate), 1, 100_000),
                in.integer("linkup.gateway.rate.strikes-before-close", 10, 1, 10_000),
                in.integer("linkup.gateway.max-subscriptions", 50, 1, 10_000),
                in.integer("linkup.gateway.max-connections-per-user", 10, 1, 10_000),
                in.integer("linkup.gateway.max-connections", 50_000, 1, 10_000_000),
                origins.contains("*") ? List.of() : origins,
                in.duration("linkup.gateway.token-expiry-warning", Duration.ofSeconds(60)),
                positive(in, "linkup.gateway.shutdown-timeout", Duration.ofSeconds(5)),
                sseKeepAlive,
                positive(in, "linkup.gateway.http.request-timeout", Duration.ofSeconds(10)),
                idle,
                admissionRate,
                in.integer("linkup.gateway.admission.burst", 2 * admissionRate, 1, 10_000_000),
                maxRetryAfter,
                in.integer("linkup.gateway.participants.cache-size", 10_000, 0, 1_000_000),
                positive(in, "linkup.gateway.participants.cache-ttl", Duration.ofSeconds(60)));
    }

    private static Duration positive(SettingsReader in, String key, Duration defaultValue) {
        Duration d = in.duration(key, defaultValue);
        if (d.isZero()) {
            in.refuse(key, "must be longer than zero");
            return defaultValue;
        }
        return d;
    }

    /** True when a browser at {@code origin} may connect (no header: not a browser, allowed). */
    public boolean allowsOrigin(String origin) {
        return origin == null || allowedOrigins.isEmpty() || allowedOrigins.contains(origin);
    }
}
