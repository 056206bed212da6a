package golf.linkup.engine.domain;

import java.time.Instant;

/** A chat message in a tee time's group. */
public record ChatMessage(String id, String teeTimeId, String senderId, String body, Instant sentAt) {
}
