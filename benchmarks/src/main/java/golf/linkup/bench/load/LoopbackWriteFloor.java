package golf.linkup.bench.load;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The floor under any server's CPU per delivered message on this machine: the kernel's cost of one
 * small {@code write} to a loopback TCP socket. One thread writes a message of the fan-out's size
 * to each of {@code connections} sockets in turn, {@code rate} rounds per second (the fan-out
 * load's shape: 1,000 connections, 40 rounds/s = 40,000 writes/s), with nothing else: no framing,
 * no queues, no JSON. A second thread reads every socket through one selector (the receiving side).
 * Reports the writer thread's CPU time (user + system) per write. On loopback that time includes
 * the receiving socket's TCP processing, which the kernel runs in the sender's context: a
 * WebSocket server measured by the fan-out load pays it too.
 *
 * <pre>java -cp 'benchmarks/target/linkup-benchmarks.jar:benchmarks/target/lib/*' \
 *   golf.linkup.bench.load.LoopbackWriteFloor --connections 1000 --rate 40 --seconds 20 --bytes 330</pre>
 */
public final class LoopbackWriteFloor {

    public static void main(String[] args) throws Exception {
        Map<String, String> o = LoadOptions.parse(args);
        int connections = Integer.parseInt(o.getOrDefault("connections", "1000"));
        int rate = Integer.parseInt(o.getOrDefault("rate", "40"));
        int seconds = Integer.parseInt(o.getOrDefault("seconds", "20"));
        int bytes = Integer.parseInt(o.getOrDefault("bytes", "330"));

        List<SocketChannel> writers = new ArrayList<>();
        Selector readSelector = Selector.open();
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            for (int i = 0; i < connections; i++) {
                SocketChannel reader = SocketChannel.open(server.getLocalAddress());
                SocketChannel writer = server.accept();
                writer.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
                reader.configureBlocking(false);
                reader.register(readSelector, SelectionKey.OP_READ);
                writers.add(writer);
            }
        }
        AtomicLong read = new AtomicLong();
        Thread readerThread = new Thread(() -> drain(readSelector, read), "reader");
        readerThread.setDaemon(true);
        readerThread.start();

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        ByteBuffer message = ByteBuffer.allocateDirect(bytes);
        for (int phase = 0; phase < 2; phase++) { // a warm-up, then the measured run
            int rounds = rate * (phase == 0 ? Math.max(2, seconds / 4) : seconds);
            long interval = 1_000_000_000L / rate;
            long cpuBefore = threads.getCurrentThreadCpuTime();
            long userBefore = threads.getCurrentThreadUserTime();
            long next = System.nanoTime();
            for (int r = 0; r < rounds; r++) {
                while (System.nanoTime() < next) {
                    LockSupport.parkNanos(next - System.nanoTime());
                }
                next += interval;
                for (SocketChannel w : writers) {
                    message.clear();
                    while (message.hasRemaining()) {
                        w.write(message);
                    }
                }
            }
            long cpu = threads.getCurrentThreadCpuTime() - cpuBefore;
            long user = threads.getCurrentThreadUserTime() - userBefore;
            long writes = (long) rounds * connections;
            if (phase == 1) {
                System.out.printf("%d writes of %d bytes to %d loopback sockets at %d/s: writer CPU %.2f us per write"
                        + " (user %.2f, system %.2f)%n", writes, bytes, connections, rate * connections,
                        cpu / 1e3 / writes, user / 1e3 / writes, (cpu - user) / 1e3 / writes);
            }
        }
        for (SocketChannel w : writers) {
            w.close();
        }
    }

    private static void drain(Selector selector, AtomicLong read) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
        try {
            while (selector.isOpen()) {
                selector.select();
                for (SelectionKey key : selector.selectedKeys()) {
                    buffer.clear();
                    int n = ((SocketChannel) key.channel()).read(buffer);
                    if (n < 0) {
                        key.cancel();
                    } else {
                        read.addAndGet(n);
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (Exception e) {
            // closed at the end
        }
    }
}
