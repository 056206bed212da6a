package golf.linkup.redis;

import golf.linkup.e2e.SharedRedis;
import golf.linkup.engine.gateway.rooms.ClusterRoomSizes;
import golf.linkup.engine.gateway.rooms.ClusterRoomSizesContract;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

class RedisClusterRoomSizesTest extends ClusterRoomSizesContract {

    private RedisConnections redis;

    @BeforeEach
    void connect() {
        redis = new RedisConnections(SharedRedis.uri());
    }

    @Override
    protected ClusterRoomSizes sizes() {
        return new RedisClusterRoomSizes(redis.template(), Duration.ofMinutes(1));
    }

    @AfterEach
    void close() {
        redis.close();
    }
}
