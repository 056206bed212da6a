package golf.linkup.engine.matching;

import golf.linkup.engine.config.SettingsReader;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The matching engine's tunables. Every key has a default ({@link #DEFAULTS}); {@link #read}
 * reads {@code matching.*} keys from configuration and refuses a bad value or an unknown
 * {@code matching.*} key with a message naming it.
 *
 * @param relatedness          {@code matching.relatedness}: the industry relatedness map, in
 *                             {@link RelatednessMap#parse} form (default: {@link RelatednessMap#DEFAULT})
 * @param recipientRadiusKm    {@code matching.recipients.radius-km}: how far from the course a new
 *                             tee time's recipients live (default 100)
 * @param recipientMinScore    {@code matching.recipients.min-score}: lowest score that is notified,
 *                             inclusive (default 60)
 * @param recipientMaxCount    {@code matching.recipients.max-count}: most recipients per tee time
 *                             (default 5: at most five notifications per event)
 * @param recommendationLimit  {@code matching.recommendations.limit}: size of a user's top N (default 50)
 * @param suggestionRadiusKm   {@code matching.suggestions.radius-km}: how far "users who might want
 *                             to join" live (default 250: beyond it PROXIMITY is the flat 2)
 * @param suggestionMinScore   {@code matching.suggestions.min-score}: lowest suggested score (default 0)
 * @param suggestionLimit      {@code matching.suggestions.limit}: most suggestions (default 20)
 * @param impactRadiusKm       {@code matching.cache.impact-radius-km}: how far from the course a
 *                             tee time change invalidates cached lists of users who could now see it
 *                             (default 250)
 * @param cacheTtl             {@code matching.cache.ttl}: how long a cached top N lives, ISO-8601
 *                             ({@code PT5M}) or seconds (default 5 minutes)
 * @param notifyWindow         {@code matching.recipients.notify-window}: the reconciler tells matching
 *                             users only of tee times created or changed (re-opened) this recently
 *                             (default 2 hours); older ones are a backlog nobody is told about
 */
public record MatchingSettings(
        RelatednessMap relatedness,
        double recipientRadiusKm,
        int recipientMinScore,
        int recipientMaxCount,
        int recommendationLimit,
        double suggestionRadiusKm,
        int suggestionMinScore,
        int suggestionLimit,
        double impactRadiusKm,
        Duration cacheTtl,
        Duration notifyWindow) {

    public static final MatchingSettings DEFAULTS = new MatchingSettings(
            RelatednessMap.DEFAULT, 100, 60, 5, 50, 250, 0, 20, 250, Duration.ofMinutes(5), Duration.ofHours(2));

    static final String RELATEDNESS = "matching.relatedness";
    static final String RECIPIENT_RADIUS = "matching.recipients.radius-km";
    static final String RECIPIENT_MIN_SCORE = "matching.recipients.min-score";
    static final String RECIPIENT_MAX_COUNT = "matching.recipients.max-count";
    static final String RECOMMENDATION_LIMIT = "matching.recommendations.limit";
    static final String SUGGESTION_RADIUS = "matching.suggestions.radius-km";
    static final String SUGGESTION_MIN_SCORE = "matching.suggestions.min-score";
    static final String SUGGESTION_LIMIT = "matching.suggestions.limit";
    static final String IMPACT_RADIUS = "matching.cache.impact-radius-km";
    static final String CACHE_TTL = "matching.cache.ttl";
    static final String NOTIFY_WINDOW = "matching.recipients.notify-window";

    /** Half the Earth's circumference, rounded up: no two points are farther apart. */
    private static final double MAX_RADIUS_KM = 20_100;

    private static final Set<String> KEYS = Set.of(RELATEDNESS, RECIPIENT_RADIUS, RECIPIENT_MIN_SCORE,
            RECIPIENT_MAX_COUNT, RECOMMENDATION_LIMIT, SUGGESTION_RADIUS, SUGGESTION_MIN_SCORE, SUGGESTION_LIMIT,
            IMPACT_RADIUS, CACHE_TTL, NOTIFY_WINDOW);

    public MatchingSettings {
        Objects.requireNonNull(relatedness, RELATEDNESS);
        Objects.requireNonNull(cacheTtl, CACHE_TTL);
        requireRadius(RECIPIENT_RADIUS, recipientRadiusKm);
        requireRadius(SUGGESTION_RADIUS, suggestionRadiusKm);
        requireRadius(IMPACT_RADIUS, impactRadiusKm);
        requireBetween(RECIPIENT_MIN_SCORE, recipientMinScore, 0, 100);
        requireBetween(SUGGESTION_MIN_SCORE, suggestionMinScore, 0, 100);
        requireBetween(RECIPIENT_MAX_COUNT, recipientMaxCount, 0, Integer.MAX_VALUE);
        requireBetween(RECOMMENDATION_LIMIT, recommendationLimit, 0, Integer.MAX_VALUE);
        requireBetween(SUGGESTION_LIMIT, suggestionLimit, 0, Integer.MAX_VALUE);
        if (cacheTtl.isNegative() || cacheTtl.isZero()) {
            throw new IllegalArgumentException(CACHE_TTL + " must be positive, got " + cacheTtl);
        }
        Objects.requireNonNull(notifyWindow, NOTIFY_WINDOW);
        if (notifyWindow.isNegative() || notifyWindow.isZero()) {
            throw new IllegalArgumentException(NOTIFY_WINDOW + " must be positive, got " + notifyWindow);
        }
    }

    /**
     * Settings from configuration: {@code matching.*} keys override {@link #DEFAULTS}; other keys
     * are ignored; an unknown {@code matching.*} key or a bad value is refused through {@code in},
     * naming the key.
     */
    public static MatchingSettings read(SettingsReader in) {
        for (String key : in.keysStartingWith("matching.")) {
            if (!KEYS.contains(key)) {
                in.refuse(key, "unknown matching setting; known: " + new TreeSet<>(KEYS));
            }
        }
        MatchingSettings d = DEFAULTS;
        RelatednessMap relatedness = d.relatedness;
        Optional<String> map = in.optional(RELATEDNESS);
        if (map.isPresent()) {
            try {
                relatedness = RelatednessMap.parse(map.get());
            } catch (IllegalArgumentException e) {
                in.refuse(RELATEDNESS, e.getMessage());
            }
        }
        return new MatchingSettings(
                relatedness,
                in.decimal(RECIPIENT_RADIUS, d.recipientRadiusKm, 0, MAX_RADIUS_KM),
                in.integer(RECIPIENT_MIN_SCORE, d.recipientMinScore, 0, 100),
                in.integer(RECIPIENT_MAX_COUNT, d.recipientMaxCount, 0, Integer.MAX_VALUE),
                in.integer(RECOMMENDATION_LIMIT, d.recommendationLimit, 0, Integer.MAX_VALUE),
                in.decimal(SUGGESTION_RADIUS, d.suggestionRadiusKm, 0, MAX_RADIUS_KM),
                in.integer(SUGGESTION_MIN_SCORE, d.suggestionMinScore, 0, 100),
                in.integer(SUGGESTION_LIMIT, d.suggestionLimit, 0, Integer.MAX_VALUE),
                in.decimal(IMPACT_RADIUS, d.impactRadiusKm, 0, MAX_RADIUS_KM),
                positive(in, CACHE_TTL, d.cacheTtl),
                positive(in, NOTIFY_WINDOW, d.notifyWindow));
    }

    /** A positive duration: as {@link SettingsReader#duration} reads it, or a whole number of seconds. */
    private static Duration positive(SettingsReader in, String key, Duration fallback) {
        Duration value = in.optional(key).filter(text -> text.chars().allMatch(Character::isDigit))
                .map(seconds -> Duration.ofSeconds(Long.parseLong(seconds)))
                .orElseGet(() -> in.duration(key, fallback));
        if (value.isZero()) {
            in.refuse(key, "must be positive");
            return fallback;
        }
        return value;
    }

    private static void requireRadius(String key, double km) {
        if (!(km >= 0 && km <= MAX_RADIUS_KM)) {
            throw new IllegalArgumentException(key + " must be between 0 and 20100 km, got " + km);
        }
    }

    private static void requireBetween(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(key + " must be between " + min + " and " + max + ", got " + value);
        }
    }
}
