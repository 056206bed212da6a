package golf.linkup.engine.gateway.connections;

import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Consumer;

/**
 * One connection's ordered, bounded send queue: the messages reach the transport in the order they
 * were queued, and one write (of one message, or of several together) is in flight at a time.
 *
 * <p>Backpressure: at most {@code capacity} messages wait; when full, the oldest waiting one is
 * dropped, counted, and recorded in a {@link LossLedger}; once the queue has drained the client is
 * told with {@code missed} notices and the connection is no longer slow. Queuing never blocks.
 *
 * <p>Gathering: on a transport that {@linkplain Outbound#writesTogether() writes several messages
 * together}, everything waiting (up to {@link #MAX_TOGETHER}) goes out as one write: on a WebSocket
 * that is one system call for the lot instead of one per message. Fan-out {@linkplain #hold holds}
 * a batch's messages for each connection first and {@linkplain #release releases} them after, so
 * a connection that gets several messages of one batch gets them in one write.
 *
 * <p>Its monitor is the connection's send lock (the connection's recovery state shares it).
 */
final class SendQueue implements Consumer<Throwable> {

    /** The most messages written together: bounds what one write keeps past the queue's capacity. */
    static final int MAX_TOGETHER = 32;

    /** What the queue tells its connection: a write failed, or the queue drained. */
    interface Owner {
        void writeFailed(Throwable failure);

        /** A message was dropped (called under the queue's lock; must be quick). */
        void lost(Outgoing message);

        void drained();
    }

    private final Outbound outbound;
    private final int capacity;
    private final Runnable onDrop;
    private final Owner owner;
    /** Waiting messages, made when a second message arrives while one is written. */
    private ArrayDeque<Outgoing> waiting;
    /** The messages of the write in flight when there are several; kept for the next such write. */
    private Outgoing[] together;
    private int inFlight;
    private boolean writing;
    /** The write in flight has returned from the transport / completed before returning. */
    private boolean returned;
    private boolean completedInline;
    /** Messages were held for a release still to come. */
    private boolean releasePending;
    /** Nothing more is accepted (closed, or closing once drained). */
    private boolean refusing;
    private boolean closed;
    private LossLedger losses;
    private volatile boolean slow;
    private volatile long dropped;
    private volatile long sent;
    private volatile long slowEpisodes;

    SendQueue(Outbound outbound, int capacity, Runnable onDrop, Owner owner) {
        this.outbound = outbound;
        this.capacity = capacity;
        this.onDrop = onDrop;
        this.owner = owner;
    }

    /** Queues {@code message} and writes it now if nothing else is written or waits. */
    void offer(Outgoing message) {
        synchronized (this) {
            if (refusing) {
                return;
            }
            if (writing || releasePending) {
                append(message);
                return;
            }
            writing = true;
            returned = false;
            completedInline = false;
            inFlight = 1;
        }
        writeFrom(message, 1);
    }

    /**
     * Queues {@code message} without starting a write. True when the caller must {@link #release}
     * this queue afterwards (it was idle and no release was pending yet).
     */
    synchronized boolean hold(Outgoing message) {
        if (refusing) {
            return false;
        }
        append(message);
        if (writing || releasePending) {
            return false;
        }
        releasePending = true;
        return true;
    }

    /** Starts writing what {@link #hold} queued. */
    void release() {
        Outgoing first;
        int count;
        synchronized (this) {
            releasePending = false;
            if (writing || closed || waiting == null || waiting.isEmpty()) {
                return;
            }
            writing = true;
            count = takeNext();
            first = count == 1 ? together[0] : null;
        }
        writeFrom(first, count);
    }

    /**
     * Appends {@code messages} past the capacity (a recovery the client asked for: at most the
     * history size more). Nothing overtakes them: the caller must {@link #release} this queue
     * afterwards, outside any lock of its own.
     */
    synchronized void appendPastCapacity(List<Outgoing> messages) {
        if (refusing || messages.isEmpty()) {
            return;
        }
        waiting().addAll(messages);
        releasePending = true;
    }

