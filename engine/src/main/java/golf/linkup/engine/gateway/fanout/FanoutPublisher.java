package golf.linkup.engine.gateway.fanout;

/**
 * Sends an envelope to every engine instance, each of which delivers it to its own connections
 * ({@link LocalDelivery}). Contract: an envelope published once is delivered once per subscribed
 * instance; envelopes from one publishing thread are delivered in publish order.
 */
public interface FanoutPublisher {

    void publish(FanoutEnvelope envelope);
}
