package golf.linkup.redis;

import golf.linkup.engine.gateway.presence.PresenceStore;
import golf.linkup.engine.gateway.presence.UserPresence;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * {@link PresenceStore} in Redis, shared by every instance. Keys (prefix {@code linkup:presence:}):
 * <ul>
 *   <li>{@code user:{U}}: hash {@code active}, {@code seen} (epoch ms), {@code away}, {@code hidden}
 *       (0/1), {@code published} (the status last announced); lives {@code userTtl} after its last write;</li>
 *   <li>{@code conns:{U}}: set of {@code instanceId|connectionId};</li>
 *   <li>{@code instance:{I}}: set of {@code userId|connectionId}, for cleaning up after instance I;</li>
 *   <li>{@code instances}: sorted set instanceId → last heartbeat (ms);</li>
 *   <li>{@code disconnected}: sorted set userId → when their last connection closed (for the move to offline).</li>
 * </ul>
 * Every multi-key operation is one Lua script (atomic); scripts build some keys from data, so this
 * needs a standalone (or Sentinel) Redis. Connections opened or closed together (a reconnect storm)
 * are recorded by one script call per batch, and status changes compared-and-set by one.
 */
public final class RedisPresenceStore implements PresenceStore {

    static final String PREFIX = "linkup:presence:";
    private static final String INSTANCES = PREFIX + "instances";
    private static final String DISCONNECTED = PREFIX + "disconnected";

    private static final RedisScript<Long> ADD = new DefaultRedisScript<>("""
            redis.call('SADD', KEYS[2], ARGV[1] .. '|' .. ARGV[2])
            redis.call('SADD', KEYS[3], ARGV[3] .. '|' .. ARGV[2])
            redis.call('HSET', KEYS[1], 'active', ARGV[4])
            redis.call('ZREM', KEYS[4], ARGV[3])
            redis.call('PEXPIRE', KEYS[1], ARGV[5])
            redis.call('PEXPIRE', KEYS[2], ARGV[5])
            return 1
            """, Long.class);

    private static final RedisScript<Long> REMOVE = new DefaultRedisScript<>("""
            redis.call('SREM', KEYS[2], ARGV[1] .. '|' .. ARGV[2])
            redis.call('SREM', KEYS[3], ARGV[3] .. '|' .. ARGV[2])
            if redis.call('SCARD', KEYS[2]) == 0 then
              redis.call('HSET', KEYS[1], 'seen', ARGV[4])
              redis.call('ZADD', KEYS[4], ARGV[4], ARGV[3])
              redis.call('PEXPIRE', KEYS[1], ARGV[5])
            end
            return 1
            """, Long.class);

    /*
     * Several connections of one instance opened. KEYS[1] the instance's set, KEYS[2] disconnected.
     * ARGV[1] prefix, ARGV[2] instance id, ARGV[3] user TTL, then user, connection, now, hidden
     * ('1', '0', or '' to leave it) for each.
     */
    private static final RedisScript<Long> ADD_MANY = new DefaultRedisScript<>("""
            local prefix = ARGV[1]
            for i = 4, #ARGV, 4 do
              local user, conn = ARGV[i], ARGV[i + 1]
              local hash, conns = prefix .. 'user:' .. user, prefix .. 'conns:' .. user
              redis.call('SADD', conns, ARGV[2] .. '|' .. conn)
              redis.call('SADD', KEYS[1], user .. '|' .. conn)
              redis.call('HSET', hash, 'active', ARGV[i + 2])
              if ARGV[i + 3] ~= '' then redis.call('HSET', hash, 'hidden', ARGV[i + 3]) end
              redis.call('ZREM', KEYS[2], user)
              redis.call('PEXPIRE', hash, ARGV[3])
              redis.call('PEXPIRE', conns, ARGV[3])
            end
            return 1
            """, Long.class);

    /* As ADD_MANY, for closed connections: ARGV[1] prefix, ARGV[2] instance, ARGV[3] TTL, then user, connection, now. */
    private static final RedisScript<Long> REMOVE_MANY = new DefaultRedisScript<>("""
            local prefix = ARGV[1]
            for i = 4, #ARGV, 3 do
              local user, conn = ARGV[i], ARGV[i + 1]
              local hash, conns = prefix .. 'user:' .. user, prefix .. 'conns:' .. user
              redis.call('SREM', conns, ARGV[2] .. '|' .. conn)
              redis.call('SREM', KEYS[1], user .. '|' .. conn)
              if redis.call('SCARD', conns) == 0 then
                redis.call('HSET', hash, 'seen', ARGV[i + 2])
                redis.call('ZADD', KEYS[2], ARGV[i + 2], user)
                redis.call('PEXPIRE', hash, ARGV[3])
              end
            end
            return 1
            """, Long.class);

    /* ANNOUNCE for several users: ARGV[1] prefix, then user, expected, announced; returns 1 or 0 for each. */
    private static final RedisScript<List> ANNOUNCE_MANY = new DefaultRedisScript<>("""
            local out = {}
            for i = 2, #ARGV, 3 do
              local hash = ARGV[1] .. 'user:' .. ARGV[i]
              if (redis.call('HGET', hash, 'published') or '') == ARGV[i + 1] then
                redis.call('HSET', hash, 'published', ARGV[i + 2])
                out[#out + 1] = 1
              else
                out[#out + 1] = 0
              end
            end
            return out
            """, List.class);

