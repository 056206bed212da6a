package golf.linkup.e2e;

import golf.linkup.sandbox.EmbeddedRedis;
import java.net.URI;

/** One real Redis server for the whole test JVM, started on first use on a free port. */
public final class SharedRedis {

    private static EmbeddedRedis redis;

    private SharedRedis() {
    }

    public static synchronized URI uri() {
        if (redis == null) {
            redis = EmbeddedRedis.start();
            Runtime.getRuntime().addShutdownHook(new Thread(redis::close, "shared-redis-stop"));
        }
        return redis.uri();
    }
}
