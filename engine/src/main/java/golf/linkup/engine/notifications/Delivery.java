package golf.linkup.engine.notifications;

/**
 * One outbox row being delivered: {@code outboxId} and {@code idempotencyKey} identify it,
 * {@code attempt} counts from 1.
 */
public record Delivery(long outboxId, String idempotencyKey, Recipient recipient, NotificationType type,
        Channel channel, Priority priority, RenderedMessage message, int attempt) {
}
