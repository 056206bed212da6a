package golf.linkup.redis;

import static org.assertj.core.api.Assertions.assertThat;

import golf.linkup.e2e.SharedRedis;
import golf.linkup.engine.gateway.history.RoomHistory;
import golf.linkup.engine.gateway.history.RoomHistoryContract;
import golf.linkup.engine.gateway.history.StreamPosition;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The room history contract against a real Redis server. */
class RedisRoomHistoryTest extends RoomHistoryContract {

    private RedisConnections redis;

    @Override
    protected RoomHistory history(Clock clock, int size, Duration ttl) {
        redis = new RedisConnections(SharedRedis.uri());
        return new RedisRoomHistory(redis.template(), clock, size, ttl);
    }

    @Test
    void readingRoomsNobodyPublishesToCreatesNoKey() {
        RoomHistory h = history(Clock.systemUTC(), 100, Duration.ofMinutes(2));
        String room = "tee-time:invented-" + UUID.randomUUID();
        assertThat(h.position(room)).isEqualTo(StreamPosition.NONE);
        assertThat(h.since(room, StreamPosition.NONE).recovered()).isTrue();
        assertThat(h.since(room, new StreamPosition(3, "abcd1234")).recovered()).isFalse();

        assertThat(redis.template().keys("linkup:room:{" + room + "}*")).isEmpty();
    }

    @AfterEach
    void close() {
        if (redis != null) {
            redis.close();
        }
    }
}
