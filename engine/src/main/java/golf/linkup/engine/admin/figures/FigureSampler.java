package golf.linkup.engine.admin.figures;

import golf.linkup.engine.admin.RouteControl;
import golf.linkup.engine.admin.queues.QueueAdmin;
import golf.linkup.engine.gateway.connections.ConnectionRegistry;
import golf.linkup.engine.metrics.EngineMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes {@link Figures} once a second for every watcher (the stream sends the same object to all
 * of them) and keeps the last {@value #HISTORY_SECONDS} seconds, so a console that attaches sees the
 * last 15 minutes at once. Rates are differences of the engine's counters over the measured interval;
 * the database parts (outbox, dead letters) cost two queries a second. A failing part (the database
 * away) keeps its last value and is logged once per failure streak; the tick never stops.
 */
public final class FigureSampler implements AutoCloseable {

    public static final int HISTORY_SECONDS = 15 * 60;
    private static final Logger LOG = LoggerFactory.getLogger(FigureSampler.class);

    private final ConnectionRegistry connections;
    private final MeterRegistry meters;
    private final QueueAdmin queues;
    private final RouteControl routes;
    private final Clock clock;
    private final LatencyWindow latency = new LatencyWindow();
    private final ArrayDeque<Figures> history = new ArrayDeque<>();
    private final MinuteHistory minutes = new MinuteHistory();
    private final List<Consumer<Figures>> listeners = new CopyOnWriteArrayList<>();
    private Totals previous;
    private QueueAdmin.Summary lastQueue = new QueueAdmin.Summary(List.of(), 0, 0, 0);
    private long lastDeadLetters;
    private boolean databaseFailing;
    private volatile java.util.concurrent.ScheduledFuture<?> task;

    public FigureSampler(ConnectionRegistry connections, EngineMetrics metrics, QueueAdmin queues, RouteControl routes,
            Clock clock) {
        this.connections = connections;
        this.meters = metrics.meterRegistry();
        this.queues = queues;
        this.routes = routes;
        this.clock = clock;
        metrics.tapDeliveryLatency(latency::record);
    }

    /** Ticks every second on {@code scheduler} until closed. */
    public void start(ScheduledExecutorService scheduler) {
        previous = totals();
        task = scheduler.scheduleAtFixedRate(this::tickSafely, 1, 1, TimeUnit.SECONDS);
    }

    /** Called with each new second's figures, on the sampler's thread: must not block. */
    public void onFigures(Consumer<Figures> listener) {
        listeners.add(listener);
    }

    /** The last figures, or empty before the first second passed. */
    public synchronized java.util.Optional<Figures> latest() {
        return java.util.Optional.ofNullable(history.peekLast());
    }

    /** Up to the last 15 minutes, oldest first. */
    public synchronized List<Figures> history() {
        return List.copyOf(history);
    }

    /**
     * The figures of the last {@code range}, oldest first: one a second up to 15 minutes, one a minute
     * beyond (up to 24 hours, {@link MinuteHistory}).
     */
    public List<Figures> history(java.time.Duration range) {
        Instant from = Instant.now(clock).minus(range);
        if (range.compareTo(java.time.Duration.ofSeconds(HISTORY_SECONDS)) <= 0) {
            return history().stream().filter(f -> !f.at().isBefore(from)).toList();
        }
        return minutes.since(from);
    }

    private void tickSafely() {
        try {
            Figures f = tick();
            for (Consumer<Figures> l : listeners) {
                try {
                    l.accept(f);
                } catch (RuntimeException e) {
                    LOG.warn("a figures watcher failed: {}", e.toString());
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("could not compute the figures of this second", e);
        }
    }

    /** Computes the figures of the interval since the previous tick (public for tests that drive time). */
    public Figures tick() {
        Totals now = totals();
        Totals before = previous == null ? now : previous;
        previous = now;
        double seconds = Math.max(0.001, (now.nanos - before.nanos) / 1e9);
        readDatabase();
        LatencyWindow.Percentiles window = latency.drain();
        double matchingRuns = now.matchingRuns - before.matchingRuns;
        double matchingMean = matchingRuns > 0
                ? (now.matchingMillis - before.matchingMillis) / matchingRuns : 0;
        Map<String, Long> depth = new TreeMap<>();
        lastQueue.depths().forEach(d -> depth.put(d.channel() + "/" + d.status(), d.rows()));
        Figures f = new Figures(Instant.now(clock), connections.connectionCount(), connections.userCount(),
                connections.roomCount(),
                rate(now.messagesIn - before.messagesIn, seconds),
                rate(now.messagesOut - before.messagesOut, seconds),
                rate(now.dropped - before.dropped, seconds),
                window.quantileMicros(0.5) / 1000.0, window.quantileMicros(0.99) / 1000.0,
                rate(now.events - before.events, seconds),
                rate(matchingRuns, seconds), matchingMean,
                rate(now.errors - before.errors, seconds),
                lastDeadLetters, rate(now.deadLettered - before.deadLettered, seconds),
                depth, lastQueue.pending(), lastQueue.failed(), lastQueue.oldestDueSeconds());
        synchronized (this) {
            history.addLast(f);
            while (history.size() > HISTORY_SECONDS) {
                history.removeFirst();
            }
        }
        minutes.add(f);
        return f;
    }

    private void readDatabase() {
        try {
            lastQueue = queues.summary();
            lastDeadLetters = queues.deadLetterCount();
            if (databaseFailing) {
                LOG.info("figures: the database answers again");
            }
            databaseFailing = false;
        } catch (RuntimeException e) {
            if (!databaseFailing) {
                LOG.warn("figures: cannot read the outbox and dead letters, keeping the last values: {}", e.toString());
            }
            databaseFailing = true;
        }
    }

    private static double rate(double delta, double seconds) {
        return Math.max(0, delta) / seconds;
    }

    private record Totals(long nanos, double messagesIn, double messagesOut, double dropped, double events,
            double errors, double deadLettered, double matchingRuns, double matchingMillis) {
    }

    private Totals totals() {
        long routeFailures = 0;
        try {
            routeFailures = routes.totalFailures();
        } catch (RuntimeException e) {
            // the routes are starting or stopping: counted at the next tick
        }
        Timer matching = meters.find("linkup.matching.run").timer();
        return new Totals(System.nanoTime(), sum("linkup.ws.messages.in"), sum("linkup.ws.messages.out"),
                sum("linkup.ws.messages.dropped"), sum("linkup.events"),
                sum("linkup.ws.errors") + routeFailures, sum("linkup.events.dead.lettered"),
                matching == null ? 0 : matching.count(),
                matching == null ? 0 : matching.totalTime(TimeUnit.MILLISECONDS));
    }

    private double sum(String counterName) {
        double total = 0;
        for (Counter c : meters.find(counterName).counters()) {
            total += c.count();
        }
        return total;
    }

    @Override
    public void close() {
        var t = task;
        if (t != null) {
            t.cancel(false);
        }
    }
}
