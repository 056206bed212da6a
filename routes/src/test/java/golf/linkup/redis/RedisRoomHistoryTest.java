package golf.linkup.redis;

import golf.linkup.e2e.SharedRedis;
import golf.linkup.engine.gateway.history.RoomHistory;
import golf.linkup.engine.gateway.history.RoomHistoryContract;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;

/** The room history contract against a real Redis server. */
class RedisRoomHistoryTest extends RoomHistoryContract {

    private RedisConnections redis;

    @Override
    protected RoomHistory history(Clock clock, int size, Duration ttl) {
        redis = new RedisConnections(SharedRedis.uri());
        return new RedisRoomHistory(redis.template(), clock, size, ttl);
    }

    @AfterEach
    void close() {
        if (redis != null) {
            redis.close();
        }
    }
}
