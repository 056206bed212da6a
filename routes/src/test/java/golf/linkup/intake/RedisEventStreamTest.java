package golf.linkup.intake;

import static org.assertj.core.api.Assertions.assertThat;

import golf.linkup.e2e.SharedRedis;
import golf.linkup.engine.config.IntakeSettings;
import golf.linkup.engine.config.SettingsReader;
import golf.linkup.redis.RedisConnections;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.XAddParams;

/** The event stream's Redis side on a real Redis server: order, the group's hand-out, take-over, lag, retention. */
class RedisEventStreamTest {

    private final String key = "test:stream:" + UUID.randomUUID();
    private final RedisConnections redis = new RedisConnections(SharedRedis.uri());
    private final RedisEventStream stream = new RedisEventStream(redis, key, "g");
    private final Jedis a = redis.dedicatedConnection("test-a", Duration.ofSeconds(1));
    private final Jedis b = redis.dedicatedConnection("test-b", Duration.ofSeconds(1));

    @AfterEach
    void close() {
        a.del(key, key + ":sequenced", key + ":failures");
        a.close();
        b.close();
        redis.close();
    }

    @Test
    void everyReaderGetsEveryEntryInAppendOrder() {
        stream.ensureGroup(a);
        List<String> ids = List.of(stream.append("e1"), stream.append("e2"), stream.append("e3"));

        List<RedisEventStream.Entry> read = stream.readAfter(a, "0-0", 10, Duration.ofMillis(100));

        assertThat(read).extracting(RedisEventStream.Entry::id).containsExactlyElementsOf(ids);
        assertThat(read).extracting(e -> e.event().orElseThrow()).containsExactly("e1", "e2", "e3");
        assertThat(stream.readAfter(b, ids.get(1), 10, Duration.ofMillis(100))).extracting(e -> e.event().orElseThrow())
                .containsExactly("e3");
    }

    @Test
    void theGroupHandsEachEntryToOneMemberAndAnUnacknowledgedOneGoesToAnotherAfterTheIdleTime() throws Exception {
        stream.ensureGroup(a);
        for (int i = 0; i < 4; i++) {
            stream.append("e" + i);
        }
        List<RedisEventStream.Entry> first = stream.readGroup(a, "member-a", ">", 2, Duration.ofMillis(100));
        List<RedisEventStream.Entry> second = stream.readGroup(b, "member-b", ">", 10, Duration.ofMillis(100));
        assertThat(first).extracting(e -> e.event().orElseThrow()).containsExactly("e0", "e1");
        assertThat(second).extracting(e -> e.event().orElseThrow()).containsExactly("e2", "e3");
        stream.ack(b, second.stream().map(RedisEventStream.Entry::id).toList());

        // member-a dies holding e0 and e1: member-b takes them over once they are idle long enough
        assertThat(stream.autoClaim(b, "member-b", Duration.ofSeconds(30), "0-0", 10).entries()).isEmpty();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() ->
                !stream.autoClaim(b, "member-b", Duration.ofMillis(200), "0-0", 10).entries().isEmpty());
        // taken over once above: a member reading its own pending entries again sees the delivery count
        List<RedisEventStream.Entry> mine = stream.readGroup(b, "member-b", "0-0", 10, Duration.ofMillis(100));
        assertThat(mine).extracting(e -> e.event().orElseThrow()).containsExactly("e0", "e1");
        assertThat(mine).allSatisfy(e -> assertThat(e.deliveries()).isGreaterThanOrEqualTo(2));
    }

    @Test
    void anEntryWithoutTheEventFieldIsReadWithItsFieldsSoItCanBeDeadLettered() {
        stream.ensureGroup(a);
        a.xadd(key, XAddParams.xAddParams(), Map.of("payload", "{}"));

        RedisEventStream.Entry entry = stream.readGroup(a, "m", ">", 10, Duration.ofMillis(100)).get(0);

        assertThat(entry.event()).isEmpty();
        assertThat(entry.fields()).containsEntry("payload", "{}");
    }

    @Test
    void lagIsTheAgeOfTheOldestEntryTheGroupHasNotFinished() {
        stream.ensureGroup(a);
        String first = stream.append("e1");
        stream.append("e2");
        long appendedAt = RedisEventStream.millisOf(first);

        RedisEventStream.GroupState unread = stream.groupState().orElseThrow();
        assertThat(unread.firstUnread()).isEqualTo(first);
        assertThat(unread.lagMillis(appendedAt + 5_000)).isEqualTo(5_000);

        List<RedisEventStream.Entry> read = stream.readGroup(a, "m", ">", 10, Duration.ofMillis(100));
        RedisEventStream.GroupState pending = stream.groupState().orElseThrow();
        assertThat(pending.pending()).isEqualTo(2);
        assertThat(pending.oldestPending()).isEqualTo(first);
        assertThat(pending.lagMillis(appendedAt + 5_000)).isEqualTo(5_000);

        stream.ack(a, read.stream().map(RedisEventStream.Entry::id).toList());
        assertThat(stream.groupState().orElseThrow().lagMillis(appendedAt + 5_000)).isZero();
    }

    @Test
    void retentionNeverTrimsWhatTheGroupHasNotFinished() {
        stream.ensureGroup(a);
        for (int i = 0; i < 300; i++) {
            stream.append("e" + i);
        }
        // the group finished the first 200 only
        List<RedisEventStream.Entry> read = stream.readGroup(a, "m", ">", 200, Duration.ofMillis(100));
        stream.ack(a, read.stream().map(RedisEventStream.Entry::id).toList());
        LiveCursor cursor = new LiveCursor(stream);
        cursor.sequenced(stream.lastId(a));
        cursor.flush();
        // a day later: everything is past a one-hour retention
        Clock dayLater = Clock.fixed(Instant.now().plus(Duration.ofDays(1)), ZoneOffset.UTC);
        IntakeSettings settings = IntakeSettings.read(new SettingsReader(k -> Map.of(
                "linkup.events.retention.max-age", "1h", "linkup.events.retention.max-length", "100000").get(k)));
        IntakeMonitor monitor = new IntakeMonitor(stream, new LiveStreamReader(stream, cursor, 10, Duration.ofMillis(100)),
                cursor, settings, dayLater, new SimpleMeterRegistry());

        String summary = monitor.trim();

        List<RedisEventStream.Entry> left = stream.readAfter(a, "0-0", 1000, Duration.ofMillis(100));
        assertThat(summary).contains("oldest unfinished entry");
        assertThat(left).extracting(e -> e.event().orElseThrow()).contains("e200", "e299");
        assertThat(left.size()).isLessThan(300).isGreaterThanOrEqualTo(100);
    }

    @Test
    void theLiveCursorOnlyMovesForward() {
        LiveCursor cursor = new LiveCursor(stream);
        cursor.sequenced("200-0");
        cursor.flush();
        LiveCursor behind = new LiveCursor(stream);
        behind.sequenced("100-5");
        behind.flush();

        assertThat(cursor.clusterPosition()).isEqualTo("200-0");
        LiveCursor ahead = new LiveCursor(stream);
        ahead.sequenced("200-1");
        ahead.flush();
        assertThat(cursor.clusterPosition()).isEqualTo("200-1");
        a.del(key + ":sequenced");
    }
}
