package golf.linkup.intake;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import redis.clients.jedis.Jedis;

/**
 * How far the cluster has put the stream's messages into room history: the id of the newest entry
 * whose room messages an instance has appended, kept in Redis ({@code <stream>:sequenced}) and only
 * ever moved forward. An instance that starts reads from there, so entries appended while every
 * instance was down (or crashed mid-batch) still enter room history, with the offsets they would
 * have had; appending is idempotent per message id, so reading some entries again is harmless.
 *
 * <p>{@link #sequenced} is called on the delivery thread after each batch and only remembers the
 * id; {@link #flush} writes it about once a second. After a crash the cursor is at most that much
 * behind, which costs a re-read of those entries, never a gap.
 */
public final class LiveCursor {

    /** Sets the key to ARGV[1] unless it already holds a later id (ids compare as ms, then sequence). */
    private static final String SET_IF_LATER = """
            local current = redis.call('GET', KEYS[1])
            if current then
              local cm, cs = string.match(current, '(%d+)-(%d+)')
              local nm, ns = string.match(ARGV[1], '(%d+)-(%d+)')
              cm, cs, nm, ns = tonumber(cm), tonumber(cs), tonumber(nm), tonumber(ns)
              if cm > nm or (cm == nm and cs >= ns) then return 0 end
            end
            redis.call('SET', KEYS[1], ARGV[1])
            return 1
            """;

    private final RedisEventStream stream;
    private final String key;
    private final AtomicReference<String> latest = new AtomicReference<>();
    private volatile String flushed;

    public LiveCursor(RedisEventStream stream) {
        this.stream = stream;
        this.key = stream.key() + ":sequenced";
    }

    public String key() {
        return key;
    }

    /** Where a starting instance reads from: the cluster's cursor, or (first start) see {@link LiveStreamReader}. */
    String stored(Jedis jedis) {
        return jedis.get(key);
    }

    /** Remembers that the entry {@code entryId} (and everything before it) is in room history. */
    public void sequenced(String entryId) {
        latest.accumulateAndGet(entryId, (a, b) -> a == null || RedisEventStream.compareIds(b, a) > 0 ? b : a);
    }

    /** The newest id this instance sequenced, or null. */
    public String latest() {
        return latest.get();
    }

    /** Writes the newest sequenced id to Redis if it moved since the last flush. */
    public void flush() {
        String id = latest.get();
        if (id != null && !id.equals(flushed)) {
            stream.redis().withJedis(jedis -> jedis.eval(SET_IF_LATER, List.of(key), List.of(id)));
            flushed = id;
        }
    }

    /** The cluster's cursor as stored now (null before the first flush anywhere). */
    public String clusterPosition() {
        return stream.redis().withJedis(jedis -> jedis.get(key));
    }
}
