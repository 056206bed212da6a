package golf.linkup.engine.backendevents;

/**
 * Where connection and presence facts go for the API server (a Redis Stream in production). Each
 * method appends at most once per cluster for one fact: implementations decide atomically, in the
 * shared store, whether the fact is new.
 */
public interface BackendEventLog {

    /**
     * Appends {@code user.connected} unless the user is already known to be connected (a reconnect
     * within the grace period, or another instance appended it). True when appended.
     */
    boolean connected(String userId, long atMillis);

    /**
     * {@link #connected} for several users at once (one reconcile's openings: a reconnect storm
     * opens hundreds per batch); implementations make it one round trip. Returns how many were appended.
     */
    default int connectedAll(java.util.List<String> userIds, long atMillis) {
        int appended = 0;
        for (String user : userIds) {
            appended += connected(user, atMillis) ? 1 : 0;
        }
        return appended;
    }

    /**
     * Appends {@code user.disconnected} with the duration since {@code user.connected}, unless no
     * connection of the user is on record (already appended, or never connected). True when appended.
     */
    boolean disconnected(String userId, long lastSeenMillis, String reason);

    /**
     * Appends {@code presence.changed} unless {@code status} is the status of the user's previous
     * {@code presence.changed}. True when appended.
     */
    boolean presenceChanged(String userId, String status, long lastSeenMillis, long atMillis);

    /** One user's {@link #disconnected}. */
    record Disconnection(String userId, long lastSeenMillis, String reason) {
    }

    /** One user's {@link #presenceChanged}. */
    record StatusChange(String userId, String status, long lastSeenMillis) {
    }

    /** {@link #disconnected} for several users (one call in implementations); how many were appended. */
    default int disconnectedAll(java.util.List<Disconnection> disconnections) {
        int appended = 0;
        for (Disconnection d : disconnections) {
            appended += disconnected(d.userId(), d.lastSeenMillis(), d.reason()) ? 1 : 0;
        }
        return appended;
    }

    /** {@link #presenceChanged} for several users (one call in implementations); how many were appended. */
    default int presenceChangedAll(java.util.List<StatusChange> changes, long atMillis) {
        int appended = 0;
        for (StatusChange c : changes) {
            appended += presenceChanged(c.userId(), c.status(), c.lastSeenMillis(), atMillis) ? 1 : 0;
        }
        return appended;
    }
}
