package golf.linkup.engine.matching;

import golf.linkup.engine.domain.GeoPoint;
import golf.linkup.engine.domain.Industry;
import golf.linkup.engine.domain.TeeTimeStatus;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The relevance score of a (user, tee time) pair: 0..100, the sum of the six {@link Factor}s, or
 * {@link #INELIGIBLE} when the tee time must never be recommended to the user (not OPEN, full,
 * started, hosted by the user, or the user already plays in it).
 *
 * <p>{@link #score} is the hot path: it reads primitive fields of the prepared {@link ScoringUser}
 * and {@link ScoringTeeTime}, allocates nothing and takes "now" as epoch milliseconds. The
 * social link (connected or sharing a connection) is an argument: callers look it up once per
 * pair, and only when it can change the outcome ({@link #scoreBeforeSocial} plus 5 is an upper
 * bound). {@link #explain} gives the same points with reasons; it allocates and is for display.
 * Thread-safe (immutable).
 */
public final class Scorer {

    /** What {@link #score} returns for a tee time that is never recommended to the user. */
    public static final int INELIGIBLE = -1;

    static final long HOUR_MILLIS = 3_600_000L;
    static final long DAY_MILLIS = 24 * HOUR_MILLIS;
    static final long WITHIN_48_HOURS = 48 * HOUR_MILLIS;
    static final long WITHIN_7_DAYS = 7 * DAY_MILLIS;
    static final long WITHIN_14_DAYS = 14 * DAY_MILLIS;
    static final long WITHIN_30_DAYS = 30 * DAY_MILLIS;

    static final double KM_25 = 25;
    static final double KM_50 = 50;
    static final double KM_100 = 100;
    static final double KM_250 = 250;
    static final double CHORD2_25 = Spherical.squaredChordOf(KM_25);
    static final double CHORD2_50 = Spherical.squaredChordOf(KM_50);
    static final double CHORD2_100 = Spherical.squaredChordOf(KM_100);
    static final double CHORD2_250 = Spherical.squaredChordOf(KM_250);

    private static final Industry[] INDUSTRIES = Industry.values();
    private static final int N = INDUSTRIES.length;

    private final RelatednessMap relatedness;
    /** INDUSTRY points at [(openToAll ? N * N : 0) + userIndustry * N + teeTimeIndustry]. */
    private final byte[] industryPoints;

    public Scorer(RelatednessMap relatedness) {
        this.relatedness = Objects.requireNonNull(relatedness, "relatedness");
        this.industryPoints = new byte[2 * N * N];
        for (int open = 0; open < 2; open++) {
            for (Industry user : INDUSTRIES) {
                for (Industry tee : INDUSTRIES) {
                    int points;
                    if (user == tee) {
                        points = 30;
                    } else if (relatedness.points(user, tee) > 0) {
                        points = relatedness.points(user, tee);
                    } else {
                        points = open == 1 ? 10 : 0;
                    }
                    industryPoints[open * N * N + user.ordinal() * N + tee.ordinal()] = (byte) points;
                }
            }
        }
    }

    public RelatednessMap relatedness() {
        return relatedness;
    }

    /** The score 0..100, or {@link #INELIGIBLE}. Allocation-free. */
    public int score(ScoringUser user, ScoringTeeTime teeTime, long nowMillis, boolean socialLink) {
        int partial = scoreBeforeSocial(user, teeTime, nowMillis);
        return partial < 0 ? INELIGIBLE : partial + socialPoints(teeTime, socialLink);
    }

    /** The score, looking the social link up in a graph. */
    public int score(ScoringUser user, ScoringTeeTime teeTime, long nowMillis, SocialGraph graph) {
        int partial = scoreBeforeSocial(user, teeTime, nowMillis);
        if (partial < 0) {
            return INELIGIBLE;
        }
        return partial + socialPoints(teeTime, graph.connectedOrShareConnection(user.id, teeTime.hostId));
    }

    /**
     * The first five factors (everything but SOCIAL), or {@link #INELIGIBLE}. The full score is this
     * plus {@link #socialPoints}, so this plus 5 bounds it. Allocation-free.
     */
    public int scoreBeforeSocial(ScoringUser user, ScoringTeeTime teeTime, long nowMillis) {
        if (!teeTime.open || teeTime.startsAtMillis <= nowMillis || teeTime.hasPlayer(user.id, user.idHash)) {
            return INELIGIBLE;
        }
        return industryPoints(user, teeTime)
                + proximityPoints(user, teeTime)
                + skillPoints(user.skillRank, teeTime.skillRank)
                + timePoints(teeTime.startsAtMillis - nowMillis)
                + availabilityPoints(teeTime.openSlots);
    }

    int industryPoints(ScoringUser user, ScoringTeeTime teeTime) {
        return industryPoints[(teeTime.openToAll ? N * N : 0) + user.industry * N + teeTime.industry];
    }

    /** The highest INDUSTRY points a tee time of this industry and openness can give this user's industry. */
    int industryPoints(int userIndustry, int teeTimeIndustry, boolean openToAll) {
        return industryPoints[(openToAll ? N * N : 0) + userIndustry * N + teeTimeIndustry];
    }

    static int proximityPoints(ScoringUser u, ScoringTeeTime t) {
        if (!u.located) {
            return 2;
        }
        double c2 = Spherical.squaredChord(u.x, u.y, u.z, t.x, t.y, t.z);
        if (c2 > CHORD2_250 * (1 + Spherical.BAND)) {
            return 2;
        }
        if (Spherical.within(c2, CHORD2_25, KM_25, u.lat, u.lng, t.lat, t.lng)) {
            return sameCity(u, t) ? 25 : 20;
        }
        if (Spherical.within(c2, CHORD2_50, KM_50, u.lat, u.lng, t.lat, t.lng)) {
            return sameCity(u, t) ? 25 : 15;
        }
        if (Spherical.within(c2, CHORD2_100, KM_100, u.lat, u.lng, t.lat, t.lng)) {
            return 10;
        }
        if (Spherical.within(c2, CHORD2_250, KM_250, u.lat, u.lng, t.lat, t.lng)) {
            return 5;
        }
        return 2;
    }

    /**
     * The most PROXIMITY points a located user at this squared chord from the course can get
     * (25 up to 50 km, as the city may be the same): an upper bound of {@link #proximityPoints}.
     */
    static int proximityBound(double squaredChord) {
        if (squaredChord <= CHORD2_50 * (1 + Spherical.BAND)) {
            return 25;
        }
        if (squaredChord <= CHORD2_100 * (1 + Spherical.BAND)) {
            return 10;
        }
        return squaredChord <= CHORD2_250 * (1 + Spherical.BAND) ? 5 : 2;
    }

    /** Same normalized city name; the caller has checked the 50 km. */
    private static boolean sameCity(ScoringUser u, ScoringTeeTime t) {
        return u.city != null && u.cityHash == t.cityHash && u.city.equals(t.city);
    }

    static int skillPoints(int userRank, int teeTimeRank) {
        if (teeTimeRank < 0 || userRank < 0) {
            return 12;
        }
        int apart = Math.abs(userRank - teeTimeRank);
        return apart == 0 ? 15 : apart == 1 ? 10 : 3;
    }

    /** TIME points for a tee time starting {@code untilStartMillis} from now (0 when started). */
    static int timePoints(long untilStartMillis) {
        if (untilStartMillis <= 0) {
            return 0;
        }
        if (untilStartMillis <= WITHIN_48_HOURS) {
            return 15;
        }
        if (untilStartMillis <= WITHIN_7_DAYS) {
            return 12;
        }
        if (untilStartMillis <= WITHIN_14_DAYS) {
            return 8;
        }
        if (untilStartMillis <= WITHIN_30_DAYS) {
            return 4;
        }
        return 0;
    }

    static int availabilityPoints(int openSlots) {
        return openSlots >= 3 ? 10 : openSlots == 2 ? 7 : openSlots == 1 ? 4 : 0;
    }

    /** SOCIAL points: 5 when linked, else 3 for a host rated 4.5 or more, else 2 for a new host, else 0. */
    public static int socialPoints(ScoringTeeTime teeTime, boolean socialLink) {
        return socialLink ? 5 : teeTime.socialFallbackPoints;
    }

    /** {@link #explain(ScoringUser, ScoringTeeTime, long, boolean)} with the clock's now and the graph's link. */
    public ScoreExplanation explain(ScoringUser user, ScoringTeeTime teeTime, Clock clock, SocialGraph graph) {
        return explain(user, teeTime, clock.millis(), graph.connectedOrShareConnection(user.id, teeTime.hostId));
    }

    /** The six factors with reasons; {@code scoreOrIneligible()} equals {@link #score} for the same arguments. */
    public ScoreExplanation explain(ScoringUser user, ScoringTeeTime teeTime, long nowMillis, boolean socialLink) {
        long untilStart = teeTime.startsAtMillis - nowMillis;
        String ineligibility = null;
        if (teeTime.status != TeeTimeStatus.OPEN) {
            ineligibility = "tee time is " + teeTime.status;
        } else if (teeTime.openSlots <= 0) {
            ineligibility = "tee time is full";
        } else if (untilStart <= 0) {
            ineligibility = "tee time has started";
        } else if (teeTime.hostId.equals(user.id)) {
            ineligibility = "you are the host";
        } else if (teeTime.hasPlayer(user.id, user.idHash)) {
            ineligibility = "you already play in this tee time";
        }
        FactorScore industry = new FactorScore(Factor.INDUSTRY, industryPoints(user, teeTime), industryReason(user, teeTime));
        FactorScore proximity = new FactorScore(Factor.PROXIMITY, proximityPoints(user, teeTime), proximityReason(user, teeTime));
        FactorScore skill = new FactorScore(Factor.SKILL, skillPoints(user.skillRank, teeTime.skillRank), skillReason(user, teeTime));
        FactorScore time = new FactorScore(Factor.TIME, timePoints(untilStart), timeReason(untilStart));
        FactorScore availability = new FactorScore(Factor.AVAILABILITY, availabilityPoints(teeTime.openSlots),
                availabilityReason(teeTime.openSlots));
        FactorScore social = new FactorScore(Factor.SOCIAL, socialPoints(teeTime, socialLink), socialReason(teeTime, socialLink));
        List<FactorScore> factors = List.of(industry, proximity, skill, time, availability, social);
        int total = 0;
        for (FactorScore f : factors) {
            total += f.points();
        }
        return new ScoreExplanation(user.id, teeTime.id, ineligibility == null, ineligibility, factors, total);
    }

    private String industryReason(ScoringUser user, ScoringTeeTime teeTime) {
        Industry mine = INDUSTRIES[user.industry];
        Industry theirs = INDUSTRIES[teeTime.industry];
        if (mine == theirs) {
            return "exact industry match (" + mine + ")";
        }
        var strength = relatedness.strength(mine, theirs);
        if (strength.isPresent()) {
            return "related industry, " + strength.get().name().toLowerCase(Locale.ROOT)
                    + " (yours " + mine + ", tee time's " + theirs + ")";
        }
        if (teeTime.openToAll) {
            return "open to all industries (tee time's " + theirs + ", yours " + mine + ")";
        }
        return "industry mismatch (tee time reserved for " + theirs + ", yours " + mine + ")";
    }

    private static String proximityReason(ScoringUser user, ScoringTeeTime teeTime) {
        if (!user.located) {
            return "location unknown";
        }
        double km = GeoPoint.distanceKm(user.lat, user.lng, teeTime.lat, teeTime.lng);
        String distance = String.format(Locale.ROOT, "%.1f km from the course", km);
        if (proximityPoints(user, teeTime) == 25) {
            return "same city (" + teeTime.cityDisplay + "), " + distance;
        }
        return distance;
    }

    private static String skillReason(ScoringUser user, ScoringTeeTime teeTime) {
        if (teeTime.skillRank < 0) {
            return "tee time open to any skill level";
        }
        if (user.skillRank < 0) {
            return "your skill level is not set (tee time " + teeTime.skillLevel + ")";
        }
        int apart = Math.abs(user.skillRank - teeTime.skillRank);
        if (apart == 0) {
            return "same skill level (" + teeTime.skillLevel + ")";
        }
        return (apart == 1 ? "adjacent skill levels" : "skill levels two apart")
                + " (yours " + user.skillLevel + ", tee time " + teeTime.skillLevel + ")";
    }

    private static String timeReason(long untilStartMillis) {
        if (untilStartMillis <= 0) {
            return "has already started";
        }
        if (untilStartMillis <= WITHIN_48_HOURS) {
            return String.format(Locale.ROOT, "starts in %.1f hours", untilStartMillis / (double) HOUR_MILLIS);
        }
        String days = String.format(Locale.ROOT, "starts in %.1f days", untilStartMillis / (double) DAY_MILLIS);
        return untilStartMillis <= WITHIN_30_DAYS ? days : days + " (more than 30 days away)";
    }

    private static String availabilityReason(int openSlots) {
        if (openSlots <= 0) {
            return "full";
        }
        return openSlots == 1 ? "1 open slot" : openSlots + " open slots";
    }

    private static String socialReason(ScoringTeeTime teeTime, boolean socialLink) {
        if (socialLink) {
            return "you and the host are connected or share a connection";
        }
        if (teeTime.hostRating >= 4.5) {
            return String.format(Locale.ROOT, "host rated %.1f", teeTime.hostRating);
        }
        if (teeTime.hostCompletedTeeTimes == 0) {
            return "new host (no completed tee times yet)";
        }
        return String.format(Locale.ROOT, "no shared connection; host rated %.1f with %d completed tee times",
                teeTime.hostRating, teeTime.hostCompletedTeeTimes);
    }
}
