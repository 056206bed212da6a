package golf.linkup.console.sandbox;

import golf.linkup.app.EngineHandle;
import golf.linkup.app.LinkupApplication;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.main.Main;
import org.apache.camel.main.SimpleMainShutdownStrategy;

/**
 * The console's sandbox mode: a whole engine in this process, booted through the application's own
 * Camel Main with the sandbox profile (embedded Redis, H2 with the sample data, GreenMail, the push
 * sandbox) — what {@code bin/linkup sandbox} runs. The console then talks to it exactly as to a
 * remote engine: by URL, with an admin token this class issues.
 *
 * <p>Stopping: Camel Main's own SIGTERM/Ctrl-C hook ("hangup interceptor") only signals a
 * {@code Main.run()} loop and then waits up to 25 s for it; the console never runs that loop (its
 * main thread is JavaFX's), so the hook always ran into the forced shutdown. It is switched off here
 * and this class stops the context itself: on {@link #close()} (the window closed) or from its own
 * JVM shutdown hook (SIGTERM, Ctrl-C), whichever comes first.
 */
public final class SandboxEngine implements AutoCloseable {

    private final Main main;
    private final EngineHandle engine;
    private final String adminToken;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread shutdownHook = new Thread(this::stopQuietly, "sandbox-engine-stop");

    private SandboxEngine(Main main, EngineHandle engine) {
        this.main = main;
        this.engine = engine;
        this.adminToken = engine.jwtIssuer().issue("console", Duration.ofDays(1), List.of("admin"));
    }

    /**
     * Starts the engine; returns once it serves. {@code overrides} win over application.properties
     * and the environment (tests give a free port and their own database).
     */
    public static SandboxEngine start(Map<String, String> overrides) throws Exception {
        Map<String, String> settings = new HashMap<>();
        settings.put("linkup.profile", "sandbox");
        settings.putAll(overrides);
        Main main = LinkupApplication.create(settings);
        main.setShutdownStrategy(new SimpleMainShutdownStrategy()); // no hangup hook: see the class comment
        main.start();
        EngineHandle engine = main.getCamelContext().getRegistry()
                .lookupByNameAndType(EngineHandle.BEAN_NAME, EngineHandle.class);
        if (engine == null) {
            main.stop();
            throw new IllegalStateException("the sandbox engine did not start (see the log above)");
        }
        SandboxEngine sandbox = new SandboxEngine(main, engine);
        Runtime.getRuntime().addShutdownHook(sandbox.shutdownHook);
        return sandbox;
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + engine.httpPort());
    }

    public String adminToken() {
        return adminToken;
    }

    /** A player's token, for clients the operator (or a test) connects. */
    public String userToken(String userId) {
        return engine.jwtIssuer().issue(userId, Duration.ofHours(12));
    }

    public EngineHandle engine() {
        return engine;
    }

    /** Stops the engine once (later calls return at once). */
    @Override
    public void close() throws Exception {
        if (closed.compareAndSet(false, true)) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook is running this
            }
            main.stop();
        }
    }

    private void stopQuietly() {
        try {
            close();
        } catch (Exception e) {
            System.err.println("sandbox engine: stop failed: " + e);
        }
    }
}
