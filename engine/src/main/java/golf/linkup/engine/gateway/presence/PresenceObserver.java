package golf.linkup.engine.gateway.presence;

/**
 * Told, on the presence thread, each time a user was reconciled: what the shared store holds, the
 * status computed from it and whether this instance won the announcement (then no other instance
 * announced the same change). Must be quick and must not throw for long (failures are logged).
 */
@FunctionalInterface
public interface PresenceObserver {

    /** Why the user was reconciled. */
    enum Cause {
        /** a connection of theirs opened on this instance */
        CONNECTION_OPENED,
        /** the instance holding their connections stopped heartbeating */
        INSTANCE_LOST,
        /** anything else: a closed connection after the grace, activity, a sweep */
        OTHER
    }

    /** @param announced this instance announced a new status for the user (once per cluster) */
    void reconciled(UserPresence presence, PresenceStatus status, boolean announced, Cause cause, long nowMillis);

    /**
     * Told after every user of one reconcile (a batch of openings and closings, a sweep) was passed
     * to {@link #reconciled}: an observer may gather its work per user there and do it here at once.
     */
    default void reconcileDone(long nowMillis) {
    }
}
