package golf.linkup.engine.notifications.outbox;

import golf.linkup.engine.notifications.Channel;
import golf.linkup.engine.notifications.NotificationType;
import golf.linkup.engine.notifications.Priority;
import java.time.Instant;

/**
 * One row of the outbox ({@code notification_queue}). {@code notificationKey} names the
 * notification across its channels (frequency limits count these); {@code idempotencyKey} is
 * {@code notificationKey + ":" + channel}. {@code data} and {@code model} are JSON text.
 */
public record OutboxRow(
        long id,
        String idempotencyKey,
        String notificationKey,
        String userId,
        NotificationType type,
        Channel channel,
        String title,
        String body,
        String html,
        String data,
        String model,
        String locale,
        Priority priority,
        String batchKey,
        int batchCount,
        Instant scheduledFor,
        String status,
        int retryCount,
        String errorMessage,
        String claimedBy,
        Instant createdAt) {
}
