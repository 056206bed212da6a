package golf.linkup.redis;

import golf.linkup.engine.events.DomainEventPublisher;
import org.springframework.data.redis.core.StringRedisTemplate;

/** {@link DomainEventPublisher} over Redis PUBLISH on the events channel ({@code linkup:events}). */
public final class RedisDomainEventPublisher implements DomainEventPublisher {

    private final StringRedisTemplate redis;
    private final String channel;

    public RedisDomainEventPublisher(StringRedisTemplate redis, String channel) {
        this.redis = redis;
        this.channel = channel;
    }

    @Override
    public void publish(String eventJson) {
        redis.convertAndSend(channel, eventJson);
    }
}
