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
}
