package golf.linkup.engine.notifications.push;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** The HTTP {@code Retry-After} header (RFC 9110 §10.2.3): delay-seconds or an HTTP-date. */
final class RetryAfter {

    /** Longer wishes are cut to this: a push service asking for more is broken, not busy. */
    static final Duration MAX = Duration.ofDays(1);

    private RetryAfter() {
    }

    /**
     * The wait the header asks for, measured from {@code now} for a date (a date in the past is
     * zero), or null when the header is absent or malformed.
     */
    static Duration parse(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.trim();
        if (text.chars().allMatch(Character::isDigit)) {
            if (text.length() > 9) {
                return MAX;
            }
            return min(Duration.ofSeconds(Long.parseLong(text)));
        }
        try {
            Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(now, at);
            return wait.isNegative() ? Duration.ZERO : min(wait);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Duration min(Duration wait) {
        return wait.compareTo(MAX) > 0 ? MAX : wait;
    }
}
