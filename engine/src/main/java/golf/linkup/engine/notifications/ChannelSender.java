package golf.linkup.engine.notifications;

/**
 * Delivers one notification over one channel. Must not throw for provider failures: they are
 * outcomes ({@link DeliveryOutcome.Status#RETRY} or {@code FAILED}); a thrown exception is treated
 * as RETRY by the caller. Implementations are safe for concurrent use.
 */
public interface ChannelSender {

    Channel channel();

    DeliveryOutcome send(Delivery delivery);

    /**
     * Starts one delivery and returns its outcome when it is known; the outbox starts a claim's
     * deliveries one after the other and waits for them together. A channel that can have several
     * requests in flight (Web Push over HTTP) overrides this; the default sends at once, on the
     * caller's thread. The future completes with an outcome, never exceptionally (a failure is RETRY).
     */
    default java.util.concurrent.CompletableFuture<DeliveryOutcome> sendAsync(Delivery delivery) {
        return java.util.concurrent.CompletableFuture.completedFuture(send(delivery));
    }
}
