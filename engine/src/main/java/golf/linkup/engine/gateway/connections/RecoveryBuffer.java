package golf.linkup.engine.gateway.connections;

import golf.linkup.engine.gateway.history.RoomMessage;
import golf.linkup.engine.gateway.history.StreamPosition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One connection's recoveries: the rooms being recovered, whose live messages wait here while the
 * room's history is read, and per room the position a finished recovery delivered through, so live
 * messages at or below it (an instance behind the shared history may still deliver them) are
 * skipped. Made when the client first asks to recover and let go once empty; guarded by the
 * connection's send queue lock.
 */
final class RecoveryBuffer {

    /** Rooms being recovered and the live messages held back for each; null when none. */
    private Map<String, List<RoomMessage>> holding;
    /** Per room, the position recovery delivered through; null when none. */
    private Map<String, StreamPosition> skipThrough;

    void begin(String room) {
        if (holding == null) {
            holding = new HashMap<>(4);
        }
        holding.putIfAbsent(room, new ArrayList<>());
    }

    /** Holds {@code m} back when its room is being recovered; false when it may go out. */
    boolean holdBack(RoomMessage m) {
        List<RoomMessage> held = holding == null ? null : holding.get(m.room());
        if (held == null) {
            return false;
        }
        held.add(m);
        return true;
    }

    /**
     * True when a finished recovery already delivered {@code m}. The first newer message of the
     * room ends the skipping there.
     */
    boolean alreadyRecovered(RoomMessage m) {
        StreamPosition through = skipThrough == null ? null : skipThrough.get(m.room());
        if (through == null || !m.hasPosition()) {
            return false;
        }
        if (m.epoch().equals(through.epoch()) && m.offset() <= through.offset()) {
            return true;
        }
        skipThrough.remove(m.room());
        if (skipThrough.isEmpty()) {
            skipThrough = null;
        }
        return false;
    }

    /**
     * Ends the recovery of the rooms in {@code recovered}: appends to {@code into} each room's
     * recovered messages (oldest first), then the live messages held back meanwhile that are newer.
     */
    void finish(Map<String, List<RoomMessage>> recovered, Map<String, StreamPosition> recoveredThrough,
            List<Outgoing> into) {
        for (List<RoomMessage> messages : recovered.values()) {
            for (RoomMessage m : messages) {
                into.add(new Outgoing.Room(m));
            }
        }
        if (!recoveredThrough.isEmpty()) {
            if (skipThrough == null) {
                skipThrough = new HashMap<>(4);
            }
            skipThrough.putAll(recoveredThrough);
        }
        if (holding != null) {
            for (String room : recovered.keySet()) {
                List<RoomMessage> held = holding.remove(room);
                if (held != null) {
                    for (RoomMessage m : held) {
                        if (!alreadyRecovered(m)) {
                            into.add(new Outgoing.Room(m));
                        }
                    }
                }
            }
            if (holding.isEmpty()) {
                holding = null;
            }
        }
        if (skipThrough != null && skipThrough.isEmpty()) {
            skipThrough = null;
        }
    }

    /** Nothing held back and nothing to skip: the connection can let this go. */
    boolean isEmpty() {
        return holding == null && skipThrough == null;
    }
}
