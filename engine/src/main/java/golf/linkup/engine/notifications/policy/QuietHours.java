package golf.linkup.engine.notifications.policy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.Optional;

/**
 * A daily quiet window in the user's time zone (default 22:00–08:00). A window whose end
 * is before its start runs past midnight. Equal start and end means no quiet hours.
 *
 * <p>DST: the window is in wall-clock time and ends at the first instant the wall clock shows the
 * end time or later. On a day when the clocks jump forward over the end time, that is the instant
 * of the jump; when they fall back and the end time is shown twice, it is the first showing, and
 * the repeated hour does not start the window over.
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
                return endOn(day, now);
            }
            return Optional.empty();
        }
        // overnight window, e.g. 22:00-08:00
        if (!t.isBefore(start)) {
            return endOn(day.plusDays(1), now);
        }
        if (t.isBefore(end)) {
            return endOn(day, now);
        }
        return Optional.empty();
    }

    /**
     * The first instant the wall clock shows {@code end} on {@code day}: in a spring-forward gap the
     * instant of the jump (not {@link ZonedDateTime#of}'s shift by the gap's length); in a fall-back
     * overlap the earlier showing, so empty when that has passed (the repeated hour is not quiet again).
     */
    private Optional<Instant> endOn(LocalDate day, Instant now) {
        LocalDateTime local = LocalDateTime.of(day, end);
        ZoneOffsetTransition transition = zone.getRules().getTransition(local);
        Instant until = transition != null && transition.isGap() ? transition.getInstant()
                : ZonedDateTime.of(local, zone).toInstant();
        return until.isAfter(now) ? Optional.of(until) : Optional.empty();
    }

    /** "HH:mm" text, as the settings API shows it. */
    public static LocalTime parse(String text) {
        return LocalTime.parse(text);
    }
}
