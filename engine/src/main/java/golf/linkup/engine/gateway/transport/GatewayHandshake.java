package golf.linkup.engine.gateway.transport;

import golf.linkup.engine.auth.AuthenticationException;
import golf.linkup.engine.auth.Identity;
import golf.linkup.engine.auth.JwtVerifier;
import golf.linkup.engine.gateway.GatewayService;
import golf.linkup.engine.gateway.limits.ConnectionAdmission;
import golf.linkup.engine.gateway.connections.ClientConnection;
import golf.linkup.engine.json.JsonResponses;
import golf.linkup.engine.metrics.EngineMetrics;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.server.HttpUpgradeListener;
import io.undertow.util.Methods;
import io.undertow.websockets.core.protocol.version13.Hybi13Handshake;
import io.undertow.websockets.spi.AsyncWebSocketHttpServerExchange;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedBinaryMessage;
import io.undertow.websockets.core.StreamSourceFrameChannel;
import io.undertow.connector.PooledByteBuffer;
import golf.linkup.engine.gateway.connections.CloseCodes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import io.undertow.websockets.core.WebSocketChannel;
import java.util.Deque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket handshake at {@code /} and the connections it opens, on Undertow's core WebSocket
 * API (not Jakarta WebSocket: its session keeps the whole handshake request, servlet objects and
 * headers, alive for the connection's lifetime, ~12 KB of heap per idle connection).
 *
 * <p>The JWT (query parameter {@code token}, or {@code Authorization: Bearer}) is verified BEFORE
 * the upgrade: a bad token is refused with HTTP 401 and a JSON error, and no WebSocket is ever
 * opened. Before the token: a browser {@code Origin} outside {@code linkup.gateway.allowed-origins}
 * gets 403 {@code ORIGIN_NOT_ALLOWED}; an instance shutting down or full gets 503 with Retry-After;
 * a handshake over the admission rate ({@link ConnectionAdmission}) gets 503
 * {@code TOO_MANY_CONNECTIONS} with the Retry-After the bucket gives, so a reconnect storm costs no
 * signature checks.
 * After it: a handshake that is not RFC 6455 (version 13 with a key) gets 426
 * {@code UNSUPPORTED_WEBSOCKET_VERSION} with {@code Sec-WebSocket-Version: 13}, a method other than
 * GET 405.
 *
 * <p>Threads: the handshake checks run on the I/O thread (no blocking work: a signature check).
 * Opening the connection and each text message run on a worker thread, with the channel's receives
 * suspended meanwhile, so a connection's messages are handled one at a time and in order (no
 * executor or queue per connection). A text message over {@code maxFrameBytes} closes the connection
 * with 1009 while it arrives, so at most the limit is ever buffered; binary messages get the same
 * limit (Undertow's) and an {@code UNSUPPORTED_FRAME} answer; pongs touch the connection; a client's
 * pings count against the connection's frame rate like text frames.
 */
final class GatewayHandshake implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayHandshake.class);
    /**
     * Undertow's per-endpoint set of open channels. Channels remove themselves from it on close (so it
     * must accept removal); the gateway never adds to it (its registry tracks connections), so it
     * stays empty and costs nothing per connection.
     */
    private static final Set<WebSocketChannel> NO_PEERS = ConcurrentHashMap.newKeySet();

    private final GatewayService gateway;
    private final JwtVerifier verifier;
    private final EngineMetrics metrics;
    private final ConnectionAdmission admission;
    private final int maxFrameBytes;
    /** RFC 6455 (version 13), no subprotocols or extensions: every browser and client library speaks it. */
    private final Hybi13Handshake rfc6455 = new Hybi13Handshake();

    GatewayHandshake(GatewayService gateway, JwtVerifier verifier, EngineMetrics metrics,
            ConnectionAdmission admission, int maxFrameBytes) {
        this.gateway = gateway;
        this.verifier = verifier;
        this.metrics = metrics;
        this.admission = admission;
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (!"websocket".equalsIgnoreCase(exchange.getRequestHeaders().getFirst(Headers.UPGRADE))) {
            JsonResponses.send(exchange, 426, JsonResponses.error("UPGRADE_REQUIRED",
                    "this is the LinkUp WebSocket endpoint: connect with a WebSocket client and ?token=JWT; "
                            + "the HTTP API is under /api/v1"));
            return;
        }
        String origin = exchange.getRequestHeaders().getFirst(Headers.ORIGIN);
        if (!gateway.settings().allowsOrigin(origin)) {
            metrics.handshakeRejected("ORIGIN_NOT_ALLOWED");
            JsonResponses.send(exchange, 403, JsonResponses.error("ORIGIN_NOT_ALLOWED",
                    "origin " + origin + " may not connect (linkup.gateway.allowed-origins)"));
            return;
        }
        var refusal = gateway.refusal();
        if (refusal.isPresent()) {
            refuse(exchange, refusal.get(), 1, refusal.get().equals("SHUTTING_DOWN")
                    ? "this instance is shutting down: connect again (another instance answers)"
                    : "this instance holds its maximum of connections: connect again later");
            return;
        }
        var retryAfter = admission.admit(); // before the token: shedding a storm must stay cheap
        if (retryAfter.isPresent()) {
            refuse(exchange, "TOO_MANY_CONNECTIONS", retryAfter.getAsLong(),
                    "this instance is admitting new connections more slowly than they arrive: connect again after "
                            + retryAfter.getAsLong() + " s (Retry-After)");
            return;
        }
        Identity identity;
        try {
            identity = verifier.verify(token(exchange));
        } catch (AuthenticationException e) {
            metrics.handshakeRejected(e.code());
            // RFC 6750: no error attribute when the request carried no credentials at all
            exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, "TOKEN_MISSING".equals(e.code()) ? "Bearer"
                    : "Bearer error=\"invalid_token\"");
            JsonResponses.send(exchange, 401, JsonResponses.error(e.code(), e.getMessage()));
            return;
        }
        upgrade(exchange, identity);
    }

    /** HTTP 503 with {@code Retry-After} (seconds) and the JSON error {@code code}, counted by code. */
    private void refuse(HttpServerExchange exchange, String code, long retryAfterSeconds, String message) {
        metrics.handshakeRejected(code);
        exchange.getResponseHeaders().put(Headers.RETRY_AFTER, Long.toString(retryAfterSeconds));
        JsonResponses.send(exchange, 503, JsonResponses.error(code, message));
    }

    /**
     * Answers the handshake with 101 and opens the WebSocket. Done here rather than by Undertow's
     * handshake handler because that one leaves the whole HTTP exchange (headers, query string,
     * attachments: ~1 KB) reachable from the upgraded connection for its lifetime, and writes the
     * request URL, token included, into the response's {@code Sec-WebSocket-Location} and the
     * channel's URL. Here the token is dropped from the exchange before the answer, and the upgrade
     * listener that the connection keeps holds only the identity.
     */
    private void upgrade(HttpServerExchange exchange, Identity identity) {
        if (!Methods.GET.equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().put(Headers.ALLOW, "GET");
            JsonResponses.send(exchange, 405, JsonResponses.error("METHOD_NOT_ALLOWED",
                    "a WebSocket handshake is a GET request"));
            return;
        }
        AsyncWebSocketHttpServerExchange handshake = new WithoutLocation(exchange);
        if (!rfc6455.matches(handshake)) {
            metrics.handshakeRejected("UNSUPPORTED_WEBSOCKET_VERSION");
            // RFC 6455 4.4: name the versions this server speaks
            exchange.getResponseHeaders().put(Headers.SEC_WEB_SOCKET_VERSION, "13");
            JsonResponses.send(exchange, 426, JsonResponses.error("UNSUPPORTED_WEBSOCKET_VERSION",
                    "this server speaks WebSocket version 13 (RFC 6455) and needs Sec-WebSocket-Key; got version "
                            + exchange.getRequestHeaders().getFirst(Headers.SEC_WEB_SOCKET_VERSION)));
            return;
        }
        exchange.setQueryString("").getQueryParameters().clear();
        exchange.getRequestHeaders().remove(Headers.AUTHORIZATION);
        // kept by the connection until it closes: captures nothing of the exchange
        HttpUpgradeListener opened = (connection, upgraded) -> connected(
                rfc6455.createChannel(new AsyncWebSocketHttpServerExchange(upgraded, NO_PEERS), connection,
                        upgraded.getConnection().getByteBufferPool()),
                identity, upgraded.getRequestHeaders().getFirst(Headers.USER_AGENT));
        exchange.upgradeChannel(opened);
        rfc6455.handshake(handshake);
    }

    /**
     * The handshake's exchange minus {@code Sec-WebSocket-Location}: Undertow's RFC 6455 handshake
     * writes it from the request's {@code Host} header (an old draft's header, unused by RFC 6455
     * clients), which would echo whatever the client sent as Host into the answer.
     */
    private static final class WithoutLocation extends AsyncWebSocketHttpServerExchange {
        WithoutLocation(HttpServerExchange exchange) {
            super(exchange, NO_PEERS);
        }

        @Override
        public void setResponseHeader(String name, String value) {
            if (!Headers.SEC_WEB_SOCKET_LOCATION_STRING.equalsIgnoreCase(name)) {
                super.setResponseHeader(name, value);
            }
        }
    }

    private static String token(HttpServerExchange exchange) {
        Deque<String> param = exchange.getQueryParameters().get("token");
        if (param != null && !param.isEmpty() && !param.getFirst().isBlank()) {
            return param.getFirst();
        }
        String auth = exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return auth.substring(7).trim();
        }
        return null;
    }

    /** The upgrade is done (I/O thread): open the connection on a worker, then start reading. */
    private void connected(WebSocketChannel channel, Identity identity, String userAgent) {
        channel.getWorker().execute(() -> {
            ClientConnection connection;
            try {
                connection = gateway.open(identity, new ChannelOutbound(channel, userAgent));
            } catch (RuntimeException e) {
                LOG.error("cannot open a connection for user {}", identity.userId(), e);
                org.xnio.IoUtils.safeClose(channel);
                return;
            }
            channel.addCloseTask(ch -> gateway.closed(connection));
            if (!channel.isOpen()) {
                gateway.closed(connection); // closed while opening: the close task may have run already
                return;
            }
            channel.getReceiveSetter().set(new Receiver(connection));
            channel.resumeReceives();
        });
    }

    /**
     * One connection's inbound frames. Text is read here, not by Undertow's buffered reader (its
     * size limit did not hold: a 300 KB message was delivered with the limit at 64 KB): the bytes
     * of a message are counted as they arrive, across fragments, and a message over
     * {@code maxFrameBytes} closes the connection with 1009 as soon as the limit is crossed, so at
     * most the limit is ever buffered. Between messages a connection keeps no buffer.
     */
    private final class Receiver extends AbstractReceiveListener {
        private final ClientConnection connection;
        /** The text message being received; null between messages. Only the I/O thread touches it. */
        private java.io.ByteArrayOutputStream pending;
        private boolean discarding;

        Receiver(ClientConnection connection) {
            this.connection = connection;
        }

        @Override
        protected long getMaxBinaryBufferSize() {
            return maxFrameBytes;
        }

        @Override
        protected void onText(WebSocketChannel channel, StreamSourceFrameChannel frame) {
            frame.getReadSetter().set(f -> readText(channel, f));
            readText(channel, frame);
        }

        private void readText(WebSocketChannel channel, StreamSourceFrameChannel frame) {
            try (PooledByteBuffer pooled = channel.getBufferPool().allocate()) {
                ByteBuffer buffer = pooled.getBuffer();
                while (true) {
                    buffer.clear();
                    int n = frame.read(buffer);
                    if (n == 0) {
                        frame.resumeReads();
                        return;
                    }
                    if (n < 0) {
                        frame.getReadSetter().set(null);
                        org.xnio.IoUtils.safeClose(frame);
                        if (frame.isFinalFragment()) {
                            finished(channel);
                        }
                        return;
                    }
                    if (discarding) {
                        continue;
                    }
                    if (pending == null) {
                        pending = new java.io.ByteArrayOutputStream(Math.min(maxFrameBytes, Math.max(64, n)));
                    }
                    if (pending.size() + n > maxFrameBytes) {
                        discarding = true;
                        pending = null;
                        LOG.info("closing {} with 1009: a message over {} bytes", connection, maxFrameBytes);
                        connection.close(CloseCodes.MESSAGE_TOO_BIG, "message over " + maxFrameBytes + " bytes");
                        continue;
                    }
                    buffer.flip();
                    if (buffer.hasArray()) {
                        pending.write(buffer.array(), buffer.arrayOffset() + buffer.position(), n);
                    } else {
                        byte[] bytes = new byte[n];
                        buffer.get(bytes);
                        pending.write(bytes, 0, n);
                    }
                }
            } catch (java.io.IOException | RuntimeException e) {
                pending = null;
                onError(channel, e);
            }
        }

        /** The last fragment arrived: hand the message to a worker, receives suspended meanwhile. */
        private void finished(WebSocketChannel channel) {
            if (discarding) {
                discarding = false;
                return;
            }
            String text = pending == null ? "" : pending.toString(StandardCharsets.UTF_8);
            pending = null;
            channel.suspendReceives();
            channel.getWorker().execute(() -> {
                try {
                    gateway.onText(connection, text);
                } finally {
                    channel.resumeReceives();
                }
            });
        }

        @Override
        protected void onFullBinaryMessage(WebSocketChannel channel, BufferedBinaryMessage message) {
            message.getData().free();
            channel.suspendReceives();
            channel.getWorker().execute(() -> {
                try {
                    gateway.onUnsupportedFrame(connection, "binary");
                } finally {
                    channel.resumeReceives();
                }
            });
        }

        /** Client pings cost what text frames cost (the rate limit); within it they get their pong. */
        @Override
        protected void onFullPingMessage(WebSocketChannel channel, BufferedBinaryMessage message) throws java.io.IOException {
            if (gateway.onPingFrame(connection)) {
                super.onFullPingMessage(channel, message); // answers with a pong and frees the data
            } else {
                message.getData().free();
            }
        }

        @Override
        protected void onFullPongMessage(WebSocketChannel channel, BufferedBinaryMessage message) {
            message.getData().free();
            gateway.onPong(connection);
        }

        @Override
        protected void onError(WebSocketChannel channel, Throwable error) {
            LOG.debug("transport error on {}: {}", connection, error.toString());
            super.onError(channel, error);
        }
    }
}
