package golf.linkup.intake;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import redis.clients.jedis.Jedis;

/**
 * This instance's member of the consumer group that does the cluster's once-only work (dead
 * letters, waitlist, matching, notifications). Each entry is delivered to one member; a member
 * acknowledges ({@code XACK}) what its route handled, once per batch. What it reads, in turn:
 * <ol>
 *   <li>after each (re)connect, the entries the group delivered to it before and it never
 *       acknowledged (it crashed or lost its connection mid-batch);</li>
 *   <li>every {@code claimIdle / 2}, entries any member left pending longer than {@code claimIdle}
 *       ({@code XAUTOCLAIM}): a member that died, or an entry whose handling failed and waits for
 *       another attempt (Redis counts the deliveries; the route dead-letters an entry delivered more
 *       than {@code maxDeliveries} times);</li>
 *   <li>otherwise new entries ({@code XREADGROUP >}).</li>
 * </ol>
 * After a read that found entries but fewer than a batch, the next new-entry read waits until
 * {@link #GATHER} after it, so a steady stream is taken in batches (one round trip, one
 * acknowledgement per batch) instead of one entry per round trip; the first entry after a quiet
 * spell is not held back. Every instance already delivers the event live; the group's work
 * (waitlist, matching, notifications) can start that much later.
 * A failure's reason is kept in Redis ({@code <stream>:failures}, per entry) so the dead letter says
 * why, whichever member gives up on it.
 */
public final class GroupStreamReader implements StreamReader {

    private static final Duration FAILURE_MEMORY = Duration.ofDays(7);
    /** Longest a new-entry read waits for more entries to gather after a short batch. */
    static final Duration GATHER = Duration.ofMillis(50);

    private final String name;
    private final RedisEventStream stream;
    private final String consumer;
    private final int batchSize;
    private final Duration block;
    private final Duration claimIdle;
    private final Clock clock;
    private final String failuresKey;
    private String ownPendingAfter;
    private String claimCursor = "0-0";
    private long nextClaimMillis;
    /** Whether the last new-entry read was short but not empty: the next waits until {@link #gatherUntilNanos}. */
    private boolean gathering;
    private long gatherUntilNanos;

    public GroupStreamReader(RedisEventStream stream, String consumer, int batchSize, Duration block,
            Duration claimIdle, Clock clock) {
        this("group", stream, consumer, batchSize, block, claimIdle, clock);
    }

    /** A member of another group, {@code name} naming its thread, Redis client and health. */
    public GroupStreamReader(String name, RedisEventStream stream, String consumer, int batchSize, Duration block,
            Duration claimIdle, Clock clock) {
        this.name = name;
        this.stream = stream;
        this.consumer = consumer;
        this.batchSize = batchSize;
        this.block = block;
        this.claimIdle = claimIdle;
        this.clock = clock;
        this.failuresKey = stream.key() + ":failures";
    }

    @Override
    public String name() {
        return name;
    }

    public String consumer() {
        return consumer;
    }

    @Override
    public void open(Jedis jedis) {
        stream.ensureGroup(jedis);
        ownPendingAfter = "0-0"; // first, what was delivered to this member and never acknowledged
    }

    @Override
    public List<RedisEventStream.Entry> next(Jedis jedis) {
        if (ownPendingAfter != null) {
            List<RedisEventStream.Entry> mine = stream.readGroup(jedis, consumer, ownPendingAfter, batchSize, block);
            if (!mine.isEmpty()) {
                ownPendingAfter = mine.get(mine.size() - 1).id();
                return mine;
            }
            ownPendingAfter = null;
        }
        long now = clock.millis();
        if (now >= nextClaimMillis) {
            RedisEventStream.Claimed claimed = stream.autoClaim(jedis, consumer, claimIdle, claimCursor, batchSize);
            claimCursor = claimed.nextCursor();
            if ("0-0".equals(claimCursor)) {
                nextClaimMillis = now + Math.max(100, claimIdle.toMillis() / 2);
            }
            if (!claimed.entries().isEmpty()) {
                return claimed.entries();
            }
        }
        if (gathering) {
            long wait = gatherUntilNanos - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
        }
        long readAt = System.nanoTime();
        List<RedisEventStream.Entry> fresh = stream.readGroup(jedis, consumer, ">", batchSize, block);
        gathering = !fresh.isEmpty() && fresh.size() < batchSize;
        gatherUntilNanos = readAt + GATHER.toNanos();
        return fresh;
    }

    @Override
    public void finished(List<RedisEventStream.Entry> succeeded, List<Failure> failed) {
        List<String> done = new ArrayList<>(succeeded.size());
        List<String> retried = new ArrayList<>();
        for (RedisEventStream.Entry e : succeeded) {
            done.add(e.id());
            if (e.deliveries() > 1) {
                retried.add(e.id());
            }
        }
        stream.redis().withJedis(jedis -> {
            stream.ack(jedis, done);
            if (!retried.isEmpty()) {
                jedis.hdel(failuresKey, retried.toArray(String[]::new));
            }
            // failed entries stay pending: XAUTOCLAIM hands them out again after claimIdle
            for (Failure f : failed) {
                jedis.hset(failuresKey, f.entry().id(), consumer + ": " + describe(f.cause()));
            }
            if (!failed.isEmpty()) {
                jedis.expire(failuresKey, FAILURE_MEMORY.toSeconds());
            }
            return null;
        });
    }

    /** Why the entry's last attempt failed, as recorded by whichever member tried it. */
    public Optional<String> lastFailure(String entryId) {
        return Optional.ofNullable(stream.redis().withJedis(jedis -> jedis.hget(failuresKey, entryId)));
    }

    private static String describe(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        return text.length() > 500 ? text.substring(0, 500) : text;
    }
}
