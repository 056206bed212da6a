package golf.linkup.engine.notifications.intake;

import golf.linkup.engine.domain.User;
import golf.linkup.engine.notifications.Channel;
import golf.linkup.engine.notifications.NotificationIntent;
import golf.linkup.engine.notifications.TemplateRenderer;
import golf.linkup.engine.notifications.outbox.OutboxStore;
import golf.linkup.engine.notifications.policy.PreferencesStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a {@link NotificationIntent} into outbox rows, one per channel, in three steps that each do
 * one thing: {@link NotificationPlanner} (settings, frequency limits, quiet hours, batching),
 * {@link NotificationTemplating} (render in the user's language) and {@link OutboxWriter} (an
 * idempotent insert, or an update of a held summary). The event path runs the same steps as
 * visible Camel routes ({@code notify-intents}); {@link #enqueue} runs them in one call for the
 * callers that are plain Java (reminders, weekly digests, the admin's send, booking effects).
 */
public final class NotificationService {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationService.class);

    public static final Duration BATCH_WINDOW = NotificationPlanner.BATCH_WINDOW;
    public static final int DAILY_LIMIT = NotificationPlanner.DAILY_LIMIT;
    public static final int HOURLY_LIMIT_PER_TYPE = NotificationPlanner.HOURLY_LIMIT_PER_TYPE;
    public static final Duration URGENT_EMAIL_WITHIN = NotificationPlanner.URGENT_EMAIL_WITHIN;

    /**
     * What became of one intent: the channels queued (held ones included, with the instant they are
     * held until in {@code heldUntil}), and why the others were left out ({@code suppressed}).
     */
    public record Result(List<Channel> queued, Map<Channel, Instant> heldUntil, Map<Channel, String> suppressed) {
    }

    private final NotificationPlanner planner;
    private final NotificationTemplating templating;
    private final OutboxWriter writer;
    private final Runnable onQueued;

    /** @param onQueued told after rows were queued (delivery routes wake up instead of waiting for their timer) */
    public NotificationService(OutboxStore outbox, PreferencesStore preferences, Function<String, Optional<User>> users,
            TemplateRenderer renderer, Clock clock, MeterRegistry meters, Runnable onQueued) {
        this.planner = new NotificationPlanner(outbox, preferences, users, clock, meters);
        this.templating = new NotificationTemplating(renderer);
        this.writer = new OutboxWriter(outbox, clock, meters);
        this.onQueued = onQueued;
    }

    /** The policy step (the {@code notify-intents} route calls it as a bean). */
    public NotificationPlanner planner() {
        return planner;
    }

    /** The template step. */
    public NotificationTemplating templating() {
        return templating;
    }

    /** The outbox step. */
    public OutboxWriter writer() {
        return writer;
    }

    public Result enqueue(NotificationIntent intent) {
        NotificationPlan plan = planner.plan(intent);
        Map<Channel, String> suppressed = new HashMap<>(plan.suppressed());
        List<Channel> queued = new ArrayList<>();
        Map<Channel, Instant> held = new HashMap<>();
        for (PlannedNotification channel : plan.channels()) {
            if (channel.heldUntil() != null) {
                held.put(channel.channel(), channel.heldUntil());
            }
            if (writer.write(templating.render(channel))) {
                queued.add(channel.channel());
            } else {
                suppressed.put(channel.channel(), "DUPLICATE");
            }
        }
        if (!suppressed.isEmpty()) {
            LOG.debug("notification {} for {}: queued {}, not queued {}", intent.notificationKey(), intent.userId(),
                    queued, suppressed);
        }
        if (!queued.isEmpty()) {
            onQueued.run();
        }
        return new Result(List.copyOf(queued), Map.copyOf(held), Map.copyOf(suppressed));
    }
}
