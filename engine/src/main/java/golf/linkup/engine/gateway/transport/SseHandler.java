package golf.linkup.engine.gateway.transport;

import golf.linkup.engine.auth.AuthenticationException;
import golf.linkup.engine.auth.Identity;
import golf.linkup.engine.auth.JwtVerifier;
import golf.linkup.engine.gateway.GatewayService;
import golf.linkup.engine.gateway.limits.ConnectionAdmission;
import golf.linkup.engine.gateway.connections.ClientConnection;
import golf.linkup.engine.gateway.history.StreamPosition;
import golf.linkup.engine.gateway.protocol.ProtocolException;
import golf.linkup.engine.json.JsonResponses;
import golf.linkup.engine.metrics.EngineMetrics;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.sse.ServerSentEventHandler;
import io.undertow.util.Headers;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Server-Sent Events transport (for clients that cannot use WebSocket) at {@code GET /sse?token=JWT&rooms=feed:TECH,tee-time:tt-1}
 * (or the JWT in {@code Authorization: Bearer}) for clients that cannot use WebSocket; other methods get 405. The stream carries exactly the messages a WebSocket
 * client of those rooms gets ({@code connected}, {@code subscribed}, room messages, presence,
 * typing, {@code missed}, {@code token-expiring}), one event each, {@code data:} the same JSON.
 * Room messages carry {@code id:} = the stream's position in every room ({@link SseEventIds});
 * a reconnecting browser's {@code Last-Event-ID} (or {@code ?lastEventId=}) recovers what it
 * missed. A comment line every {@code linkup.gateway.sse.keep-alive} keeps proxies from closing it.
 * Refusals are JSON: 401 (token), 403 (origin), 400 (rooms), 503 (shutting down, full, or over the
 * admission rate shared with WebSocket handshakes: {@code TOO_MANY_CONNECTIONS}, checked before the token).
 * Receive-only: subscriptions are fixed by the URL; the token in the URL is checked once, and the
 * stream ends when it expires (reconnect with a fresh one).
 */
final class SseHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SseHandler.class);

    private final GatewayService gateway;
    private final JwtVerifier verifier;
    private final EngineMetrics metrics;
    private final ConnectionAdmission admission;

    SseHandler(GatewayService gateway, JwtVerifier verifier, EngineMetrics metrics, ConnectionAdmission admission) {
        this.gateway = gateway;
        this.verifier = verifier;
        this.metrics = metrics;
        this.admission = admission;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (exchange.isInIoThread()) {
            exchange.dispatch(this); // token checks and database reads do not belong on the I/O thread
            return;
        }
        String origin = exchange.getRequestHeaders().getFirst(Headers.ORIGIN);
        if (!gateway.settings().allowsOrigin(origin)) {
            refuse(exchange, 403, "ORIGIN_NOT_ALLOWED", "origin " + origin + " may not connect");
            return;
        }
        var refusal = gateway.refusal();
        if (refusal.isPresent()) {
            exchange.getResponseHeaders().put(Headers.RETRY_AFTER, "1");
            refuse(exchange, 503, refusal.get(), "connect again in a moment");
            return;
        }
        var retryAfter = admission.admit();
        if (retryAfter.isPresent()) {
            exchange.getResponseHeaders().put(Headers.RETRY_AFTER, Long.toString(retryAfter.getAsLong()));
            refuse(exchange, 503, "TOO_MANY_CONNECTIONS", "new connections arrive faster than this instance admits "
                    + "them: connect again after " + retryAfter.getAsLong() + " s (Retry-After)");
            return;
        }
        Identity identity;
        try {
            identity = verifier.verify(token(exchange));
        } catch (AuthenticationException e) {
            refuse(exchange, 401, e.code(), e.getMessage());
            return;
        }
        String rooms = param(exchange, "rooms");
        List<String> names = rooms == null ? List.of()
                : Arrays.stream(rooms.split(",")).map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
        String lastEventId = exchange.getRequestHeaders().getFirst("Last-Event-ID");
        Map<String, StreamPosition> since = SseEventIds.parse(lastEventId != null ? lastEventId
                : param(exchange, "lastEventId"));
        String remote = exchange.getSourceAddress().getAddress().getHostAddress() + ":"
                + exchange.getSourceAddress().getPort();
        // validate before the stream starts, so a bad request still gets a status code
        List<String> joined;
        try {
            joined = gateway.checkStreamRooms(identity, names);
        } catch (ProtocolException e) {
            refuse(exchange, 400, e.code().name(), e.getMessage());
            return;
        }
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-cache");
        exchange.getResponseHeaders().put(new io.undertow.util.HttpString("X-Accel-Buffering"), "no");
        new ServerSentEventHandler((sse, ignored) -> {
            sse.setKeepAliveTime(gateway.settings().sseKeepAlive().toMillis());
            SseOutbound outbound = new SseOutbound(sse, remote, Map.of());
            AtomicReference<ClientConnection> connection = new AtomicReference<>();
            sse.addCloseTask(closed -> {
                ClientConnection c = connection.get();
                if (c != null) {
                    gateway.closed(c);
                }
            });
            try {
                gateway.openStream(identity, outbound, joined, since, connection::set).forEach(outbound::position);
            } catch (RuntimeException e) {
                LOG.warn("could not open an SSE stream for {}: {}", identity.userId(), e.toString());
                outbound.abort(1011, "failed");
            }
        }).handleRequest(exchange);
        metrics.messageIn();
    }

    /** The {@code token} query parameter (what EventSource can send), else {@code Authorization: Bearer}. */
    private static String token(HttpServerExchange exchange) {
        String query = param(exchange, "token");
        if (query != null && !query.isBlank()) {
            return query;
        }
        String auth = exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
        return auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).trim() : null;
    }

    private static String param(HttpServerExchange exchange, String name) {
        Deque<String> values = exchange.getQueryParameters().get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    private void refuse(HttpServerExchange exchange, int status, String code, String message) {
        metrics.handshakeRejected(code);
        JsonResponses.send(exchange, status, JsonResponses.error(code, message));
    }
}
