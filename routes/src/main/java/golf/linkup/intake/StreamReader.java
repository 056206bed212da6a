package golf.linkup.intake;

import java.util.List;
import redis.clients.jedis.Jedis;

/**
 * What an {@link EventStreamConsumer} reads from the stream and what it does once entries were
 * processed: every instance's live reader ({@link LiveStreamReader}) and the cluster's consumer
 * group ({@link GroupStreamReader}). {@link #open} and {@link #next} are called on the consumer's
 * reading thread with its dedicated connection; a Redis failure is thrown as Jedis' exception and
 * the consumer reconnects and calls {@link #open} again. {@link #finished} is called on the
 * consumer's handling thread, in read order, and uses pooled connections.
 */
interface StreamReader {

    /** Names the consumer's thread and Redis client. */
    String name();

    /** After each (re)connect: where to read from. */
    void open(Jedis jedis);

    /** The next entries, waiting about a second at most when there are none. */
    List<RedisEventStream.Entry> next(Jedis jedis);

    /** After a batch: {@code succeeded} were handled by the route, {@code failed} were not (with why). */
    void finished(List<RedisEventStream.Entry> succeeded, List<Failure> failed);

    record Failure(RedisEventStream.Entry entry, Throwable cause) {
    }
}
