package golf.linkup.engine.config;

import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Typed reads of configuration keys over any lookup (Camel's properties in the application,
 * a map in tests). Blank values count as absent. Every parse failure names the key.
 */
public final class SettingsReader {

    private final Function<String, String> lookup;

    public SettingsReader(Function<String, String> lookup) {
        this.lookup = lookup;
    }

    public Optional<String> optional(String key) {
        String value = lookup.apply(key);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    public String string(String key, String defaultValue) {
        return optional(key).orElse(defaultValue);
    }

    public int integer(String key, int defaultValue, int min, int max) {
        Optional<String> text = optional(key);
        if (text.isEmpty()) {
            return defaultValue;
        }
        int value;
        try {
            value = Integer.parseInt(text.get());
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(key, "'" + text.get() + "' is not a whole number");
        }
        if (value < min || value > max) {
            throw new InvalidSettingException(key, value + " is outside " + min + ".." + max);
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
            default -> throw new InvalidSettingException(key, "'" + text.get() + "' is not true or false");
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
        Duration value = parseDuration(key, text.get());
        if (value.isNegative()) {
            throw new InvalidSettingException(key, "'" + text.get() + "' is negative");
        }
        return value;
    }

    private static Duration parseDuration(String key, String text) {
        String t = text.toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("p")) {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            }
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2).trim()));
            }
            long n = Long.parseLong(t.substring(0, t.length() - 1).trim());
            return switch (t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default -> throw new NumberFormatException();
            };
        } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            throw new InvalidSettingException(key, "'" + text + "' is not a duration (e.g. 30s, 5m, PT1H)");
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
            throw new InvalidSettingException(key, "'" + text.get() + "' is not one of "
                    + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT));
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
                throw new InvalidSettingException(key, "'" + text.get() + "' needs a scheme and a host");
            }
            if (schemes.length > 0 && java.util.Arrays.stream(schemes).noneMatch(s -> s.equalsIgnoreCase(uri.getScheme()))) {
                throw new InvalidSettingException(key, "scheme must be one of " + String.join(", ", schemes));
            }
            return Optional.of(uri);
        } catch (java.net.URISyntaxException e) {
            throw new InvalidSettingException(key, "'" + text.get() + "' is not a URI");
        }
    }
}
