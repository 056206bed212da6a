package golf.linkup.engine.gateway.limits;

/**
 * A token bucket: holds at most {@code capacity} tokens, refilled at {@code perSecond}; each
 * accepted frame takes one. Not thread-safe: one connection's frames arrive one at a time.
 */
public final class TokenBucket {

    private final double capacity;
    private final double perMilli;
    private double tokens;
    private long lastMillis;

    public TokenBucket(int capacity, int perSecond, long nowMillis) {
        this.capacity = capacity;
        this.perMilli = perSecond / 1000.0;
        this.tokens = capacity;
        this.lastMillis = nowMillis;
    }

    /** Takes a token; false when the bucket is empty (nothing is taken then). */
    public boolean tryTake(long nowMillis) {
        if (nowMillis > lastMillis) {
            tokens = Math.min(capacity, tokens + (nowMillis - lastMillis) * perMilli);
            lastMillis = nowMillis;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
