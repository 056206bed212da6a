package golf.linkup.engine.notifications;

import java.util.Map;
import java.util.Set;

/**
 * A decision to tell someone something, before preferences, limits and quiet hours apply.
 * {@code notificationKey} is unique per (cause, recipient), e.g. {@code slot_joined:<eventId>:<userId>}:
 * handling the same cause twice queues nothing twice. {@code batchKey}, when set, lets similar
 * notifications within the batch window be folded into one summary.
 */
public record NotificationIntent(String notificationKey, String userId, NotificationType type, Priority priority,
        Set<Channel> channels, Map<String, Object> model, String batchKey) {

    public NotificationIntent {
        channels = Set.copyOf(channels);
        model = Map.copyOf(model);
    }
}
