package golf.linkup.redis;

import golf.linkup.engine.gateway.rooms.ClusterRoomSizes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * {@link ClusterRoomSizes} in Redis: {@code linkup:rooms:instances} (sorted set instanceId → when it
 * last reported) and {@code linkup:rooms:instance:{id}} (hash room → members, replaced whole by
 * one script, expiring after {@code ttl}).
 */
public final class RedisClusterRoomSizes implements ClusterRoomSizes {

    private static final String INSTANCES = "linkup:rooms:instances";

    /* KEYS[1] the instance's hash, KEYS[2] instances. ARGV: id, now, ttl ms, then room, n, room, n... */
    private static final RedisScript<Long> REPLACE = new DefaultRedisScript<>("""
            redis.call('DEL', KEYS[1])
            for i = 4, #ARGV, 2 do
              redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
            end
            redis.call('PEXPIRE', KEYS[1], ARGV[3])
            redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
            return 1
            """, Long.class);

    private final StringRedisTemplate redis;
    private final Duration ttl;

    public RedisClusterRoomSizes(StringRedisTemplate redis, Duration ttl) {
        this.redis = redis;
        this.ttl = ttl;
    }

    private static String key(String instanceId) {
        return "linkup:rooms:instance:" + instanceId;
    }

    @Override
    public void publish(String instanceId, Map<String, Integer> sizes, long now) {
        List<String> args = new java.util.ArrayList<>(3 + sizes.size() * 2);
        args.add(instanceId);
        args.add(Long.toString(now));
        args.add(Long.toString(ttl.toMillis()));
        sizes.forEach((room, n) -> {
            args.add(room);
            args.add(Integer.toString(n));
        });
        redis.execute(REPLACE, List.of(key(instanceId), INSTANCES), args.toArray());
    }

    @Override
    public Map<String, Integer> total(long since) {
        Map<String, Integer> out = new TreeMap<>();
        Set<String> alive = redis.opsForZSet().rangeByScore(INSTANCES, since, Double.POSITIVE_INFINITY);
        if (alive == null) {
            return out;
        }
        for (String instance : alive) {
            Map<Object, Object> sizes = redis.opsForHash().entries(key(instance));
            sizes.forEach((room, n) -> out.merge(room.toString(), Integer.parseInt(n.toString()), Integer::sum));
        }
        return out;
    }

    @Override
    public Map<String, Integer> byInstance(String room, long since) {
        Map<String, Integer> out = new TreeMap<>();
        Set<String> alive = redis.opsForZSet().rangeByScore(INSTANCES, since, Double.POSITIVE_INFINITY);
        if (alive == null) {
            return out;
        }
        for (String instance : alive) {
            Object n = redis.opsForHash().get(key(instance), room);
            if (n != null) {
                out.put(instance, Integer.parseInt(n.toString()));
            }
        }
        return out;
    }

    @Override
    public void remove(String instanceId) {
        redis.delete(key(instanceId));
        redis.opsForZSet().remove(INSTANCES, instanceId);
    }
}
