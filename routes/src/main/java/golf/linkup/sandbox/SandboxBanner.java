package golf.linkup.sandbox;

import golf.linkup.app.EngineComponents;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says the engine is ready, in one line: the WebSocket and HTTP URLs, the Redis address and how to
 * get a token. In the sandbox it also writes {@code .linkup/sandbox.properties} so
 * {@code bin/linkup publish} finds the embedded Redis.
 */
public final class SandboxBanner {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxBanner.class);
    public static final Path STATE_FILE = Path.of(".linkup", "sandbox.properties");

    private SandboxBanner() {
    }

    public static void announce(EngineComponents engine) {
        int port = engine.httpPort();
        String redis = engine.redis().describe();
        String line = String.format("LinkUp engine ready (%s): ws://localhost:%d/?token=JWT  http://localhost:%d/health"
                        + "  redis %s  token: bin/linkup token user-0001",
                engine.settings().profile().name().toLowerCase(java.util.Locale.ROOT), port, port, redis)
                + (engine.settings().demo().enabled() ? String.format("  demo: http://localhost:%d/demo/", port) : "");
        System.out.println(line);
        LOG.info(line);
        if (engine.settings().sandbox()) {
            writeState(engine, port);
        }
    }

    private static void writeState(EngineComponents engine, int port) {
        Properties p = new Properties();
        p.setProperty("redis.url", engine.redis().uri().toString());
        p.setProperty("http.port", Integer.toString(port));
        p.setProperty("events.channel", engine.settings().intake().legacyChannel());
        p.setProperty("events.stream", engine.settings().intake().stream());
        p.setProperty("pid", Long.toString(ProcessHandle.current().pid()));
        try {
            Files.createDirectories(STATE_FILE.getParent());
            try (var out = Files.newBufferedWriter(STATE_FILE)) {
                p.store(out, "written by the running LinkUp sandbox; read by bin/linkup publish");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