    /* KEYS: per user hash, conns; last KEYS = instances. ARGV[1] alive since. Flat: live active seen away hidden published. */
    private static final RedisScript<List> READ = new DefaultRedisScript<>("""
            local out = {}
            local instances = KEYS[#KEYS]
            local since = tonumber(ARGV[1])
            for i = 1, #KEYS - 1, 2 do
              local live = 0
              for _, member in ipairs(redis.call('SMEMBERS', KEYS[i + 1])) do
                local instance = string.match(member, '^(.*)|[^|]*$')
                local beat = redis.call('ZSCORE', instances, instance)
                if beat and tonumber(beat) >= since then live = live + 1 end
              end
              local f = redis.call('HMGET', KEYS[i], 'active', 'seen', 'away', 'hidden', 'published')
              out[#out + 1] = tostring(live)
              for j = 1, 5 do out[#out + 1] = f[j] or '' end
            end
            return out
            """, List.class);

    private static final RedisScript<Long> ANNOUNCE = new DefaultRedisScript<>("""
            local current = redis.call('HGET', KEYS[1], 'published') or ''
            if current ~= ARGV[1] then return 0 end
            redis.call('HSET', KEYS[1], 'published', ARGV[2])
            return 1
            """, Long.class);

    /*
     * Drops instances (ARGV[3] = one id, or '' for "every instance older than ARGV[1]"). KEYS[1]
     * instances, KEYS[2] disconnected. ARGV[2] prefix, ARGV[4] now (for ARGV[3]), ARGV[5] user TTL.
     * Returns the users that had connections there.
     */
    private static final RedisScript<List> DROP = new DefaultRedisScript<>("""
            local prefix = ARGV[2]
            local dead = {}
            if ARGV[3] ~= '' then
              redis.call('ZREM', KEYS[1], ARGV[3])
              dead[1] = {ARGV[3], tonumber(ARGV[4])}
            else
              local found = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[1], 'WITHSCORES')
              for i = 1, #found, 2 do
                if redis.call('ZREM', KEYS[1], found[i]) == 1 then
                  dead[#dead + 1] = {found[i], tonumber(found[i + 1])}
                end
              end
            end
            local users = {}
            for _, d in ipairs(dead) do
              local key = prefix .. 'instance:' .. d[1]
              for _, member in ipairs(redis.call('SMEMBERS', key)) do
                local user, conn = string.match(member, '^(.*)|([^|]*)$')
                local conns = prefix .. 'conns:' .. user
                redis.call('SREM', conns, d[1] .. '|' .. conn)
                if redis.call('SCARD', conns) == 0 then
                  local hash = prefix .. 'user:' .. user
                  local seen = tonumber(redis.call('HGET', hash, 'seen') or '0')
                  if d[2] > seen then seen = d[2] end
                  redis.call('HSET', hash, 'seen', seen)
                  redis.call('PEXPIRE', hash, ARGV[5])
                  redis.call('ZADD', KEYS[2], seen, user)
                end
                users[#users + 1] = user
              end
              redis.call('DEL', key)
            end
            return users
            """, List.class);

    private static final RedisScript<List> CLAIM_OFFLINE = new DefaultRedisScript<>("""
            local out = {}
            for _, user in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[1], 'LIMIT', 0, ARGV[2])) do
              if redis.call('ZREM', KEYS[1], user) == 1 then out[#out + 1] = user end
            end
            return out
            """, List.class);

    private final StringRedisTemplate redis;
    private final long userTtlMillis;

    /** @param userTtl how long a user's presence is kept after its last change (longer than offline-after) */
    public RedisPresenceStore(StringRedisTemplate redis, Duration userTtl) {
        this.redis = redis;
        this.userTtlMillis = userTtl.toMillis();
    }

    private static String user(String id) {
        return PREFIX + "user:" + id;
    }

    private static String conns(String id) {
        return PREFIX + "conns:" + id;
    }

    private static String instance(String id) {
        return PREFIX + "instance:" + id;
    }

    @Override
    public void addConnection(String userId, String instanceId, String connectionId, long now) {
        redis.execute(ADD, List.of(user(userId), conns(userId), instance(instanceId), DISCONNECTED), instanceId,
                connectionId, userId, Long.toString(now), Long.toString(userTtlMillis));
    }

    @Override
    public void removeConnection(String userId, String instanceId, String connectionId, long now) {
        redis.execute(REMOVE, List.of(user(userId), conns(userId), instance(instanceId), DISCONNECTED), instanceId,
                connectionId, userId, Long.toString(now), Long.toString(userTtlMillis));
    }

    @Override
    public void addConnections(String instanceId, List<ConnectionChange> opened, Set<String> hidden) {
        if (!opened.isEmpty()) {
            redis.execute(ADD_MANY, List.of(instance(instanceId), DISCONNECTED),
                    changeArgs(instanceId, opened, c -> hidden == null ? "" : hidden.contains(c.userId()) ? "1" : "0"));
        }
    }

