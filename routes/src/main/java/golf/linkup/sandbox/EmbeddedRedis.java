package golf.linkup.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import redis.embedded.RedisServer;

/**
 * A real Redis server (the binary bundled in {@code com.github.codemonstur:embedded-redis}) on a
 * free loopback port, with no persistence. For the sandbox and tests; production uses an external one.
 */
public final class EmbeddedRedis implements AutoCloseable {

    private final RedisServer server;
    private final int port;

    private EmbeddedRedis(RedisServer server, int port) {
        this.server = server;
        this.port = port;
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
        try {
            RedisServer server = RedisServer.newRedisServer()
                    .port(port)
                    .bind("127.0.0.1")
                    .setting("save \"\"")
                    .setting("appendonly no")
                    // our life cycle stops it, after the clients that use it; the library's own JVM
                    // shutdown hook would kill it while the engine still shuts down (seen: a hang)
                    .onShutdownForceStop(false)
                    .build();
            server.start();
            return new EmbeddedRedis(server, port);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start an embedded Redis on port " + port, e);
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
        try {
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
