package golf.linkup.engine.gateway.connections;

import golf.linkup.engine.auth.Identity;
import golf.linkup.engine.gateway.history.RoomMessage;
import golf.linkup.engine.gateway.history.StreamPosition;
import golf.linkup.engine.gateway.limits.FrameLimiter;
import golf.linkup.engine.gateway.rooms.FeedFilter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * One client connection: its identity, its rooms, and its outgoing side, made of parts with one
 * job each: the ordered, bounded {@link SendQueue} (with its {@link LossLedger} for what a slow
 * client lost and the {@code missed} notices), a {@link RecoveryBuffer} made only while the client
 * recovers rooms, and the heartbeat's {@link Liveness}. This class adds what joins them: holding a
 * room's live messages back during its recovery, closing after the queue drained, and closing when
 * a write fails.
 *
 * <p>Room messages ({@link RoomMessage}) are shared by every connection they are queued to; fan-out
 * queues one {@link Outgoing.Room} per room message to every member, so a connection adds nothing
 * per message but a queue slot.
 */
public final class ClientConnection implements SendQueue.Owner {

    private final String id;
    private volatile Identity identity;
    private final Outbound outbound;
    private final Instant openedAt;
    private final Set<String> rooms = ConcurrentHashMap.newKeySet();
    /** Its monitor guards the queue and {@link #recovery} together. */
    private final SendQueue queue;
    /** Made when the client asks to recover a room; null otherwise. Guarded by {@link #queue}. */
    private RecoveryBuffer recovery;
    /**
     * Missed-message digests: rooms that lost a message since this connection last subscribed to or
     * recovered them (the client has not caught up). Null while none; guarded by {@link #queue}.
     */
    private Set<String> lostUntilRecovered;
    private final Liveness liveness;
    private volatile FeedFilter feed;
    private volatile boolean closed;
    /** The last delivery sequence this connection was given; confined to the delivery lock. */
    private long lastDeliverySeq;
    /** Close-after-drain: since when (epoch millis, 0: not asked), and the close frame to send. */
    private volatile long drainingSinceMillis;
    private int drainCloseCode;
    private String drainCloseReason;
    /** Made on first use; guarded by {@code this} while it is null. */
    private volatile Map<String, Object> attributes;
    /** The inbound frame rate limit, set by the gateway when it opens the connection; null: unlimited. */
    private volatile FrameLimiter frameLimiter;

    public ClientConnection(String id, Identity identity, Outbound outbound, int capacity, Instant openedAt,
            Runnable onDrop) {
        this.id = id;
        this.identity = identity;
        this.outbound = outbound;
        this.openedAt = openedAt;
        this.queue = new SendQueue(outbound, capacity, onDrop, this);
        this.liveness = new Liveness(openedAt.toEpochMilli());
    }

    /** Queues a message of the gateway's own (a reply, a notice). */
    public void send(String text) {
        queue.offer(new Outgoing.Text(text));
    }

    /**
     * Queues a room message, unless the room is being recovered (then it waits for the recovery) or
     * recovery already delivered it.
     */
    public void send(RoomMessage message) {
        send(new Outgoing.Room(message));
    }

    /** Queues a room message or a text (see {@link #send(RoomMessage)}). */
    public void send(Outgoing message) {
        if (mayQueue(message)) {
            queue.offer(message);
        }
    }

    /**
     * Queues {@code message} like {@link #send(Outgoing)} but does not start writing: fan-out holds
     * every message of a batch first and then {@linkplain #release releases} each connection once,
     * so a connection's messages of one batch go out in one write. True when the caller must
     * release this connection.
     */
    public boolean hold(Outgoing message) {
        return mayQueue(message) && queue.hold(message);
    }

    /** Starts writing what {@link #hold} queued. */
    public void release() {
        queue.release();
    }

    /** False when the message is held back for a recovery, or a recovery already delivered it. */
    private boolean mayQueue(Outgoing message) {
        if (!(message instanceof Outgoing.Room room)) {
            return true;
        }
        synchronized (queue) {
            if (recovery == null) {
                return true;
            }
            RoomMessage m = room.message();
            if (recovery.holdBack(m) || recovery.alreadyRecovered(m)) {
                return false;
            }
            if (recovery.isEmpty()) {
                recovery = null;
            }
            return true;
        }
    }

