package golf.linkup.redis;

import golf.linkup.engine.http.HealthIndicator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * Proves a subscription end to end: every {@code interval} it PUBLISHes a canary on a channel of
 * its own that the watched container also listens to, and is healthy only while a canary came
 * back within {@code staleAfter}. A container that says "running" but delivers nothing (dead
 * socket, stuck handler thread) turns red within {@code staleAfter}, which an
 * {@code isRunning()} check alone would miss.
 */
public final class SubscriptionWatchdog implements HealthIndicator {

    private final String name;
    private final RedisMessageListenerContainer container;
    private final StringRedisTemplate redis;
    private final String canaryChannel;
    private final Duration staleAfter;
    private final Clock clock;
    private volatile Instant lastCanary;
    private volatile String lastError = "no canary yet";

    public SubscriptionWatchdog(String name, RedisMessageListenerContainer container, StringRedisTemplate redis,
            String canaryChannel, Duration staleAfter, Clock clock) {
        this.name = name;
        this.container = container;
        this.redis = redis;
        this.canaryChannel = canaryChannel;
        this.staleAfter = staleAfter;
        this.clock = clock;
        container.addMessageListener((message, pattern) -> lastCanary = clock.instant(), new ChannelTopic(canaryChannel));
    }

    /** Publishes a canary every {@code interval} on {@code scheduler}. */
    public void start(ScheduledExecutorService scheduler, Duration interval) {
        scheduler.scheduleWithFixedDelay(this::publishCanary, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void publishCanary() {
        try {
            redis.convertAndSend(canaryChannel, clock.instant().toString());
            lastError = "canaries are published but none came back";
        } catch (RuntimeException e) {
            lastError = "canary publish failed: " + e.getMessage();
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Status check() {
        if (!container.isRunning()) {
            return Status.down("listener container stopped");
        }
        Instant seen = lastCanary;
        if (seen == null) {
            return Status.down(lastError);
        }
        Duration age = Duration.between(seen, clock.instant());
        if (age.compareTo(staleAfter) > 0) {
            return Status.down("no message delivered for " + age.toMillis() + " ms (" + lastError + ")");
        }
        return Status.up("last canary " + age.toMillis() + " ms ago");
    }
}
