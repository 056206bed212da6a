package golf.linkup.redis;

import golf.linkup.engine.backendevents.BackendEventLog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * {@link BackendEventLog} on a Redis Stream the API server reads. Each entry has flat string fields:
 * {@code type} ({@code user.connected}, {@code user.disconnected}, {@code presence.changed}),
 * {@code userId}, {@code at} (ISO-8601), and per type {@code connectedAtMs} (epoch ms), {@code durationMs},
 * {@code reason}, {@code status}, {@code lastSeen} (docs/asyncapi.yaml, "backendEvents").
 *
 * <p>Once per cluster: {@code linkup:backend:connected:{user}} holds when the user's connection
 * period began; the check, that key and the append are one Lua script, so of two instances that
 * see the same connection (or the same disconnection) exactly one appends. Likewise
 * {@code linkup:backend:status:{user}} holds the status last appended, so a status is appended
 * only when it differs from the previous entry's. Every append trims the
 * stream to about {@code maxLength} entries and drops entries older than {@code maxAge}
 * ({@code MAXLEN ~}, {@code MINID ~}: whole macro nodes, cheap). The scripts build no keys from
 * data, but use two keys, so they need a standalone (or Sentinel) Redis, like the presence store.
 */
public final class RedisBackendEventLog implements BackendEventLog {

    static final String CONNECTED_PREFIX = "linkup:backend:connected:";
    static final String STATUS_PREFIX = "linkup:backend:status:";
    /** A connection record outlives any real connection; it only guards against a record nobody ends. */
    private static final Duration RECORD_TTL = Duration.ofDays(30);

    /* KEYS[1] record, KEYS[2] stream. ARGV: user, now ms, now ISO, ttl ms, maxlen, minid. */
    private static final RedisScript<Long> CONNECTED = new DefaultRedisScript<>("""
            if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
            redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[4])
            redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[5], '*', 'type', 'user.connected',
              'userId', ARGV[1], 'at', ARGV[3])
            redis.call('XTRIM', KEYS[2], 'MINID', '~', ARGV[6])
            return 1
            """, Long.class);

    /*
     * CONNECTED for many users in one call. KEYS[1] stream, KEYS[2..n+1] their records. ARGV: now ms,
     * now ISO, ttl ms, maxlen, minid, then the n users in the order of their records.
     */
    private static final RedisScript<Long> CONNECTED_ALL = new DefaultRedisScript<>("""
            local appended = 0
            for i = 2, #KEYS do
              if redis.call('EXISTS', KEYS[i]) == 0 then
                redis.call('SET', KEYS[i], ARGV[1], 'PX', ARGV[3])
                redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[4], '*', 'type', 'user.connected',
                  'userId', ARGV[4 + i], 'at', ARGV[2])
                appended = appended + 1
              end
            end
            if appended > 0 then redis.call('XTRIM', KEYS[1], 'MINID', '~', ARGV[5]) end
            return appended
            """, Long.class);

    /*
     * DISCONNECTED for many users. KEYS[1] stream, KEYS[2..n+1] their records. ARGV: maxlen, minid,
     * then four per user in the order of their records: user, last seen ms, last seen ISO, reason.
     */
    private static final RedisScript<Long> DISCONNECTED_ALL = new DefaultRedisScript<>("""
            local appended = 0
            for i = 2, #KEYS do
              local a = 2 + (i - 2) * 4
              local since = redis.call('GET', KEYS[i])
              if since then
                redis.call('DEL', KEYS[i])
                local duration = tonumber(ARGV[a + 2]) - tonumber(since)
                if duration < 0 then duration = 0 end
                redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 'type', 'user.disconnected',
                  'userId', ARGV[a + 1], 'at', ARGV[a + 3], 'reason', ARGV[a + 4], 'connectedAtMs', since,
                  'durationMs', tostring(duration))
                appended = appended + 1
              end
            end
            if appended > 0 then redis.call('XTRIM', KEYS[1], 'MINID', '~', ARGV[2]) end
            return appended
            """, Long.class);

