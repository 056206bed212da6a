package golf.linkup.routes;

import golf.linkup.engine.gateway.fanout.FanoutCodec;
import golf.linkup.engine.gateway.fanout.LocalDelivery;
import org.apache.camel.builder.RouteBuilder;

/**
 * {@code fanout-deliver}: messages that start on one instance but are for clients anywhere (a
 * notification to a user, presence) are PUBLISHed to the fan-out channel by
 * {@code RedisFanoutPublisher}; every instance delivers them to its own connections, in publish
 * order (single-threaded container).
 */
public final class FanoutRoutes extends RouteBuilder {

    private final String subscribeUri;
    private final LocalDelivery delivery;

    public FanoutRoutes(String subscribeUri, LocalDelivery delivery) {
        this.subscribeUri = subscribeUri;
        this.delivery = delivery;
    }

    @Override
    public void configure() {
        from(subscribeUri)
                .routeId("fanout-deliver")
                .routeConfigurationId(EventErrorHandling.FANOUT_ERRORS)
                .routeDescription("linkup:fanout → this instance's WebSocket connections")
                .process(exchange -> delivery.deliver(FanoutCodec.decode(exchange.getMessage().getBody(String.class))));
    }
}
