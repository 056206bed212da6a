package golf.linkup.engine.gateway.connections;

import golf.linkup.engine.gateway.history.RoomMessage;
import golf.linkup.engine.gateway.protocol.ServerMessages;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What one connection lost since it was last told: per room, how many messages and which offsets
 * (so the client can recover them from history), and how many messages without a room position
 * (replies, presence). Made on a connection's first loss; guarded by its send queue's lock.
 */
final class LossLedger {

    private final Map<String, Loss> byRoom = new LinkedHashMap<>(4);
    private long withoutPosition;

    /** What was lost in one room; only the current epoch's offsets are recoverable. */
    private static final class Loss {
        String epoch;
        long count;
        long first = Long.MAX_VALUE;
        long last;
    }

    void record(Outgoing dropped) {
        if (dropped instanceof Outgoing.Room room && room.message().hasPosition()) {
            RoomMessage m = room.message();
            Loss loss = byRoom.computeIfAbsent(m.room(), r -> new Loss());
            if (loss.epoch != null && !loss.epoch.equals(m.epoch())) {
                loss.first = Long.MAX_VALUE; // a new epoch: only its offsets are recoverable
                loss.last = 0;
            }
            loss.epoch = m.epoch();
            loss.count++;
            loss.first = Math.min(loss.first, m.offset());
            loss.last = Math.max(loss.last, m.offset());
        } else {
            withoutPosition++;
        }
    }

    /** One {@code missed} notice per room (in the order the losses began), then one without a room. */
    void notices(Consumer<Outgoing> to) {
        byRoom.forEach((room, loss) -> to.accept(new Outgoing.Text(
                ServerMessages.missed(room, loss.count, loss.first, loss.last, loss.epoch))));
        if (withoutPosition > 0) {
            to.accept(new Outgoing.Text(ServerMessages.missed(null, withoutPosition, 0, 0, null)));
        }
    }
}
