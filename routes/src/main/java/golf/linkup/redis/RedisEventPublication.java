package golf.linkup.redis;

import golf.linkup.engine.admin.EventPublication;
import org.springframework.data.redis.core.StringRedisTemplate;

/** {@link EventPublication} over Redis PUBLISH on the events channel, as the API server publishes. */
public final class RedisEventPublication implements EventPublication {

    private final StringRedisTemplate redis;
    private final String channel;

    public RedisEventPublication(StringRedisTemplate redis, String channel) {
        this.redis = redis;
        this.channel = channel;
    }

    @Override
    public long publish(String eventJson) {
        Long receivers = redis.convertAndSend(channel, eventJson);
        return receivers == null ? 0 : receivers;
    }
}
