package golf.linkup.redis;

import golf.linkup.engine.gateway.history.StreamPosition;
import golf.linkup.engine.missed.MissedMessageStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * {@link MissedMessageStore} in Redis. Keys (prefix {@code linkup:missed:}):
 * <ul>
 *   <li>{@code due}: sorted set room (a tee time's chat or tee-time room) → when to look at it (epoch ms; the earliest wins);</li>
 *   <li>{@code looked}: hash room → {@code offset|epoch} the next look begins after;</li>
 *   <li>{@code seen:{room}}: hash user → {@code offset|epoch} seen through; lives as long as room history.</li>
 * </ul>
 * Positions only move forward within an epoch (a Lua compare per write), so instances that flush
 * in any order never move a user back.
 */
public final class RedisMissedMessageStore implements MissedMessageStore {

    static final String PREFIX = "linkup:missed:";
    private static final String DUE = PREFIX + "due";
    private static final String LOOKED = PREFIX + "looked";

    /* KEYS[1] due, KEYS[2] looked. ARGV: triplets room, before, due ms. */
    private static final RedisScript<Long> SCHEDULE = new DefaultRedisScript<>("""
            for i = 1, #ARGV, 3 do
              redis.call('HSETNX', KEYS[2], ARGV[i], ARGV[i + 1])
              redis.call('ZADD', KEYS[1], 'LT', ARGV[i + 2], ARGV[i])
            end
            return 1
            """, Long.class);

    private static final RedisScript<List> TAKE = new DefaultRedisScript<>("""
            local out = {}
            for _, room in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[2])) do
              if redis.call('ZREM', KEYS[1], room) == 1 then out[#out + 1] = room end
            end
            return out
            """, List.class);

    /* KEYS[1] seen hash. ARGV[1] ttl ms, then pairs user, offset|epoch. */
    private static final RedisScript<Long> SEEN = new DefaultRedisScript<>("""
            for i = 2, #ARGV, 2 do
              local offset, epoch = string.match(ARGV[i + 1], '^(%d+)|(.*)$')
              local current = redis.call('HGET', KEYS[1], ARGV[i])
              local write = true
              if current then
                local o, e = string.match(current, '^(%d+)|(.*)$')
                if e == epoch and tonumber(o) >= tonumber(offset) then write = false end
              end
              if write then redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
            end
            redis.call('PEXPIRE', KEYS[1], ARGV[1])
            return 1
            """, Long.class);

    /*
     * KEYS[1] due, KEYS[2] looked. ARGV: room, through, due ms (0: none). A room with no look ahead
     * forgets its position: the next message sets it again (so the hash holds only active chats).
     */
    private static final RedisScript<Long> LOOKED_AT = new DefaultRedisScript<>("""
            if ARGV[3] ~= '0' then redis.call('ZADD', KEYS[1], 'LT', ARGV[3], ARGV[1]) end
            if redis.call('ZSCORE', KEYS[1], ARGV[1]) then
              redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
            else
              redis.call('HDEL', KEYS[2], ARGV[1])
            end
            return 1
            """, Long.class);

    private final StringRedisTemplate redis;
    private final long seenTtlMillis;

    /** @param seenTtl how long a room's seen positions are kept after the last write (room history's TTL) */
    public RedisMissedMessageStore(StringRedisTemplate redis, Duration seenTtl) {
        this.redis = redis;
        this.seenTtlMillis = Math.max(1, seenTtl.toMillis());
    }

    @Override
    public void schedule(Collection<Pending> pending) {
        if (pending.isEmpty()) {
            return;
        }
        List<String> args = new ArrayList<>(pending.size() * 3);
        for (Pending p : pending) {
            args.add(p.room());
            args.add(encode(p.before()));
            args.add(Long.toString(p.dueMillis()));
        }
        redis.execute(SCHEDULE, List.of(DUE, LOOKED), args.toArray());
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<String> takeDue(long nowMillis, int limit) {
        List<Object> rooms = redis.execute(TAKE, List.of(DUE), Long.toString(nowMillis), Integer.toString(limit));
        List<String> out = new ArrayList<>();
        if (rooms != null) {
            rooms.forEach(r -> out.add(String.valueOf(r)));
        }
        return out;
    }

    @Override
    public void seen(String room, Map<String, StreamPosition> byUser) {
        if (byUser.isEmpty()) {
            return;
        }
        List<String> args = new ArrayList<>(1 + byUser.size() * 2);
        args.add(Long.toString(seenTtlMillis));
        byUser.forEach((user, position) -> {
            args.add(user);
            args.add(encode(position));
        });
        redis.execute(SEEN, List.of(PREFIX + "seen:" + room), args.toArray());
    }

    @Override
    public Map<String, StreamPosition> seen(String room) {
        Map<String, StreamPosition> out = new HashMap<>();
        redis.<String, String>opsForHash().entries(PREFIX + "seen:" + room)
                .forEach((user, value) -> out.put(user, decode(value)));
        return out;
    }

    @Override
    public StreamPosition lookedThrough(String room) {
        Object value = redis.opsForHash().get(LOOKED, room);
        return value == null ? StreamPosition.NONE : decode(value.toString());
    }

    @Override
    public long dueAt(String room) {
        Double score = redis.opsForZSet().score(DUE, room);
        return score == null ? 0 : score.longValue();
    }

    @Override
    public void looked(String room, StreamPosition through, long dueMillis) {
        redis.execute(LOOKED_AT, List.of(DUE, LOOKED), room, encode(through), Long.toString(dueMillis));
    }

    private static String encode(StreamPosition p) {
        return p.offset() + "|" + p.epoch();
    }

    private static StreamPosition decode(String value) {
        int bar = value.indexOf('|');
        try {
            return bar < 0 ? StreamPosition.NONE
                    : new StreamPosition(Long.parseLong(value.substring(0, bar)), value.substring(bar + 1));
        } catch (NumberFormatException e) {
            return StreamPosition.NONE;
        }
    }
}