    /**
     * Holds back live messages of {@code room} until {@link #finishRecovery}: the caller reads the
     * room's history meanwhile, then queues it before them.
     */
    public void beginRecovery(String room) {
        synchronized (queue) {
            if (recovery == null) {
                recovery = new RecoveryBuffer();
            }
            recovery.begin(room);
        }
    }

    /**
     * Queues {@code reply}, then each room's recovered messages (oldest first), then the live messages
     * held back since {@link #beginRecovery} that are newer than what was recovered. From then on,
     * live messages at or below {@code recoveredThrough} of a room are skipped: an instance that is
     * behind the shared history may still deliver them.
     *
     * @param recoveredThrough per room, the position the history was read at (absent: nothing recovered)
     */
    public void finishRecovery(String reply, Map<String, List<RoomMessage>> recovered,
            Map<String, StreamPosition> recoveredThrough) {
        List<Outgoing> toQueue = new ArrayList<>();
        if (reply != null) {
            toQueue.add(new Outgoing.Text(reply));
        }
        synchronized (queue) {
            if (lostUntilRecovered != null) {
                // recovered, or told to reload (recovered: false): either way the client catches up
                lostUntilRecovered.removeAll(recovered.keySet());
            }
            if (recovery == null && !recoveredThrough.isEmpty()) {
                recovery = new RecoveryBuffer();
            }
            if (recovery != null) {
                recovery.finish(recovered, recoveredThrough, toQueue);
                if (recovery.isEmpty()) {
                    recovery = null;
                }
            } else {
                recovered.values().forEach(ms -> ms.forEach(m -> toQueue.add(new Outgoing.Room(m))));
            }
            // queued under the lock, so no live message slips in between; a recovery may take the
            // queue past its capacity (by at most the history size): the client asked for it
            queue.appendPastCapacity(toQueue);
        }
        queue.release();
    }

    @Override
    public void lost(Outgoing message) {
        if (message instanceof Outgoing.Room room && room.message().hasPosition()) {
            if (lostUntilRecovered == null) {
                lostUntilRecovered = new HashSet<>(4);
            }
            lostUntilRecovered.add(room.message().room());
        }
    }

    /** True when a message of {@code room} was dropped and the client has not recovered the room since. */
    public boolean hasUnrecoveredLoss(String room) {
        synchronized (queue) {
            return lostUntilRecovered != null && lostUntilRecovered.contains(room);
        }
    }

    @Override
    public void writeFailed(Throwable failure) {
        close(CloseCodes.INTERNAL_ERROR, "write failed");
    }

    /** The queue drained: a connection closing after the flush closes now. */
    @Override
    public void drained() {
        closeDrained(true);
    }

    /** Closes a connection flushing before it closes (graceful shutdown): when drained, or now. */
    private void closeDrained(boolean onlyWhenDrained) {
        int code;
        String reason;
        synchronized (queue) {
            if (drainingSinceMillis == 0 || closed || (onlyWhenDrained && queue.isWriting())) {
                return;
            }
            code = drainCloseCode;
            reason = drainCloseReason;
        }
        close(code, reason);
    }

    /**
     * Closes once what is queued has been written (graceful shutdown); nothing new is queued from
     * now on. Callers bound the wait themselves and {@link #close} whatever is left.
     */
    public void closeAfterFlush(int code, String reason) {
        synchronized (queue) {
            if (closed || drainingSinceMillis != 0) {
                return;
            }
            queue.refuseNew();
            drainCloseCode = code;
            drainCloseReason = reason;
            drainingSinceMillis = Math.max(1, System.currentTimeMillis());
        }
        closeDrained(true);
    }

    /** When {@link #closeAfterFlush} was called (epoch millis), 0 if it was not. */
    public long drainingSinceMillis() {
        return drainingSinceMillis;
    }

    /** Closes now a connection whose flush before closing takes too long. */
    public void closeDrainingNow() {
        closeDrained(false);
    }

    public void close(int code, String reason) {
        if (markClosedFirst()) {
            outbound.close(code, reason);
        }
    }

    /** Closes without waiting for a peer that stopped answering (heartbeat timeout). */
    public void abort(int code, String reason) {
        if (markClosedFirst()) {
            outbound.abort(code, reason);
        }
    }

