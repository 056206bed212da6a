package golf.linkup.engine.gateway.fanout;

import golf.linkup.engine.gateway.history.RoomHistory;
import golf.linkup.engine.gateway.history.RoomMessage;
import golf.linkup.engine.gateway.history.StreamPosition;
import golf.linkup.engine.metrics.EngineMetrics;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives an event's messages their ids and per-room positions before this instance delivers them.
 *
 * <p>Where offsets come from: every instance reads every event in Redis publish order and appends
 * its messages to the shared {@link RoomHistory}, which is idempotent per message id. The first
 * instance to append a message assigns its offset; the others get the same one. Since each
 * instance appends in publish order, offsets follow publish order in every room, and each instance
 * still delivers to its own sockets in that order (docs/architecture.md).
 *
 * <p>Message ids are deterministic: the event id for the event's first message, {@code id/1},
 * {@code id/2}... for the others, so the same message has the same id on every instance and after
 * recovery, and clients drop duplicates by id.
 *
 * <p>Failure: when the history cannot be written (Redis unreachable) the messages still go out,
 * with their id but without a position (counted as {@code linkup.history.failures}); clients then
 * cannot recover them and recover with {@code recovered: false} later.
 */
public final class RoomSequencer {

    private static final Logger LOG = LoggerFactory.getLogger(RoomSequencer.class);

    private final RoomHistory history;
    private final EngineMetrics metrics;

    public RoomSequencer(RoomHistory history, EngineMetrics metrics) {
        this.history = history;
        this.metrics = metrics;
    }

    public List<SequencedEnvelope> sequence(String eventId, List<FanoutEnvelope> envelopes) {
        List<SequencedEnvelope> out = new ArrayList<>(envelopes.size());
        for (int i = 0; i < envelopes.size(); i++) {
            out.add(sequence(i == 0 ? eventId : eventId + "/" + i, envelopes.get(i)));
        }
        return out;
    }

    public SequencedEnvelope sequence(String messageId, FanoutEnvelope envelope) {
        List<String> rooms = envelope.rooms();
        List<String> kept = new ArrayList<>(rooms.size());
        for (String room : rooms) {
            if (RoomHistory.keepsHistory(room)) {
                kept.add(room);
            }
        }
        List<StreamPosition> positions = List.of();
        if (!kept.isEmpty()) {
            try {
                positions = history.append(messageId, kept, envelope.payload());
            } catch (RuntimeException e) {
                metrics.historyFailure();
                LOG.warn("room history unavailable; {} goes out without offsets: {}", messageId, e.toString());
            }
        }
        List<RoomMessage> messages = new ArrayList<>(rooms.size());
        int k = 0;
        for (String room : rooms) {
            boolean historied = k < kept.size() && kept.get(k).equals(room);
            StreamPosition p = historied && !positions.isEmpty() ? positions.get(k) : null;
            if (historied) {
                k++;
            }
            messages.add(p == null ? RoomMessage.stamp(room, messageId, 0, "", envelope.payload())
                    : RoomMessage.stamp(room, messageId, p.offset(), p.epoch(), envelope.payload()));
        }
        return new SequencedEnvelope(envelope, messages);
    }
}
