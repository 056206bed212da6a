package golf.linkup.sandbox;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.core.ExecutableProvider;

/**
 * A real Redis server (the binary bundled in {@code com.github.codemonstur:embedded-redis}) on a
 * free loopback port, with no persistence. For the sandbox and tests; production uses an external one.
 *
 * <p>The process is run here, not by the library's {@code RedisServer}: that one always registers
 * a JVM shutdown hook that stops Redis at once, alongside Camel's own shutdown hook, so on SIGTERM
 * the routes still draining lost their Redis (seen: connection failures, and a graceful shutdown
 * that timed out after 10 s). Here {@link #close()} stops it, after the engine's clients; a
 * shutdown hook stops it only when nobody did, and waits for {@link #close()} first (bounded), so
 * no {@code redis-server} outlives the JVM. The server runs in its own session (where
 * {@code setsid} exists), so Ctrl-C in the sandbox's terminal reaches only the engine, which then
 * stops Redis in its turn.
 */
public final class EmbeddedRedis implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRedis.class);
    private static final long READY_TIMEOUT_SECONDS = 15;
    /** How long the shutdown hook lets the engine's own close come first. */
    private static final long HOOK_WAITS_FOR_CLOSE_SECONDS = 30;
    /** util-linux {@code setsid}: runs the program in place (same pid) in a new session. */
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private final Process process;
    private final int port;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread hook;

    private EmbeddedRedis(Process process, int port) {
        this.process = process;
        this.port = port;
        this.hook = new Thread(this::stopWhenNobodyDid, "embedded-redis-" + port + "-cleaner");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    public static EmbeddedRedis start() {
        IOException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                return startOn(freePort());
            } catch (UncheckedIOException e) {
                last = e.getCause(); // the port was taken between probing and binding: try another
            }
        }
        throw new UncheckedIOException("could not start an embedded Redis", last);
    }

    /** Starts on a given loopback port (tests restart a server where clients expect it). */
    public static EmbeddedRedis startOn(int port) {
        return startOn(port, null);
    }

    /**
     * Starts on a given loopback port; with {@code appendOnlyDir}, with persistence (AOF, fsync every
     * second) in that folder, so a server started again there has the data back (the event stream
     * included), as production's Redis must.
     */
    public static EmbeddedRedis startOn(int port, Path appendOnlyDir) {
        Process process = null;
        try {
            File binary = ExecutableProvider.newJarResourceProvider().get();
            List<String> command = new ArrayList<>();
            if (Files.isExecutable(SETSID)) {
                // its own session: Ctrl-C in the terminal signals the engine's process group, and
                // Redis would exit at once while the engine still drains through it
                command.add(SETSID.toString());
            }
            command.addAll(List.of(binary.getAbsolutePath(), "--port", Integer.toString(port),
                    "--bind", "127.0.0.1", "--save", ""));
            if (appendOnlyDir == null) {
                command.addAll(List.of("--appendonly", "no"));
            } else {
                command.addAll(List.of("--appendonly", "yes", "--appendfsync", "everysec",
                        "--dir", appendOnlyDir.toAbsolutePath().toString()));
            }
            process = new ProcessBuilder(command)
                    .directory(binary.getParentFile())
                    .redirectErrorStream(true)
                    .start();
            awaitReady(process, port);
            return new EmbeddedRedis(process, port);
        } catch (IOException e) {
            stop(process);
            throw new UncheckedIOException("could not start an embedded Redis on port " + port, e);
        }
    }

    /** Reads the server's log until it accepts connections; keeps draining it afterwards (a full pipe would block Redis). */
    private static void awaitReady(Process process, int port) throws IOException {
        CompletableFuture<Void> ready = new CompletableFuture<>();
        StringBuffer early = new StringBuffer(); // the waiting thread reads it for its error message
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (!ready.isDone()) {
                        early.append(line).append('\n');
                        if (line.contains("Ready to accept connections")) {
                            ready.complete(null);
                        }
                    } else {
                        LOG.debug("redis:{} {}", port, line);
                    }
                }
            } catch (IOException e) {
                // the process ended: the wait below says so
            }
            ready.completeExceptionally(new IOException("redis-server ended before it was ready: " + early));
        }, "embedded-redis-" + port + "-log");
        reader.setDaemon(true);
        reader.start();
        try {
            ready.get(READY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("redis-server not ready after " + READY_TIMEOUT_SECONDS + " s: " + early);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while redis-server started", e);
        }
    }

    public int port() {
        return port;
    }

    public URI uri() {
        return URI.create("redis://127.0.0.1:" + port);
    }

    @Override
    public void close() {
        stop(process);
        closed.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook is running and sees that close came first
        }
    }

    private void stopWhenNobodyDid() {
        try {
            closed.await(HOOK_WAITS_FOR_CLOSE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stop(process);
    }

    /** SIGTERM (Redis exits at once: nothing to save), then SIGKILL after 5 s. */
    private static void stop(Process process) {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
