package golf.linkup.engine.gateway.presence;

/**
 * Told, on the presence thread, each time a user was reconciled: what the shared store holds, the
 * status computed from it and whether this instance won the announcement (then no other instance
 * announced the same change). Must be quick and must not throw for long (failures are logged).
 */
@FunctionalInterface
public interface PresenceObserver {

    /**
     * @param announced    this instance announced a new status for the user (once per cluster)
     * @param instanceLost the user was reconciled because the instance holding their connections
     *                     stopped heartbeating
     */
    void reconciled(UserPresence presence, PresenceStatus status, boolean announced, boolean instanceLost,
            long nowMillis);
}