    /** Marks the connection closed after the peer went away (no close frame to send). */
    public void markClosed() {
        markClosedFirst();
    }

    /** Marks the connection closed and drops what waits; true when this call closed it. */
    private boolean markClosedFirst() {
        synchronized (queue) {
            if (closed) {
                return false;
            }
            closed = true;
            queue.close();
            recovery = null;
            return true;
        }
    }

    // ----------------------------------------------------------------------------- heartbeat

    /** The client sent something (a frame or a pong): it is alive. */
    public void touched(long nowMillis) {
        liveness.touched(nowMillis);
    }

    public long lastInboundMillis() {
        return liveness.lastInboundMillis();
    }

    /** False for transports the heartbeat must leave alone (SSE). */
    public boolean answersPings() {
        return outbound.answersPings();
    }

    public long lastPingMillis() {
        return liveness.lastPingMillis();
    }

    /** Sends a transport-level ping (called by the heartbeat). */
    public void ping(long nowMillis) {
        liveness.pinged(nowMillis);
        if (!closed) {
            outbound.ping();
        }
    }

    // ----------------------------------------------------------------------------- accessors

    public String id() {
        return id;
    }

    public String userId() {
        return identity.userId();
    }

    public Identity identity() {
        return identity;
    }

    /** Replaces the identity after the client refreshed its token (same user, later expiry). */
    public void identity(Identity refreshed) {
        if (!refreshed.userId().equals(identity.userId())) {
            throw new IllegalArgumentException("a connection's user never changes");
        }
        this.identity = refreshed;
    }

    public Instant openedAt() {
        return openedAt;
    }

    public String remoteAddress() {
        return outbound.remoteAddress();
    }

    /** The thread its transport writes on, or null (see {@link Outbound#writer()}). */
    public Executor writer() {
        return outbound.writer();
    }

    public Set<String> rooms() {
        return rooms;
    }

    public FeedFilter feed() {
        return feed;
    }

    public void feed(FeedFilter filter) {
        this.feed = filter;
    }

    /**
     * Small per-connection state owned by other gateway parts (presence watches, token warnings),
     * kept off this class's fields; the map is made on first use, so most connections have none.
     */
    public Map<String, Object> attributes() {
        Map<String, Object> a = attributes;
        if (a == null) {
            synchronized (this) {
                a = attributes;
                if (a == null) {
                    attributes = a = new ConcurrentHashMap<>(2);
                }
            }
        }
        return a;
    }

    /** Sets the inbound frame rate limit (the gateway does, when it opens the connection). */
    public void limitFrames(FrameLimiter limiter) {
        this.frameLimiter = limiter;
    }

    /** The inbound frame rate limit; null when none was set. */
    public FrameLimiter frameLimiter() {
        return frameLimiter;
    }

    /**
     * Claims delivery number {@code seq} for this connection: false when it already had it (the
     * connection is in several of the envelope's rooms). Callers hold the delivery lock.
     */
    public boolean claimDelivery(long seq) {
        if (lastDeliverySeq == seq) {
            return false;
        }
        lastDeliverySeq = seq;
        return true;
    }

    public boolean isClosed() {
        return closed;
    }

    /** True from the first dropped message until the client has been told what it missed. */
    public boolean isSlow() {
        return queue.isSlow();
    }

    /** How many times this connection became slow. */
    public long slowEpisodes() {
        return queue.slowEpisodes();
    }

    public long dropped() {
        return queue.dropped();
    }

    public long sent() {
        return queue.sent();
    }

    /** How many messages the write in flight carries: handed to the socket, not yet written (0 when idle). */
    public int writing() {
        return queue.inFlight();
    }

    /** How many messages wait (not counting the write in flight). */
    public int queued() {
        return queue.queued();
    }

    /** How many messages may wait in the send queue before the oldest is dropped. */
    public int capacity() {
        return queue.capacity();
    }

    /** The device as the client's {@code User-Agent} named it at the handshake; empty when unknown. */
    public String userAgent() {
        return outbound.userAgent();
    }

    @Override
    public String toString() {
        return "connection " + id + " (user " + identity.userId() + ", " + outbound.remoteAddress() + ")";
    }
}
