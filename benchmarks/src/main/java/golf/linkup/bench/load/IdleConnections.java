package golf.linkup.bench.load;

import golf.linkup.engine.auth.JwtIssuer;
import golf.linkup.engine.config.EngineSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Idle connections against a running engine (start one with {@code bin/linkup sandbox}): opens
 * {@code connections} authenticated WebSocket connections that then stay idle (they answer the
 * engine's pings, nothing else), and measures the engine process's resident memory (VmRSS) and
 * used heap per connection, each after a full GC ({@code jcmd GC.run}), before and after.
 *
 * <p>One process can hold fewer sockets than its open-files limit, so the connections are opened
 * by child JVMs of this tool, {@code per-process} each; this process only measures. The clients
 * are raw sockets with a hand-written handshake and frame reader (a few hundred bytes each), so
 * thousands fit in one child. Users are {@code idle-0000..}: {@code users} of them, each with
 * {@code connections / users} connections (keep that under {@code linkup.gateway.max-connections-per-user}).
 *
 * <p>Loopback only; stops by itself after measuring.
 *
 * <pre>java -cp 'benchmarks/target/linkup-benchmarks.jar:benchmarks/target/lib/*' \
 *   golf.linkup.bench.load.IdleConnections --connections 19500 --users 4000 [--histogram /tmp/idle]
 *   [--after-gc false --settle 120]</pre>
 *
 * <p>{@code --after-gc false}: the "after" sample is read {@code settle} seconds after the last
 * connection opened, without forcing a GC (the engine's periodic GC, when configured, has run).
 */
public final class IdleConnections {

    public static void main(String[] args) throws Exception {
        Map<String, String> o = LoadOptions.parse(args);
        if (o.containsKey("child")) {
            child(o);
            return;
        }
        Properties sandbox = LoadOptions.sandbox(o);
        int port = Integer.parseInt(o.getOrDefault("port", sandbox.getProperty("http.port", "3001")));
        long pid = Long.parseLong(o.getOrDefault("pid", sandbox.getProperty("pid", "-1")));
        int connections = Integer.parseInt(o.getOrDefault("connections", "20000"));
        int users = Integer.parseInt(o.getOrDefault("users", Integer.toString(Math.max(1, connections / 4))));
        int perProcess = Integer.parseInt(o.getOrDefault("per-process", "10000"));
        int settle = Integer.parseInt(o.getOrDefault("settle", "5"));
        String histogram = o.get("histogram");
        // false: the "after" sample is taken as the engine's own collector left the heap (no jcmd
        // GC.run), after --settle seconds; checks that the forced GC does not flatter the figure
        boolean gcAfter = Boolean.parseBoolean(o.getOrDefault("after-gc", "true"));
        if (pid <= 0) {
            throw new IllegalArgumentException("the engine's pid is needed (--pid, or the sandbox state file)");
        }
        System.out.printf("engine pid %d ws://127.0.0.1:%d: %d idle connections of %d users, %d per client process%n",
                pid, port, connections, users, perProcess);

        awaitFewSockets(pid);
        Sample before = settled(pid);
        System.out.printf("before: %s%n", before);
        if (histogram != null) {
            jcmd(pid, "GC.class_histogram", Path.of(histogram + "-before.txt"));
        }
        List<Process> children = new ArrayList<>();
        long started = System.nanoTime();
        int opened = 0;
        for (int from = 0; from < connections; from += perProcess) {
            int count = Math.min(perProcess, connections - from);
            List<String> cmd = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m", "-Xss256k", "-cp", System.getProperty("java.class.path"),
                    IdleConnections.class.getName(), "--child", "1", "--port", Integer.toString(port),
                    "--from", Integer.toString(from), "--count", Integer.toString(count),
                    "--users", Integer.toString(users), "--secret",
                    o.getOrDefault("secret", EngineSettings.SANDBOX_JWT_SECRET)));
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            children.add(p);
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("ready")) {
                System.out.println("  child: " + line);
            }
            if (line == null) {
                throw new IllegalStateException("a client process ended before its connections were open");
            }
            opened += Integer.parseInt(line.substring("ready ".length()).trim());
        }
        System.out.printf("opened %d connections in %.1f s%n", opened, (System.nanoTime() - started) / 1e9);
        try {
            TimeUnit.SECONDS.sleep(settle);
            Sample after = gcAfter ? settled(pid) : sample(pid);
            System.out.printf("after:  %s%n", after);
            if (histogram != null) {
                jcmd(pid, "GC.class_histogram", Path.of(histogram + "-after.txt"));
                System.out.println("class histograms in " + histogram + "-before.txt and -after.txt");
            }
            System.out.printf("per connection: %.0f bytes resident (VmRSS delta / %d), %.0f bytes of heap used"
                    + " (%s), %d threads before, %d after%n",
                    (after.rssKb - before.rssKb) * 1024.0 / opened, opened,
                    (after.heapUsedKb - before.heapUsedKb) * 1024.0 / opened,
                    gcAfter ? "after a full GC" : "as the collector left it, garbage included", before.threads,
                    after.threads);
            for (Process p : children) {
                if (!p.isAlive()) {
                    System.out.println("warning: a client process ended early (its connections were closed)");
                }
            }
        } finally {
            for (Process p : children) {
                p.getOutputStream().close(); // the child closes its sockets and ends
            }
            for (Process p : children) {
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroy();
                }
            }
        }
    }

    /** Waits (up to 2 minutes) until the engine holds fewer than 1,000 file descriptors: an earlier run's connections are gone. */
    private static void awaitFewSockets(long pid) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            try (var fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
                if (fds.count() < 1_000) {
                    return;
                }
            }
            TimeUnit.SECONDS.sleep(1);
        }
        System.out.println("warning: the engine still holds over 1,000 file descriptors (an earlier run's sockets?)");
    }

    /** Resident memory, heap used and threads of the engine after a full GC, measured twice 2 s apart (the second is kept). */
    private static Sample settled(long pid) throws IOException, InterruptedException {
        Sample s = null;
        for (int i = 0; i < 2; i++) {
            jcmd(pid, "GC.run", null);
            TimeUnit.SECONDS.sleep(2);
            s = sample(pid);
            System.out.printf("  sample %d: %s%n", i + 1, s);
        }
        return s;
    }

    record Sample(long rssKb, long heapUsedKb, long heapCommittedKb, int threads) {
        @Override
        public String toString() {
            return String.format("VmRSS %,d kB, heap used %,d kB of %,d kB committed, %d threads", rssKb, heapUsedKb,
                    heapCommittedKb, threads);
        }
    }

    private static Sample sample(long pid) throws IOException, InterruptedException {
        long rss = -1;
        int threads = -1;
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(line.replaceAll("\\D", ""));
            } else if (line.startsWith("Threads:")) {
                threads = Integer.parseInt(line.replaceAll("\\D", ""));
            }
        }
        // " garbage-first heap   total 262144K, used 61234K [0x..." (G1) or the collector's equivalent
        String heap = jcmd(pid, "GC.heap_info", null);
        long used = -1;
        long total = -1;
        var m = java.util.regex.Pattern.compile("total (\\d+)K, used (\\d+)K").matcher(heap);
        if (m.find()) {
            total = Long.parseLong(m.group(1));
            used = Long.parseLong(m.group(2));
        }
        return new Sample(rss, used, total, threads);
    }

    private static String jcmd(long pid, String command, Path to) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        p.waitFor();
        if (to != null) {
            Files.write(to, out);
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------------------ client process

    /** Opens the connections, prints {@code ready N}, answers pings until stdin closes. */
    private static void child(Map<String, String> o) throws Exception {
        int port = Integer.parseInt(o.get("port"));
        int from = Integer.parseInt(o.get("from"));
        int count = Integer.parseInt(o.get("count"));
        int users = Integer.parseInt(o.get("users"));
        JwtIssuer tokens = new JwtIssuer(o.get("secret"), Clock.systemUTC());
        InetSocketAddress engine = new InetSocketAddress("127.0.0.1", port);
        Selector selector = Selector.open();
        List<Client> clients = new ArrayList<>(count);
        int batch = 100;
        for (int i = 0; i < count; i += batch) {
            List<Client> pending = new ArrayList<>();
            for (int j = i; j < Math.min(count, i + batch); j++) {
                int n = from + j;
                String token = tokens.issue(String.format("idle-%04d", n % users), Duration.ofHours(6));
                SocketChannel ch = SocketChannel.open(engine);
                ch.write(ByteBuffer.wrap(("GET /?token=" + token + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                        + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
                        + "dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nUser-Agent: linkup-idle\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII)));
                pending.add(new Client(ch));
            }
            for (Client c : pending) {
                c.handshake();
                c.channel.configureBlocking(false);
                c.channel.register(selector, SelectionKey.OP_READ, c);
                clients.add(c);
            }
        }
        System.out.println("ready " + clients.size());
        System.out.flush();
        Thread reader = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    selector.select(1000);
                    for (SelectionKey key : selector.selectedKeys()) {
                        ((Client) key.attachment()).readable();
                    }
                    selector.selectedKeys().clear();
                }
            } catch (IOException | java.nio.channels.ClosedSelectorException e) {
                // closing down
            }
        }, "idle-reader");
        reader.setDaemon(true);
        reader.start();
        while (System.in.read() >= 0) {
            // hold until the parent closes our stdin
        }
        long closedByServer = clients.stream().filter(c -> c.closed).count();
        System.err.printf("client process %d..%d: %d of %d closed by the engine, %d pings answered%n", from,
                from + count - 1, closedByServer, clients.size(), clients.stream().mapToLong(c -> c.pings).sum());
        for (Client c : clients) {
            c.channel.close();
        }
    }

    /** One raw WebSocket client: reads frames, answers pings with masked pongs. */
    private static final class Client {
        final SocketChannel channel;
        ByteBuffer in = ByteBuffer.allocate(512);
        volatile boolean closed;
        long pings;

        Client(SocketChannel channel) {
            this.channel = channel;
        }

        /** Reads the 101 answer (blocking); bytes after it stay in {@code in} as frames. */
        void handshake() throws IOException {
            while (true) {
                if (channel.read(in) < 0) {
                    throw new IOException("closed during the handshake");
                }
                String text = new String(in.array(), 0, in.position(), StandardCharsets.ISO_8859_1);
                int end = text.indexOf("\r\n\r\n");
                if (end >= 0) {
                    if (!text.startsWith("HTTP/1.1 101")) {
                        throw new IOException("handshake refused: " + text.lines().findFirst().orElse(text));
                    }
                    in.flip();
                    in.position(end + 4);
                    in.compact();
                    return;
                }
                if (!in.hasRemaining()) {
                    in = ByteBuffer.allocate(in.capacity() * 2).put(in.flip());
                }
            }
        }

        void readable() throws IOException {
            int n;
            try {
                n = channel.read(in);
            } catch (IOException e) {
                n = -1;
            }
            if (n < 0) {
                closed = true;
                channel.close();
                return;
            }
            in.flip();
            while (in.remaining() >= 2) {
                int start = in.position();
                int b0 = in.get(start) & 0xff;
                int b1 = in.get(start + 1) & 0x7f;
                int header = 2;
                long length = b1;
                if (b1 == 126) {
                    if (in.remaining() < 4) {
                        break;
                    }
                    length = in.getShort(start + 2) & 0xffff;
                    header = 4;
                } else if (b1 == 127) {
                    if (in.remaining() < 10) {
                        break;
                    }
                    length = in.getLong(start + 2);
                    header = 10;
                }
                if (in.remaining() < header + length) {
                    break;
                }
                int opcode = b0 & 0x0f;
                byte[] payload = new byte[(int) length];
                in.position(start + header);
                in.get(payload);
                if (opcode == 0x9) {
                    pings++;
                    pong(payload);
                } else if (opcode == 0x8) {
                    closed = true;
                }
            }
            in.compact();
            if (!in.hasRemaining()) {
                in = ByteBuffer.allocate(in.capacity() * 2).put(in.flip());
            }
        }

        private void pong(byte[] payload) throws IOException {
            byte[] mask = new byte[4];
            ThreadLocalRandom.current().nextBytes(mask);
            ByteBuffer frame = ByteBuffer.allocate(6 + payload.length);
            frame.put((byte) 0x8A).put((byte) (0x80 | payload.length)).put(mask);
            for (int i = 0; i < payload.length; i++) {
                frame.put((byte) (payload[i] ^ mask[i & 3]));
            }
            frame.flip();
            while (frame.hasRemaining()) {
                channel.write(frame);
            }
        }
    }
}
