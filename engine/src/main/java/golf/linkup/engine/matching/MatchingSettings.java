package golf.linkup.engine.matching;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The matching engine's tunables. Every key has a default ({@link #DEFAULTS}); {@link #from}
 * reads {@code matching.*} keys from configuration and refuses a bad value or an unknown
 * {@code matching.*} key with a message naming it.
 *
 * @param relatedness          {@code matching.relatedness}: the industry relatedness map, in
 *                             {@link RelatednessMap#parse} form (default: seed 000's map)
 * @param recipientRadiusKm    {@code matching.recipients.radius-km}: how far from the course a new
 *                             tee time's recipients live (default 100, seed 000)
 * @param recipientMinScore    {@code matching.recipients.min-score}: lowest score that is notified,
 *                             inclusive (default 60, seed 001)
 * @param recipientMaxCount    {@code matching.recipients.max-count}: most recipients per tee time
 *                             (default 5, seed 001's "max notifications per event")
 * @param recommendationLimit  {@code matching.recommendations.limit}: size of a user's top N (default 50)
 * @param suggestionRadiusKm   {@code matching.suggestions.radius-km}: how far "users who might want
 *                             to join" live (default 250: beyond it PROXIMITY is the flat 2)
 * @param suggestionMinScore   {@code matching.suggestions.min-score}: lowest suggested score (default 0)
 * @param suggestionLimit      {@code matching.suggestions.limit}: most suggestions (default 20)
 * @param impactRadiusKm       {@code matching.cache.impact-radius-km}: how far from the course a
 *                             tee time change invalidates cached lists of users who could now see it
 *                             (default 250)
 * @param cacheTtl             {@code matching.cache.ttl}: how long a cached top N lives, ISO-8601
 *                             ({@code PT5M}) or seconds (default 5 minutes, seed 000)
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
     * are ignored; an unknown {@code matching.*} key or a bad value is refused, naming the key.
     */
    public static MatchingSettings from(Map<String, String> config) {
        Set<String> unknown = new TreeSet<>();
        for (String key : config.keySet()) {
            if (key.startsWith("matching.") && !KEYS.contains(key)) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown matching setting(s) " + unknown + "; known: " + new TreeSet<>(KEYS));
        }
        MatchingSettings d = DEFAULTS;
        RelatednessMap relatedness = d.relatedness;
        if (config.containsKey(RELATEDNESS)) {
            try {
                relatedness = RelatednessMap.parse(config.get(RELATEDNESS));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(RELATEDNESS + ": " + e.getMessage(), e);
            }
        }
        return new MatchingSettings(
                relatedness,
                number(config, RECIPIENT_RADIUS, d.recipientRadiusKm),
                integer(config, RECIPIENT_MIN_SCORE, d.recipientMinScore),
                integer(config, RECIPIENT_MAX_COUNT, d.recipientMaxCount),
                integer(config, RECOMMENDATION_LIMIT, d.recommendationLimit),
                number(config, SUGGESTION_RADIUS, d.suggestionRadiusKm),
                integer(config, SUGGESTION_MIN_SCORE, d.suggestionMinScore),
                integer(config, SUGGESTION_LIMIT, d.suggestionLimit),
                number(config, IMPACT_RADIUS, d.impactRadiusKm),
                duration(config, CACHE_TTL, d.cacheTtl),
                duration(config, NOTIFY_WINDOW, d.notifyWindow));
    }

    private static int integer(Map<String, String> config, String key, int fallback) {
        String text = config.get(key);
        if (text == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " is not a whole number: \"" + text + "\"");
        }
    }

    private static double number(Map<String, String> config, String key, double fallback) {
        String text = config.get(key);
        if (text == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " is not a number: \"" + text + "\"");
        }
    }

    private static Duration duration(Map<String, String> config, String key, Duration fallback) {
        String text = config.get(key);
        if (text == null) {
            return fallback;
        }
        String t = text.trim();
        try {
            return t.matches("\\d+") ? Duration.ofSeconds(Long.parseLong(t)) : Duration.parse(t);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException(key + " is not a duration (PT5M or seconds): \"" + text + "\"");
        }
    }

    private static void requireRadius(String key, double km) {
        if (!(km >= 0 && km <= 20_100)) {
            throw new IllegalArgumentException(key + " must be between 0 and 20100 km, got " + km);
        }
    }

    private static void requireBetween(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(key + " must be between " + min + " and " + max + ", got " + value);
        }
    }
}
