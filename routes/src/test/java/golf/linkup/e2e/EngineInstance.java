package golf.linkup.e2e;

import golf.linkup.app.EngineComponents;
import golf.linkup.app.LinkupApplication;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.main.Main;

/**
 * One real engine instance in this JVM, booted through the application's own Camel Main with
 * property overrides: a free HTTP port, the given Redis, and an H2 database of its own unless one
 * is given (two instances given the same URL share it).
 */
public final class EngineInstance implements AutoCloseable {

    private final Main main;
    private final EngineComponents components;

    private EngineInstance(Main main, EngineComponents components) {
        this.main = main;
        this.components = components;
    }

    public static Map<String, String> defaults(URI redis) {
        Map<String, String> p = new HashMap<>();
        p.put("linkup.profile", "sandbox");
        p.put("linkup.http.port", "0");
        p.put("linkup.http.host", "127.0.0.1");
        p.put("linkup.redis.url", redis.toString());
        p.put("linkup.db.url", "jdbc:h2:mem:e2e-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        p.put("linkup.sample-data.load", "false");
        p.put("linkup.templates.dir", "../templates");
        p.put("linkup.push.vapid-keys-file", "target/vapid-keys.json");
        p.put("linkup.instance-id", "test-" + UUID.randomUUID().toString().substring(0, 8));
        return p;
    }

    public static EngineInstance start(Map<String, String> overrides) throws Exception {
        return start(overrides, java.time.Clock.systemUTC());
    }

    /** An instance whose schedules, windows and TTLs read {@code clock}. */
    public static EngineInstance start(Map<String, String> overrides, java.time.Clock clock) throws Exception {
        Main main = LinkupApplication.create(overrides, clock);
        main.start();
        EngineComponents components = main.getCamelContext().getRegistry()
                .lookupByNameAndType(EngineComponents.BEAN_NAME, EngineComponents.class);
        if (components == null) {
            main.stop();
            throw new IllegalStateException("engine did not start");
        }
        return new EngineInstance(main, components);
    }

    public EngineComponents engine() {
        return components;
    }

    public org.apache.camel.CamelContext camel() {
        return main.getCamelContext();
    }

    public int port() {
        return components.httpPort();
    }

    public String token(String userId) {
        return components.jwtIssuer().issue(userId, java.time.Duration.ofHours(1));
    }

    public WsTestClient connect(String userId) {
        return WsTestClient.connect(port(), token(userId));
    }

    @Override
    public void close() throws Exception {
        main.stop();
    }
}
