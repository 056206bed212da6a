package golf.linkup.e2e;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One engine as a process of its own (the application's real main class on this test's class
 * path), configured by environment variables as in production, so a test can kill it with SIGKILL:
 * no shutdown hook, no graceful stop, whatever it held in memory or in flight is gone.
 */
final class EngineProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Map<String, String> env;
    private final int port;
    private final Path log;
    private Process process;

    EngineProcess(String name, Map<String, String> env) throws IOException {
        this.name = name;
        this.port = freePort();
        this.env = new HashMap<>(env);
        this.env.put("LINKUP_HTTP_PORT", Integer.toString(port));
        this.env.put("LINKUP_HTTP_HOST", "127.0.0.1");
        this.env.put("LINKUP_INSTANCE_ID", name);
        Files.createDirectories(Path.of("target", "engine-processes"));
        this.log = Path.of("target", "engine-processes", name + ".log");
    }

    /** Starts the process (again, after a kill: same port, same instance id) and waits until it is ready. */
    EngineProcess start() throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"),
                "golf.linkup.app.LinkupApplication"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        process = builder.start();
        await(name + " ready on " + port).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
                    }
                    return ready();
                });
        return this;
    }

    boolean ready() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** SIGKILL: the process ends at once, with nothing flushed or acknowledged. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    int port() {
        return port;
    }

    String name() {
        return name;
    }

    File log() {
        return log.toFile();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy(); // SIGTERM: a graceful stop
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
