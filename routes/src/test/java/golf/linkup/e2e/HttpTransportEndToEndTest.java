package golf.linkup.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The listening port's HTTP hygiene: half-sent requests and idle connections are closed (they
 * cannot pile up), while WebSocket connections that are only pinged stay open; the operations
 * endpoints and {@code /sse} answer other methods with 405 and {@code Allow}; SSE takes
 * {@code Authorization: Bearer}; the handshake answer does not echo the client's {@code Host}.
 */
class HttpTransportEndToEndTest {

    static EngineInstance engine;

    @BeforeAll
    static void startEngine() throws Exception {
        Map<String, String> overrides = EngineInstance.defaults(SharedRedis.uri());
        overrides.put("linkup.gateway.http.request-timeout", "1s");
        overrides.put("linkup.gateway.http.idle-timeout", "3s");
        overrides.put("linkup.gateway.ping-interval", "1s");
        overrides.put("linkup.gateway.pong-timeout", "2s");
        overrides.put("linkup.gateway.sse.keep-alive", "1s");
        engine = EngineInstance.start(overrides);
    }

    @AfterAll
    static void stopEngine() throws Exception {
        engine.close();
    }

    @Test
    void halfSentRequestsAndSilentConnectionsAreClosedWithoutAToken() throws Exception {
        Map<String, String> kinds = new LinkedHashMap<>();
        kinds.put("a request head that never ends", "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
        kinds.put("a connection that sends nothing", "");
        kinds.put("a body that never ends", "POST /api/v1/notifications/register-token HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Authorization: Bearer " + engine.token("u-slow") + "\r\nContent-Length: 100\r\n\r\n{\"a\":");
        List<Socket> sockets = new ArrayList<>();
        Map<String, List<Socket>> byKind = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, String> kind : kinds.entrySet()) {
                List<Socket> these = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    these.add(open(kind.getValue()));
                }
                sockets.addAll(these);
                byKind.put(kind.getKey(), these);
            }
            byKind.forEach((kind, these) -> await(kind + ": closed by the server").atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> these.stream().allMatch(HttpTransportEndToEndTest::closedByServer)));
        } finally {
            for (Socket s : sockets) {
                s.close();
            }
        }
    }

    @Test
    void aWebSocketThatIsOnlyPingedOutlivesTheIdleTimeout() {
        try (WsTestClient client = engine.connect("u-idle")) {
            client.awaitType("connected");
            await("open past the 3 s idle timeout").during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(7))
                    .until(() -> !client.isClosed());
            assertThat(client.request("ping", null).path("type").asText()).isEqualTo("pong");
        }
    }

    @Test
    void anSseStreamOutlivesTheIdleTimeout() throws Exception {
        try (SseTestClient sse = new SseTestClient(engine.port(), "/sse?token=" + engine.token("u-sse-idle")
                + "&rooms=feed:TECH", null)) {
            sse.await("connected", m -> m.path("type").asText().equals("connected"));
            await("streaming past the 3 s idle timeout").during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(7))
                    .until(() -> sse.comments() > 0 && !sse.isClosed());
        }
    }

    @Test
    void operationsEndpointsAndSseAnswerOtherMethodsWith405AndAllow() throws Exception {
        for (String method : List.of("TRACE", "PUT", "DELETE", "POST")) {
            for (String path : List.of("/health", "/metrics")) {
                String answer = RawWsClient.exchange(engine.port(), method + " " + path
                        + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n");
                assertThat(answer).as(method + " " + path).startsWith("HTTP/1.1 405")
                        .containsIgnoringCase("Allow: GET, HEAD").contains("METHOD_NOT_ALLOWED");
            }
        }
        String post = RawWsClient.exchange(engine.port(), "POST /sse?token=" + engine.token("u-sse")
                + "&rooms=feed:TECH HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n");
        assertThat(post).startsWith("HTTP/1.1 405").containsIgnoringCase("Allow: GET").doesNotContain("event-stream");
        assertThat(RawWsClient.exchange(engine.port(), "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"))
                .startsWith("HTTP/1.1 200");
    }

    @Test
    void sseTakesTheTokenFromTheAuthorizationHeader() throws Exception {
        try (SseTestClient sse = new SseTestClient(engine.port(), "/sse?rooms=feed:TECH", null,
                "Bearer " + engine.token("u-sse-bearer"))) {
            assertThat(sse.status()).isEqualTo(200);
            assertThat(sse.await("connected", m -> m.path("type").asText().equals("connected")).data()
                    .path("userId").asText()).isEqualTo("u-sse-bearer");
        }
    }

    @Test
    void theHandshakeAnswerDoesNotEchoTheHostHeader() throws Exception {
        String answer = RawWsClient.exchange(engine.port(), "GET /?token=" + engine.token("u-host")
                + " HTTP/1.1\r\nHost: evil.example\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 101").doesNotContainIgnoringCase("Sec-WebSocket-Location")
                .doesNotContain("evil.example");
    }

    // ---- helpers

    private static Socket open(String partialRequest) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", engine.port()), 5_000);
        socket.setSoTimeout(20);
        if (!partialRequest.isEmpty()) {
            socket.getOutputStream().write(partialRequest.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
        }
        return socket;
    }

    /** True once the server closed the connection (end of stream or reset), whatever it answered first. */
    private static boolean closedByServer(Socket socket) {
        try {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[1024];
            while (true) {
                if (in.read(buffer) < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false; // still open, nothing to read
        } catch (IOException e) {
            return true;
        }
    }
}
