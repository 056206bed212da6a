package golf.linkup.engine.admin.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Beyond 15 minutes the figures are kept a minute at a time: means of rates, maxima of latencies, last counts. */
class MinuteHistoryTest {

    static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");

    @Test
    void eachClosedMinuteIsOnePointWithMeansMaximaAndLastValues() {
        MinuteHistory minutes = new MinuteHistory();
        for (int s = 0; s < 150; s++) { // two whole minutes and half of a third
            minutes.add(figures(T0.plusSeconds(s), s, s < 60 ? 2 : 4, s == 30 ? 900 : 10));
        }
        List<Figures> points = minutes.since(T0);
        assertEquals(2, points.size(), "the third minute is still open");
        assertEquals(T0.plusSeconds(60), points.get(0).at(), "stamped with the minute's end");
        assertEquals(2.0, points.get(0).messagesInPerSecond(), 1e-9);
        assertEquals(900.0, points.get(0).deliveryP99Millis(), 1e-9, "the worst second of the minute");
        assertEquals(59, points.get(0).connections(), "the minute's last count");
        assertEquals(4.0, points.get(1).messagesInPerSecond(), 1e-9);
        assertEquals(1, minutes.since(T0.plusSeconds(61)).size());
    }

    @Test
    void itKeepsTwentyFourHours() {
        MinuteHistory minutes = new MinuteHistory();
        for (int m = 0; m <= MinuteHistory.MINUTES + 10; m++) {
            minutes.add(figures(T0.plusSeconds(60L * m), m, 1, 1));
        }
        List<Figures> all = minutes.since(Instant.EPOCH);
        assertEquals(MinuteHistory.MINUTES, all.size());
        assertEquals(T0.plusSeconds(60L * (MinuteHistory.MINUTES + 10)), all.get(all.size() - 1).at());
    }

    static Figures figures(Instant at, int connections, double in, double p99) {
        return new Figures(at, connections, 0, 0, in, 0, 0, 0, p99, 0, 0, 0, 0, 0, 0, Map.of(), 0, 0, 0);
    }
}
