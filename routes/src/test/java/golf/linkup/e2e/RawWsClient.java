package golf.linkup.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A WebSocket client written against the socket itself (RFC 6455), for what well-behaved clients
 * never do: it does not answer pings (a dead peer), and it can stop reading altogether (a slow
 * client whose TCP window fills up). Frames from the server are unmasked; its own are masked.
 */
public final class RawWsClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;
    private final LinkedBlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
    private final List<JsonNode> received = new ArrayList<>();
    private final AtomicInteger pings = new AtomicInteger();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final CountDownLatch reading;
    private final Thread reader;

    /**
     * @param readNow false: do not read anything until {@link #startReading()} (the socket's small
     *                receive buffer fills and the server's writes stall)
     */
    public static RawWsClient connect(int port, String token, boolean readNow) throws IOException {
        return new RawWsClient(port, "/?token=" + token, readNow, null);
    }

    public static RawWsClient connect(int port, String pathAndQuery, boolean readNow, String origin) throws IOException {
        return new RawWsClient(port, pathAndQuery, readNow, origin);
    }

    private RawWsClient(int port, String pathAndQuery, boolean readNow, String origin) throws IOException {
        socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        out = socket.getOutputStream();
        in = new DataInputStream(socket.getInputStream());
        String request = "GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + (origin != null ? "Origin: " + origin + "\r\n" : "") + "\r\n";
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String status = readHeaders(in);
        if (!status.startsWith("HTTP/1.1 101")) {
            socket.close();
            throw new IOException("handshake refused: " + status);
        }
        reading = new CountDownLatch(readNow ? 0 : 1);
        reader = new Thread(this::readLoop, "raw-ws-client");
        reader.setDaemon(true);
        reader.start();
    }

    /** The status line of an upgrade request that is refused (or 101). */
    public static String handshakeStatus(int port, String pathAndQuery, String origin) throws IOException {
        try (RawWsClient c = new RawWsClient(port, pathAndQuery, true, origin)) {
            return "HTTP/1.1 101";
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("handshake refused: ")) {
                return e.getMessage().substring("handshake refused: ".length());
            }
            throw e;
        }
    }

    /**
     * Sends {@code request} (a whole HTTP request head) on a new socket and returns the answer's
     * head and its {@code Content-Length} body, as text; for handshakes a WebSocket client would not
     * send.
     */
    public static String exchange(int port, String request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.setSoTimeout(10_000);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            String text = readHead(in);
            var length = java.util.regex.Pattern.compile("(?im)^content-length:\\s*(\\d+)").matcher(text);
            return length.find() ? text + new String(in.readNBytes(Integer.parseInt(length.group(1))),
                    StandardCharsets.UTF_8) : text;
        }
    }

    /** The status line of an answer (its head read through). */
    private static String readHeaders(InputStream in) throws IOException {
        String head = readHead(in);
        return head.substring(0, head.indexOf("\r\n"));
    }

    /** An HTTP answer's head: the status line and headers, through the blank line. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed during the handshake");
            }
            header.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : 0;
        }
        return header.toString(StandardCharsets.UTF_8);
    }

    public void startReading() {
        reading.countDown();
    }

    private void readLoop() {
        try {
            reading.await();
            ByteArrayOutputStream message = new ByteArrayOutputStream();
            while (true) {
                int b0 = in.readUnsignedByte();
                int b1 = in.readUnsignedByte();
                int opcode = b0 & 0x0f;
                long length = b1 & 0x7f;
                if (length == 126) {
                    length = in.readUnsignedShort();
                } else if (length == 127) {
                    length = in.readLong();
                }
                byte[] payload = new byte[(int) length];
                in.readFully(payload);
                switch (opcode) {
                    case 0x9 -> pings.incrementAndGet(); // never answered
                    case 0x8 -> {
                        closeCode.complete(payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005);
                        return;
                    }
                    case 0x1, 0x0 -> {
                        message.write(payload);
                        if ((b0 & 0x80) != 0) {
                            inbox.add(JSON.readTree(message.toString(StandardCharsets.UTF_8)));
                            message.reset();
                        }
                    }
                    default -> {
                    }
                }
            }
        } catch (IOException | InterruptedException e) {
            closeCode.complete(1006);
        }
    }

    /** Sends one masked text frame. */
    public synchronized void send(String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x81);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else {
            frame.write(0x80 | 126);
            frame.write(payload.length >> 8);
            frame.write(payload.length & 0xff);
        }
        byte[] mask = {1, 2, 3, 4};
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    public int pings() {
        return pings.get();
    }

    /** Waits for the first not-yet-seen message matching {@code match}. */
    public JsonNode await(String what, Predicate<JsonNode> match) {
        return await(what, match, WsTestClient.TIMEOUT);
    }

    /** {@link #await} with a longer limit, for steps that move megabytes through a small window. */
    public synchronized JsonNode await(String what, Predicate<JsonNode> match, java.time.Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                JsonNode next = left > 0 ? inbox.poll(left, TimeUnit.NANOSECONDS) : null;
                if (next == null) {
                    throw new AssertionError("timed out after " + timeout + " waiting for " + what + "; received "
                            + received.size()
                            + " messages, the last: " + received.subList(Math.max(0, received.size() - 3), received.size())
                            .stream().map(m -> m.toString().length() > 300 ? m.toString().substring(0, 300) + "…"
                                    : m.toString()).toList());
                }
                received.add(next);
                if (match.test(next)) {
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

    /** Everything received so far, in order. */
    public synchronized List<JsonNode> received() {
        inbox.drainTo(received);
        return List.copyOf(received);
    }

    public int awaitClose() {
        return closeCode.orTimeout(WsTestClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
