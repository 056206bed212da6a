package golf.linkup.engine.events;

import java.time.Instant;

/**
 * A validated event: {@code id} is unique per event and the idempotency key; {@code payload} is the
 * typed {@code data}; {@code receivedAtMicros} is when this instance read it (for latency figures).
 */
public record DomainEvent(String id, EventType type, Instant occurredAt, EventPayload payload, long receivedAtMicros) {
}
