package golf.linkup.engine.gateway.fanout;

import golf.linkup.engine.gateway.history.RoomMessage;
import java.util.List;

/**
 * An envelope whose message has been given its id and, per room, its position: {@code messages}
 * has one entry per room of the envelope, in the same order, each built once and shared by every
 * connection of that room.
 */
public record SequencedEnvelope(FanoutEnvelope envelope, List<RoomMessage> messages) {
}
