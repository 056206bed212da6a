package golf.linkup.intake;

import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;

/**
 * Every instance's reader of the whole stream, for its own sockets: {@code XREAD} from the last id
 * it read, in stream order. Where it starts:
 * <ul>
 *   <li>the cluster's {@link LiveCursor} (what some instance last put into room history), so events
 *       appended while no instance ran are read and enter history;</li>
 *   <li>with no cursor yet: the beginning of the stream if this start created the consumer group (a
 *       new deployment: nothing appended so far is skipped), else its newest entry.</li>
 * </ul>
 * After a lost connection it goes on from the last id it read. Nothing is acknowledged: position is
 * this reader's own; the cursor moves when the messages are in history.
 */
public final class LiveStreamReader implements StreamReader {

    private static final Logger LOG = LoggerFactory.getLogger(LiveStreamReader.class);

    private final RedisEventStream stream;
    private final LiveCursor cursor;
    private final int batchSize;
    private final Duration block;
    private volatile String position;

    public LiveStreamReader(RedisEventStream stream, LiveCursor cursor, int batchSize, Duration block) {
        this.stream = stream;
        this.cursor = cursor;
        this.batchSize = batchSize;
        this.block = block;
    }

    @Override
    public String name() {
        return "live";
    }

    /** The id of the last entry read (null before the first connect). */
    public String position() {
        return position;
    }

    @Override
    public void open(Jedis jedis) {
        if (position != null) {
            return; // a reconnect: go on from what was read
        }
        boolean createdGroup = stream.ensureGroup(jedis);
        String stored = cursor.stored(jedis);
        if (stored != null) {
            position = stored;
        } else {
            position = createdGroup ? "0-0" : stream.lastId(jedis);
        }
        LOG.info("intake live: reading {} after {} ({})", stream.key(), position,
                stored != null ? "the cluster's sequenced position" : createdGroup ? "a new stream" : "its newest entry");
    }

    @Override
    public List<RedisEventStream.Entry> next(Jedis jedis) {
        List<RedisEventStream.Entry> batch = stream.readAfter(jedis, position, batchSize, block);
        if (!batch.isEmpty()) {
            // the live route handles every failure itself (it never leaves an entry for later), so
            // the next read goes on after this batch; after a crash the cluster's cursor decides
            position = batch.get(batch.size() - 1).id();
        }
        return batch;
    }

    @Override
    public void finished(List<RedisEventStream.Entry> succeeded, List<Failure> failed) {
        // nothing to acknowledge: the cursor moves when the messages are in room history
    }
}
