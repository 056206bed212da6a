package golf.linkup.engine.gateway.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import golf.linkup.engine.gateway.history.RoomHistory.Recovery;
import golf.linkup.engine.json.Json;
import golf.linkup.testing.AdjustableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link RoomHistory} does; each implementation's test extends this. */
public abstract class RoomHistoryContract {

    protected final AdjustableClock clock = new AdjustableClock(Instant.parse("2026-03-01T09:00:00Z"));
    /** Fresh room names per test: implementations may share a server between tests. */
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    /** A history keeping {@code size} messages for {@code ttl}, on {@code clock}. */
    protected abstract RoomHistory history(Clock clock, int size, Duration ttl);

    private String room(String name) {
        return "tee-time:" + name + "-" + run;
    }

    private static String payload(int n) {
        return "{\"type\":\"tee-time:message\",\"data\":{\"n\":" + n + "}}";
    }

    @Test
    void offsetsGrowByOnePerMessageInEachRoomWithinOneEpoch() {
        RoomHistory h = history(clock, 100, Duration.ofMinutes(2));
        String a = room("a");
        String b = room("b");

        List<StreamPosition> first = h.append("m1", List.of(a, b), payload(1));
        List<StreamPosition> second = h.append("m2", List.of(a), payload(2));
        List<StreamPosition> third = h.append("m3", List.of(b, a), payload(3));

        assertThat(first).extracting(StreamPosition::offset).containsExactly(1L, 1L);
        assertThat(second).extracting(StreamPosition::offset).containsExactly(2L);
        assertThat(third).extracting(StreamPosition::offset).containsExactly(2L, 3L);
        assertThat(third.get(1).epoch()).isEqualTo(first.get(0).epoch());
        assertThat(h.position(a)).isEqualTo(third.get(1));
    }

    @Test
    void appendingTheSameMessageAgainGivesItsFirstPosition() {
        RoomHistory h = history(clock, 100, Duration.ofMinutes(2));
        String a = room("idem");
        h.append("m1", List.of(a), payload(1));
        StreamPosition m2 = h.append("m2", List.of(a), payload(2)).get(0);

        // a second instance handling the same events late
        assertThat(h.append("m2", List.of(a), payload(2))).containsExactly(m2);
        assertThat(h.append("m3", List.of(a), payload(3)).get(0).offset()).isEqualTo(3);
    }

    @Test
    void anInstanceFarBehindAnotherStillGetsTheSameOffsetsThoughTheLogNoLongerHasThem() {
        RoomHistory h = history(clock, 3, Duration.ofMinutes(2));
        String a = room("lag");
        for (int i = 1; i <= 20; i++) {
            h.append("m" + i, List.of(a), payload(i)); // the instance ahead
        }
        for (int i = 1; i <= 20; i++) {
            assertThat(h.append("m" + i, List.of(a), payload(i)).get(0).offset()).as("m" + i).isEqualTo(i);
        }
        assertThat(h.append("m21", List.of(a), payload(21)).get(0).offset()).isEqualTo(21);
    }

    @Test
    void recoveryReturnsTheMessagesAfterTheOffsetStampedAsClientsReceivedThem() throws Exception {
        RoomHistory h = history(clock, 100, Duration.ofMinutes(2));
        String a = room("rec");
        StreamPosition seen = null;
        for (int i = 1; i <= 5; i++) {
            StreamPosition p = h.append("m" + i, List.of(a), payload(i)).get(0);
            if (i == 2) {
                seen = p;
            }
        }

        Recovery r = h.since(a, seen);

        assertThat(r.recovered()).isTrue();
        assertThat(r.position().offset()).isEqualTo(5);
        assertThat(r.messages()).extracting(RoomMessage::offset).containsExactly(3L, 4L, 5L);
        JsonNode last = Json.MAPPER.readTree(r.messages().get(2).text());
        assertThat(last.path("id").asText()).isEqualTo("m5");
        assertThat(last.path("room").asText()).isEqualTo(a);
        assertThat(last.path("offset").asLong()).isEqualTo(5);
        assertThat(last.path("epoch").asText()).isEqualTo(seen.epoch());
        assertThat(last.path("data").path("n").asInt()).isEqualTo(5);
        assertThat(h.since(a, r.position())).isEqualTo(new Recovery(true, r.position(), List.of()));
    }

    @Test
    void recoveryFailsWhenHistoryNoLongerReachesBackOrTheEpochDiffers() {
        RoomHistory h = history(clock, 3, Duration.ofMinutes(2));
        String a = room("short");
        StreamPosition first = h.append("m1", List.of(a), payload(1)).get(0);
        for (int i = 2; i <= 5; i++) {
            h.append("m" + i, List.of(a), payload(i));
        }

        assertThat(h.since(a, first).recovered()).as("m2 was trimmed (only 3 kept)").isFalse();
        assertThat(h.since(a, new StreamPosition(2, first.epoch())).messages()).extracting(RoomMessage::offset)
                .containsExactly(3L, 4L, 5L);
        assertThat(h.since(a, new StreamPosition(5, "another-epoch")).recovered()).isFalse();
        assertThat(h.since(a, new StreamPosition(9, first.epoch())).recovered()).as("ahead of the room").isFalse();
    }

    @Test
    void messagesOlderThanTheTtlAreNotRecovered() {
        RoomHistory h = history(clock, 100, Duration.ofMinutes(2));
        String a = room("old");
        StreamPosition first = h.append("m1", List.of(a), payload(1)).get(0);
        h.append("m2", List.of(a), payload(2));
        clock.advance(Duration.ofSeconds(90));
        h.append("m3", List.of(a), payload(3));
        clock.advance(Duration.ofSeconds(40)); // m1 and m2 are 130 s old, m3 40 s

        assertThat(h.since(a, first).recovered()).isFalse();
        assertThat(h.since(a, new StreamPosition(2, first.epoch())).messages()).extracting(RoomMessage::offset)
                .containsExactly(3L);
    }

    @Test
    void aClientThatSawTheRoomBeforeItHadAStreamDoesNotRecoverOnceItsFirstMessagesAreGone() {
        RoomHistory h = history(clock, 2, Duration.ofMinutes(2));
        String a = room("lost-start");
        StreamPosition start = h.position(a);
        assertThat(start).isEqualTo(StreamPosition.NONE);
        for (int i = 1; i <= 3; i++) {
            h.append("m" + i, List.of(a), payload(i)); // keeps 2: m1 is gone
        }
        assertThat(h.since(a, start).recovered()).isFalse();
    }

    @Test
    void anEmptyRoomHasAStableEpochSoAClientThatSawNothingRecoversLater() {
        RoomHistory h = history(clock, 100, Duration.ofMinutes(2));
        String a = room("empty");
        StreamPosition start = h.position(a);
        assertThat(start.offset()).isZero();
        assertThat(h.position(a)).isEqualTo(start);

        h.append("m1", List.of(a), payload(1));

        Recovery r = h.since(a, start);
        assertThat(r.recovered()).isTrue();
        assertThat(r.messages()).extracting(RoomMessage::id).containsExactly("m1");
    }
}
