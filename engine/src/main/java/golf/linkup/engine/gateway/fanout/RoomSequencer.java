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

    /** The id of an event's {@code index}-th message: the event id, then {@code eventId/1}, {@code /2}... */
    public static String messageId(String eventId, int index) {
        return index == 0 ? eventId : eventId + "/" + index;
    }

    /** An envelope with its message id. */
    public record Identified(String messageId, FanoutEnvelope envelope) {
    }

    /**
     * Sequences several envelopes, in order, with one history round trip for all of them (the
     * ordered delivery thread batches whatever queued up while the previous round trip ran).
     */
    public List<SequencedEnvelope> sequenceAll(List<Identified> envelopes) {
        return sequenceBatch(envelopes).envelopes();
    }

    /**
     * The envelopes sequenced, and whether their messages are in the history ({@code false} when
     * the history could not be written and they go out without offsets).
     */
    public record Batch(List<SequencedEnvelope> envelopes, boolean historyWritten) {
    }

    /** {@link #sequenceAll}, saying whether the history was written. */
    public Batch sequenceBatch(List<Identified> envelopes) {
        List<RoomHistory.Append> appends = new ArrayList<>();
        List<List<String>> kept = new ArrayList<>(envelopes.size());
        for (Identified e : envelopes) {
            List<String> rooms = new ArrayList<>(e.envelope().rooms().size());
            for (String room : e.envelope().rooms()) {
                if (RoomHistory.keepsHistory(room)) {
                    rooms.add(room);
                }
            }
            kept.add(rooms);
            if (!rooms.isEmpty()) {
                appends.add(new RoomHistory.Append(e.messageId(), rooms, e.envelope().payload()));
            }
        }
        List<List<StreamPosition>> positions = null;
        if (!appends.isEmpty()) {
            try {
                positions = history.appendAll(appends);
            } catch (RuntimeException ex) {
                metrics.historyFailure();
                LOG.warn("room history unavailable; {} messages go out without offsets: {}", appends.size(),
                        ex.toString());
            }
        }
        List<SequencedEnvelope> out = new ArrayList<>(envelopes.size());
        int a = 0;
        for (int i = 0; i < envelopes.size(); i++) {
            Identified e = envelopes.get(i);
            List<String> historied = kept.get(i);
            List<StreamPosition> mine = historied.isEmpty() || positions == null ? null : positions.get(a);
            if (!historied.isEmpty()) {
                a++;
            }
            List<RoomMessage> messages = new ArrayList<>(e.envelope().rooms().size());
            int k = 0;
            for (String room : e.envelope().rooms()) {
                boolean isKept = k < historied.size() && historied.get(k).equals(room);
                StreamPosition p = isKept && mine != null ? mine.get(k) : null;
                if (isKept) {
                    k++;
                }
                messages.add(p == null ? RoomMessage.stamp(room, e.messageId(), 0, "", e.envelope().payload())
                        : RoomMessage.stamp(room, e.messageId(), p.offset(), p.epoch(), e.envelope().payload()));
            }
            out.add(new SequencedEnvelope(e.envelope(), messages));
        }
        return new Batch(out, appends.isEmpty() || positions != null);
    }
}
