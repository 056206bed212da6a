package golf.linkup.engine.admin.figures;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Latencies of the current second, for per-second percentiles: a log-scale histogram with four
 * buckets per power of two (each bucket about 19% wide) from 1 µs to about 2^40 µs. Recording is
 * lock-free and allocation-free; {@link #drain()} takes the counts and starts the next window.
 */
public final class LatencyWindow {

    static final int BUCKETS = 4 * 40;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

    public void record(long micros) {
        counts.incrementAndGet(bucket(Math.max(1, micros)));
    }

    /** Bucket of a value ≥ 1: 4 × floor(log2 v) plus the next two bits of v. */
    static int bucket(long v) {
        int e = 63 - Long.numberOfLeadingZeros(v);
        int quarter = e >= 2 ? (int) ((v >> (e - 2)) & 3) : (e == 1 ? (int) ((v & 1) << 1) : 0);
        return Math.min(BUCKETS - 1, 4 * e + quarter);
    }

    /** The largest value that falls in bucket {@code b}. */
    static long upperBound(int b) {
        int e = b / 4;
        int quarter = b % 4;
        if (e < 2) {
            return e == 0 ? 1 : 2 + quarter / 2;
        }
        long base = 1L << e;
        return base + (base >> 2) * (quarter + 1) - 1;
    }

    /** The counts of the window that ends now; the next window starts empty. */
    public Percentiles drain() {
        long[] taken = new long[BUCKETS];
        long total = 0;
        for (int i = 0; i < BUCKETS; i++) {
            taken[i] = counts.getAndSet(i, 0);
            total += taken[i];
        }
        return new Percentiles(taken, total);
    }

    /** One window's histogram. */
    public static final class Percentiles {
        private final long[] counts;
        private final long total;

        Percentiles(long[] counts, long total) {
            this.counts = counts;
            this.total = total;
        }

        public long count() {
            return total;
        }

        /** The latency (µs, a bucket's upper bound) under which {@code q} of the window's values fall; 0 when empty. */
        public long quantileMicros(double q) {
            if (total == 0) {
                return 0;
            }
            long rank = (long) Math.ceil(q * total);
            long seen = 0;
            for (int i = 0; i < counts.length; i++) {
                seen += counts[i];
                if (seen >= rank && counts[i] > 0) {
                    return upperBound(i);
                }
            }
            return upperBound(counts.length - 1);
        }
    }
}
