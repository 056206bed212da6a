package golf.linkup.engine.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The engine's figures, in one Micrometer registry scraped at {@code GET /metrics}. Names are
 * {@code linkup.*} (Prometheus: {@code linkup_*}); per-second rates are Prometheus {@code rate()}
 * over the counters.
 */
public final class EngineMetrics {

    private final PrometheusMeterRegistry registry;
    private final Counter messagesIn;
    private final Counter messagesOut;
    private final Counter messagesDropped;
    private final Counter envelopesDelivered;
    private final Counter duplicateEvents;
    private final Timer deliveryLatency;
    private volatile java.util.function.LongConsumer deliveryLatencyTap = micros -> { };

    public EngineMetrics() {
        this(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    public EngineMetrics(PrometheusMeterRegistry registry) {
        this.registry = registry;
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        messagesIn = Counter.builder("linkup.ws.messages.in").description("client frames received").register(registry);
        messagesOut = Counter.builder("linkup.ws.messages.out").description("messages queued to clients").register(registry);
        messagesDropped = Counter.builder("linkup.ws.messages.dropped")
                .description("messages dropped from full send buffers (slow clients)").register(registry);
        envelopesDelivered = Counter.builder("linkup.fanout.envelopes")
                .description("fan-out envelopes delivered by this instance").register(registry);
        duplicateEvents = Counter.builder("linkup.events.duplicates")
                .description("events dropped because this instance already handled their id").register(registry);
        deliveryLatency = Timer.builder("linkup.delivery.latency")
                .description("from reading an event off Redis to queuing its message to this instance's sockets")
                .publishPercentiles(0.5, 0.99)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(1_000))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
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

    /** Gauges the gateway adds (issue 6): connections behind right now. */
    public void bindSlowConnectionsGauge(Supplier<Number> slow) {
        Gauge.builder("linkup.ws.slow.connections", slow)
                .description("connections whose send queue overflowed and that were not yet told what they missed")
                .register(registry);
    }

    /** A connection was closed by the gateway for {@code reason} (heartbeat, token, abuse, limit, shutdown). */
    public void connectionClosedBy(String reason) {
        registry.counter("linkup.ws.closed.by.server", "reason", reason).increment();
    }

    /** A message went out without a history position because the room history could not be written. */
    public void historyFailure() {
        registry.counter("linkup.history.failures").increment();
    }

    /** Recoveries asked for on subscribe or recover, by outcome. */
    public void recoveries(java.util.Map<String, Boolean> outcomes) {
        outcomes.forEach((room, ok) -> registry.counter("linkup.ws.recoveries", "recovered", ok.toString()).increment());
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
        registry.counter("linkup.ws.errors", "code", code).increment();
    }

    public void handshakeRejected(String code) {
        registry.counter("linkup.ws.handshakes.rejected", "code", code).increment();
    }

    /** Per event type, looked up once (a registry look-up per event builds an id and its tags). */
    private final Map<String, Counter> accepted = new ConcurrentHashMap<>();
    private final Map<String, Counter> claimed = new ConcurrentHashMap<>();

    public void eventAccepted(String type) {
        accepted.computeIfAbsent(type, t -> registry.counter("linkup.events", "type", t)).increment();
    }

    /** This instance won the cluster-wide claim on an event (its once-per-cluster effects run here). */
    public void eventClaimed(String type) {
        claimed.computeIfAbsent(type, t -> registry.counter("linkup.events.claimed", "type", t)).increment();
    }

    public void eventDeadLettered(String reasonCode) {
        registry.counter("linkup.events.dead.lettered", "reason", reasonCode).increment();
    }

    public void duplicateEvent() {
        duplicateEvents.increment();
    }

    /** The consumer group's handling of an event failed; the entry stays pending for another attempt. */
    public void eventRetryLater() {
        registry.counter("linkup.events.retried").increment();
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
