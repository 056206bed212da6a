package golf.linkup.engine.gateway.connections;

import golf.linkup.engine.auth.Identity;
import golf.linkup.engine.gateway.rooms.FeedFilter;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One client connection: its identity, its rooms, and an ordered, bounded send queue.
 *
 * <p>Ordering: messages reach the client in the order {@link #send} was called; one write is in
 * flight at a time. Backpressure: at most {@code capacity} messages wait; when full, the oldest
 * waiting message is dropped, {@link #dropped()} counts it and the connection is marked slow.
 * A failed write closes the connection. {@code send} never blocks.
 */
public final class ClientConnection {

    private final String id;
    private final Identity identity;
    private final Outbound outbound;
    private final int capacity;
    private final Instant openedAt;
    private final Runnable onDrop;
    private final Set<String> rooms = ConcurrentHashMap.newKeySet();
    private final ArrayDeque<String> waiting = new ArrayDeque<>();
    private volatile FeedFilter feed;
    private boolean writing;
    private volatile boolean closed;
    private volatile boolean slow;
    private volatile long dropped;
    private volatile long sent;
    /** The last delivery sequence this connection was given; confined to the delivery lock. */
    private long lastDeliverySeq;

    public ClientConnection(String id, Identity identity, Outbound outbound, int capacity, Instant openedAt,
            Runnable onDrop) {
        this.id = id;
        this.identity = identity;
        this.outbound = outbound;
        this.capacity = capacity;
        this.openedAt = openedAt;
        this.onDrop = onDrop;
    }

    public void send(String text) {
        synchronized (this) {
            if (closed) {
                return;
            }
            if (writing) {
                if (waiting.size() >= capacity) {
                    waiting.pollFirst();
                    dropped++;
                    slow = true;
                    onDrop.run();
                }
                waiting.addLast(text);
                return;
            }
            writing = true;
        }
        write(text);
    }

    /**
     * Writes {@code text} and then whatever waits. A write that completes inside {@code sendText}
     * (transports may do that when the socket takes the bytes at once) is continued by this loop, not
     * by a nested call, so a long backlog drains in constant stack depth.
     */
    private void write(String text) {
        while (text != null) {
            WriteAttempt attempt = new WriteAttempt();
            outbound.sendText(text, failure -> written(attempt, failure));
            synchronized (this) {
                attempt.returned = true;
                if (!attempt.completedInline) {
                    return; // still in flight (or failed): its completion carries on
                }
                text = nextWaiting();
            }
        }
    }

    private void written(WriteAttempt attempt, Throwable failure) {
        if (failure != null) {
            close(CloseCodes.INTERNAL_ERROR, "write failed");
            return;
        }
        String next;
        synchronized (this) {
            sent++;
            if (!attempt.returned) {
                attempt.completedInline = true; // the loop in write() takes the next one
                return;
            }
            next = nextWaiting();
        }
        write(next);
    }

    /** The next waiting message, or null after marking the connection idle. Callers hold the lock. */
    private String nextWaiting() {
        String next = waiting.pollFirst();
        if (next == null) {
            writing = false;
        }
        return next;
    }

    /** One {@code sendText} call; both fields are guarded by the connection's lock. */
    private static final class WriteAttempt {
        boolean returned;
        boolean completedInline;
    }

    public void close(int code, String reason) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            waiting.clear();
        }
        outbound.close(code, reason);
    }

    /** Marks the connection closed after the peer went away (no close frame to send). */
    public void markClosed() {
        synchronized (this) {
            closed = true;
            waiting.clear();
        }
    }

    public String id() {
        return id;
    }

    public String userId() {
        return identity.userId();
    }

    public Identity identity() {
        return identity;
    }

    public Instant openedAt() {
        return openedAt;
    }

    public String remoteAddress() {
        return outbound.remoteAddress();
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

    public boolean isSlow() {
        return slow;
    }

    public long dropped() {
        return dropped;
    }

    public long sent() {
        return sent;
    }

    public synchronized int queued() {
        return waiting.size();
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
