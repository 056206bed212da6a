package golf.linkup.engine.matching;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Cached top-N lists by user id. Implemented in memory ({@link InMemoryRecommendationCache}) and,
 * elsewhere, on Redis; both must pass {@code RecommendationCacheContract}.
 *
 * <p>Contract:
 * <ul>
 * <li>An entry is fresh from its {@link #put} until {@code ttl} later as measured by the injected
 *     {@link java.time.Clock}: {@code get} returns it while {@code now < putAt + ttl}, never after.
 *     An implementation may drop an entry sooner (eviction, Redis EXPIRE), never serve it later.</li>
 * <li>{@code get} returns the list as put (same order, an immutable copy); an empty list is a valid
 *     entry ("nothing to recommend") and differs from a miss ({@code Optional.empty()}).</li>
 * <li>{@code put} replaces the user's previous entry, whatever it listed.</li>
 * <li>{@link #invalidateListing} removes exactly the fresh entries whose list contains the tee
 *     time; {@link #invalidateUsers} exactly the given users' entries. Both are idempotent and
 *     succeed for absent entries.</li>
 * <li>Calls are atomic with respect to each other: a {@code put} that races an invalidation
 *     either happens before it (and is removed if it qualifies) or after it (and stays); an
 *     entry is never left behind listing a tee time while unknown to {@code invalidateListing}.
 *     (The race between computing a list and putting it is the caller's, bounded by the TTL.)</li>
 * </ul>
 */
public interface RecommendationCache {

    /** The user's fresh list, or empty on a miss. */
    Optional<List<Recommendation>> get(String userId);

    /** Caches the user's list for the TTL, replacing any previous one. */
    void put(String userId, List<Recommendation> recommendations);

    /** Removes the given users' entries. */
    void invalidateUsers(Collection<String> userIds);

    /** Removes every entry whose list contains the tee time. */
    void invalidateListing(String teeTimeId);

    /** Removes what a tee time change can make wrong: lists containing it and the lists of users who could now see it. */
    default void invalidate(TeeTimeImpact impact) {
        invalidateListing(impact.teeTimeId());
        invalidateUsers(impact.usersWhoCouldNowSeeIt());
    }
}
