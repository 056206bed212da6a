package golf.linkup.redis;

import golf.linkup.engine.gateway.fanout.FanoutCodec;
import golf.linkup.engine.gateway.fanout.FanoutEnvelope;
import golf.linkup.engine.gateway.fanout.FanoutPublisher;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * {@link FanoutPublisher} over Redis PUBLISH: every instance subscribed to the channel (this one
 * included) delivers the envelope to its own connections. Redis keeps the order of one
 * connection's PUBLISHes; the caller publishes from one thread per event stream.
 */
public final class RedisFanoutPublisher implements FanoutPublisher {

    private final StringRedisTemplate redis;
    private final String channel;

    public RedisFanoutPublisher(StringRedisTemplate redis, String channel) {
        this.redis = redis;
        this.channel = channel;
    }

    @Override
    public void publish(FanoutEnvelope envelope) {
        redis.convertAndSend(channel, FanoutCodec.encode(envelope));
    }

    /**
     * Every PUBLISH in one Jedis pipeline: one round trip for an outbox claim's live messages (Spring's
     * Jedis connection refuses PUBLISH in its own pipelining mode, so the native connection's is used).
     */
    @Override
    public void publishAll(java.util.List<FanoutEnvelope> envelopes) {
        redis.execute((org.springframework.data.redis.core.RedisCallback<Object>) connection -> {
            if (!(connection.getNativeConnection() instanceof redis.clients.jedis.Jedis jedis)) {
                envelopes.forEach(this::publish);
                return null;
            }
            redis.clients.jedis.Pipeline pipeline = jedis.pipelined();
            for (FanoutEnvelope envelope : envelopes) {
                pipeline.publish(channel, FanoutCodec.encode(envelope));
            }
            pipeline.sync();
            return null;
        });
    }
}
