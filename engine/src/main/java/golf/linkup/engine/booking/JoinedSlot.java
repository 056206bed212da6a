package golf.linkup.engine.booking;

import java.time.Instant;

/** A slot a user now plays in, and the tee time's open slots after it was taken. */
public record JoinedSlot(String teeTimeId, int slotNumber, String userId, Instant joinedAt, int openSlots) {
}
