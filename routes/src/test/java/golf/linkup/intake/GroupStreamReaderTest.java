package golf.linkup.intake;

import static org.assertj.core.api.Assertions.assertThat;

import golf.linkup.e2e.SharedRedis;
import golf.linkup.redis.RedisConnections;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** The consumer group's reader on a real Redis server, fed the way publishers feed it: one entry at a time. */
class GroupStreamReaderTest {

    private final String key = "test:group:" + UUID.randomUUID();
    private final RedisConnections redis = new RedisConnections(SharedRedis.uri());
    private final RedisEventStream stream = new RedisEventStream(redis, key, "g");
    private final Jedis jedis = redis.dedicatedConnection("test-group", Duration.ofSeconds(1));

    @AfterEach
    void close() {
        jedis.del(key, key + ":failures");
        jedis.close();
        redis.close();
    }

    @Test
    void aSteadyTrickleOfEntriesIsReadInBatchesEachEntryOnceAndInOrder() throws Exception {
        GroupStreamReader reader = new GroupStreamReader(stream, "member", 256, Duration.ofMillis(200),
                Duration.ofSeconds(30), Clock.systemUTC());
        reader.open(jedis);
        int count = 60;
        // a publisher appends one entry every 5 ms (200/s) while the member reads
        long[] publishedNanos = new long[1];
        Thread publisher = new Thread(() -> {
            try (Jedis own = redis.dedicatedConnection("test-publisher", Duration.ofSeconds(1))) {
                long start = System.nanoTime();
                for (int i = 0; i < count; i++) {
                    stream.append(own, "e" + i);
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
                }
                publishedNanos[0] = System.nanoTime() - start;
            }
        }, "test-publisher");
        publisher.start();

        List<String> read = new ArrayList<>();
        int roundTrips = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (read.size() < count && System.nanoTime() < deadline) {
            List<RedisEventStream.Entry> batch = reader.next(jedis);
            if (!batch.isEmpty()) {
                roundTrips++;
                batch.forEach(e -> read.add(e.event().orElseThrow()));
                reader.finished(batch, List.of());
            }
        }
        publisher.join(10_000);

        assertThat(read).containsExactlyElementsOf(IntStream.range(0, count).mapToObj(i -> "e" + i).toList());
        // read as they come, that is one round trip (and one acknowledgement) per entry; gathered for
        // GroupStreamReader.GATHER after each short batch, one per GATHER of publishing (~300 ms: ~6)
        long bound = publishedNanos[0] / GroupStreamReader.GATHER.toNanos() + 2;
        assertThat(bound).as("the publisher was fast enough for the check to mean something").isLessThan(count / 2);
        assertThat(roundTrips).as("reads that returned entries while %d ms of appends", publishedNanos[0] / 1_000_000)
                .isLessThanOrEqualTo((int) bound);
        assertThat(stream.groupState().orElseThrow().pending()).as("everything read was acknowledged").isZero();
    }
}
