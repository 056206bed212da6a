package golf.linkup.engine.booking;

import golf.linkup.engine.notifications.Channel;
import golf.linkup.engine.notifications.NotificationType;
import golf.linkup.engine.notifications.Priority;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Something a booking transaction tells the world; {@link BookingService} hands each to
 * {@link BookingEffects} after the transaction committed, in the order they were made.
 */
sealed interface BookingEffect {

    /** A message for the tee time's room. */
    record RoomMessage(String teeTimeId, String message) implements BookingEffect {
    }

    /** The engine joined a player into a slot ({@code slot.joined}). */
    record SlotJoined(String teeTimeId, int slotNumber, String userId, Instant at) implements BookingEffect {
    }

    /**
     * A notification to {@code userId}; {@code extras} are added to the tee time's template model
     * (see {@link BookingNotifications}).
     */
    record Notify(NotificationType type, String key, String userId, String teeTimeId, Priority priority,
            Set<Channel> channels, Map<String, Object> extras) implements BookingEffect {
    }
}
