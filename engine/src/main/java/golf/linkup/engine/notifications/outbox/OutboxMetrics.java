package golf.linkup.engine.notifications.outbox;

import golf.linkup.engine.notifications.Channel;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Outbox figures for {@code /metrics} and the console: {@code linkup.outbox.depth{channel,status}}
 * and {@code linkup.outbox.oldest.due.seconds}. One database read serves every gauge for a second,
 * so a scrape costs one query.
 */
public final class OutboxMetrics {

    private static final String[] STATUSES = {"pending", "sent", "failed", "cancelled"};

    private final OutboxStore outbox;
    private final Clock clock;
    private volatile Map<String, Long> depth = Map.of();
    private volatile double oldestSeconds;
    private volatile long readAt;

    public OutboxMetrics(OutboxStore outbox, Clock clock, MeterRegistry meters) {
        this.outbox = outbox;
        this.clock = clock;
        for (Channel channel : Channel.values()) {
            for (String status : STATUSES) {
                String key = channel.key() + "/" + status;
                Gauge.builder("linkup.outbox.depth", () -> snapshot().getOrDefault(key, 0L))
                        .tag("channel", channel.key()).tag("status", status)
                        .description("outbox rows by channel and status").register(meters);
            }
        }
        Gauge.builder("linkup.outbox.oldest.due.seconds", () -> {
            snapshot();
            return oldestSeconds;
        }).description("age of the oldest due pending outbox row").register(meters);
    }

    /** Row counts by {@code channel/status}, at most a second old. */
    public synchronized Map<String, Long> snapshot() {
        long now = clock.millis();
        if (now - readAt > 1_000) {
            try {
                depth = outbox.depth();
                oldestSeconds = outbox.oldestDueAge(clock.instant()).map(Duration::toMillis).orElse(0L) / 1000.0;
            } catch (RuntimeException e) {
                // the database is away: keep the last figures; /health says so
            }
            readAt = now;
        }
        return depth;
    }
}
