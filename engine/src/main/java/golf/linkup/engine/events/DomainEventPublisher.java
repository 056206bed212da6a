package golf.linkup.engine.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import golf.linkup.engine.json.Json;
import java.time.Instant;
import java.util.UUID;

/**
 * Publishes domain events on {@code linkup:events}, as the API server does, for changes the engine
 * makes itself (a confirmed hold is a {@code slot.joined}). Every instance then handles the event
 * as any other: live updates, matching, notifications.
 */
public interface DomainEventPublisher {

    /** Publishes one event's JSON text ({@code {id, type, occurredAt, data}}). */
    void publish(String eventJson);

    /** The JSON of a {@code slot.joined} event with a fresh id. */
    static String slotJoined(String teeTimeId, int slotNumber, String userId, Instant occurredAt) {
        ObjectNode e = Json.MAPPER.createObjectNode();
        e.put("id", UUID.randomUUID().toString());
        e.put("type", EventType.SLOT_JOINED.wireName());
        e.put("occurredAt", occurredAt.toString());
        e.putObject("data").put("teeTimeId", teeTimeId).put("slotNumber", slotNumber).put("userId", userId);
        return e.toString();
    }
}
