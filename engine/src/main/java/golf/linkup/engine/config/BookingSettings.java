package golf.linkup.engine.config;

import java.time.Duration;

/**
 * The {@code linkup.booking.*} settings (documented in {@code application.properties}).
 *
 * @param holdTtl            how long an attempt holds a slot before it must be confirmed (default 15 s)
 * @param offerTtl           how long a waitlist offer keeps its slot (default 30 min); never past the start
 * @param roundLength        how long a round lasts: a tee time "ends" this long after it starts (no-shows)
 * @param checkInOpens       how long before the start a player may check in
 * How often the sweeps run (expired holds, expired offers, no-shows) are timed jobs:
 * {@code linkup.schedules.expire-holds} and the others ({@code ScheduleSettings}).
 */
public record BookingSettings(Duration holdTtl, Duration offerTtl, Duration roundLength, Duration checkInOpens) {

    public static BookingSettings defaults() {
        return new BookingSettings(Duration.ofSeconds(15), Duration.ofMinutes(30), Duration.ofMinutes(270),
                Duration.ofHours(1));
    }

    public static BookingSettings read(SettingsReader in) {
        BookingSettings d = defaults();
        return new BookingSettings(
                within(in, "linkup.booking.hold-ttl", d.holdTtl(), Duration.ofMillis(100), Duration.ofMinutes(10)),
                within(in, "linkup.booking.offer-ttl", d.offerTtl(), Duration.ofSeconds(1), Duration.ofDays(2)),
                within(in, "linkup.booking.round-length", d.roundLength(), Duration.ofMinutes(1), Duration.ofHours(24)),
                within(in, "linkup.booking.check-in-opens", d.checkInOpens(), Duration.ZERO, Duration.ofHours(24)));
    }

    private static Duration within(SettingsReader in, String key, Duration defaultValue, Duration min, Duration max) {
        Duration value = in.duration(key, defaultValue);
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            in.refuse(key, value + " is outside " + min + ".." + max);
            return defaultValue;
        }
        return value;
    }
}
