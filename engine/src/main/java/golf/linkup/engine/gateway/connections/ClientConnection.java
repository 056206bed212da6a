package golf.linkup.engine.gateway.connections;

import golf.linkup.engine.auth.Identity;
import golf.linkup.engine.gateway.history.RoomMessage;
import golf.linkup.engine.gateway.history.StreamPosition;
import golf.linkup.engine.gateway.limits.FrameLimiter;
import golf.linkup.engine.gateway.protocol.ServerMessages;
import golf.linkup.engine.gateway.rooms.FeedFilter;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * One client connection: its identity, its rooms, and an ordered, bounded send queue.
 *
 * <p>Ordering: messages reach the client in the order they were queued; one write is in flight at a
 * time. Backpressure: at most {@code capacity} messages wait; when full, the oldest waiting message
 * is dropped, {@link #dropped()} counts it and the connection is marked slow. What was lost is
 * remembered per room (count and offsets) and, once the queue has drained, the client is told with
 * one {@code missed} message per room (plus one without a room for lost replies), so it can recover.
 * A recovery's messages are queued even past the capacity (at most the history size more); new
 * messages then drop the oldest one each, so the queue never grows beyond that.
 * A failed write closes the connection. Queuing never blocks.
 *
 * <p>Room messages ({@link RoomMessage}) are shared by every connection they are queued to; a
 * connection adds nothing per message but a queue slot.
 */
public final class ClientConnection {

    private final String id;
    private volatile Identity identity;
    private final Outbound outbound;
    private final int capacity;
    private final Instant openedAt;
    private final Runnable onDrop;
    private final Set<String> rooms = ConcurrentHashMap.newKeySet();
    /**
     * {@link String} or {@link RoomMessage}; guarded by {@code this}. Made when a second message
     * arrives while one is being written: most idle connections never need it.
     */
    private ArrayDeque<Object> waiting;
    private volatile FeedFilter feed;
    private boolean writing;
    private volatile boolean closed;
    private volatile boolean slow;
    private volatile long dropped;
    private volatile long sent;
    private volatile long slowEpisodes;
    /** The last delivery sequence this connection was given; confined to the delivery lock. */
    private long lastDeliverySeq;
    /** Losses since the last {@code missed} notices, by room; null while nothing is lost. Guarded by {@code this}. */
    private Map<String, Loss> losses;
    /**
     * Missed-message digests: rooms that lost a message since this connection last subscribed to or
     * recovered them (the client has not caught up). Null while none; guarded by {@code this}.
     */
    private Set<String> lostUntilRecovered;
    /** Lost messages without a room position (replies, presence); guarded by {@code this}. */
    private long otherLost;
    /** Rooms being recovered: their live messages wait here. Null when none; guarded by {@code this}. */
    private Map<String, List<RoomMessage>> recovering;
    /** Per room, the position recovery delivered through: older live messages are skipped. Guarded by {@code this}. */
    private Map<String, StreamPosition> skipThrough;
    private boolean closeWhenDrained;
    private volatile long drainingSinceMillis;
    private int drainCloseCode;
    private String drainCloseReason;
    /** Heartbeat: last frame of any kind from the client, and last ping sent (epoch millis). */
    private volatile long lastInboundMillis;
    private volatile long lastPingMillis;
    /** Made on first use; guarded by {@code this} while it is null. */
    private volatile Map<String, Object> attributes;
    /** The inbound frame rate limit, set by the gateway when it opens the connection; null: unlimited. */
    private volatile FrameLimiter frameLimiter;

    public ClientConnection(String id, Identity identity, Outbound outbound, int capacity, Instant openedAt,
            Runnable onDrop) {
        this.id = id;
        this.identity = identity;
        this.outbound = outbound;
        this.capacity = capacity;
        this.openedAt = openedAt;
        this.onDrop = onDrop;
        this.lastInboundMillis = openedAt.toEpochMilli();
        this.lastPingMillis = openedAt.toEpochMilli();
    }

    /** What was lost in one room since the last notice. */
    private static final class Loss {
        String epoch;
        long count;
        long first = Long.MAX_VALUE;
        long last;
    }

    /** Queues a message of the gateway's own (a reply, a notice). */
    public void send(String text) {
        enqueue(text);
    }

    /**
     * Queues a room message, unless the room is being recovered (then it waits for the recovery) or
     * recovery already delivered it.
     */
    public void send(RoomMessage message) {
        synchronized (this) {
            if (closed) {
                return;
            }
            if (recovering != null) {
                List<RoomMessage> held = recovering.get(message.room());
                if (held != null) {
                    held.add(message);
                    return;
                }
            }
            if (skipThrough != null && alreadyRecovered(message)) {
                return;
            }
        }
        enqueue(message);
    }

    /** Callers hold the lock. */
    private boolean alreadyRecovered(RoomMessage m) {
        if (skipThrough == null) {
            return false;
        }
        StreamPosition through = skipThrough.get(m.room());
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

    private void enqueue(Object item) {
        synchronized (this) {
            if (closed || closeWhenDrained) {
                return;
            }
            if (writing) {
                ArrayDeque<Object> queue = waiting();
                if (queue.size() >= capacity) {
                    lost(queue.pollFirst());
                }
                queue.addLast(item);
                return;
            }
            writing = true;
        }
        write(item);
    }

    /** Records a dropped message; callers hold the lock. */
    private void lost(Object item) {
        dropped++;
        if (!slow) {
            slow = true;
            slowEpisodes++;
        }
        onDrop.run();
        if (item instanceof RoomMessage m && m.hasPosition()) {
            if (losses == null) {
                losses = new LinkedHashMap<>();
            }
            Loss loss = losses.computeIfAbsent(m.room(), r -> new Loss());
            if (loss.epoch != null && !loss.epoch.equals(m.epoch())) {
                loss.first = Long.MAX_VALUE; // a new epoch: only its offsets are recoverable
                loss.last = 0;
            }
            loss.epoch = m.epoch();
            if (lostUntilRecovered == null) {
                lostUntilRecovered = new java.util.HashSet<>(4);
            }
            lostUntilRecovered.add(m.room());
            loss.count++;
            loss.first = Math.min(loss.first, m.offset());
            loss.last = Math.max(loss.last, m.offset());
        } else {
            otherLost++;
        }
    }

    /**
     * Holds back live messages of {@code room} until {@link #finishRecovery}: the caller reads the
     * room's history meanwhile, then queues it before them.
     */
    public synchronized void beginRecovery(String room) {
        if (recovering == null) {
            recovering = new HashMap<>(4);
        }
        recovering.putIfAbsent(room, new ArrayList<>());
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
        List<Object> toQueue = new ArrayList<>();
        if (reply != null) {
            toQueue.add(reply);
        }
        Object first;
        synchronized (this) {
            for (var e : recovered.entrySet()) {
                toQueue.addAll(e.getValue());
            }
            if (lostUntilRecovered != null) {
                // recovered, or told to reload (recovered: false): either way the client catches up
                lostUntilRecovered.removeAll(recovered.keySet());
            }
            if (!recoveredThrough.isEmpty()) {
                if (skipThrough == null) {
                    skipThrough = new HashMap<>(4);
                }
                skipThrough.putAll(recoveredThrough);
            }
            if (recovering != null) {
                for (String room : recovered.keySet()) {
                    List<RoomMessage> held = recovering.remove(room);
                    if (held != null) {
                        for (RoomMessage m : held) {
                            if (!alreadyRecovered(m)) {
                                toQueue.add(m);
                            }
                        }
                    }
                }
                if (recovering.isEmpty()) {
                    recovering = null;
                }
            }
            if (skipThrough != null && skipThrough.isEmpty()) {
                skipThrough = null;
            }
            // queued under the lock, so no live message slips in between; a recovery may take the
            // queue past its capacity (by at most the history size): the client asked for it
            if (!closed && !closeWhenDrained && !toQueue.isEmpty()) {
                waiting().addAll(toQueue);
            }
            if (writing || waiting == null || waiting.isEmpty()) {
                return;
            }
            writing = true;
            first = waiting.pollFirst();
        }
        write(first);
    }

    /**
     * Writes {@code item} and then whatever waits. A write that completes inside {@code sendText}
     * (transports may do that when the socket takes the bytes at once) is continued by this loop, not
     * by a nested call, so a long backlog drains in constant stack depth.
     */
    private void write(Object item) {
        while (item != null) {
            WriteAttempt attempt = new WriteAttempt();
            if (item instanceof RoomMessage m) {
                outbound.sendRoomMessage(m, failure -> written(attempt, failure));
            } else {
                outbound.sendText((String) item, failure -> written(attempt, failure));
            }
            synchronized (this) {
                attempt.returned = true;
                if (!attempt.completedInline) {
                    return; // still in flight (or failed): its completion carries on
                }
                item = nextWaiting();
            }
        }
        closeDrained(true);
    }

    private void written(WriteAttempt attempt, Throwable failure) {
        if (failure != null) {
            close(CloseCodes.INTERNAL_ERROR, "write failed");
            return;
        }
        Object next;
        synchronized (this) {
            sent++;
            if (!attempt.returned) {
                attempt.completedInline = true; // the loop in write() takes the next one
                return;
            }
            next = nextWaiting();
        }
        if (next != null) {
            write(next);
        } else {
            closeDrained(true);
        }
    }

    /**
     * The next waiting message; when the queue has drained after losses, the {@code missed} notices;
     * null after marking the connection idle. Callers hold the lock.
     */
    private Object nextWaiting() {
        Object next = waiting == null ? null : waiting.pollFirst();
        if (next == null && (losses != null || otherLost > 0) && !closed) {
            ArrayDeque<Object> queue = waiting();
            if (losses != null) {
                losses.forEach((room, loss) -> queue.addLast(
                        ServerMessages.missed(room, loss.count, loss.first, loss.last, loss.epoch)));
            }
            if (otherLost > 0) {
                queue.addLast(ServerMessages.missed(null, otherLost, 0, 0, null));
            }
            losses = null;
            otherLost = 0;
            slow = false;
            next = waiting.pollFirst();
        }
        if (next == null) {
            writing = false;
        }
        return next;
    }

    /** Closes a connection flushing before it closes (graceful shutdown): when drained, or now. */
    private void closeDrained(boolean onlyWhenDrained) {
        int code;
        String reason;
        synchronized (this) {
            if (!closeWhenDrained || closed || (onlyWhenDrained && writing)) {
                return;
            }
            code = drainCloseCode;
            reason = drainCloseReason;
        }
        close(code, reason);
    }

    /** One {@code sendText} call; both fields are guarded by the connection's lock. */
    private static final class WriteAttempt {
        boolean returned;
        boolean completedInline;
    }

    /**
     * Closes once what is queued has been written (graceful shutdown); nothing new is queued from
     * now on. Callers bound the wait themselves and {@link #close} whatever is left.
     */
    public void closeAfterFlush(int code, String reason) {
        synchronized (this) {
            if (closed || closeWhenDrained) {
                return;
            }
            closeWhenDrained = true;
            drainingSinceMillis = System.currentTimeMillis();
            drainCloseCode = code;
            drainCloseReason = reason;
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
    private synchronized boolean markClosedFirst() {
        if (closed) {
            return false;
        }
        closed = true;
        waiting = null;
        recovering = null;
        return true;
    }

    // ----------------------------------------------------------------------------- heartbeat

    /** The client sent something (a frame or a pong): it is alive. */
    public void touched(long nowMillis) {
        lastInboundMillis = nowMillis;
    }

    public long lastInboundMillis() {
        return lastInboundMillis;
    }

    /** False for transports the heartbeat must leave alone (SSE). */
    public boolean answersPings() {
        return outbound.answersPings();
    }

    public long lastPingMillis() {
        return lastPingMillis;
    }

    /** Sends a transport-level ping (called by the heartbeat). */
    public void ping(long nowMillis) {
        lastPingMillis = nowMillis;
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

    /** True when a message of {@code room} was dropped and the client has not recovered the room since. */
    public synchronized boolean hasUnrecoveredLoss(String room) {
        return lostUntilRecovered != null && lostUntilRecovered.contains(room);
    }

    /** True from the first dropped message until the client has been told what it missed. */
    public boolean isSlow() {
        return slow;
    }

    /** How many times this connection became slow. */
    public long slowEpisodes() {
        return slowEpisodes;
    }

    public long dropped() {
        return dropped;
    }

    public long sent() {
        return sent;
    }

    public synchronized int queued() {
        return waiting == null ? 0 : waiting.size();
    }

    /** The send queue, made on first use; callers hold the lock. */
    private ArrayDeque<Object> waiting() {
        if (waiting == null) {
            waiting = new ArrayDeque<>();
        }
        return waiting;
    }

    /** How many messages may wait in the send queue before the oldest is dropped. */
    public int capacity() {
        return capacity;
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
