package golf.linkup.engine.gateway.limits;

import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntUnaryOperator;
import java.util.function.LongSupplier;

/**
 * Admission control for new connections on this instance (WebSocket handshakes and SSE streams):
 * a token bucket of {@code burst} tokens refilled at {@code perSecond}, taken BEFORE the token is
 * verified. A reconnect storm is shed before the signature check and the registry work (a refusal
 * costs a compare-and-set and a short HTTP answer), so the handshakes admitted stay fast instead of
 * every handshake slowing down as more arrive.
 *
 * <p>A refused handshake is told when to come back ({@code Retry-After}, whole seconds). The
 * refused are spread over the seconds it takes to admit them at {@code perSecond}: each refusal
 * adds one admission interval to a backlog (which drains as time passes, capped at
 * {@code maxRetryAfterSeconds}), and the answer is a uniformly random whole number of seconds
 * between 1 and the backlog's length. A storm of N refused clients thus returns over about
 * N / perSecond seconds instead of all at once, in lockstep.
 *
 * <p>Thread-safe and lock-free (handshakes arrive on every I/O thread): the bucket is kept as its
 * "theoretical arrival time" (GCRA, the generic cell rate algorithm, equivalent to a token bucket).
 */
public final class ConnectionAdmission {

    private static final long SECOND = 1_000_000_000L;

    private final long intervalNanos;
    private final long burstNanos;
    private final long maxBacklogNanos;
    private final LongSupplier nanoClock;
    private final IntUnaryOperator random;
    /** When the bucket would be full again; a handshake is admitted while this is at most {@code burstNanos} ahead. */
    private final AtomicLong fullAt;
    /** Until when the handshakes refused so far are expected back (the backlog's end). */
    private final AtomicLong backlogUntil;

    public ConnectionAdmission(int perSecond, int burst, int maxRetryAfterSeconds) {
        this(perSecond, burst, maxRetryAfterSeconds, System::nanoTime,
                bound -> ThreadLocalRandom.current().nextInt(bound));
    }

    /**
     * @param random given a bound, a uniformly random int in {@code [0, bound)} (tests pass their own)
     */
    public ConnectionAdmission(int perSecond, int burst, int maxRetryAfterSeconds, LongSupplier nanoClock,
            IntUnaryOperator random) {
        if (perSecond < 1 || burst < 1 || maxRetryAfterSeconds < 1) {
            throw new IllegalArgumentException("rate, burst and max Retry-After must be at least 1");
        }
        this.intervalNanos = SECOND / perSecond;
        this.burstNanos = intervalNanos * burst;
        this.maxBacklogNanos = maxRetryAfterSeconds * SECOND;
        this.nanoClock = nanoClock;
        this.random = random;
        long now = nanoClock.getAsLong();
        this.fullAt = new AtomicLong(now);
        this.backlogUntil = new AtomicLong(now);
    }

    /**
     * Takes one token for a new connection. Empty when admitted; otherwise the seconds the client
     * should wait before trying again (at least 1).
     */
    public OptionalLong admit() {
        long now = nanoClock.getAsLong();
        while (true) {
            long full = fullAt.get();
            long next = Math.max(full, now) + intervalNanos;
            if (next - now > burstNanos) {
                return OptionalLong.of(retryAfterSeconds(now));
            }
            if (fullAt.compareAndSet(full, next)) {
                return OptionalLong.empty();
            }
        }
    }

    private long retryAfterSeconds(long now) {
        long until;
        while (true) {
            long current = backlogUntil.get();
            until = Math.min(Math.max(current, now) + intervalNanos, now + maxBacklogNanos);
            if (backlogUntil.compareAndSet(current, until)) {
                break;
            }
        }
        int seconds = (int) Math.max(1, (until - now + SECOND - 1) / SECOND);
        return 1 + random.applyAsInt(seconds);
    }
}
