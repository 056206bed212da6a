package golf.linkup.engine.receipts;

import golf.linkup.engine.gateway.GatewayService;
import golf.linkup.engine.metrics.EngineMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the clients' {@code ack}s. One thread takes every ack that arrived meanwhile (from any
 * connection, up to {@link #MAX_IDS_PER_WRITE} ids) and records them with two statements: one read
 * of whose the notifications are, one {@code UPDATE ... where id = any(?)}. A burst of acks (a
 * reconnect that delivered a backlog, a client acking each notification on arrival) thus costs a
 * few round trips, not two per ack, and the gateway's worker threads never wait for the database.
 *
 * <p>Only the user's own notifications are marked; an id that is someone else's or does not exist is
 * ignored and counted ({@code linkup.receipts.acks.ignored{reason}}), and the client is answered the
 * same either way, so an ack cannot probe which ids exist. The first acknowledgement of a
 * notification is kept and timed from its delivery ({@code linkup.receipts.ack.delay}).
 */
public final class AckRecorder implements GatewayService.Acknowledgements, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AckRecorder.class);
    /** Ids one round of writes takes at most (the rest waits for the next round). */
    static final int MAX_IDS_PER_WRITE = 1_000;
    /** Acks waiting at most; beyond it an ack is refused (INTERNAL_ERROR) rather than piling up. */
    static final int MAX_WAITING = 10_000;
    static final List<Duration> DELAY_BUCKETS = List.of(Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1),
            Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofHours(1));

    private record Waiting(String userId, List<Long> ids, CompletableFuture<Void> done) {
    }

    private final ReceiptStore store;
    private final Clock clock;
    private final boolean enabled;
    private final LinkedBlockingQueue<Waiting> queue = new LinkedBlockingQueue<>(MAX_WAITING);
    private final Thread thread;
    private volatile boolean open = true;
    private final Counter received;
    private final Counter unknown;
    private final Counter foreign;
    private final Counter writes;
    private final Timer delay;

    /** @param enabled false: acks are answered and counted, nothing is stored */
    public AckRecorder(ReceiptStore store, Clock clock, MeterRegistry meters, boolean enabled) {
        this.store = store;
        this.clock = clock;
        this.enabled = enabled;
        received = Counter.builder("linkup.receipts.acks").description("notification ids clients acknowledged")
                .register(meters);
        unknown = ignored(meters, "unknown");
        foreign = ignored(meters, "foreign");
        writes = Counter.builder("linkup.receipts.writes")
                .description("rounds of receipt writes (each records every ack that arrived meanwhile)")
                .register(meters);
        delay = EngineMetrics.histogram("linkup.receipts.ack.delay",
                "from storing an in-app notification to its first acknowledgement", DELAY_BUCKETS).register(meters);
        thread = new Thread(this::loop, "linkup-receipts");
        thread.setDaemon(true);
    }

    private static Counter ignored(MeterRegistry meters, String reason) {
        return Counter.builder("linkup.receipts.acks.ignored")
                .description("acknowledged ids that were not the user's own notification").tag("reason", reason)
                .register(meters);
    }

    public AckRecorder start() {
        if (enabled) {
            thread.start();
        }
        return this;
    }

    @Override
    public CompletionStage<?> acknowledge(String userId, List<Long> notificationIds) {
        received.increment(notificationIds.size());
        if (!enabled) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (!open || !queue.offer(new Waiting(userId, notificationIds, done))) {
            done.completeExceptionally(new RejectedExecutionException(open ? "too many acks waiting" : "shutting down"));
        }
        return done;
    }

    private void loop() {
        while (open || !queue.isEmpty()) {
            try {
                Waiting first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                List<Waiting> round = new ArrayList<>(List.of(first));
                int ids = first.ids().size();
                for (Waiting next; ids < MAX_IDS_PER_WRITE && (next = queue.poll()) != null; ) {
                    round.add(next);
                    ids += next.ids().size();
                }
                record(round);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** One round: whose the ids are, then one update of the user's own unacknowledged ones. */
    private void record(List<Waiting> round) {
        try {
            Set<Long> all = new LinkedHashSet<>();
            round.forEach(w -> all.addAll(w.ids()));
            Map<Long, ReceiptStore.Receipt> found = store.find(List.copyOf(all));
            Instant now = clock.instant();
            Set<Long> mark = new LinkedHashSet<>();
            List<Instant> storedAt = new ArrayList<>();
            for (Waiting w : round) {
                List<Long> ignored = new ArrayList<>();
                for (long id : w.ids()) {
                    ReceiptStore.Receipt r = found.get(id);
                    if (r == null) {
                        unknown.increment();
                        ignored.add(id);
                    } else if (!r.userId().equals(w.userId())) {
                        foreign.increment();
                        ignored.add(id);
                    } else if (!r.acknowledged() && mark.add(id)) {
                        storedAt.add(r.storedAt());
                    }
                }
                if (!ignored.isEmpty()) {
                    LOG.info("ignored acks by {} of notifications that are not theirs or do not exist: {}",
                            w.userId(), ignored);
                }
            }
            store.acknowledge(List.copyOf(mark), now);
            writes.increment();
            for (Instant at : storedAt) {
                delay.record(Duration.between(at, now).isNegative() ? Duration.ZERO : Duration.between(at, now));
            }
            round.forEach(w -> w.done().complete(null));
        } catch (RuntimeException e) {
            LOG.warn("could not record {} acks: {}", round.size(), e.toString());
            round.forEach(w -> w.done().completeExceptionally(e));
        }
    }

    /** Records what is waiting (up to a few seconds), then stops. */
    @Override
    public void close() {
        open = false;
        if (thread.isAlive()) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Waiting w; (w = queue.poll()) != null; ) {
            w.done().completeExceptionally(new RejectedExecutionException("shutting down"));
        }
    }
}
