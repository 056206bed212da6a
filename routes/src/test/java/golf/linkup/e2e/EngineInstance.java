package golf.linkup.e2e;

import golf.linkup.app.EngineHandle;
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
    private final EngineHandle components;

    private EngineInstance(Main main, EngineHandle components) {
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
        if (OPEN.get() == 0) {
            forgetEventStream(URI.create(overrides.get("linkup.redis.url")),
                    overrides.getOrDefault("linkup.events.stream", "linkup:events:stream"));
        }
        Main main = LinkupApplication.create(overrides, clock);
        main.start();
        OPEN.incrementAndGet();
        EngineHandle components = main.getCamelContext().getRegistry()
                .lookupByNameAndType(EngineHandle.BEAN_NAME, EngineHandle.class);
        if (components == null) {
            main.stop();
            throw new IllegalStateException("engine did not start");
        }
        return new EngineInstance(main, components);
    }

    public EngineHandle engine() {
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

    /** Instances open in this JVM: a test's first one starts on an event stream no earlier test left entries in. */
    private static final java.util.concurrent.atomic.AtomicInteger OPEN = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * Deletes the event stream and what the engine keeps beside it (cursor, done marks, failures,
     * legacy claims) on the shared Redis, so entries an earlier test left pending are not taken over
     * by this test's engines. Room history and presence are left alone.
     */
    static void forgetEventStream(URI redis, String stream) {
        try (var jedis = new redis.clients.jedis.Jedis(redis.getHost(), redis.getPort())) {
            jedis.del(stream, stream + ":sequenced", stream + ":failures");
            for (String pattern : new String[] {stream + ":done:*", stream + ":bridged:*"}) {
                String cursor = "0";
                do {
                    var page = jedis.scan(cursor, new redis.clients.jedis.params.ScanParams().match(pattern).count(1000));
                    if (!page.getResult().isEmpty()) {
                        jedis.del(page.getResult().toArray(String[]::new));
                    }
                    cursor = page.getCursor();
                } while (!"0".equals(cursor));
            }
        }
    }

    @Override
    public void close() throws Exception {
        OPEN.decrementAndGet();
        main.stop();
    }
}
