package golf.linkup.engine.webhook;

import golf.linkup.engine.metrics.EngineMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The webhook's figures: {@code linkup.webhook.deliveries{outcome}} ({@code delivered},
 * {@code retried} per retry, {@code dead_lettered}), {@code linkup.webhook.attempt{result}} (one
 * POST: {@code 2xx}, {@code 4xx}, {@code 5xx}, {@code timeout}, {@code no-connection}) and
 * {@code linkup.webhook.latency} (from the entry's append to the receiver's 2xx, retries included).
 * Registered at start-up whether the webhook is on or not, so dashboards see zeros rather than gaps.
 */
public final class WebhookMetrics {

    static final List<Duration> ATTEMPT_BUCKETS = List.of(Duration.ofMillis(1), Duration.ofMillis(5),
            Duration.ofMillis(25), Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(2),
            Duration.ofSeconds(10), Duration.ofSeconds(60));
    static final List<Duration> LATENCY_BUCKETS = List.of(Duration.ofMillis(5), Duration.ofMillis(25),
            Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofSeconds(10),
            Duration.ofSeconds(60), Duration.ofMinutes(5), Duration.ofMinutes(30));

    private final MeterRegistry meters;
    private final Counter delivered;
    private final Counter retried;
    private final Counter deadLettered;
    private final Timer latency;
    /** Every result an attempt can have: all there at 0 from start-up, the webhook on or off. */
    static final List<String> RESULTS = List.of("2xx", "3xx", "4xx", "5xx", "timeout", "no-connection");

    public WebhookMetrics(MeterRegistry meters) {
        this.meters = meters;
        this.delivered = deliveries("delivered");
        this.retried = deliveries("retried");
        this.deadLettered = deliveries("dead_lettered");
        this.latency = EngineMetrics.histogram("linkup.webhook.latency",
                "from a backend event's append to the receiver's 2xx, retries included", LATENCY_BUCKETS)
                .register(meters);
        RESULTS.forEach(result -> attemptTimer(result));
    }

    private Counter deliveries(String outcome) {
        return Counter.builder("linkup.webhook.deliveries").tag("outcome", outcome)
                .description("backend events the webhook delivered, retried (per retry) or dead-lettered")
                .register(meters);
    }

    void attempt(long nanos, String result) {
        attemptTimer(result).record(nanos, TimeUnit.NANOSECONDS);
    }

    private Timer attemptTimer(String result) {
        return EngineMetrics.histogram("linkup.webhook.attempt", "one POST to the webhook receiver", ATTEMPT_BUCKETS)
                .tag("result", result).register(meters);
    }

    /** A 2xx for an entry appended at {@code appendedAtMillis}. */
    public void delivered(long appendedAtMillis, long nowMillis) {
        delivered.increment();
        latency.record(Math.max(0, nowMillis - appendedAtMillis), TimeUnit.MILLISECONDS);
    }

    public void retried() {
        retried.increment();
    }

    public void deadLettered() {
        deadLettered.increment();
    }

    public double count(String outcome) {
        return meters.counter("linkup.webhook.deliveries", "outcome", outcome).count();
    }
}
