package golf.linkup.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A real WebSocket client (the JDK's) over a real socket, as a player's app would be. It keeps
 * every message it receives; {@code await…} methods wait with a timeout, never a fixed sleep.
 */
public final class WsTestClient implements WebSocket.Listener, AutoCloseable {

    public static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final AtomicInteger REFS = new AtomicInteger();

    private final LinkedBlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
    private final List<JsonNode> received = new ArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final AtomicInteger pings = new AtomicInteger();
    private final AtomicInteger pongs = new AtomicInteger();
    private WebSocket socket;

    public static WsTestClient connect(int port, String token) {
        return open(URI.create("ws://127.0.0.1:" + port + "/?token=" + token), null);
    }

    /** Any WebSocket URL (the admin stream). */
    public static WsTestClient connect(URI uri) {
        return open(uri, null);
    }

    public static WsTestClient connectWithBearer(int port, String token) {
        return open(URI.create("ws://127.0.0.1:" + port + "/"), "Bearer " + token);
    }

    /** The HTTP status of a refused handshake, or 101 when the upgrade succeeded. */
    public static int handshakeStatus(URI uri, String authorization) {
        try (WsTestClient c = open(uri, authorization)) {
            return 101;
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException h) {
                return h.getResponse().statusCode();
            }
            throw e;
        }
    }

    private static WsTestClient open(URI uri, String authorization) {
        WsTestClient client = new WsTestClient();
        var builder = HTTP.newWebSocketBuilder().connectTimeout(TIMEOUT);
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        client.socket = builder.buildAsync(uri, client).orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
        return client;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                inbox.add(JSON.readTree(partial.toString()));
            } catch (Exception e) {
                inbox.add(JSON.createObjectNode().put("type", "__not-json__").put("text", partial.toString()));
            }
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    /** The JDK answers every ping with a pong by itself; this only counts them. */
    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
        pings.incrementAndGet();
        webSocket.request(1);
        return null;
    }

    /** Server pings received (each answered with a pong by the JDK). */
    public int pings() {
        return pings.get();
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeCode.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closeCode.complete(1006);
    }

    public void send(String text) {
        socket.sendText(text, true).orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
    }

    /** Sends a WebSocket ping control frame (not the protocol's JSON {@code ping}). */
    public void sendPing(byte[] payload) {
        socket.sendPing(ByteBuffer.wrap(payload)).orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
    }

    @Override
    public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
        pongs.incrementAndGet();
        webSocket.request(1);
        return null;
    }

    /** Pong frames received (answers to {@link #sendPing}). */
    public int pongs() {
        return pongs.get();
    }

    public void sendBinary(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
    }

    /** Waits for the first not-yet-consumed message matching {@code match}; earlier others stay recorded. */
    public synchronized JsonNode await(String what, Predicate<JsonNode> match) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        for (JsonNode seen : received) {
            if (match.test(seen) && !seen.has("__consumed")) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) seen).put("__consumed", true);
                return seen;
            }
        }
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                JsonNode next = left > 0 ? inbox.poll(left, TimeUnit.NANOSECONDS) : null;
                if (next == null) {
                    throw new AssertionError("timed out after " + TIMEOUT.toSeconds() + " s waiting for " + what
                            + "; received: " + received);
                }
                received.add(next);
                if (match.test(next)) {
                    ((com.fasterxml.jackson.databind.node.ObjectNode) next).put("__consumed", true);
                    return next;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    public JsonNode awaitType(String type) {
        return await("a '" + type + "' message", m -> type.equals(m.path("type").asText()));
    }

    /** Every message received so far (after draining what has arrived). */
    public synchronized List<JsonNode> received() {
        inbox.drainTo(received);
        return List.copyOf(received);
    }

    public synchronized List<JsonNode> receivedOfType(String type) {
        return received().stream().filter(m -> type.equals(m.path("type").asText())).toList();
    }

    /** Sends a message with a fresh {@code id} and waits for the answer that echoes it as {@code ref}. */
    public JsonNode request(String type, String dataJson) {
        String ref = "r" + REFS.incrementAndGet();
        send("{\"id\":\"" + ref + "\",\"type\":\"" + type + "\"" + (dataJson == null ? "" : ",\"data\":" + dataJson) + "}");
        return await("the answer to " + type + " (ref " + ref + ")", m -> ref.equals(m.path("ref").asText()));
    }

    public JsonNode subscribeFeed(String dataJson) {
        return request("subscribe:feed", dataJson);
    }

    public JsonNode subscribeTeeTime(String teeTimeId) {
        return request("subscribe:tee-time", "{\"teeTimeId\":\"" + teeTimeId + "\"}");
    }

    /** Subscribes asking to recover: {@code sinceJson} is {@code {"room": {"offset": n, "epoch": "e"}}}. */
    public JsonNode subscribeTeeTime(String teeTimeId, String sinceJson) {
        return request("subscribe:tee-time", "{\"teeTimeId\":\"" + teeTimeId + "\",\"since\":" + sinceJson + "}");
    }

    public int awaitClose() {
        return closeCode.orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
    }

    public boolean isClosed() {
        return closeCode.isDone();
    }

    @Override
    public void close() {
        if (socket != null && !socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                    .exceptionally(e -> null).join();
        }
        if (socket != null) {
            socket.abort();
        }
    }
}
