package golf.linkup.redis;

import golf.linkup.engine.gateway.history.RoomHistory;
import golf.linkup.engine.gateway.history.RoomMessage;
import golf.linkup.engine.gateway.history.StreamPosition;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * {@link RoomHistory} in Redis, shared by every instance. Per room {@code R}:
 * <ul>
 *   <li>{@code linkup:room:{R}:meta}: hash {@code epoch}, {@code top} (the last offset given);
 *       lives {@link #EPOCH_TTL} after the room's last message, so a quiet room keeps its epoch
 *       and a client that saw its last message still recovers "nothing missed";</li>
 *   <li>{@code linkup:room:{R}:log}: list of {@code offset US millis US id US payload}, oldest
 *       first, at most {@code size} entries none older than {@code ttl};</li>
 *   <li>{@code linkup:room:{R}:ids}: sorted set message id → offset of the room's last
 *       {@link RoomHistory#idsRemembered} messages (more than the log keeps), which makes appends
 *       idempotent even for an instance that is far behind another.</li>
 * </ul>
 * Only appends write: reading a room nobody published to (a client subscribing to a tee time that
 * has no messages, or an id it invented) creates no key and answers {@link StreamPosition#NONE}.
 * Each append is one Lua script over all the message's rooms (so one round trip per message, and
 * offsets are given atomically); time is the injected clock's, passed in, so tests can move it.
 * The scripts touch several rooms' keys, so this needs a standalone (or Sentinel) Redis.
 */
public final class RedisRoomHistory implements RoomHistory {

    /** How long a room's epoch outlives its last message. */
    static final Duration EPOCH_TTL = Duration.ofHours(24);
    private static final char US = '\u001f';

    /*
     * Several messages in order. KEYS: per message, per room: meta, log, ids. ARGV[1] now millis,
     * ARGV[2] size, ARGV[3] ttl millis, ARGV[4] epoch TTL seconds, ARGV[5] a fresh epoch for rooms
     * without one, ARGV[6] how many message ids to remember; then per message: id, payload, rooms. Returns per message and room:
     * offset, epoch (flat, in order).
     */
    private static final RedisScript<List> APPEND = new DefaultRedisScript<>("""
            local out = {}
            local now = ARGV[1]
            local size = tonumber(ARGV[2])
            local ttl = tonumber(ARGV[3])
            local cutoff = tonumber(now) - ttl
            local keep = tonumber(ARGV[6])
            local k = 1
            local a = 7
            while a <= #ARGV do
              local id, payload, rooms = ARGV[a], ARGV[a + 1], tonumber(ARGV[a + 2])
              a = a + 3
              for r = 1, rooms do
                local meta, log, ids = KEYS[k], KEYS[k + 1], KEYS[k + 2]
                k = k + 3
                local epoch = redis.call('HGET', meta, 'epoch')
                if not epoch then
                  epoch = ARGV[5]
                  redis.call('HSET', meta, 'epoch', epoch, 'top', 0)
                end
                local offset = redis.call('ZSCORE', ids, id)
                if not offset then
                  offset = redis.call('HINCRBY', meta, 'top', 1)
                  redis.call('RPUSH', log, offset .. '\\31' .. now .. '\\31' .. id .. '\\31' .. payload)
                  redis.call('ZADD', ids, offset, id)
                  redis.call('ZREMRANGEBYSCORE', ids, '-inf', offset - keep)
                  local len = redis.call('LLEN', log)
                  while len > 0 do
                    local head = redis.call('LINDEX', log, 0)
                    local ts = string.match(head, '^%d+\\31(%d+)\\31')
                    if len > size or tonumber(ts) < cutoff then
                      redis.call('LPOP', log)
                      len = len - 1
                    else
                      break
                    end
                  end
                  redis.call('PEXPIRE', log, ttl + 60000)
                end
                redis.call('EXPIRE', ids, ARGV[4])
                redis.call('EXPIRE', meta, ARGV[4])
                out[#out + 1] = tostring(offset)
                out[#out + 1] = epoch
              end
            end
            return out
            """, List.class);

    /*
     * Read-only: KEYS[1] meta, KEYS[2] log (or absent), ARGV[1] the offset to read after (entries
     * are consecutive, so it skips straight to it). Returns top, epoch, then the entries after that
     * offset; a room without a stream is top 0, epoch "" (StreamPosition.NONE) and costs no key.
     */
    private static final RedisScript<List> READ = new DefaultRedisScript<>("""
            local epoch = redis.call('HGET', KEYS[1], 'epoch')
            if not epoch then
              return {'0', ''}
            end
            local out = {redis.call('HGET', KEYS[1], 'top'), epoch}
            if KEYS[2] then
              local head = redis.call('LINDEX', KEYS[2], 0)
              if head then
                local first = tonumber(string.match(head, '^(%d+)'))
                local start = tonumber(ARGV[1]) + 1 - first
                if start < 0 then start = 0 end
                for _, e in ipairs(redis.call('LRANGE', KEYS[2], start, -1)) do
                  out[#out + 1] = e
                end
              end
            end
            return out
            """, List.class);

    private final StringRedisTemplate redis;
    private final Clock clock;
    private final int size;
    private final Duration ttl;

    public RedisRoomHistory(StringRedisTemplate redis, Clock clock, int size, Duration ttl) {
        this.redis = redis;
        this.clock = clock;
        this.size = size;
        this.ttl = ttl;
    }

    private static String key(String room, String part) {
        return "linkup:room:{" + room + "}:" + part;
    }

    private static String freshEpoch() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    @Override
    public List<StreamPosition> append(String messageId, List<String> rooms, String payload) {
        return appendAll(List.of(new Append(messageId, rooms, payload))).get(0);
    }

    /** One script call for all of them: offsets are given in the order of {@code appends}. */
    @Override
    public List<List<StreamPosition>> appendAll(List<Append> appends) {
        List<String> keys = new ArrayList<>();
        List<String> args = new ArrayList<>(5 + appends.size() * 3);
        args.add(Long.toString(clock.millis()));
        args.add(Integer.toString(size));
        args.add(Long.toString(ttl.toMillis()));
        args.add(Long.toString(EPOCH_TTL.toSeconds()));
        args.add(freshEpoch());
        args.add(Integer.toString(RoomHistory.idsRemembered(size)));
        for (Append a : appends) {
            for (String room : a.rooms()) {
                keys.add(key(room, "meta"));
                keys.add(key(room, "log"));
                keys.add(key(room, "ids"));
            }
            String id = a.messageId().indexOf(US) >= 0 ? a.messageId().replace(US, ' ') : a.messageId();
            args.add(id);
            args.add(a.payload());
            args.add(Integer.toString(a.rooms().size()));
        }
        @SuppressWarnings("unchecked")
        List<Object> out = redis.execute(APPEND, keys, args.toArray());
        List<List<StreamPosition>> positions = new ArrayList<>(appends.size());
        int i = 0;
        for (Append a : appends) {
            List<StreamPosition> mine = new ArrayList<>(a.rooms().size());
            for (int r = 0; r < a.rooms().size(); r++, i += 2) {
                mine.add(new StreamPosition(Long.parseLong(out.get(i).toString()), out.get(i + 1).toString()));
            }
            positions.add(mine);
        }
        return positions;
    }

    @Override
    public Recovery since(String room, StreamPosition since) {
        @SuppressWarnings("unchecked")
        List<Object> out = redis.execute(READ, List.of(key(room, "meta"), key(room, "log")),
                Long.toString(Math.max(0, since.offset())));
        StreamPosition current = new StreamPosition(Long.parseLong(out.get(0).toString()), out.get(1).toString());
        long cutoff = clock.millis() - ttl.toMillis();
        List<RoomMessage> messages = new ArrayList<>(Math.max(0, out.size() - 2));
        long oldest = 0;
        for (int i = 2; i < out.size(); i++) {
            String entry = out.get(i).toString();
            int a = entry.indexOf(US);
            int b = entry.indexOf(US, a + 1);
            int c = entry.indexOf(US, b + 1);
            long offset = Long.parseLong(entry, 0, a, 10);
            long at = Long.parseLong(entry, a + 1, b, 10);
            if (at < cutoff) {
                continue; // expired but not yet trimmed (trimming happens on append)
            }
            if (oldest == 0) {
                oldest = offset;
            }
            if (offset > since.offset()) {
                messages.add(RoomMessage.stamp(room, entry.substring(b + 1, c), offset, current.epoch(),
                        entry.substring(c + 1)));
            }
        }
        // only entries after the offset were read: recoverable when the next one is still there
        if (!RoomHistory.recoverable(since, current, oldest)) {
            return new Recovery(false, current, List.of());
        }
        return new Recovery(true, current, messages);
    }

    @Override
    public StreamPosition position(String room) {
        @SuppressWarnings("unchecked")
        List<Object> out = redis.execute(READ, List.of(key(room, "meta")), "0");
        return new StreamPosition(Long.parseLong(out.get(0).toString()), out.get(1).toString());
    }
}
