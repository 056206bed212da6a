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

    private final RoomSequencer sequencer;
    private final LocalDelivery delivery;
    private final EngineMetrics metrics;
    private final BlockingQueue<Submitted> queue = new LinkedBlockingQueue<>(CAPACITY);
    private volatile Delivered delivered = (eventId, envelope, connections) -> { };

    /** Told, on the delivery thread, what each envelope of an event reached (the console's inspector). */
    @FunctionalInterface
    public interface Delivered {
        void delivered(String eventId, FanoutEnvelope envelope, int connections);
    }

    private record Submitted(String eventId, RoomSequencer.Identified identified) {
    }
    private final Thread thread;
    private volatile boolean running = true;

    public OrderedRoomDelivery(RoomSequencer sequencer, LocalDelivery delivery, EngineMetrics metrics) {
        this.sequencer = sequencer;
        this.delivery = delivery;
        this.metrics = metrics;
        this.thread = new Thread(this::run, "linkup-room-delivery");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Sets who hears of each delivery (one listener; it must be quick). */
    public void onDelivered(Delivered listener) {
        this.delivered = listener;
    }

    /** Queues one event's envelopes (waits only when {@link #CAPACITY} envelopes are waiting). */
    public void submit(String eventId, List<FanoutEnvelope> envelopes) throws InterruptedException {
        for (int i = 0; i < envelopes.size(); i++) {
            queue.put(new Submitted(eventId,
                    new RoomSequencer.Identified(RoomSequencer.messageId(eventId, i), envelopes.get(i))));
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
                batch.forEach(b -> identified.add(b.identified()));
                List<SequencedEnvelope> sequenced = sequencer.sequenceAll(identified); // one per input, in order
                delivery.deliverSequenced(sequenced, new LocalDelivery.Outcome() {
                    @Override
                    public void delivered(int i, int connections) {
                        try {
                            delivered.delivered(batch.get(i).eventId(), sequenced.get(i).envelope(), connections);
                        } catch (RuntimeException e) {
                            LOG.error("the delivery listener failed on event {}", batch.get(i).eventId(), e);
                        }
                    }

                    @Override
                    public void failed(int i, RuntimeException e) {
                        metrics.clientError("DELIVERY_FAILED");
                        LOG.error("delivering a message to rooms {} failed; the next ones go on",
                                sequenced.get(i).envelope().rooms(), e);
                    }
                });
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
