package golf.linkup.engine.gateway.fanout;

/** A single-instance {@link FanoutPublisher}: delivers straight to this instance's connections. */
public final class LocalFanoutPublisher implements FanoutPublisher {

    private final LocalDelivery delivery;

    public LocalFanoutPublisher(LocalDelivery delivery) {
        this.delivery = delivery;
    }

    @Override
    public void publish(FanoutEnvelope envelope) {
        delivery.deliver(envelope);
    }
}
