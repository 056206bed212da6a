package golf.linkup.engine.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import golf.linkup.engine.admin.figures.FigureSampler;
import golf.linkup.engine.admin.figures.Figures;
import golf.linkup.engine.auth.AuthenticationException;
import golf.linkup.engine.auth.Identity;
import golf.linkup.engine.auth.JwtVerifier;
import golf.linkup.engine.health.HealthMonitor;
import golf.linkup.engine.json.JsonResponses;
import golf.linkup.engine.json.Json;
import io.undertow.Handlers;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedTextMessage;
import io.undertow.websockets.core.WebSocketCallback;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import java.io.IOException;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/v1/admin/stream}: a WebSocket that pushes the engine's figures every second, and the
 * tables a watcher asked for. The admin token is checked at the handshake ({@code token} query
 * parameter or {@code Authorization: Bearer}): 401 or 403 with a JSON error, no socket opened.
 *
 * <p>Server → watcher: {@code {"type":"history","data":[Figures…]}} once (the last 15 minutes), then
 * every second {@code {"type":"figures","data":Figures}}, {@code {"type":"problems","data":[Problem…]}}
 * (the engine's problems now, from the same {@link HealthMonitor} as {@code /health}) and, for each topic the watcher watches,
 * {@code {"type":"<topic>","data":…}} (the same data as the topic's GET endpoint). Watcher → server:
 * {@code {"type":"watch","topics":["connections","routes"]}} replaces the watched topics; unknown
 * topics are answered with {@code {"type":"error","message":…}}.
 *
 * <p>Each second's figures and each watched topic are computed once and the same text is sent to
 * every watcher. A watcher whose previous message is still being written skips that second (counted
 * in {@link #skipped()}), so a slow console never makes the engine queue.
 */
public final class AdminStream implements AutoCloseable {

    public static final String PATH = "/api/v1/admin/stream";
    private static final Logger LOG = LoggerFactory.getLogger(AdminStream.class);

    private final JwtVerifier verifier;
    private final FigureSampler sampler;
    private final HealthMonitor health;
    private final Map<String, Supplier<Object>> topics = new LinkedHashMap<>();
    private final Map<WebSocketChannel, Watcher> watchers = new ConcurrentHashMap<>();
    private final AtomicLong skipped = new AtomicLong();
    private final HttpHandler upgrade;

    private static final class Watcher {
        final String userId;
        volatile Set<String> topics = Set.of();
        final AtomicBoolean writing = new AtomicBoolean();

        Watcher(String userId) {
            this.userId = userId;
        }
    }

    public AdminStream(JwtVerifier verifier, FigureSampler sampler, AdminApi api, HealthMonitor health) {
        this.verifier = verifier;
        this.sampler = sampler;
        this.health = health;
        topics.put("connections", () -> api.connections(5_000));
        topics.put("rooms", api::rooms);
        topics.put("queues", api::queueSummary);
        topics.put("routes", api::routeStatuses);
        topics.put("jobs", api::jobsOrEmpty);
        topics.put("inspector", api::inspectorEvents);
        topics.put("scenario", () -> api.scenarioStatus().orElse(null));
        this.upgrade = Handlers.websocket((exchange, channel) -> {
            Identity identity = exchange.getAttachment(IDENTITY);
            opened(channel, identity == null ? "?" : identity.userId());
        });
        sampler.onFigures(this::broadcast);
    }

    /** The handshake: verifies the admin token, then upgrades. Mount with {@code upgradePath(PATH, ...)}. */
    public HttpHandler handler() {
        return exchange -> {
            Identity identity;
            try {
                identity = verifier.verify(token(exchange));
            } catch (AuthenticationException e) {
                exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
                JsonResponses.send(exchange, 401, JsonResponses.error("UNAUTHORIZED", e.getMessage()));
                return;
            }
            if (!identity.isAdmin()) {
                JsonResponses.send(exchange, 403, JsonResponses.error("FORBIDDEN", "the admin stream needs an admin token"));
                return;
            }
            exchange.putAttachment(IDENTITY, identity);
            upgrade.handleRequest(exchange);
        };
    }

    private static final io.undertow.util.AttachmentKey<Identity> IDENTITY =
            io.undertow.util.AttachmentKey.create(Identity.class);

    /** Watchers connected now. */
    public int watcherCount() {
        return watchers.size();
    }

    /** Messages not sent because a watcher was still busy with the previous one. */
    public long skipped() {
        return skipped.get();
    }

    private void opened(WebSocketChannel channel, String userId) {
        Watcher watcher = new Watcher(userId);
        watchers.put(channel, watcher);
        channel.addCloseTask(c -> watchers.remove(c));
        channel.getReceiveSetter().set(new AbstractReceiveListener() {
            @Override
            protected void onFullTextMessage(WebSocketChannel ch, BufferedTextMessage message) {
                onCommand(ch, watcher, message.getData());
            }
        });
        channel.resumeReceives();
        ObjectNode history = Json.MAPPER.createObjectNode().put("type", "history");
        history.set("data", Json.MAPPER.valueToTree(sampler.history()));
        send(channel, watcher, history.toString(), true);
        send(channel, watcher, problemsText(), true);
        LOG.info("admin stream opened for {} ({} watchers)", userId, watchers.size());
    }

    private void onCommand(WebSocketChannel channel, Watcher watcher, String text) {
        try {
            JsonNode command = Json.MAPPER.readTree(text);
            if (command == null || !"watch".equals(command.path("type").asText()) || !command.path("topics").isArray()) {
                sendError(channel, watcher, "send {\"type\":\"watch\",\"topics\":[...]} with topics of " + topics.keySet());
                return;
            }
            Set<String> wanted = new java.util.TreeSet<>();
            for (JsonNode t : command.get("topics")) {
                if (!topics.containsKey(t.asText())) {
                    sendError(channel, watcher, "unknown topic '" + t.asText() + "': one of " + topics.keySet());
                    return;
                }
                wanted.add(t.asText());
            }
            watcher.topics = Set.copyOf(wanted);
        } catch (IOException e) {
            sendError(channel, watcher, "not JSON: " + e.getMessage());
        }
    }

    private void sendError(WebSocketChannel channel, Watcher watcher, String message) {
        send(channel, watcher, Json.MAPPER.createObjectNode().put("type", "error").put("message", message).toString(),
                true);
    }

    /** Called on the sampler's thread once a second. */
    private void broadcast(Figures figures) {
        if (watchers.isEmpty()) {
            return;
        }
        String figuresText = message("figures", figures);
        String problemsText = problemsText();
        Map<String, String> topicTexts = new ConcurrentHashMap<>();
        for (Map.Entry<WebSocketChannel, Watcher> w : watchers.entrySet()) {
            send(w.getKey(), w.getValue(), figuresText, false);
            send(w.getKey(), w.getValue(), problemsText, true);
            for (String topic : w.getValue().topics) {
                String text = topicTexts.computeIfAbsent(topic, this::topicText);
                if (text != null && !text.isEmpty()) {
                    send(w.getKey(), w.getValue(), text, true);
                }
            }
        }
    }

    private String problemsText() {
        return message("problems", health.problems());
    }

    private String topicText(String topic) {
        try {
            return message(topic, topics.get(topic).get());
        } catch (RuntimeException e) {
            LOG.warn("admin stream: cannot compute topic {}: {}", topic, e.toString());
            return "";
        }
    }

    private static String message(String type, Object data) {
        ObjectNode root = Json.MAPPER.createObjectNode().put("type", type);
        root.set("data", Json.MAPPER.valueToTree(data));
        return root.toString();
    }

    /**
     * Sends unless the watcher is still writing an earlier message; {@code queueAnyway} for messages
     * that must not be skipped (history, errors, topics that follow the figures of the same second).
     */
    private void send(WebSocketChannel channel, Watcher watcher, String text, boolean queueAnyway) {
        if (!channel.isOpen()) {
            watchers.remove(channel);
            return;
        }
        if (!watcher.writing.compareAndSet(false, true) && !queueAnyway) {
            skipped.incrementAndGet();
            return;
        }
        WebSockets.sendText(text, channel, new WebSocketCallback<Void>() {
            @Override
            public void complete(WebSocketChannel ch, Void context) {
                watcher.writing.set(false);
            }

            @Override
            public void onError(WebSocketChannel ch, Void context, Throwable throwable) {
                watcher.writing.set(false);
                LOG.debug("admin stream: write to {} failed: {}", watcher.userId, throwable.toString());
                try {
                    ch.close();
                } catch (IOException e) {
                    // closing anyway
                }
            }
        });
    }

    private static String token(HttpServerExchange exchange) {
        Deque<String> q = exchange.getQueryParameters().get("token");
        if (q != null && !q.isEmpty() && !q.peekFirst().isBlank()) {
            return q.peekFirst();
        }
        String auth = exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return auth.substring(7).trim();
        }
        return null;
    }

    @Override
    public void close() {
        for (WebSocketChannel channel : watchers.keySet()) {
            try {
                WebSockets.sendCloseBlocking(1001, "engine stopping", channel);
            } catch (IOException | RuntimeException e) {
                // already gone
            }
        }
        watchers.clear();
    }
}
