package golf.linkup.redis;

import golf.linkup.e2e.SharedRedis;
import golf.linkup.engine.gateway.presence.PresenceStore;
import golf.linkup.engine.gateway.presence.PresenceStoreContract;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The presence store contract against a real Redis server. */
class RedisPresenceStoreTest extends PresenceStoreContract {

    private RedisConnections redis;

    @BeforeEach
    void connect() {
        redis = new RedisConnections(SharedRedis.uri());
    }

    @Override
    protected PresenceStore store() {
        return new RedisPresenceStore(redis.template(), Duration.ofDays(1));
    }

    @AfterEach
    void close() {
        redis.close();
    }
}
