package golf.linkup.engine.events;

import java.time.Instant;
import java.time.ZoneId;

/**
 * A tee time with what a feed card shows. Built from an event's denormalized copy or from the
 * database; the gateway sends it to clients as the seed's {@code TeeTimeWithDetails}.
 */
public record TeeTimeSnapshot(
        String id,
        PersonSnapshot host,
        CourseSnapshot course,
        Instant startsAt,
        String industry,
        boolean openToAll,
        String skillLevel,
        int totalSlots,
        int openSlots,
        String status) {

    /** A course as a feed card shows it; {@code timeZone} says how to show {@code startsAt}. */
    public record CourseSnapshot(String id, String name, String city, String country, double lat, double lng,
            ZoneId timeZone) {
    }
}
