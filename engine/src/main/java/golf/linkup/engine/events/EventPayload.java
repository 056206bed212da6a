package golf.linkup.engine.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** The typed {@code data} of each event type. Optional fields are what a publisher may leave out. */
public sealed interface EventPayload {

    String teeTimeId();

    /** {@code tee-time.created}; {@code teeTime} is the publisher's denormalized copy when it sent one. */
    record TeeTimeCreated(String teeTimeId, Optional<TeeTimeSnapshot> teeTime) implements EventPayload {
    }

    /** {@code tee-time.updated}; {@code changes} is passed to clients as sent. */
    record TeeTimeUpdated(String teeTimeId, Optional<String> industry, Optional<Boolean> openToAll, ObjectNode changes)
            implements EventPayload {

        /** True when {@code changes} names any of {@code fields} (tee-time fields, camelCase as published). */
        public boolean changesAnyOf(Set<String> fields) {
            if (changes == null) {
                return true; // the parser requires it; without it, assume anything changed
            }
            for (String f : fields) {
                if (changes.has(f)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** {@code tee-time.cancelled}. */
    record TeeTimeCancelled(String teeTimeId, Optional<String> industry, Optional<Boolean> openToAll,
            Optional<String> reason) implements EventPayload {
    }

    /** {@code slot.joined}. */
    record SlotJoined(String teeTimeId, int slotNumber, String userId) implements EventPayload {
    }

    /** {@code slot.left}. */
    record SlotLeft(String teeTimeId, int slotNumber, String userId) implements EventPayload {
    }

    /** {@code message.sent}; {@code sender} is the publisher's copy of the sender when it sent one. */
    record MessageSent(String teeTimeId, Optional<String> industry, String messageId, String senderId, String body,
            Instant sentAt, Optional<PersonSnapshot> sender) implements EventPayload {
    }
}
