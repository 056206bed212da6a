package golf.linkup.engine.gateway.fanout;

import golf.linkup.engine.metrics.EngineMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers event-caused envelopes to this instance's connections on one thread of its own, in the
 * order they were submitted, after giving them their ids and room offsets ({@link RoomSequencer}).
 *
 * <p>Why a thread: the offsets need a Redis round trip. Done on the ordered ingest thread, that
 * round trip would cap how many events an instance can read per second (as the event claim did
 * before it moved off that thread). Here the ingest thread only queues; this thread takes every
 * envelope that queued up meanwhile and sequences them with one round trip, so under load the trip
 * is shared by many events, and order is kept (one queue, one thread). When the queue is full
 * ({@link #CAPACITY}), submitting waits: backpressure on the ingest thread rather than memory.
 */
public final class OrderedRoomDelivery implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OrderedRoomDelivery.class);
    static final int CAPACITY = 100_000;
    /** Envelopes sequenced per round trip at most (keeps each Redis script short). */
    static final int MAX_BATCH = 256;
    /** Longest wait between attempts to write a batch's history while Redis is away. */
    static final long MAX_RETRY_BACKOFF_MILLIS = 2_000;

    private final RoomSequencer sequencer;
    private final LocalDelivery delivery;
    private final EngineMetrics metrics;
    private final BlockingQueue<Submitted> queue = new LinkedBlockingQueue<>(CAPACITY);
    private final Delivered delivered;
    /** Missed-message digests: told each batch once it was handed to this instance's sockets. */
    private volatile java.util.function.Consumer<List<SequencedEnvelope>> afterBatch = batch -> { };

    /** Told, on the delivery thread, what each envelope of an event reached (the console's inspector). */
    @FunctionalInterface
    public interface Delivered {
        void delivered(String eventId, FanoutEnvelope envelope, int connections);
    }

    /**
     * Told, on the delivery thread, the newest intake position whose messages are now in room
     * history (everything submitted before it too). Not told when the history could not be written.
     */
    @FunctionalInterface
    public interface Sequenced {
        void sequencedUpTo(String position);
    }

    /** One envelope of an event, or (identified null) a bare position mark for an event without messages. */
    private record Submitted(String eventId, RoomSequencer.Identified identified, String position) {
    }
    private final Sequenced sequencedListener;
    private final Thread thread;
    private volatile boolean running = true;

    public OrderedRoomDelivery(RoomSequencer sequencer, LocalDelivery delivery, EngineMetrics metrics) {
        this(sequencer, delivery, metrics, position -> { }, (eventId, envelope, connections) -> { });
    }

    /**
     * @param sequenced hears the intake positions (see {@link #submit(String, List, String)}) as they enter history
     * @param delivered hears what each envelope reached (it must be quick)
     */
    public OrderedRoomDelivery(RoomSequencer sequencer, LocalDelivery delivery, EngineMetrics metrics,
            Sequenced sequenced, Delivered delivered) {
        this.sequencer = sequencer;
        this.delivery = delivery;
        this.metrics = metrics;
        this.sequencedListener = sequenced;
        this.delivered = delivered;
        this.thread = new Thread(this::run, "linkup-room-delivery");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * Sets who hears of each batch after its delivery, on the delivery thread (one listener; it must be
     * quick). An observer registered once while the engine is assembled, like presence observers.
     */
    public void afterBatch(java.util.function.Consumer<List<SequencedEnvelope>> listener) {
        this.afterBatch = listener;
    }

    /** Queues one event's envelopes (waits only when {@link #CAPACITY} envelopes are waiting). */
    public void submit(String eventId, List<FanoutEnvelope> envelopes) throws InterruptedException {
        submit(eventId, envelopes, null);
    }

    /**
     * Queues one event's envelopes with the intake position it was read at (a stream entry id, or
     * null): once they are sequenced, the {@link Sequenced} listener hears the position. A batch
     * with a position is retried until its history is written (Redis away): a durable event's
     * messages never go out without their offsets.
     */
    public void submit(String eventId, List<FanoutEnvelope> envelopes, String position) throws InterruptedException {
        if (envelopes.isEmpty()) {
            mark(position);
            return;
        }
        for (int i = 0; i < envelopes.size(); i++) {
            queue.put(new Submitted(eventId,
                    new RoomSequencer.Identified(RoomSequencer.messageId(eventId, i), envelopes.get(i)),
                    i == envelopes.size() - 1 ? position : null));
        }
    }

    /** Queues a position with no messages (an event that caused none), so the listener hears it in order. */
    public void mark(String position) throws InterruptedException {
        if (position != null) {
            queue.put(new Submitted(null, null, position));
        }
    }

    /** Envelopes waiting to be sequenced and delivered. */
    public int backlog() {
        return queue.size();
    }

    private void run() {
        List<Submitted> batch = new ArrayList<>(MAX_BATCH);
        List<RoomSequencer.Identified> identified = new ArrayList<>(MAX_BATCH);
        while (running) {
            try {
                batch.add(queue.take());
                queue.drainTo(batch, MAX_BATCH - 1);
                String position = null;
                List<String> eventIds = new ArrayList<>(batch.size());
                for (Submitted b : batch) {
                    if (b.identified() != null) {
                        identified.add(b.identified());
                        eventIds.add(b.eventId());
                    }
                    if (b.position() != null) {
                        position = b.position();
                    }
                }
                RoomSequencer.Batch done = sequencer.sequenceBatch(identified); // one per input, in order
                // Messages read from the durable stream must enter history: while Redis cannot be
                // written, wait and try again (the reader behind this queue waits too) rather than
                // send them without offsets and leave a hole no instance would fill.
                long backoff = 100;
                while (!done.historyWritten() && position != null && running) {
                    Thread.sleep(backoff);
                    backoff = Math.min(backoff * 2, MAX_RETRY_BACKOFF_MILLIS);
                    done = sequencer.sequenceBatch(identified);
                }
                List<SequencedEnvelope> sequenced = done.envelopes();
                if (position != null && done.historyWritten()) {
                    try {
                        sequencedListener.sequencedUpTo(position);
                    } catch (RuntimeException e) {
                        LOG.error("the sequenced-position listener failed at {}", position, e);
                    }
                }
                delivery.deliverSequenced(sequenced, new LocalDelivery.Outcome() {
                    @Override
                    public void delivered(int i, int connections) {
                        try {
                            delivered.delivered(eventIds.get(i), sequenced.get(i).envelope(), connections);
                        } catch (RuntimeException e) {
                            LOG.error("the delivery listener failed on event {}", eventIds.get(i), e);
                        }
                    }

                    @Override
                    public void failed(int i, RuntimeException e) {
                        metrics.clientError("DELIVERY_FAILED");
                        LOG.error("delivering a message to rooms {} failed; the next ones go on",
                                sequenced.get(i).envelope().rooms(), e);
                    }
                });
                try {
                    afterBatch.accept(sequenced);
                } catch (RuntimeException e) {
                    LOG.error("the after-batch listener failed; delivery goes on", e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("room delivery failed for {} envelopes; the next ones go on", batch.size(), e);
            } finally {
                batch.clear();
                identified.clear();
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
