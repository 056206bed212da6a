package golf.linkup.engine.gateway.limits;

/**
 * One connection's frame rate: a {@link TokenBucket} plus strikes. A frame over the rate is refused
 * (one strike); {@code strikesToClose} refusals within a minute mean abuse and the connection is
 * closed with 1008. Confined to the connection's inbound thread.
 */
public final class FrameLimiter {

    /** What to do with a frame. */
    public enum Verdict { ACCEPT, REFUSE, CLOSE }

    private static final long STRIKE_WINDOW_MILLIS = 60_000;

    private final TokenBucket bucket;
    private final int strikesToClose;
    private int strikes;
    private long firstStrikeMillis;

    public FrameLimiter(int burst, int perSecond, int strikesToClose, long nowMillis) {
        this.bucket = new TokenBucket(burst, perSecond, nowMillis);
        this.strikesToClose = strikesToClose;
    }

    public Verdict check(long nowMillis) {
        if (bucket.tryTake(nowMillis)) {
            return Verdict.ACCEPT;
        }
        if (strikes == 0 || nowMillis - firstStrikeMillis > STRIKE_WINDOW_MILLIS) {
            strikes = 0;
            firstStrikeMillis = nowMillis;
        }
        strikes++;
        return strikes >= strikesToClose ? Verdict.CLOSE : Verdict.REFUSE;
    }
}
