package golf.linkup.engine.matching;

import golf.linkup.engine.domain.Industry;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * "Tee times you might like" and "users who might want to join".
 *
 * <p>{@link #recommend} ranks every open tee time of the {@link TeeTimeIndex} for one user by
 * {@link Scorer} score and keeps the top N (score descending, then tee time id): a bounded heap,
 * partitions visited from the best possible INDUSTRY points down and skipped whole once their
 * bound (industry points + 70) cannot enter the heap; within a partition a tee time is first
 * bounded from the partition's primitive side arrays, scored exactly ({@link Scorer#scoreBeforeSocial})
 * only when that bound could enter, and its social link looked up only when the exact score plus 5
 * could. Ineligible tee times (not open, full, started, the user's own or joined) are skipped.
 *
 * <p>{@link #suggestPlayers} ranks users for a host's tee time by the same score: users of the
 * tee time's industry and of its related industries (every industry when open to all) within
 * {@code suggestionRadiusKm} (250) of the course, score at least {@code suggestionMinScore}.
 *
 * <p>{@link #impactOf} tells which cached lists a tee time change can make wrong. Thread-safe.
 */
public final class Recommender {

    /** PROXIMITY + SKILL + TIME + AVAILABILITY + SOCIAL maxima: what a tee time can add to its industry points. */
    private static final int MAX_BESIDES_INDUSTRY = 100 - Factor.INDUSTRY.maxPoints();
    private static final int INDUSTRIES = Industry.values().length;

    private final Scorer scorer;
    private final TeeTimeIndex teeTimes;
    private final UserSpatialIndex users;
    private final SocialGraph social;
    private final Clock clock;
    private final MatchingSettings settings;
    /** For each user industry, the tee time partitions by decreasing INDUSTRY points. */
    private final int[][] partitionOrder = new int[INDUSTRIES][];
    /** For each tee time industry, a mask of itself and its related industries. */
    private final int[] relatedMask = new int[INDUSTRIES];

    public Recommender(Scorer scorer, TeeTimeIndex teeTimes, UserSpatialIndex users, SocialGraph social, Clock clock,
                       MatchingSettings settings) {
        this.scorer = Objects.requireNonNull(scorer, "scorer");
        this.teeTimes = Objects.requireNonNull(teeTimes, "teeTimes");
        this.users = Objects.requireNonNull(users, "users");
        this.social = Objects.requireNonNull(social, "social");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        for (int u = 0; u < INDUSTRIES; u++) {
            int user = u;
            partitionOrder[u] = IntStream.range(0, TeeTimeIndex.PARTITIONS).boxed()
                    .sorted(Comparator.comparingInt((Integer p) -> -scorer.industryPoints(user, p >> 1, (p & 1) == 1))
                            .thenComparingInt(p -> p))
                    .mapToInt(Integer::intValue).toArray();
            Industry industry = Industry.values()[u];
            relatedMask[u] = UserSpatialIndex.mask(scorer.relatedness().relatedTo(industry)) | 1 << u;
        }
    }

    /** The user's top {@code recommendationLimit} (50), uncached. */
    public List<Recommendation> recommend(ScoringUser user) {
        return recommend(user, settings.recommendationLimit());
    }

    /** The user's top {@code limit}, uncached. */
    public List<Recommendation> recommend(ScoringUser user, int limit) {
        TeeTimeCollector collector = new TeeTimeCollector(user, clock.millis(), limit);
        teeTimes.scan(partitionOrder[user.industry], collector);
        return collector.top.ranked((t, key, score) -> new Recommendation(key, score));
    }

    /**
     * The user's top {@code recommendationLimit} from the cache, computed and put there on a miss.
     * A tee time change that lands between the computation and the put is not seen by the put's
     * entry until it expires (at most the cache TTL): invalidation happens before the put.
     */
    public List<Recommendation> recommendCached(ScoringUser user, RecommendationCache cache) {
        Optional<List<Recommendation>> cached = cache.get(user.id);
        if (cached.isPresent()) {
            return cached.get();
        }
        List<Recommendation> fresh = recommend(user);
        cache.put(user.id, fresh);
        return fresh;
    }

    /** "Users who might want to join" with the configured radius, minimum score and limit. */
    public List<ScoredUser> suggestPlayers(ScoringTeeTime teeTime) {
        return suggestPlayers(teeTime, settings.suggestionLimit());
    }

    /** "Users who might want to join", at most {@code limit}. */
    public List<ScoredUser> suggestPlayers(ScoringTeeTime teeTime, int limit) {
        long now = clock.millis();
        if (!teeTime.open || teeTime.startsAtMillis <= now || limit <= 0) {
            return List.of();
        }
        UserCollector collector = new UserCollector(scorer, teeTime, now, social.circleOf(teeTime.hostId),
                settings.suggestionMinScore(), limit);
        users.query(audienceMask(teeTime), teeTime.lat, teeTime.lng, settings.suggestionRadiusKm(), collector);
        return collector.ranked();
    }

    /** Every industry when open to all, else the tee time's industry and the related ones. */
    int audienceMask(ScoringTeeTime teeTime) {
        return teeTime.openToAll ? UserSpatialIndex.ALL_INDUSTRIES : relatedMask[teeTime.industry];
    }

    /**
     * The cached lists a tee time change can make wrong, beyond those that contain it.
     *
     * <p>{@code before} is the tee time as it was ({@code null} when new), {@code after} as it is
     * ({@code null} when removed). A change that can only lower scores or make the tee time
     * ineligible (a slot taken, full, cancelled, started, removed) affects only lists that contain
     * it, so no user is added. A change that may raise someone's score or make it eligible (new,
     * reopened, moved, industry / openness / skill / start / host changed, a slot freed) adds the
     * users who could now see it: the audience of {@link #suggestPlayers} (its industry and related
     * ones, or every industry when open to all) within {@code impactRadiusKm} (250) of the course,
     * one spatial query. Players who left are added in any case (they may now see it); the
     * tee time's own players never are. Everyone else is left to the cache TTL: beyond the radius
     * PROXIMITY is at most 5 (2 beyond 250 km), so the tee time scores at most its industry points
     * plus 50 there (80 for the same industry), and a user of an unrelated industry of a reserved
     * tee time gets at most 70 for it: rarely enough to enter a top 50, and never for longer than
     * the TTL.
     */
    public TeeTimeImpact impactOf(ScoringTeeTime before, ScoringTeeTime after) {
        if (before == null && after == null) {
            throw new IllegalArgumentException("a change has a before or an after");
        }
        if (before != null && after != null && !before.id.equals(after.id)) {
            throw new IllegalArgumentException("not the same tee time: " + before.id + " and " + after.id);
        }
        String id = after != null ? after.id : before.id;
        long now = clock.millis();
        if (after == null || !after.open || after.startsAtMillis <= now) {
            return new TeeTimeImpact(id, List.of());
        }
        Set<String> left = new HashSet<>();
        if (before != null) {
            for (String player : before.players) {
                if (!after.hasPlayer(player, player.hashCode())) {
                    left.add(player);
                }
            }
        }
        List<String> affected = new ArrayList<>();
        if (couldRaiseAScore(before, after, now)) {
            users.query(audienceMask(after), after.lat, after.lng, settings.impactRadiusKm(), new UserSpatialIndex.Visitor() {
                @Override
                public void reset() {
                    affected.clear();
                }

                @Override
                public void accept(ScoringUser user) {
                    if (!after.hasPlayer(user.id, user.idHash) && !left.contains(user.id)) {
                        affected.add(user.id);
                    }
                }
            });
        }
        affected.addAll(left);
        return new TeeTimeImpact(id, affected);
    }

    private static boolean couldRaiseAScore(ScoringTeeTime b, ScoringTeeTime a, long now) {
        if (b == null || !b.open || b.startsAtMillis <= now) {
            return true;
        }
        return a.industry != b.industry
                || a.openToAll != b.openToAll
                || Double.compare(a.lat, b.lat) != 0
                || Double.compare(a.lng, b.lng) != 0
                || !Objects.equals(a.city, b.city)
                || a.skillRank != b.skillRank
                || a.startsAtMillis != b.startsAtMillis
                || a.openSlots > b.openSlots
                || !a.hostId.equals(b.hostId)
                || a.socialFallbackPoints > b.socialFallbackPoints;
    }

    /** Keeps the best tee times for one user. */
    private final class TeeTimeCollector implements TeeTimeIndex.Visitor {
        private final ScoringUser user;
        private final long nowMillis;
        private final TopK<ScoringTeeTime> top;
        private SocialCircle circle;

        TeeTimeCollector(ScoringUser user, long nowMillis, int limit) {
            this.user = user;
            this.nowMillis = nowMillis;
            this.top = new TopK<>(limit);
        }

        @Override
        public void reset() {
            top.clear();
        }

        @Override
        public boolean enter(int industryOrdinal, boolean openToAll) {
            return top.couldAccept(scorer.industryPoints(user.industry, industryOrdinal, openToAll) + MAX_BESIDES_INDUSTRY);
        }

        /**
         * First an upper bound from the partition's primitive arrays (PROXIMITY bounded from the
         * squared chord, SOCIAL counted as 5); only a tee time whose bound could enter the top N
         * is scored exactly.
         */
        @Override
        public void accept(TeeTimeIndex.Partition p) {
            ScoringTeeTime first = p.teeTimes[0];
            int industryPoints = scorer.industryPoints(user.industry, first.industry, first.openToAll);
            int userSkill = user.skillRank;
            boolean located = user.located;
            double ux = user.x;
            double uy = user.y;
            double uz = user.z;
            double[] xyz = p.xyz;
            long[] startsAt = p.startsAtMillis;
            byte[] skill = p.skill;
            byte[] availability = p.availability;
            for (int i = 0, n = availability.length; i < n; i++) {
                int availabilityPoints = availability[i];
                long untilStart = startsAt[i] - nowMillis;
                if (availabilityPoints < 0 || untilStart <= 0) {
                    continue;
                }
                int bound = industryPoints + availabilityPoints + Scorer.timePoints(untilStart)
                        + Scorer.skillPoints(userSkill, skill[i]) + Factor.SOCIAL.maxPoints();
                if (!top.couldAccept(bound + Factor.PROXIMITY.maxPoints())) {
                    continue;
                }
                int proximity = located
                        ? Scorer.proximityBound(Spherical.squaredChord(ux, uy, uz, xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2]))
                        : 2;
                if (!top.couldAccept(bound + proximity)) {
                    continue;
                }
                ScoringTeeTime t = p.teeTimes[i];
                int partial = scorer.scoreBeforeSocial(user, t, nowMillis);
                if (partial < 0 || !top.couldAccept(partial + Factor.SOCIAL.maxPoints())) {
                    continue;
                }
                if (circle == null) {
                    circle = social.circleOf(user.id);
                }
                top.offer(partial + Scorer.socialPoints(t, circle.contains(t.hostId)), t.id, t);
            }
        }
    }
}
