package golf.linkup.engine.gateway.presence;

import java.time.Duration;

/**
 * The presence rules as one pure function:
 * <ul>
 *   <li>connected and active within {@code awayAfter} (5 min) → {@code online};</li>
 *   <li>connected but idle that long, or the client declared itself away → {@code away};</li>
 *   <li>disconnected for less than {@code offlineAfter} (30 min) → {@code away} (a brief
 *       disconnection does not make anyone look gone);</li>
 *   <li>disconnected longer, or never seen → {@code offline};</li>
 *   <li>a user who hides their presence is always {@code offline} to others.</li>
 * </ul>
 */
public final class PresenceRules {

    private final long awayAfterMillis;
    private final long offlineAfterMillis;

    public PresenceRules(Duration awayAfter, Duration offlineAfter) {
        this.awayAfterMillis = awayAfter.toMillis();
        this.offlineAfterMillis = offlineAfter.toMillis();
    }

    public PresenceStatus status(UserPresence p, long nowMillis) {
        if (p.hidden()) {
            return PresenceStatus.OFFLINE;
        }
        if (p.liveConnections() > 0) {
            return p.declaredAway() || nowMillis - p.lastActive() >= awayAfterMillis ? PresenceStatus.AWAY
                    : PresenceStatus.ONLINE;
        }
        if (p.lastSeen() == 0 || nowMillis - p.lastSeen() >= offlineAfterMillis) {
            return PresenceStatus.OFFLINE;
        }
        return PresenceStatus.AWAY;
    }
}
