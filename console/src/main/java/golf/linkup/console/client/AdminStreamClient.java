package golf.linkup.console.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The admin stream ({@code /api/v1/admin/stream}): hands each message's type and data to a listener
 * (on the client's own thread: hand off, do not block), tells the engine which topics to push, and
 * reconnects after a lost connection (1 s, doubling up to 10 s). A refused handshake (401/403) is
 * not retried: the token will not get better.
 */
public final class AdminStreamClient implements AutoCloseable {

    /** Connection state for the window's status line. */
    public enum State { CONNECTING, CONNECTED, RECONNECTING, REFUSED, CLOSED }

    private final AdminClient client;
    private final BiConsumer<String, JsonNode> onMessage;
    private final Consumer<State> onState;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ScheduledExecutorService retry = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "console-stream-retry");
        t.setDaemon(true);
        return t;
    });
    private volatile WebSocket socket;
    private volatile Set<String> topics = Set.of();
    private volatile boolean closed;
    private long backoffMillis = 1_000;

    public AdminStreamClient(AdminClient client, BiConsumer<String, JsonNode> onMessage, Consumer<State> onState) {
        this.client = client;
        this.onMessage = onMessage;
        this.onState = onState;
    }

    public void connect() {
        onState.accept(State.CONNECTING);
        http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(client.streamUri(), new Listener())
                .whenComplete((ws, failure) -> {
                    if (failure == null) {
                        socket = ws;
                        backoffMillis = 1_000;
                        onState.accept(State.CONNECTED);
                        sendTopics();
                    } else if (failure.getCause() instanceof WebSocketHandshakeException h
                            && h.getResponse().statusCode() / 100 == 4) {
                        onState.accept(State.REFUSED);
                    } else {
                        scheduleReconnect();
                    }
                });
    }

    /** Replaces the watched topics (figures always come). */
    public void watch(Set<String> wanted) {
        topics = Set.copyOf(wanted);
        sendTopics();
    }

    private void sendTopics() {
        WebSocket ws = socket;
        if (ws != null) {
            try {
                ws.sendText(AdminClient.JSON.createObjectNode().put("type", "watch")
                        .set("topics", AdminClient.JSON.valueToTree(List.copyOf(topics))).toString(), true);
            } catch (RuntimeException e) {
                // closed meanwhile: the reconnect sends the topics again
            }
        }
    }

    private void scheduleReconnect() {
        socket = null;
        if (closed) {
            return;
        }
        onState.accept(State.RECONNECTING);
        long delay = backoffMillis;
        backoffMillis = Math.min(10_000, backoffMillis * 2);
        retry.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    JsonNode message = AdminClient.JSON.readTree(text);
                    onMessage.accept(message.path("type").asText(), message.path("data"));
                } catch (Exception e) {
                    onMessage.accept("error", AdminClient.JSON.createObjectNode().put("message", e.toString()));
                }
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            scheduleReconnect();
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            scheduleReconnect();
        }
    }

    @Override
    public void close() {
        closed = true;
        retry.shutdownNow();
        WebSocket ws = socket;
        if (ws != null) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "console closed");
        }
        onState.accept(State.CLOSED);
    }
}