    /*
     * PRESENCE_CHANGED for many users. KEYS[1] stream, KEYS[2..n+1] their last statuses. ARGV: now
     * ISO, maxlen, minid, ttl ms, then three per user in the order of their keys: user, status,
     * last seen ISO or ''.
     */
    private static final RedisScript<Long> PRESENCE_CHANGED_ALL = new DefaultRedisScript<>("""
            local appended = 0
            for i = 2, #KEYS do
              local a = 4 + (i - 2) * 3
              local status = ARGV[a + 2]
              if redis.call('GET', KEYS[i]) ~= status then
                redis.call('SET', KEYS[i], status, 'PX', ARGV[4])
                if ARGV[a + 3] == '' then
                  redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[2], '*', 'type', 'presence.changed',
                    'userId', ARGV[a + 1], 'at', ARGV[1], 'status', status)
                else
                  redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[2], '*', 'type', 'presence.changed',
                    'userId', ARGV[a + 1], 'at', ARGV[1], 'status', status, 'lastSeen', ARGV[a + 3])
                end
                appended = appended + 1
              end
            end
            if appended > 0 then redis.call('XTRIM', KEYS[1], 'MINID', '~', ARGV[3]) end
            return appended
            """, Long.class);

    /** Users per batch script call: a storm's batch is split so one script never runs long. */
    private static final int USERS_PER_CALL = 500;

    /* KEYS[1] record, KEYS[2] stream. ARGV: user, last seen ms, last seen ISO, reason, maxlen, minid. */
    private static final RedisScript<Long> DISCONNECTED = new DefaultRedisScript<>("""
            local since = redis.call('GET', KEYS[1])
            if not since then return 0 end
            redis.call('DEL', KEYS[1])
            local duration = tonumber(ARGV[2]) - tonumber(since)
            if duration < 0 then duration = 0 end
            redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[5], '*', 'type', 'user.disconnected',
              'userId', ARGV[1], 'at', ARGV[3], 'reason', ARGV[4], 'connectedAtMs', since,
              'durationMs', tostring(duration))
            redis.call('XTRIM', KEYS[2], 'MINID', '~', ARGV[6])
            return 1
            """, Long.class);

    /*
     * KEYS[1] stream, KEYS[2] the status last appended for the user. ARGV: user, now ISO, status,
     * last seen ISO or '', maxlen, minid, ttl ms. A status equal to the last one appended is not news.
     */
    private static final RedisScript<Long> PRESENCE_CHANGED = new DefaultRedisScript<>("""
            if redis.call('GET', KEYS[2]) == ARGV[3] then return 0 end
            redis.call('SET', KEYS[2], ARGV[3], 'PX', ARGV[7])
            if ARGV[4] == '' then
              redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[5], '*', 'type', 'presence.changed',
                'userId', ARGV[1], 'at', ARGV[2], 'status', ARGV[3])
            else
              redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[5], '*', 'type', 'presence.changed',
                'userId', ARGV[1], 'at', ARGV[2], 'status', ARGV[3], 'lastSeen', ARGV[4])
            end
            redis.call('XTRIM', KEYS[1], 'MINID', '~', ARGV[6])
            return 1
            """, Long.class);

    private final StringRedisTemplate redis;
    private final String stream;
    private final long maxLength;
    private final long maxAgeMillis;

    public RedisBackendEventLog(StringRedisTemplate redis, String stream, long maxLength, Duration maxAge) {
        this.redis = redis;
        this.stream = stream;
        this.maxLength = maxLength;
        this.maxAgeMillis = maxAge.toMillis();
    }

    public String stream() {
        return stream;
    }

    @Override
    public boolean connected(String userId, long atMillis) {
        Long appended = redis.execute(CONNECTED, List.of(CONNECTED_PREFIX + userId, stream), userId,
                Long.toString(atMillis), Instant.ofEpochMilli(atMillis).toString(),
                Long.toString(RECORD_TTL.toMillis()), Long.toString(maxLength), minId(atMillis));
        return appended != null && appended == 1;
    }