    private void append(Outgoing message) {
        ArrayDeque<Outgoing> queue = waiting();
        if (queue.size() >= capacity) {
            lost(queue.pollFirst());
        }
        queue.addLast(message);
    }

    private void lost(Outgoing message) {
        dropped++;
        if (!slow) {
            slow = true;
            slowEpisodes++;
        }
        onDrop.run();
        if (losses == null) {
            losses = new LossLedger();
        }
        losses.record(message);
        owner.lost(message);
    }

    /**
     * Writes {@code single} ({@code count} 1) or the first {@code count} of {@link #together}, then
     * whatever waits. A write that completes before the transport returns is continued by this
     * loop, not by a nested call, so a long backlog drains in constant stack depth.
     */
    private void writeFrom(Outgoing single, int count) {
        while (count > 0) {
            if (count == 1) {
                outbound.send(single, this);
            } else {
                outbound.sendAll(together, count, this);
            }
            synchronized (this) {
                if (count > 1 && together != null) {
                    java.util.Arrays.fill(together, 0, count, null); // the transport has read them
                }
                returned = true;
                if (!completedInline) {
                    return; // in flight (or failed): its completion carries on
                }
                count = takeNext();
                single = count == 1 ? together[0] : null;
            }
        }
        owner.drained();
    }

    /** The completion of the write in flight. */
    @Override
    public void accept(Throwable failure) {
        if (failure != null) {
            owner.writeFailed(failure);
            return;
        }
        Outgoing single;
        int count;
        synchronized (this) {
            sent += inFlight;
            if (!returned) {
                completedInline = true; // the loop in writeFrom takes the next one
                return;
            }
            count = takeNext();
            single = count == 1 ? together[0] : null;
        }
        if (count > 0) {
            writeFrom(single, count);
        } else {
            owner.drained();
        }
    }

    /**
     * Moves the next write's messages into {@link #together} and arms it; when the queue has
     * drained after losses, the {@code missed} notices come first. 0 after marking the queue idle.
     * Callers hold the lock.
     */
    private int takeNext() {
        if ((waiting == null || waiting.isEmpty()) && losses != null && !closed) {
            LossLedger told = losses;
            losses = null;
            slow = false;
            told.notices(waiting()::addLast);
        }
        int count = waiting == null ? 0 : Math.min(waiting.size(), outbound.writesTogether() ? MAX_TOGETHER : 1);
        if (count == 0 || closed) {
            writing = false;
            inFlight = 0;
            if (together != null) {
                together[0] = null;
            }
            return 0;
        }
        if (together == null || together.length < count) {
            together = new Outgoing[count == 1 ? 1 : MAX_TOGETHER];
        }
        for (int i = 0; i < count; i++) {
            together[i] = waiting.pollFirst();
        }
        writing = true;
        returned = false;
        completedInline = false;
        inFlight = count;
        return count;
    }

    /** Accepts nothing more; what waits is still written (closing once drained). */
    synchronized void refuseNew() {
        refusing = true;
    }

    /** Accepts nothing more and drops what waits (the connection closed). */
    synchronized void close() {
        refusing = true;
        closed = true;
        waiting = null;
        together = null;
    }

    synchronized boolean isWriting() {
        return writing;
    }

    /** How many messages the write in flight carries (0 when idle). */
    synchronized int inFlight() {
        return writing ? inFlight : 0;
    }

    synchronized int queued() {
        return waiting == null ? 0 : waiting.size();
    }

    boolean isSlow() {
        return slow;
    }

    long dropped() {
        return dropped;
    }

    long sent() {
        return sent;
    }

    long slowEpisodes() {
        return slowEpisodes;
    }

    int capacity() {
        return capacity;
    }

    private ArrayDeque<Outgoing> waiting() {
        if (waiting == null) {
            waiting = new ArrayDeque<>();
        }
        return waiting;
    }
}
