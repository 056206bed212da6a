package golf.linkup.engine.config;

import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Typed reads of configuration keys over any lookup (Camel's properties in the application,
 * a map in tests). Blank values count as absent. Every failure names the key.
 *
 * <p>A reader either refuses a bad value at once (the default: {@link InvalidSettingException}) or,
 * made with {@link #collecting}, notes it, goes on with the default, and names every bad key in one
 * exception from {@link #throwIfRefused()}: start-up reads every feature's settings that way, so an
 * operator sees all that is wrong in one go.
 */
public final class SettingsReader {

    private final Function<String, String> lookup;
    private final Supplier<Set<String>> names;
    private final boolean collecting;
    private final List<InvalidSettingException> refused = new ArrayList<>();

    /** A reader that refuses the first bad value at once; it knows no key names. */
    public SettingsReader(Function<String, String> lookup) {
        this(lookup, Set::of, false);
    }

    private SettingsReader(Function<String, String> lookup, Supplier<Set<String>> names, boolean collecting) {
        this.lookup = lookup;
        this.names = names;
        this.collecting = collecting;
    }

    /**
     * A reader that notes every bad value and goes on with the default ({@link #throwIfRefused()} names
     * them all); {@code names} lists the keys the source holds (for refusing unknown keys of a prefix).
     */
    public static SettingsReader collecting(Function<String, String> lookup, Supplier<Set<String>> names) {
        return new SettingsReader(lookup, names, true);
    }

    /** A collecting reader over a map (tests, tools). */
    public static SettingsReader of(Map<String, String> values) {
        return collecting(values::get, values::keySet);
    }

    /**
     * Refuses {@code key}: at once, or (collecting) noted for {@link #throwIfRefused()}; the caller then
     * goes on with the default.
     */
    public void refuse(String key, String problem) {
        InvalidSettingException e = new InvalidSettingException(key, problem);
        if (!collecting) {
            throw e;
        }
        refused.add(e);
    }

    /** Throws one exception naming every key refused so far, if any. */
    public void throwIfRefused() {
        if (!refused.isEmpty()) {
            throw InvalidSettingException.all(refused);
        }
    }

    /** The keys the source holds that start with {@code prefix} (none when the reader knows no names). */
    public Set<String> keysStartingWith(String prefix) {
        Set<String> keys = new TreeSet<>();
        for (String key : names.get()) {
            if (key.startsWith(prefix)) {
                keys.add(key);
            }
        }
        return keys;
    }

    public Optional<String> optional(String key) {
        String value = lookup.apply(key);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    public String string(String key, String defaultValue) {
        return optional(key).orElse(defaultValue);
    }

    public int integer(String key, int defaultValue, int min, int max) {
        return number(key, defaultValue, min, max, Integer::valueOf, "a whole number");
    }

    public double decimal(String key, double defaultValue, double min, double max) {
        return number(key, defaultValue, min, max, Double::valueOf, "a number");
    }

    private <N extends Comparable<N>> N number(String key, N defaultValue, N min, N max, Function<String, N> parse,
            String what) {
        Optional<String> text = optional(key);
        if (text.isEmpty()) {
            return defaultValue;
        }
        N value;
        try {
            value = parse.apply(text.get());
        } catch (NumberFormatException e) {
            refuse(key, "'" + text.get() + "' is not " + what);
            return defaultValue;
        }
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            refuse(key, value + " is outside " + min + ".." + max);
            return defaultValue;
        }
        return value;
    }

    public boolean bool(String key, boolean defaultValue) {
        Optional<String> text = optional(key);
        if (text.isEmpty()) {
            return defaultValue;
        }
        return switch (text.get().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> {
                refuse(key, "'" + text.get() + "' is not true or false");
                yield defaultValue;
            }
        };
    }

    /**
     * ISO-8601 durations ({@code PT30S}) or a number with a unit: {@code 500ms}, {@code 30s}, {@code 5m},
     * {@code 24h}. Negative durations are refused: every duration key is a TTL, a limit or an interval.
     */
    public Duration duration(String key, Duration defaultValue) {
        Optional<String> text = optional(key);
        if (text.isEmpty()) {
            return defaultValue;
        }
        Optional<Duration> value = parseDuration(text.get());
        if (value.isEmpty()) {
            refuse(key, "'" + text.get() + "' is not a duration (e.g. 30s, 5m, PT1H)");
            return defaultValue;
        }
        if (value.get().isNegative()) {
            refuse(key, "'" + text.get() + "' is negative");
            return defaultValue;
        }
        return value.get();
    }

    private static Optional<Duration> parseDuration(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("p")) {
                return Optional.of(Duration.parse(t.toUpperCase(Locale.ROOT)));
            }
            if (t.endsWith("ms")) {
                return Optional.of(Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2).trim())));
            }
            long n = Long.parseLong(t.substring(0, t.length() - 1).trim());
            return Optional.of(switch (t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default -> throw new NumberFormatException();
            });
        } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    public <E extends Enum<E>> E enumeration(String key, Class<E> type, E defaultValue) {
        Optional<String> text = optional(key);
        if (text.isEmpty()) {
            return defaultValue;
        }
        try {
            return Enum.valueOf(type, text.get().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            refuse(key, "'" + text.get() + "' is not one of "
                    + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT));
            return defaultValue;
        }
    }

    public Optional<URI> uri(String key, String... schemes) {
        Optional<String> text = optional(key);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(text.get());
            if (uri.getScheme() == null || uri.getHost() == null) {
                refuse(key, "'" + text.get() + "' needs a scheme and a host");
                return Optional.empty();
            }
            if (schemes.length > 0 && java.util.Arrays.stream(schemes).noneMatch(s -> s.equalsIgnoreCase(uri.getScheme()))) {
                refuse(key, "scheme must be one of " + String.join(", ", schemes));
                return Optional.empty();
            }
            return Optional.of(uri);
        } catch (java.net.URISyntaxException e) {
            refuse(key, "'" + text.get() + "' is not a URI");
            return Optional.empty();
        }
    }
}
