package golf.linkup.engine.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CachingParticipantsTest {

    /** The database as a map, counting reads; {@code during} runs inside a read (a change racing it). */
    static final class Table implements Participants {
        final Map<String, List<String>> rows = new HashMap<>();
        final List<String> reads = new ArrayList<>();
        Runnable during = () -> { };

        @Override
        public List<String> of(String teeTimeId) {
            reads.add(teeTimeId);
            List<String> now = List.copyOf(rows.getOrDefault(teeTimeId, List.of()));
            Runnable r = during;
            during = () -> { };
            r.run();
            return now;
        }
    }

    final Table table = new Table();
    final MutableClock clock = new MutableClock();
    final CachingParticipants cache = new CachingParticipants(table, clock, Duration.ofSeconds(60), 3);

    @Test
    void aTeeTimeIsReadOnceUntilItIsForgotten() {
        table.rows.put("tt-1", List.of("host", "p1"));
        assertThat(cache.of("tt-1")).containsExactly("host", "p1");
        table.rows.put("tt-1", List.of("host", "p1", "p2"));
        assertThat(cache.of("tt-1")).as("remembered").containsExactly("host", "p1");
        assertThat(table.reads).hasSize(1);

        cache.forget("tt-1");
        assertThat(cache.of("tt-1")).containsExactly("host", "p1", "p2");
        assertThat(table.reads).hasSize(2);
    }

    @Test
    void anUnknownTeeTimeIsRememberedEmptyUntilItIsCreated() {
        assertThat(cache.of("tt-new")).isEmpty();
        assertThat(cache.of("tt-new")).isEmpty();
        assertThat(table.reads).hasSize(1);
        table.rows.put("tt-new", List.of("host"));
        cache.forget("tt-new");
        assertThat(cache.includes("tt-new", "host")).isTrue();
    }

    @Test
    void aUserNotAmongTheRememberedIsAnsweredFromTheDatabase() {
        table.rows.put("tt-1", List.of("host"));
        assertThat(cache.askedBy("tt-1", "host")).containsExactly("host");
        assertThat(cache.askedBy("tt-1", "host")).containsExactly("host");
        assertThat(table.reads).as("a player's answer is remembered").hasSize(1);

        // p1 joined; the event has not arrived yet, and p1 subscribes at once
        table.rows.put("tt-1", List.of("host", "p1"));
        assertThat(cache.askedBy("tt-1", "p1")).containsExactly("host", "p1");
        assertThat(cache.includes("tt-1", "p1")).isTrue();
        assertThat(cache.includes("tt-1", "host")).isTrue();
        assertThat(table.reads).as("read again once, then remembered").hasSize(2);
        assertThat(cache.includes("tt-1", "stranger")).isFalse();
        assertThat(table.reads).hasSize(3);
    }

    @Test
    void entriesExpireAfterTheTtl() {
        table.rows.put("tt-1", List.of("host"));
        cache.of("tt-1");
        table.rows.put("tt-1", List.of("host", "p1"));
        clock.advance(Duration.ofSeconds(59));
        assertThat(cache.of("tt-1")).containsExactly("host");
        clock.advance(Duration.ofSeconds(2));
        assertThat(cache.of("tt-1")).containsExactly("host", "p1");
    }

    @Test
    void aReadThatAChangeOvertookIsNotRemembered() {
        table.rows.put("tt-1", List.of("host"));
        // the slot is booked and its event forgets the tee time while the read is under way
        table.during = () -> {
            table.rows.put("tt-1", List.of("host", "p1"));
            cache.forget("tt-1");
        };
        assertThat(cache.of("tt-1")).containsExactly("host");
        assertThat(cache.of("tt-1")).as("read again, not the stale answer").containsExactly("host", "p1");
        assertThat(table.reads).hasSize(2);
    }

    @Test
    void atMostTheBoundIsRemembered() {
        for (int i = 0; i < 10; i++) {
            cache.of("tt-" + i);
        }
        assertThat(cache.size()).isEqualTo(3);
        cache.of("tt-9");
        assertThat(table.reads).as("the most recent stayed").hasSize(10);
        cache.of("tt-0");
        assertThat(table.reads).as("the oldest went").hasSize(11);
    }

    @Test
    void sizeZeroRemembersNothing() {
        var off = new CachingParticipants(table, clock, Duration.ofSeconds(60), 0);
        off.of("tt-1");
        off.of("tt-1");
        assertThat(table.reads).hasSize(2);
    }

    static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-12-07T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
