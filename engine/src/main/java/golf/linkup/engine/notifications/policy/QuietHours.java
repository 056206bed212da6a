package golf.linkup.engine.notifications.policy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * A daily quiet window in the user's time zone (seed 002, default 22:00–08:00). A window whose end
 * is before its start runs past midnight. Equal start and end means no quiet hours.
 *
 * <p>DST: the window is in wall-clock time. On a day when the clocks jump forward through the end
 * time, the window ends at the first valid instant after it; when they fall back, the earlier of
 * the repeated instants is used ({@link ZonedDateTime#of} rules).
 */
public record QuietHours(LocalTime start, LocalTime end, ZoneId zone) {

    public static final LocalTime DEFAULT_START = LocalTime.of(22, 0);
    public static final LocalTime DEFAULT_END = LocalTime.of(8, 0);

    public static QuietHours defaultsIn(ZoneId zone) {
        return new QuietHours(DEFAULT_START, DEFAULT_END, zone);
    }

    /** When {@code now} is inside the window, the instant it ends; else empty. */
    public Optional<Instant> holdUntil(Instant now) {
        if (start.equals(end)) {
            return Optional.empty();
        }
        ZonedDateTime local = now.atZone(zone);
        LocalTime t = local.toLocalTime();
        LocalDate day = local.toLocalDate();
        if (start.isBefore(end)) {
            // same-day window, e.g. 13:00-15:00
            if (!t.isBefore(start) && t.isBefore(end)) {
                return Optional.of(ZonedDateTime.of(day, end, zone).toInstant());
            }
            return Optional.empty();
        }
        // overnight window, e.g. 22:00-08:00
        if (!t.isBefore(start)) {
            return Optional.of(ZonedDateTime.of(day.plusDays(1), end, zone).toInstant());
        }
        if (t.isBefore(end)) {
            return Optional.of(ZonedDateTime.of(day, end, zone).toInstant());
        }
        return Optional.empty();
    }

    /** "HH:mm" text, as the settings API shows it. */
    public static LocalTime parse(String text) {
        return LocalTime.parse(text);
    }
}
