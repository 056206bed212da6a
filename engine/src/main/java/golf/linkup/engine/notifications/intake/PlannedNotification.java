package golf.linkup.engine.notifications.intake;

import golf.linkup.engine.domain.User;
import golf.linkup.engine.notifications.Channel;
import golf.linkup.engine.notifications.NotificationIntent;
import golf.linkup.engine.notifications.outbox.OutboxRow;
import java.time.Instant;
import java.util.Map;

/**
 * One channel of an intent that is to be queued, before rendering: the recipient, when it is due
 * ({@code scheduled}; {@code heldUntil} is set when quiet hours hold it), the template model (with
 * {@code count}), and either a new row ({@code foldInto} null) or the held summary row it is
 * folded into with its new {@code count}.
 */
public record PlannedNotification(NotificationIntent intent, User user, Channel channel, Instant scheduled,
        Instant heldUntil, Map<String, Object> model, OutboxRow foldInto, int count) {

    public PlannedNotification {
        model = Map.copyOf(model);
    }

    /** The outbox row's idempotency key: cause + recipient + channel. */
    public String idempotencyKey() {
        return intent.notificationKey() + ":" + channel.key();
    }
}