    @Override
    public int connectedAll(List<String> userIds, long atMillis) {
        if (userIds.size() == 1) {
            return connected(userIds.get(0), atMillis) ? 1 : 0;
        }
        int appended = 0;
        for (int from = 0; from < userIds.size(); from += USERS_PER_CALL) {
            List<String> users = userIds.subList(from, Math.min(userIds.size(), from + USERS_PER_CALL));
            List<String> keys = new ArrayList<>(users.size() + 1);
            keys.add(stream);
            List<String> args = new ArrayList<>(users.size() + 5);
            args.addAll(List.of(Long.toString(atMillis), Instant.ofEpochMilli(atMillis).toString(),
                    Long.toString(RECORD_TTL.toMillis()), Long.toString(maxLength), minId(atMillis)));
            for (String user : users) {
                keys.add(CONNECTED_PREFIX + user);
                args.add(user);
            }
            Long n = redis.execute(CONNECTED_ALL, keys, args.toArray());
            appended += n == null ? 0 : n.intValue();
        }
        return appended;
    }

    @Override
    public int disconnectedAll(List<Disconnection> disconnections) {
        if (disconnections.size() == 1) {
            Disconnection d = disconnections.get(0);
            return disconnected(d.userId(), d.lastSeenMillis(), d.reason()) ? 1 : 0;
        }
        int appended = 0;
        for (int from = 0; from < disconnections.size(); from += USERS_PER_CALL) {
            List<Disconnection> part = disconnections.subList(from,
                    Math.min(disconnections.size(), from + USERS_PER_CALL));
            long newest = part.stream().mapToLong(Disconnection::lastSeenMillis).max().orElse(0);
            List<String> keys = new ArrayList<>(part.size() + 1);
            keys.add(stream);
            List<String> args = new ArrayList<>(part.size() * 4 + 2);
            args.add(Long.toString(maxLength));
            args.add(minId(newest));
            for (Disconnection d : part) {
                keys.add(CONNECTED_PREFIX + d.userId());
                args.addAll(List.of(d.userId(), Long.toString(d.lastSeenMillis()),
                        Instant.ofEpochMilli(d.lastSeenMillis()).toString(), d.reason()));
            }
            Long n = redis.execute(DISCONNECTED_ALL, keys, args.toArray());
            appended += n == null ? 0 : n.intValue();
        }
        return appended;
    }

    @Override
    public int presenceChangedAll(List<StatusChange> changes, long atMillis) {
        if (changes.size() == 1) {
            StatusChange c = changes.get(0);
            return presenceChanged(c.userId(), c.status(), c.lastSeenMillis(), atMillis) ? 1 : 0;
        }
        int appended = 0;
        for (int from = 0; from < changes.size(); from += USERS_PER_CALL) {
            List<StatusChange> part = changes.subList(from, Math.min(changes.size(), from + USERS_PER_CALL));
            List<String> keys = new ArrayList<>(part.size() + 1);
            keys.add(stream);
            List<String> args = new ArrayList<>(part.size() * 3 + 4);
            args.addAll(List.of(Instant.ofEpochMilli(atMillis).toString(), Long.toString(maxLength), minId(atMillis),
                    Long.toString(RECORD_TTL.toMillis())));
            for (StatusChange c : part) {
                keys.add(STATUS_PREFIX + c.userId());
                args.addAll(List.of(c.userId(), c.status(),
                        c.lastSeenMillis() > 0 ? Instant.ofEpochMilli(c.lastSeenMillis()).toString() : ""));
            }
            Long n = redis.execute(PRESENCE_CHANGED_ALL, keys, args.toArray());
            appended += n == null ? 0 : n.intValue();
        }
        return appended;
    }

    @Override
    public boolean disconnected(String userId, long lastSeenMillis, String reason) {
        Long appended = redis.execute(DISCONNECTED, List.of(CONNECTED_PREFIX + userId, stream), userId,
                Long.toString(lastSeenMillis), Instant.ofEpochMilli(lastSeenMillis).toString(), reason,
                Long.toString(maxLength), minId(lastSeenMillis));
        return appended != null && appended == 1;
    }

    @Override
    public boolean presenceChanged(String userId, String status, long lastSeenMillis, long atMillis) {
        Long appended = redis.execute(PRESENCE_CHANGED, List.of(stream, STATUS_PREFIX + userId), userId,
                Instant.ofEpochMilli(atMillis).toString(), status,
                lastSeenMillis > 0 ? Instant.ofEpochMilli(lastSeenMillis).toString() : "",
                Long.toString(maxLength), minId(atMillis), Long.toString(RECORD_TTL.toMillis()));
        return appended != null && appended == 1;
    }

    private String minId(long nowMillis) {
        return Long.toString(Math.max(0, nowMillis - maxAgeMillis));
    }
}
