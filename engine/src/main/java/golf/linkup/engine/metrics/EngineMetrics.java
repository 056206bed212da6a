package golf.linkup.engine.metrics;

import golf.linkup.engine.booking.BookingError;
import golf.linkup.engine.events.EventType;
import golf.linkup.engine.events.InvalidEventException;
import golf.linkup.engine.gateway.protocol.ErrorCode;
import golf.linkup.engine.notifications.Channel;
import golf.linkup.engine.notifications.NotificationType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The engine's figures, in one Micrometer registry scraped at {@code GET /metrics}. The naming
 * rules (README, "Metrics") that every meter here and elsewhere follows:
 * <ul>
 *   <li>Micrometer names {@code linkup.<area>.<what>} (Prometheus {@code linkup_<area>_<what>}); counters
 *       get {@code _total}, times are in seconds ({@code _seconds}); no abbreviated units.</li>
 *   <li>Tag names are snake_case; tag values come from a closed set (types, codes, channels), never
 *       ids. Camel's camelCase tags are renamed here ({@code route_id}, {@code camel_context},
 *       {@code event_type}).</li>
 *   <li>Every meter has a description (Prometheus HELP) and exists from start-up at 0, with every
 *       known value of its tags, so {@code rate()} and absent-series alerts work from the first scrape.</li>
 *   <li>Latencies that are summed across instances are histograms with fixed buckets
 *       ({@link #histogram}); no client-side percentiles (they cannot be aggregated and read 0 when idle).</li>
 *   <li>Hot-path meters are looked up once and kept in fields or maps, never per message.</li>
 * </ul>
 */
public final class EngineMetrics {

    /** Buckets of the fan-out delivery latency: sub-millisecond when healthy, seconds when behind. */
    public static final List<Duration> DELIVERY_BUCKETS = millis(0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000,
            2500, 5000, 10000);
    /** Buckets of one matching run (tens to hundreds of milliseconds on the sample data). */
    public static final List<Duration> MATCHING_RUN_BUCKETS = millis(5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000,
            10000, 30000);
    /** Buckets of one notification delivery attempt (in-app: milliseconds; SMTP and push services: seconds). */
    public static final List<Duration> NOTIFICATION_DELIVERY_BUCKETS = millis(5, 10, 25, 50, 100, 250, 500, 1000,
            2500, 5000, 10000, 30000);
    /** Outcomes of a notification delivery attempt ({@code linkup.notifications.delivered}). */
    public static final List<String> DELIVERY_OUTCOMES = List.of("sent", "retry", "failed", "skipped", "dead");
    /** Why a channel of a notification was not queued ({@code linkup.notifications.suppressed}). */
    public static final List<String> SUPPRESSION_REASONS = List.of("UNKNOWN_USER", "NOTIFICATION_DISABLED",
            "RATE_LIMIT_EXCEEDED", "DUPLICATE");
    /** Why the gateway closed a connection ({@code linkup.ws.closed.by.server}). */
    public static final List<String> CLOSE_REASONS = List.of("abuse", "connections-per-user", "shutdown");
    /** Why a WebSocket or SSE handshake was refused ({@code linkup.ws.handshakes.rejected}). */
    public static final List<String> HANDSHAKE_REFUSALS = List.of("TOKEN_MISSING", "TOKEN_MALFORMED",
            "TOKEN_ALGORITHM", "TOKEN_SIGNATURE", "TOKEN_EXPIRED", "TOKEN_NOT_YET_VALID", "ORIGIN_NOT_ALLOWED",
            "SHUTTING_DOWN", "SERVER_FULL", "TOO_MANY_CONNECTIONS", "UNSUPPORTED_WEBSOCKET_VERSION");
    /** Booking actions counted in {@code linkup.booking.actions}. */
    public static final List<String> BOOKING_ACTIONS = List.of("held", "confirmed", "released", "waitlist-joined",
            "waitlist-left", "offer-accepted", "offer-declined", "checked-in", "hold-expired", "offer-expired",
            "auto-booked", "offered");

    private final PrometheusMeterRegistry registry;
    private final Counter messagesIn;
    private final Counter messagesOut;
    private final Counter messagesDropped;
    private final Counter envelopesDelivered;
    private final Counter duplicateEvents;
    private final Counter historyFailures;
    private final Timer deliveryLatency;
    private volatile java.util.function.LongConsumer deliveryLatencyTap = micros -> { };
    /** Per tag value, looked up once (a registry look-up builds an id and its tags). */
    private final Map<String, Counter> accepted = new ConcurrentHashMap<>();
    private final Map<String, Counter> claimed = new ConcurrentHashMap<>();
    private final Map<String, Counter> clientErrors = new ConcurrentHashMap<>();
    private final Map<String, Counter> handshakesRejected = new ConcurrentHashMap<>();
    private final Map<String, Counter> closedByServer = new ConcurrentHashMap<>();
    private final Map<String, Counter> deadLettered = new ConcurrentHashMap<>();
    private Counter eventsRetried;
    private Counter matchingIndexFailures;
    private final Map<Boolean, Counter> recoveries = new ConcurrentHashMap<>();

    public EngineMetrics() {
        this(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    public EngineMetrics(PrometheusMeterRegistry registry) {
        this.registry = registry;
        // Filters first: they apply to meters registered after them (Camel's route policy included).
        registry.config()
                .meterFilter(MeterFilter.renameTag("camel", "camelContext", "camel_context"))
                .meterFilter(MeterFilter.renameTag("camel", "routeId", "route_id"))
                .meterFilter(MeterFilter.renameTag("camel", "eventType", "event_type"))
                .meterFilter(MeterFilter.renameTag("camel", "nodeId", "node_id"))
                .meterFilter(MeterFilter.renameTag("app", "camelContext", "camel_context"))
                .meterFilter(describe("app.info", "the Camel version and runtime this engine runs on (always 1)"))
                // Prometheus reserves _count for histograms and wants CPU time in seconds (bound below)
                .meterFilter(rename("system.cpu.count", "system.cpus"))
                .meterFilter(MeterFilter.denyNameStartsWith("process.cpu.time"));
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            FunctionCounter.builder("process.cpu", os, o -> o.getProcessCpuTime() / 1e9).baseUnit("seconds")
                    .description("CPU time used by the engine's JVM").register(registry);
        }
        messagesIn = Counter.builder("linkup.ws.messages.in").description("client frames received").register(registry);
        messagesOut = Counter.builder("linkup.ws.messages.out").description("messages queued to clients").register(registry);
        messagesDropped = Counter.builder("linkup.ws.messages.dropped")
                .description("messages dropped from full send buffers (slow clients)").register(registry);
        envelopesDelivered = Counter.builder("linkup.fanout.envelopes")
                .description("fan-out envelopes delivered by this instance").register(registry);
        duplicateEvents = Counter.builder("linkup.events.duplicates")
                .description("events dropped because this instance already handled their id").register(registry);
        historyFailures = Counter.builder("linkup.history.failures")
                .description("room messages sent without a history position (room history not written)")
                .register(registry);
        deliveryLatency = histogram("linkup.delivery.latency",
                "from reading an event off Redis to queuing its message to this instance's sockets", DELIVERY_BUCKETS)
                .register(registry);
        Counter.builder("linkup.fanout.failures").description("fan-out messages this instance could not deliver")
                .register(registry);
        declareAtZero();
    }

    /**
     * A latency histogram with fixed buckets (Prometheus {@code _bucket}, {@code _sum}, {@code _count}).
     * Every meter of one name must be built through here with the same buckets.
     */
    public static Timer.Builder histogram(String name, String description, List<Duration> buckets) {
        return Timer.builder(name).description(description)
                .serviceLevelObjectives(buckets.toArray(Duration[]::new))
                .minimumExpectedValue(buckets.get(0))
                .maximumExpectedValue(buckets.get(buckets.size() - 1));
    }

    /** {@code linkup.matching.run}: one targeted matching run of a tee time. */
    public static Timer matchingRun(MeterRegistry meters) {
        return histogram("linkup.matching.run", "one targeted matching run of a tee time", MATCHING_RUN_BUCKETS)
                .register(meters);
    }

    /** {@code linkup.notifications.delivery{channel}}: one delivery attempt through a channel's sender. */
    public static Timer notificationDelivery(MeterRegistry meters, Channel channel) {
        return histogram("linkup.notifications.delivery", "one notification delivery attempt through a channel",
                NOTIFICATION_DELIVERY_BUCKETS).tag("channel", channel.key()).register(meters);
    }

    /**
     * The upper bound of the histogram bucket that holds the {@code quantile} of everything {@code timer}
     * recorded since start-up (its maximum when that is past the last bucket; 0 when nothing was recorded).
     */
    public static double quantileUpperBound(Timer timer, double quantile, TimeUnit unit) {
        var snapshot = timer.takeSnapshot();
        if (snapshot.count() == 0) {
            return 0;
        }
        double wanted = Math.ceil(snapshot.count() * quantile);
        for (var bucket : snapshot.histogramCounts()) {
            if (bucket.count() >= wanted) {
                return bucket.bucket(unit);
            }
        }
        return snapshot.max(unit);
    }

    /**
     * The counters other classes increment through the registry, registered here with their
     * description and every known tag value, so each exists from start-up at 0.
     */
    private void declareAtZero() {
        for (EventType type : EventType.values()) {
            eventCounter(accepted, "linkup.events", "events accepted by this instance, by type", type.wireName());
            eventCounter(claimed, "linkup.events.claimed",
                    "events whose once-per-cluster work ran on this instance, by type", type.wireName());
        }
        for (InvalidEventException.Code code : InvalidEventException.Code.values()) {
            deadLetterCounter(code.name());
        }
        deadLetterCounter("STORAGE_FAILED");
        deadLetterCounter("PROCESSING_FAILED");
        deadLetterCounter("DELIVERIES_EXHAUSTED");
        eventsRetried = Counter.builder("linkup.events.retried")
                .description("once-per-cluster handlings that failed and left their stream entry for another attempt")
                .register(registry);
        matchingIndexFailures = Counter.builder("linkup.matching.index.failures")
                .description("events whose refresh of this instance's matching index failed after retries")
                .register(registry);
        for (ErrorCode code : ErrorCode.values()) {
            clientErrorCounter(code.name());
        }
        clientErrorCounter("DELIVERY_FAILED");
        for (String reason : CLOSE_REASONS) {
            closedCounter(reason);
        }
        recoveryCounter(true);
        recoveryCounter(false);
        HANDSHAKE_REFUSALS.forEach(this::handshakeCounter);
        for (Channel channel : Channel.values()) {
            notificationDelivery(registry, channel);
            for (String outcome : DELIVERY_OUTCOMES) {
                Counter.builder("linkup.notifications.delivered").tag("channel", channel.key()).tag("outcome", outcome)
                        .description("notification delivery attempts, by channel and outcome").register(registry);
            }
            for (NotificationType type : NotificationType.values()) {
                Counter.builder("linkup.notifications.queued").tag("channel", channel.key()).tag("type", type.key())
                        .description("notifications queued in the outbox, by channel and type").register(registry);
            }
            for (String reason : SUPPRESSION_REASONS) {
                Counter.builder("linkup.notifications.suppressed").tag("channel", channel.key()).tag("reason", reason)
                        .description("notification channels not queued (settings, limits, duplicates), by reason")
                        .register(registry);
            }
            Counter.builder("linkup.notifications.batched").tag("channel", channel.key())
                    .description("notifications folded into a held summary instead of sent on their own")
                    .register(registry);
        }
        matchingRun(registry);
        for (String action : BOOKING_ACTIONS) {
            Counter.builder("linkup.booking.actions").tag("action", action)
                    .description("booking steps done (holds, confirmations, waitlist, check-ins), by action")
                    .register(registry);
        }
        for (BookingError error : BookingError.values()) {
            Counter.builder("linkup.booking.refused").tag("code", error.name())
                    .description("booking requests refused, by error code").register(registry);
        }
        Counter.builder("linkup.booking.no_shows").description("players counted as no-shows").register(registry);
        Counter.builder("linkup.booking.effect_failures")
                .description("booking effects (room messages, notifications) that failed after their change committed")
                .register(registry);
        Counter.builder("linkup.booking.event_failures")
                .description("booking reactions to events (cancellations, slots left) that failed").register(registry);
    }

    /** Registers {@code linkup.jobs.failures{job}} at 0 for each timed job's route id. */
    public void declareJobs(List<String> jobRouteIds) {
        for (String job : jobRouteIds) {
            Counter.builder("linkup.jobs.failures").tag("job", job)
                    .description("timed job runs that failed, by job (route id)").register(registry);
        }
    }

    /** {@code linkup.jobs.failures{job}}: a timed job's run failed. */
    public void jobFailed(String jobRouteId) {
        Counter.builder("linkup.jobs.failures").tag("job", jobRouteId == null ? "unknown" : jobRouteId)
                .description("timed job runs that failed, by job (route id)").register(registry).increment();
    }

    /** {@code linkup.fanout.failures}: a fan-out message was not delivered here. */
    public void fanoutFailed() {
        registry.counter("linkup.fanout.failures").increment();
    }

    private void eventCounter(Map<String, Counter> cache, String name, String description, String type) {
        cache.computeIfAbsent(type, t -> Counter.builder(name).tag("type", t).description(description).register(registry));
    }

    private Counter deadLetterCounter(String reason) {
        return deadLettered.computeIfAbsent(reason, r -> Counter.builder("linkup.events.dead.lettered")
                .tag("reason", r).description("events dead-lettered, by reason code").register(registry));
    }

    private Counter clientErrorCounter(String code) {
        return clientErrors.computeIfAbsent(code, c -> Counter.builder("linkup.ws.errors").tag("code", c)
                .description("errors sent to clients, by error code").register(registry));
    }

    private Counter closedCounter(String reason) {
        return closedByServer.computeIfAbsent(reason, r -> Counter.builder("linkup.ws.closed.by.server")
                .tag("reason", r).description("connections the gateway closed, by reason").register(registry));
    }

    private Counter recoveryCounter(boolean recovered) {
        return recoveries.computeIfAbsent(recovered, r -> Counter.builder("linkup.ws.recoveries")
                .tag("recovered", r.toString())
                .description("room recoveries asked for on subscribe or recover, by whether the history had them")
                .register(registry));
    }

    /** Gives a meter registered elsewhere (a library's) the description it lacks (Prometheus HELP). */
    private static MeterFilter describe(String name, String description) {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                return name.equals(id.getName()) && id.getDescription() == null
                        ? new Meter.Id(id.getName(), Tags.of(id.getTagsAsIterable()), id.getBaseUnit(), description,
                                id.getType())
                        : id;
            }
        };
    }

    private static MeterFilter rename(String from, String to) {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                return from.equals(id.getName()) ? id.withName(to) : id;
            }
        };
    }

    private static List<Duration> millis(double... values) {
        return java.util.Arrays.stream(values).mapToObj(ms -> Duration.ofNanos((long) (ms * 1_000_000))).toList();
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public MeterRegistry meterRegistry() {
        return registry;
    }

    /** Registers live gauges for connections and users, read when scraped. */
    public void bindConnectionGauges(Supplier<Number> connections, Supplier<Number> users, Supplier<Number> rooms) {
        Gauge.builder("linkup.ws.connections", connections).description("open client connections").register(registry);
        Gauge.builder("linkup.ws.users", users).description("distinct connected users").register(registry);
        Gauge.builder("linkup.ws.rooms", rooms).description("rooms with at least one member").register(registry);
    }

    /** The gateway's connections that are behind right now. */
    public void bindSlowConnectionsGauge(Supplier<Number> slow) {
        Gauge.builder("linkup.ws.slow.connections", slow)
                .description("connections whose send queue overflowed and that were not yet told what they missed")
                .register(registry);
    }

    /** A connection was closed by the gateway for {@code reason} ({@link #CLOSE_REASONS}). */
    public void connectionClosedBy(String reason) {
        closedCounter(reason).increment();
    }

    /** A message went out without a history position because the room history could not be written. */
    public void historyFailure() {
        historyFailures.increment();
    }

    /** Recoveries asked for on subscribe or recover, by outcome. */
    public void recoveries(Map<String, Boolean> outcomes) {
        outcomes.forEach((room, ok) -> recoveryCounter(ok).increment());
    }

    public void messageIn() {
        messagesIn.increment();
    }

    public void messagesOut(int count) {
        messagesOut.increment(count);
    }

    public void messageDropped() {
        messagesDropped.increment();
    }

    public void envelopeDelivered(long ingestMicros, long nowMicros) {
        envelopesDelivered.increment();
        if (ingestMicros > 0 && nowMicros >= ingestMicros) {
            deliveryLatency.record(nowMicros - ingestMicros, TimeUnit.MICROSECONDS);
            deliveryLatencyTap.accept(nowMicros - ingestMicros);
        }
    }

    public void clientError(String code) {
        clientErrorCounter(code).increment();
    }

    public void handshakeRejected(String code) {
        handshakeCounter(code).increment();
    }

    private Counter handshakeCounter(String code) {
        return handshakesRejected.computeIfAbsent(code, c -> Counter.builder("linkup.ws.handshakes.rejected")
                .tag("code", c).description("WebSocket and SSE handshakes refused, by error code").register(registry));
    }

    public void eventAccepted(String type) {
        accepted.computeIfAbsent(type, t -> Counter.builder("linkup.events").tag("type", t)
                .description("events accepted by this instance, by type").register(registry)).increment();
    }

    /** This instance won the cluster-wide claim on an event (its once-per-cluster effects run here). */
    public void eventClaimed(String type) {
        claimed.computeIfAbsent(type, t -> Counter.builder("linkup.events.claimed").tag("type", t)
                .description("events whose once-per-cluster work ran on this instance, by type").register(registry))
                .increment();
    }

    public void eventDeadLettered(String reasonCode) {
        deadLetterCounter(reasonCode).increment();
    }

    public void duplicateEvent() {
        duplicateEvents.increment();
    }

    /** The consumer group's handling of an event failed; the entry stays pending for another attempt. */
    public void eventRetryLater() {
        eventsRetried.increment();
    }

    /** Refreshing this instance's matching index for an event failed after its retries. */
    public void matchingIndexFailed() {
        matchingIndexFailures.increment();
    }

    /** Also hands every delivery latency (microseconds) to {@code tap}: the admin figures' per-second percentiles. */
    public void tapDeliveryLatency(java.util.function.LongConsumer tap) {
        this.deliveryLatencyTap = tap;
    }

    public Timer deliveryLatency() {
        return deliveryLatency;
    }

    public double count(String name, String... tags) {
        var counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    /** Microseconds since the epoch, the clock of envelope timestamps. */
    public static long nowMicros() {
        var now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }
}
