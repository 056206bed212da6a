package golf.linkup.engine.storage;

import golf.linkup.engine.domain.Course;
import golf.linkup.engine.domain.TeeTime;
import golf.linkup.engine.domain.User;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What matching reads and writes in the shared database. Implementations are safe for concurrent
 * use; {@link #claimNotification} is atomic across engine instances.
 */
public interface MatchingStore {

    /** Every user (the matching indexes are loaded from this at start-up). */
    List<User> allUsers();

    Optional<User> findUser(String userId);

    /** Undirected connections, each pair once. */
    List<String[]> allConnections();

    /** Tee times that are OPEN or FULL and start after {@code now}, with what scoring needs. */
    List<MatchableTeeTime> upcomingTeeTimes(Instant now);

    /** One tee time with what scoring needs, whatever its status; empty when unknown. */
    Optional<MatchableTeeTime> findTeeTime(String teeTimeId);

    /**
     * Open tee times starting after {@code now} that no matching run has looked at yet and that were
     * created or last changed (a re-opened slot) at or after {@code changedSince}.
     */
    List<String> teeTimesNeverMatched(Instant now, Instant changedSince, int limit);

    /**
     * Records that {@code userId} is told about {@code teeTimeId} now, unless they were told less
     * than {@code cooldown} ago. True when this call claimed the notification.
     */
    boolean claimNotification(String teeTimeId, String userId, int score, Instant now, Duration cooldown);

    void recordRun(MatchingRun run);

    /** A tee time, its course, its host and the user ids in its slots (host first). */
    record MatchableTeeTime(TeeTime teeTime, Course course, User host, List<String> playerIds) {
    }

    /** One run of targeted matching. {@code trigger} is EVENT, RECONCILER or MANUAL. */
    record MatchingRun(String teeTimeId, String trigger, String eventId, String instanceId, Instant ranAt,
            int matchCount, int notifiedCount, long durationMicros) {
    }
}
