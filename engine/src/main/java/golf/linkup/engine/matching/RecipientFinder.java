package golf.linkup.engine.matching;

import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Who hears about a new tee time: users of the tee time's industry (every industry when it is
 * open to all) living within {@code recipientRadiusKm} (100) of the course, scored, kept when the
 * score is at least {@code recipientMinScore} (60), ordered by score descending then user id, at
 * most {@code recipientMaxCount}. The host and the players are never recipients, nor is anyone
 * when the tee time is not open, full or started. Users of related industries are not recipients
 * (they are found by {@link Recommender#suggestPlayers}). Thread-safe.
 */
public final class RecipientFinder {

    private final Scorer scorer;
    private final UserSpatialIndex users;
    private final SocialGraph social;
    private final Clock clock;
    private final MatchingSettings settings;

    public RecipientFinder(Scorer scorer, UserSpatialIndex users, SocialGraph social, Clock clock, MatchingSettings settings) {
        this.scorer = Objects.requireNonNull(scorer, "scorer");
        this.users = Objects.requireNonNull(users, "users");
        this.social = Objects.requireNonNull(social, "social");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** The recipients with the configured minimum score and cap. */
    public List<ScoredUser> recipientsOf(ScoringTeeTime teeTime) {
        return recipientsOf(teeTime, settings.recipientMinScore(), settings.recipientMaxCount());
    }

    /** The recipients with an explicit minimum score (inclusive) and cap. */
    public List<ScoredUser> recipientsOf(ScoringTeeTime teeTime, int minScore, int maxCount) {
        long now = clock.millis();
        if (!teeTime.open || teeTime.startsAtMillis <= now || maxCount <= 0) {
            return List.of();
        }
        int mask = teeTime.openToAll ? UserSpatialIndex.ALL_INDUSTRIES : 1 << teeTime.industry;
        UserCollector collector = new UserCollector(scorer, teeTime, now, social.circleOf(teeTime.hostId), minScore, maxCount);
        users.query(mask, teeTime.lat, teeTime.lng, settings.recipientRadiusKm(), collector);
        return collector.ranked();
    }
}
