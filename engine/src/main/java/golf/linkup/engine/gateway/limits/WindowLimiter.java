package golf.linkup.engine.gateway.limits;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most {@code limit} actions per key in any sliding {@code window} ("presence 1 per
 * second per user", "typing 10 per minute per conversation"). In this instance's memory: a user
 * with connections on two instances gets the limit on each. {@link #purge} forgets idle keys.
 */
public final class WindowLimiter {

    private final int limit;
    private final long windowMillis;
    private final Clock clock;
    private final Map<String, ArrayDeque<Long>> hits = new ConcurrentHashMap<>();

    public WindowLimiter(int limit, Duration window, Clock clock) {
        this.limit = limit;
        this.windowMillis = window.toMillis();
        this.clock = clock;
    }

    /** Records an action; false when the key is at its limit (the action is not recorded then). */
    public boolean tryAcquire(String key) {
        long now = clock.millis();
        ArrayDeque<Long> times = hits.computeIfAbsent(key, k -> new ArrayDeque<>(Math.min(limit, 16)));
        synchronized (times) {
            while (!times.isEmpty() && times.peekFirst() <= now - windowMillis) {
                times.pollFirst();
            }
            if (times.size() >= limit) {
                return false;
            }
            times.addLast(now);
            return true;
        }
    }

    /** Forgets keys with no action inside the window (keeps memory bounded by active keys). */
    public void purge() {
        long cutoff = clock.millis() - windowMillis;
        hits.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                Long last = e.getValue().peekLast();
                return last == null || last <= cutoff;
            }
        });
    }

    public String describe() {
        return limit + " per " + (windowMillis % 60_000 == 0 ? windowMillis / 60_000 + " min" : windowMillis + " ms");
    }
}
