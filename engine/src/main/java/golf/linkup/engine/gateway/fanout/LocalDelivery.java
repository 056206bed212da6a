package golf.linkup.engine.gateway.fanout;

import golf.linkup.engine.gateway.connections.ClientConnection;
import golf.linkup.engine.gateway.connections.ConnectionRegistry;
import golf.linkup.engine.gateway.rooms.FeedFilter;
import golf.linkup.engine.gateway.rooms.Rooms;
import golf.linkup.engine.metrics.EngineMetrics;

/**
 * Delivers fan-out envelopes to this instance's connections, per the rules of {@link FanoutEnvelope}.
 * Serialized (one envelope at a time), which keeps per-room order and lets each connection be
 * de-duplicated with a sequence number instead of a set per envelope.
 */
public final class LocalDelivery {

    private final ConnectionRegistry registry;
    private final EngineMetrics metrics;
    private long sequence;

    public LocalDelivery(ConnectionRegistry registry, EngineMetrics metrics) {
        this.registry = registry;
        this.metrics = metrics;
    }

    /** Returns how many connections the payload was queued to. */
    public synchronized int deliver(FanoutEnvelope envelope) {
        long seq = ++sequence;
        int delivered = 0;
        for (String room : envelope.rooms()) {
            boolean feed = Rooms.isFeed(room) && envelope.hasPosition();
            for (ClientConnection c : registry.members(room)) {
                if (envelope.excludeUserId() != null && envelope.excludeUserId().equals(c.userId())) {
                    continue;
                }
                if (feed) {
                    FeedFilter filter = c.feed();
                    if (filter != null && !filter.acceptsPosition(envelope.lat(), envelope.lng())) {
                        continue;
                    }
                }
                if (c.claimDelivery(seq)) {
                    c.send(envelope.payload());
                    delivered++;
                }
            }
        }
        metrics.messagesOut(delivered);
        metrics.envelopeDelivered(envelope.ingestMicros(), EngineMetrics.nowMicros());
        return delivered;
    }
}
