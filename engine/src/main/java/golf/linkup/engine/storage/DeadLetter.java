package golf.linkup.engine.storage;

import java.time.Instant;

/**
 * An input the engine refused or could not handle, kept with the reason so nothing is lost.
 * {@code eventId} and {@code eventType} are null when the payload did not say them.
 */
public record DeadLetter(long id, String source, String eventId, String eventType, String reasonCode, String reason,
        String payload, Instant receivedAt) {
}
