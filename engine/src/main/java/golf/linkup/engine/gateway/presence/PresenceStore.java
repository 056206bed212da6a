package golf.linkup.engine.gateway.presence;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Presence shared by every instance (Redis in production). Connections are recorded as
 * {@code instanceId|connectionId}; a connection counts as live only while its instance's heartbeat
 * is fresh, so a crashed instance's users stop looking connected when its heartbeat goes stale,
 * even before anyone cleans up after it. Thread-safe.
 */
public interface PresenceStore {

    /** A connection opened: it is live, and the user active now. */
    void addConnection(String userId, String instanceId, String connectionId, long nowMillis);

    /** A connection closed; when it was the user's last, they were last seen now. */
    void removeConnection(String userId, String instanceId, String connectionId, long nowMillis);

    /** A connection of {@code userId} that opened or closed at {@code atMillis}, for the batch calls. */
    record ConnectionChange(String userId, String connectionId, long atMillis) {
    }

    /**
     * Several connections of this instance opened (a reconnect storm: one round trip in Redis).
     * {@code hidden} holds each user's privacy setting; null when it could not be read, and the
     * stored setting stays as it is.
     */
    default void addConnections(String instanceId, List<ConnectionChange> opened, Set<String> hidden) {
        for (ConnectionChange c : opened) {
            if (hidden != null) {
                setHidden(c.userId(), hidden.contains(c.userId()));
            }
            addConnection(c.userId(), instanceId, c.connectionId(), c.atMillis());
        }
    }

    /** Several connections of this instance closed, as {@link #removeConnection} one by one. */
    default void removeConnections(String instanceId, List<ConnectionChange> closed) {
        for (ConnectionChange c : closed) {
            removeConnection(c.userId(), instanceId, c.connectionId(), c.atMillis());
        }
    }

    /** One user's announcement for {@link #announceAll}: {@code expected} as for {@link #announce}. */
    record Announcement(String userId, String expected, String announced) {
    }

    /** {@link #announce} for several users at once; returns the users whose announcement was recorded. */
    default Set<String> announceAll(List<Announcement> announcements) {
        Set<String> won = new HashSet<>();
        for (Announcement a : announcements) {
            if (announce(a.userId(), a.expected(), a.announced())) {
                won.add(a.userId());
            }
        }
        return won;
    }

    /** Client activity. */
    void touch(String userId, long nowMillis);

    /** The client declared itself away (true) or back (false, also activity). */
    void declare(String userId, boolean away, long nowMillis);

    void setHidden(String userId, boolean hidden);

    /** Users' presence, counting connections of instances whose heartbeat is not older than {@code aliveSince}. */
    Map<String, UserPresence> read(Collection<String> userIds, long aliveSince);

    /** Records {@code announced} if the last announcement is still {@code expected} (null: none); false if another instance won. */
    boolean announce(String userId, String expected, String announced);

    /** This instance is alive. */
    void heartbeat(String instanceId, long nowMillis);

    /**
     * Claims the instances whose heartbeat is older than {@code deadBefore} (exactly one caller wins
     * each), removes their connections (the users were last seen at the dead instance's last
     * heartbeat) and returns the users that had connections there.
     */
    List<String> reapDeadInstances(long deadBefore);

    /** Removes this instance and its connections (clean shutdown); returns the users it had. */
    List<String> removeInstance(String instanceId, long nowMillis);

    /**
     * Claims users last seen before {@code seenBefore} who have no connection (each caller gets
     * distinct users), for their move to {@code offline}.
     */
    List<String> claimLongDisconnected(long seenBefore, int max);
}
