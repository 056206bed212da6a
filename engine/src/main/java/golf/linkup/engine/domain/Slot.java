package golf.linkup.engine.domain;

import java.time.Instant;

/** A taken place in a tee time. Slot 1 is the host's. */
public record Slot(String teeTimeId, int slotNumber, String userId, Instant joinedAt) {
}
