package golf.linkup.engine.booking;

import java.time.Instant;

/** A player's check-in; {@code checkedInBy} is the player or the host who recorded it. */
public record CheckIn(String teeTimeId, String userId, Instant checkedInAt, String checkedInBy) {
}