    @Override
    public void removeConnections(String instanceId, List<ConnectionChange> closed) {
        if (!closed.isEmpty()) {
            redis.execute(REMOVE_MANY, List.of(instance(instanceId), DISCONNECTED), changeArgs(instanceId, closed, null));
        }
    }

    /** ADD_MANY's and REMOVE_MANY's ARGV: prefix, instance, TTL, then user, connection, time (and {@code extra}) per change. */
    private Object[] changeArgs(String instanceId, List<ConnectionChange> changes,
            java.util.function.Function<ConnectionChange, String> extra) {
        List<String> args = new ArrayList<>(3 + changes.size() * 4);
        args.add(PREFIX);
        args.add(instanceId);
        args.add(Long.toString(userTtlMillis));
        for (ConnectionChange c : changes) {
            args.add(c.userId());
            args.add(c.connectionId());
            args.add(Long.toString(c.atMillis()));
            if (extra != null) {
                args.add(extra.apply(c));
            }
        }
        return args.toArray();
    }

    @Override
    @SuppressWarnings("unchecked")
    public Set<String> announceAll(List<Announcement> announcements) {
        Set<String> won = new HashSet<>();
        if (announcements.isEmpty()) {
            return won;
        }
        List<String> args = new ArrayList<>(1 + announcements.size() * 3);
        args.add(PREFIX);
        for (Announcement a : announcements) {
            args.add(a.userId());
            args.add(a.expected() == null ? "" : a.expected());
            args.add(a.announced());
        }
        List<Object> results = redis.execute(ANNOUNCE_MANY, List.of(), args.toArray());
        for (int i = 0; i < announcements.size(); i++) {
            if (results != null && Long.valueOf(1).equals(results.get(i))) {
                won.add(announcements.get(i).userId());
            }
        }
        return won;
    }

    @Override
    public void touch(String userId, long now) {
        redis.opsForHash().put(user(userId), "active", Long.toString(now));
    }

    @Override
    public void declare(String userId, boolean away, long now) {
        redis.opsForHash().put(user(userId), "away", away ? "1" : "0");
        if (!away) {
            touch(userId, now);
        }
    }

    @Override
    public void setHidden(String userId, boolean hidden) {
        redis.opsForHash().put(user(userId), "hidden", hidden ? "1" : "0");
    }

    @Override
    public Map<String, UserPresence> read(Collection<String> userIds, long aliveSince) {
        Map<String, UserPresence> out = new LinkedHashMap<>();
        if (userIds.isEmpty()) {
            return out;
        }
        List<String> ids = List.copyOf(userIds);
        List<String> keys = new ArrayList<>(ids.size() * 2 + 1);
        for (String id : ids) {
            keys.add(user(id));
            keys.add(conns(id));
        }
        keys.add(INSTANCES);
        @SuppressWarnings("unchecked")
        List<Object> flat = redis.execute(READ, keys, Long.toString(aliveSince));
        for (int i = 0; i < ids.size(); i++) {
            int b = i * 6;
            out.put(ids.get(i), new UserPresence(ids.get(i), Integer.parseInt(text(flat, b)), number(flat, b + 1),
                    number(flat, b + 2), "1".equals(text(flat, b + 3)), "1".equals(text(flat, b + 4)),
                    text(flat, b + 5).isEmpty() ? null : text(flat, b + 5)));
        }
        return out;
    }

    private static String text(List<Object> flat, int i) {
        Object o = flat.get(i);
        return o == null ? "" : o.toString();
    }

    private static long number(List<Object> flat, int i) {
        String t = text(flat, i);
        return t.isEmpty() ? 0 : Long.parseLong(t);
    }

    @Override
    public boolean announce(String userId, String expected, String announced) {
        Long won = redis.execute(ANNOUNCE, List.of(user(userId)), expected == null ? "" : expected, announced);
        return won != null && won == 1;
    }

    @Override
    public void heartbeat(String instanceId, long now) {
        redis.opsForZSet().add(INSTANCES, instanceId, now);
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<String> reapDeadInstances(long deadBefore) {
        return strings(redis.execute(DROP, List.of(INSTANCES, DISCONNECTED), Long.toString(deadBefore), PREFIX, "",
                "0", Long.toString(userTtlMillis)));
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<String> removeInstance(String instanceId, long now) {
        return strings(redis.execute(DROP, List.of(INSTANCES, DISCONNECTED), "0", PREFIX, instanceId,
                Long.toString(now), Long.toString(userTtlMillis)));
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<String> claimLongDisconnected(long seenBefore, int max) {
        return strings(redis.execute(CLAIM_OFFLINE, List.of(DISCONNECTED), Long.toString(seenBefore),
                Integer.toString(max)));
    }

    private static List<String> strings(List<?> values) {
        List<String> out = new ArrayList<>();
        if (values != null) {
            for (Object o : values) {
                if (!out.contains(o.toString())) {
                    out.add(o.toString());
                }
            }
        }
        return out;
    }
}
