package golf.linkup.engine.gateway.fanout;

import golf.linkup.engine.gateway.connections.ClientConnection;
import golf.linkup.engine.gateway.connections.ConnectionRegistry;
import golf.linkup.engine.gateway.connections.Outgoing;
import golf.linkup.engine.gateway.rooms.FeedFilter;
import golf.linkup.engine.gateway.rooms.Rooms;
import golf.linkup.engine.metrics.EngineMetrics;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Delivers fan-out envelopes to this instance's connections, per the rules of {@link FanoutEnvelope}.
 * Serialized (one envelope at a time), which keeps per-room order and lets each connection be
 * de-duplicated with a sequence number instead of a set per envelope.
 */
public final class LocalDelivery {

    private final ConnectionRegistry registry;
    private final EngineMetrics metrics;
    private long sequence;
    /** Sends of the envelope(s) being delivered, grouped by writer thread; guarded by {@code this}. */
    private final WriteBatches writes = new WriteBatches();
    private final PresenceSink presenceSink;

    /** Where presence updates go instead of straight to the socket (they are batched per connection). */
    @FunctionalInterface
    public interface PresenceSink {
        void deliver(ClientConnection watcher, String room, String update);
    }

    /** Delivers presence rooms' updates straight to the sockets like any other room. */
    public LocalDelivery(ConnectionRegistry registry, EngineMetrics metrics) {
        this(registry, metrics, null);
    }

    /** @param presenceSink where presence rooms' updates go instead of the sockets (null: to the sockets) */
    public LocalDelivery(ConnectionRegistry registry, EngineMetrics metrics, PresenceSink presenceSink) {
        this.registry = registry;
        this.metrics = metrics;
        this.presenceSink = presenceSink;
    }

    /** Returns how many connections the payload was queued to. */
    public synchronized int deliver(FanoutEnvelope envelope) {
        try {
            Outgoing text = new Outgoing.Text(envelope.payload());
            return queue(envelope, roomIndex -> text, presenceSink);
        } finally {
            writes.dispatch(); // what was queued goes out even if a later member failed
        }
    }

    /**
     * Queues one envelope's sends in {@link #writes}; the caller dispatches them. The members of the
     * envelope's {@code i}-th room get {@code roomMessage.apply(i)}; with a {@code presence} sink,
     * presence rooms go to it instead of the sockets.
     */
    private int queue(FanoutEnvelope envelope, IntFunction<Outgoing> roomMessage, PresenceSink presence) {
        long seq = ++sequence;
        int delivered = 0;
        List<String> rooms = envelope.rooms();
        for (int i = 0; i < rooms.size(); i++) {
            String room = rooms.get(i);
            if (presence != null && room.startsWith(Rooms.PRESENCE_PREFIX)) {
                for (ClientConnection c : registry.members(room)) {
                    presence.deliver(c, room, envelope.payload());
                }
                continue;
            }
            Outgoing message = roomMessage.apply(i);
            boolean feed = Rooms.isFeed(room) && envelope.hasPosition();
            for (ClientConnection c : registry.members(room)) {
                if (reaches(envelope, feed, c) && c.claimDelivery(seq)) {
                    writes.add(c, message);
                    delivered++;
                }
            }
        }
        metrics.messagesOut(delivered);
        metrics.envelopeDelivered(envelope.ingestMicros(), EngineMetrics.nowMicros());
        return delivered;
    }

    /**
     * Delivers sequenced envelopes in order, by the same rules as {@link #deliver}, but each room's
     * members get that room's stamped message (built once per room; nothing is built per
     * connection); a connection in several of the rooms gets it once, stamped with the first room's
     * position. The writes are handed to each writer thread together after the last envelope (one
     * hand-off per thread for the lot). An envelope that fails is reported and the next ones go on.
     */
    public synchronized void deliverSequenced(List<SequencedEnvelope> envelopes, Outcome outcome) {
        try {
            for (int i = 0; i < envelopes.size(); i++) {
                int reached;
                try {
                    SequencedEnvelope sequenced = envelopes.get(i);
                    reached = queue(sequenced.envelope(),
                            roomIndex -> new Outgoing.Room(sequenced.messages().get(roomIndex)), null);
                } catch (RuntimeException e) {
                    outcome.failed(i, e);
                    continue;
                }
                outcome.delivered(i, reached);
            }
        } finally {
            writes.dispatch();
        }
    }

    /** What {@link #deliverSequenced(List, Outcome)} reports per envelope, on the caller's thread. */
    public interface Outcome {
        void delivered(int index, int connections);

        void failed(int index, RuntimeException failure);
    }

    /** The envelope's own rules: not to the excluded user; in feed rooms, within the subscriber's area. */
    private static boolean reaches(FanoutEnvelope envelope, boolean feed, ClientConnection c) {
        if (envelope.excludeUserId() != null && envelope.excludeUserId().equals(c.userId())) {
            return false;
        }
        FeedFilter filter = feed ? c.feed() : null;
        return filter == null || filter.acceptsPosition(envelope.lat(), envelope.lng());
    }
}
