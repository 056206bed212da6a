package golf.linkup.engine.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import golf.linkup.testing.AdjustableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LimitersTest {

    private final AdjustableClock clock = new AdjustableClock(Instant.parse("2026-02-01T08:00:00Z"));

    @Test
    void aTokenBucketAllowsItsBurstThenRefillsAtItsRate() {
        TokenBucket bucket = new TokenBucket(5, 2, clock.millis());
        for (int i = 0; i < 5; i++) {
            assertThat(bucket.tryTake(clock.millis())).isTrue();
        }
        assertThat(bucket.tryTake(clock.millis())).isFalse();

        clock.advance(Duration.ofMillis(499));
        assertThat(bucket.tryTake(clock.millis())).as("half a token short").isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(bucket.tryTake(clock.millis())).isTrue();

        clock.advance(Duration.ofHours(1));
        int taken = 0;
        while (bucket.tryTake(clock.millis())) {
            taken++;
        }
        assertThat(taken).as("never more than the burst").isEqualTo(5);
    }

    @Test
    void refusalsWithinAMinuteAddUpToAbuseAndAQuietMinuteForgivesThem() {
        FrameLimiter frames = new FrameLimiter(1, 1, 3, clock.millis());
        assertThat(frames.check(clock.millis())).isEqualTo(FrameLimiter.Verdict.ACCEPT);
        assertThat(frames.check(clock.millis())).isEqualTo(FrameLimiter.Verdict.REFUSE);
        assertThat(frames.check(clock.millis())).isEqualTo(FrameLimiter.Verdict.REFUSE);

        clock.advance(Duration.ofSeconds(61));
        assertThat(frames.check(clock.millis())).isEqualTo(FrameLimiter.Verdict.ACCEPT);
        assertThat(frames.check(clock.millis())).as("a new minute, a first strike").isEqualTo(FrameLimiter.Verdict.REFUSE);
        assertThat(frames.check(clock.millis())).isEqualTo(FrameLimiter.Verdict.REFUSE);
        assertThat(frames.check(clock.millis())).isEqualTo(FrameLimiter.Verdict.CLOSE);
    }

    @Test
    void aWindowLimiterCountsPerKeyInASlidingWindowAndForgetsIdleKeys() {
        WindowLimiter typing = new WindowLimiter(10, Duration.ofMinutes(1), clock);
        for (int i = 0; i < 10; i++) {
            assertThat(typing.tryAcquire("u|tt-1")).isTrue();
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(typing.tryAcquire("u|tt-1")).isFalse();
        assertThat(typing.tryAcquire("u|tt-2")).as("another tee time").isTrue();

        clock.advance(Duration.ofSeconds(50)); // the first one is exactly a minute old
        assertThat(typing.tryAcquire("u|tt-1")).isTrue();
        assertThat(typing.tryAcquire("u|tt-1")).isFalse();

        clock.advance(Duration.ofMinutes(2));
        typing.purge();
        assertThat(typing.tryAcquire("u|tt-1")).isTrue();
    }
}
