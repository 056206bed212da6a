package golf.linkup.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * An EventSource as a browser runs it, over a plain socket: GET with {@code Accept: text/event-stream}
 * (and {@code Last-Event-ID} when reconnecting), then events parsed line by line (chunked or not).
 */
public final class SseTestClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One event: its id (null when it had none) and its data parsed. */
    public record Event(String id, JsonNode data) {
    }

    private final Socket socket;
    private final int status;
    private final String body;
    private final LinkedBlockingQueue<Event> inbox = new LinkedBlockingQueue<>();
    private final List<Event> received = new ArrayList<>();
    private final AtomicInteger comments = new AtomicInteger();
    private volatile boolean ended;

    public SseTestClient(int port, String pathAndQuery, String lastEventId) throws IOException {
        this(port, pathAndQuery, lastEventId, null);
    }

    /** @param authorization an {@code Authorization} header value, or null */
    public SseTestClient(int port, String pathAndQuery, String lastEventId, String authorization) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
                + (lastEventId != null ? "Last-Event-ID: " + lastEventId + "\r\n" : "")
                + (authorization != null ? "Authorization: " + authorization + "\r\n" : "") + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
        out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        String statusLine = in.readLine();
        status = Integer.parseInt(statusLine.split(" ")[1]);
        boolean chunked = false;
        int length = -1;
        for (String h = in.readLine(); h != null && !h.isEmpty(); h = in.readLine()) {
            String lower = h.toLowerCase();
            chunked |= lower.startsWith("transfer-encoding:") && lower.contains("chunked");
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(h.substring(15).trim());
            }
        }
        if (status != 200) {
            char[] buf = new char[Math.max(0, length)];
            int read = 0;
            while (read < buf.length) {
                int n = in.read(buf, read, buf.length - read);
                if (n < 0) {
                    break;
                }
                read += n;
            }
            body = new String(buf, 0, read);
            socket.close();
            return;
        }
        body = null;
        boolean isChunked = chunked;
        Thread reader = new Thread(() -> read(in, isChunked), "sse-test-client");
        reader.setDaemon(true);
        reader.start();
    }

    private void read(BufferedReader in, boolean chunked) {
        try {
            String id = null;
            StringBuilder data = new StringBuilder();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (chunked && line.matches("[0-9a-fA-F]+") && data.length() == 0 && id == null) {
                    continue; // a chunk size line between events
                }
                if (line.isEmpty()) {
                    if (data.length() > 0) {
                        inbox.add(new Event(id, JSON.readTree(data.toString())));
                    }
                    id = null;
                    data.setLength(0);
                } else if (line.startsWith(":")) {
                    comments.incrementAndGet();
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).trim());
                }
            }
        } catch (IOException e) {
            // closed
        }
        ended = true;
    }

    /** True once the stream ended (the server closed it). */
    public boolean isClosed() {
        return ended;
    }

    public int status() {
        return status;
    }

    /** The JSON body of a refused request. */
    public JsonNode error() throws IOException {
        return JSON.readTree(body);
    }

    public int comments() {
        return comments.get();
    }

    public synchronized Event await(String what, Predicate<JsonNode> match) {
        long deadline = System.nanoTime() + WsTestClient.TIMEOUT.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                Event next = left > 0 ? inbox.poll(left, TimeUnit.NANOSECONDS) : null;
                if (next == null) {
                    throw new AssertionError("timed out waiting for " + what + "; received " + received);
                }
                received.add(next);
                if (match.test(next.data())) {
                    return next;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public synchronized List<Event> received() {
        inbox.drainTo(received);
        return List.copyOf(received);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
