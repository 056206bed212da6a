package golf.linkup.engine.missed;

import com.fasterxml.jackson.databind.JsonNode;
import golf.linkup.engine.gateway.history.RoomMessage;
import golf.linkup.engine.json.Json;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * Which messages of a tee-time room ({@code tee-time:{id}}) are changes a player is told about in a
 * digest: the tee time updated or cancelled, a slot joined or left. Holds and reservations
 * ({@code tee-time:slot-held}, ...) are not; neither is an update that only changes {@code openSlots}
 * (it follows a join or a leave, which is counted itself).
 *
 * <p>Who made a change: a slot's player for a join or a leave; the host for an update or a
 * cancellation (events carry no actor; only the host edits a tee time).
 */
public final class RoomChanges {

    static final String UPDATED = "feed:tee-time-updated";
    static final String CANCELLED = "tee-time:cancelled";
    static final String SLOT_JOINED = "tee-time:slot-joined";
    static final String SLOT_LEFT = "tee-time:slot-left";
    private static final Set<String> TYPES = Set.of(UPDATED, CANCELLED, SLOT_JOINED, SLOT_LEFT);
    private static final String TYPE_KEY = "\"type\":\"";

    private RoomChanges() {
    }

    /**
     * True for a message that may be a change (read without parsing: on the delivery thread). The
     * stamped text puts {@code type} right after id, room and position, so its first occurrence is
     * the message's own.
     */
    public static boolean mayBeChange(String text) {
        int at = text.indexOf(TYPE_KEY);
        if (at < 0) {
            return false;
        }
        int start = at + TYPE_KEY.length();
        int end = text.indexOf('"', start);
        return end > start && TYPES.contains(text.substring(start, end));
    }

    /** A counted change: when it happened ({@code data.occurredAt}, else {@code now}) and who made it (null: the host). */
    record Change(long occurredAtMillis, String actorId) {
    }

    /** The change a message is, or null when it is not one a digest counts. */
    static Change of(RoomMessage m, long now) {
        if (!mayBeChange(m.text())) {
            return null;
        }
        try {
            JsonNode message = Json.MAPPER.readTree(m.text());
            String type = message.path("type").asText();
            JsonNode data = message.path("data");
            if (UPDATED.equals(type)) {
                JsonNode changes = data.path("changes");
                if (changes.isObject() && changes.size() == 1 && changes.has("openSlots")) {
                    return null;
                }
            }
            String actor = switch (type) {
                case SLOT_JOINED -> data.path("slot").path("userId").asText(null);
                case SLOT_LEFT -> data.path("userId").asText(null);
                default -> null;
            };
            long at = data.hasNonNull("occurredAt") ? Instant.parse(data.get("occurredAt").asText()).toEpochMilli() : now;
            return new Change(Math.min(at, now), actor);
        } catch (IOException | DateTimeParseException e) {
            return new Change(now, null);
        }
    }
}
