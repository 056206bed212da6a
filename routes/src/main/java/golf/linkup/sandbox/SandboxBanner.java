package golf.linkup.sandbox;

import golf.linkup.app.EngineHandle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says the engine is ready, in one line: the WebSocket and HTTP URLs, the Redis address and how to
 * get a token. In the sandbox it also writes its {@link SandboxState} file so {@code bin/linkup publish}
 * finds the embedded Redis, and removes it when the engine stops ({@link #retire}).
 */
public final class SandboxBanner {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxBanner.class);
    /** The state files this process wrote (one per sandbox engine in it), removed at stop. */
    private static final java.util.Map<EngineHandle, Path> WRITTEN = new java.util.concurrent.ConcurrentHashMap<>();

    private SandboxBanner() {
    }

    public static void announce(EngineHandle engine) {
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

    private static void writeState(EngineHandle engine, int port) {
        try {
            WRITTEN.put(engine, SandboxState.write(SandboxState.DIRECTORY, port, engine.redis().uri().toString(),
                    engine.settings().intake().legacyChannel(), engine.settings().intake().stream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The engine is stopping: its state file goes, so {@code bin/linkup publish} no longer finds it. */
    public static void retire(EngineHandle engine) {
        Path file = WRITTEN.remove(engine);
        if (file != null) {
            SandboxState.remove(file);
        }
    }
}
