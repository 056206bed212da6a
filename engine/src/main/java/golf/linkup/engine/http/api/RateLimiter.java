package golf.linkup.engine.http.api;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-user endpoint limits ("10 requests per hour per user"): a sliding window of the
 * last {@code limit} request times per key. In memory, so per engine instance; behind a load
 * balancer a user gets at most (instances × limit). Bounded by the number of active keys.
 */
public final class RateLimiter {

    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Long>> hits = new ConcurrentHashMap<>();

    public RateLimiter(int limit, Duration window, Clock clock) {
        this.limit = limit;
        this.window = window;
        this.clock = clock;
    }

    /** Records a request; false when the key is over its limit (the request is not counted then). */
    public boolean tryAcquire(String key) {
        long now = clock.millis();
        Deque<Long> times = hits.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            while (!times.isEmpty() && times.peekFirst() <= now - window.toMillis()) {
                times.pollFirst();
            }
            if (times.size() >= limit) {
                return false;
            }
            times.addLast(now);
            return true;
        }
    }

    /** {@link #tryAcquire} or a 429 {@code RATE_LIMIT_EXCEEDED}. */
    public void acquire(String key, String what) throws ApiException {
        if (!tryAcquire(key)) {
            String per = window.toMinutes() >= 1 && window.toSecondsPart() == 0 ? window.toMinutes() + " minutes"
                    : window.toSeconds() + " seconds";
            throw new ApiException(429, "RATE_LIMIT_EXCEEDED", what + ": at most " + limit + " per " + per);
        }
    }
}
