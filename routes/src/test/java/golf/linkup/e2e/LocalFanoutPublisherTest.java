package golf.linkup.e2e;

import golf.linkup.engine.gateway.connections.ConnectionRegistry;
import golf.linkup.engine.gateway.fanout.FanoutPublisher;
import golf.linkup.engine.gateway.fanout.LocalDelivery;
import golf.linkup.engine.gateway.fanout.LocalFanoutPublisher;
import golf.linkup.engine.metrics.EngineMetrics;

/** The single-instance publisher meets the fan-out contract. */
class LocalFanoutPublisherTest extends FanoutPublisherContract {

    private final ConnectionRegistry registry = new ConnectionRegistry();
    private final FanoutPublisher publisher = new LocalFanoutPublisher(new LocalDelivery(registry, new EngineMetrics()));

    @Override
    protected FanoutPublisher publisher() {
        return publisher;
    }

    @Override
    protected ConnectionRegistry registry() {
        return registry;
    }
}
