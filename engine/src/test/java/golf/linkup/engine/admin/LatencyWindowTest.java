package golf.linkup.engine.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import golf.linkup.engine.admin.figures.LatencyWindow;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LatencyWindowTest {

    @Test
    void percentilesAreWithinABucketOfTheExactOnesAndEachDrainStartsAFreshWindow() {
        LatencyWindow window = new LatencyWindow();
        Random random = new Random(7);
        long[] values = new long[10_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = 1 + (long) Math.abs(random.nextGaussian() * 2_000 + 500);
            window.record(values[i]);
        }
        Arrays.sort(values);
        LatencyWindow.Percentiles p = window.drain();
        assertEquals(10_000, p.count());
        for (double q : new double[] {0.5, 0.99}) {
            long exact = values[(int) Math.ceil(q * values.length) - 1];
            long estimate = p.quantileMicros(q);
            // a bucket is a quarter of a power of two wide: at most 25% above the exact value, never below
            assertTrue(estimate >= exact && estimate <= exact * 1.25, q + ": " + estimate + " vs exact " + exact);
        }
        assertEquals(0, window.drain().count());
        assertEquals(0, window.drain().quantileMicros(0.99));
    }

    @Test
    void smallAndHugeValuesLandInTheEndBuckets() {
        LatencyWindow window = new LatencyWindow();
        window.record(0);
        window.record(1);
        window.record(Long.MAX_VALUE);
        LatencyWindow.Percentiles p = window.drain();
        assertEquals(1, p.quantileMicros(0.5));
        long top = p.quantileMicros(1.0);
        assertTrue(top >= (1L << 39) && top < (1L << 41), "top bucket " + top);
    }
}
