package golf.linkup.engine.notifications.intake;

import golf.linkup.engine.notifications.Channel;
import golf.linkup.engine.notifications.NotificationIntent;
import java.util.List;
import java.util.Map;

/**
 * What {@link NotificationPlanner} decided for one intent: the channels to render and write
 * ({@code channels}, in a stable order) and why the others were left out ({@code suppressed}, e.g.
 * {@code NOTIFICATION_DISABLED}, {@code RATE_LIMIT_EXCEEDED: …}, {@code DUPLICATE}).
 */
public record NotificationPlan(NotificationIntent intent, List<PlannedNotification> channels,
        Map<Channel, String> suppressed) {

    public NotificationPlan {
        channels = List.copyOf(channels);
        suppressed = Map.copyOf(suppressed);
    }
}
