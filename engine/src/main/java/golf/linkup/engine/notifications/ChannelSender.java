package golf.linkup.engine.notifications;

/**
 * Delivers one notification over one channel. Must not throw for provider failures: they are
 * outcomes ({@link DeliveryOutcome.Status#RETRY} or {@code FAILED}); a thrown exception is treated
 * as RETRY by the caller. Implementations are safe for concurrent use.
 */
public interface ChannelSender {

    Channel channel();

    DeliveryOutcome send(Delivery delivery);
}
