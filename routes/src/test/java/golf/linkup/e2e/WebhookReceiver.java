package golf.linkup.e2e;

import com.sun.net.httpserver.HttpServer;
import golf.linkup.engine.webhook.WebhookSignature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * An API server's webhook endpoint on a real loopback socket (the JDK's HTTP server): it records
 * every request, verifies its signature as a receiver would ({@link WebhookSignature#verify}, 5
 * minutes of tolerance), and answers what {@code answer} says for it: a status, or {@link #HANG}
 * to answer nothing until the receiver is closed.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** Answer nothing (the sender times out). */
    public static final int HANG = -1;

    /** One request as received. */
    public record Received(String eventId, String eventType, int attempt, String signature, boolean signatureValid,
            String body, int answered) {

        /** The JSON body's {@code userId}, read naively (the bodies here are flat objects of strings). */
        public String userId() {
            int at = body.indexOf("\"userId\":\"");
            return at < 0 ? "" : body.substring(at + 10, body.indexOf('"', at + 10));
        }
    }

    private final HttpServer server;
    private final WebhookSignature verifier;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile Function<Received, Integer> answer = r -> 200;

    public WebhookReceiver(String secret) throws IOException {
        // the JDK server writes an answer's head and body apart: without TCP_NODELAY each answer waits
        // for the client's delayed ACK (~40 ms), and the receiver, not the sender, would set the pace
        System.setProperty("sun.net.httpserver.nodelay", "true");
        verifier = new WebhookSignature(secret);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/hooks/linkup", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            var headers = exchange.getRequestHeaders();
            String signature = headers.getFirst(WebhookSignature.HEADER);
            Received request = new Received(headers.getFirst("X-LinkUp-Event-Id"),
                    headers.getFirst("X-LinkUp-Event-Type"), Integer.parseInt(headers.getFirst("X-LinkUp-Attempt")),
                    signature, verifier.verify(signature, body, Instant.now().getEpochSecond(), 300),
                    new String(body, StandardCharsets.UTF_8), 0);
            int status = answer.apply(request);
            received.add(new Received(request.eventId(), request.eventType(), request.attempt(), signature,
                    request.signatureValid(), request.body(), status));
            if (status == HANG) {
                try {
                    closing.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
                return;
            }
            byte[] reply = (status >= 400 ? "{\"error\":\"test says " + status + "\"}" : "ok")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, reply.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply);
            }
        });
        server.start();
    }

    /** How to answer each request from now on. */
    public WebhookReceiver answering(Function<Received, Integer> answer) {
        this.answer = answer;
        return this;
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/linkup");
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> forEvent(String eventId) {
        return received.stream().filter(r -> eventId.equals(r.eventId())).toList();
    }

    public List<Received> forUser(String userId) {
        return received.stream().filter(r -> userId.equals(r.userId())).toList();
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
