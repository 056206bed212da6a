package golf.linkup.engine.gateway.fanout;

/**
 * Sends an envelope to every engine instance, each of which delivers it to its own connections
 * ({@link LocalDelivery}). Contract: an envelope published once is delivered once per subscribed
 * instance; envelopes from one publishing thread are delivered in publish order.
 */
public interface FanoutPublisher {

    void publish(FanoutEnvelope envelope);

    /**
     * Publishes several envelopes in order (the in-app channel's live messages of one outbox claim).
     * The default publishes one after the other; a publisher that can send them in one round trip
     * (Redis pipelining) overrides it.
     */
    default void publishAll(java.util.List<FanoutEnvelope> envelopes) {
        envelopes.forEach(this::publish);
    }
}
