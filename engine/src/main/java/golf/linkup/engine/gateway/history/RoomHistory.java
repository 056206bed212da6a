package golf.linkup.engine.gateway.history;

import java.util.List;

/**
 * Each room's recent messages with a per-room monotonic offset and an epoch, shared by every engine
 * instance (Redis in production, {@link InMemoryRoomHistory} for one process).
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #append} is idempotent per (room, message id): every instance that handles the same
 *       event appends it, and all get the position the first one got. Instances handle events in
 *       the same order (Redis pub/sub order), so offsets follow that order in every room.</li>
 *   <li>A room keeps at most {@code size} messages, none older than {@code ttl}. A room whose
 *       stream was lost (expired while idle for longer than the epoch's lifetime, or Redis lost
 *       it) starts a new epoch at offset 1.</li>
 *   <li>{@link #since} recovers only within one epoch and only when nothing between the given
 *       offset and the newest is missing; otherwise it says {@code recovered=false}.</li>
 * </ul>
 * Implementations are thread-safe.
 */
public interface RoomHistory {

    /** Appends {@code payload} under {@code messageId} to each room; positions in the order of {@code rooms}. */
    List<StreamPosition> append(String messageId, List<String> rooms, String payload);

    /** One message to append: its id, its rooms and its payload. */
    record Append(String messageId, List<String> rooms, String payload) {
    }

    /**
     * Appends several messages in order, in one round trip where the implementation can; the
     * positions of each, in order. The default appends them one by one.
     */
    default List<List<StreamPosition>> appendAll(List<Append> appends) {
        List<List<StreamPosition>> out = new java.util.ArrayList<>(appends.size());
        for (Append a : appends) {
            out.add(append(a.messageId(), a.rooms(), a.payload()));
        }
        return out;
    }

    /**
     * The messages of {@code room} after {@code since}, oldest first, stamped as clients receive them.
     * {@code since} = {@link StreamPosition#NONE} (the client joined before the room had a stream)
     * recovers from the first message of the room's epoch, when it is still kept.
     */
    Recovery since(String room, StreamPosition since);

    /**
     * The room's current position; {@link StreamPosition#NONE} (offset 0, no epoch) for a room that
     * has no stream. Reads never create anything: a room costs storage only once published to.
     */
    StreamPosition position(String room);

    /**
     * What a recovery found. {@code position} is the room's newest position when it was read.
     *
     * @param recovered false when the epoch changed or history no longer reaches back to the offset:
     *                  the client must reload the room's state; {@code messages} is then empty
     */
    record Recovery(boolean recovered, StreamPosition position, List<RoomMessage> messages) {
    }

    /**
     * How many message ids a room remembers for idempotent appends: ten times the history, at
     * least 10,000. An instance more messages than that behind another in one room would give a
     * message a second offset (clients still drop it by id).
     */
    static int idsRemembered(int size) {
        return Math.max(10_000, size * 10);
    }

    /** Which rooms keep history: feeds and tee-time rooms (user rooms, presence and typing do not). */
    static boolean keepsHistory(String room) {
        return room.startsWith("feed:") || room.startsWith("tee-time:") || room.startsWith("chat:");
    }

    /**
     * The recovery decision shared by implementations, given the room's state: {@code oldest} is the
     * offset of the oldest retained message (0 when none is retained).
     */
    static boolean recoverable(StreamPosition since, StreamPosition current, long oldest) {
        // NONE: the room had no stream yet when the client joined; whatever epoch began since then
        // is recoverable from its first message, if history still holds it
        boolean beforeAnyStream = since.equals(StreamPosition.NONE);
        if ((!beforeAnyStream && !since.epoch().equals(current.epoch())) || since.offset() > current.offset()
                || since.offset() < 0) {
            return false;
        }
        if (since.offset() == current.offset()) {
            return true;
        }
        return oldest > 0 && oldest <= since.offset() + 1;
    }
}
