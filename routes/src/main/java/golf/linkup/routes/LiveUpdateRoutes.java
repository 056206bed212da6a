package golf.linkup.routes;

import golf.linkup.engine.gateway.fanout.LocalDelivery;
import golf.linkup.engine.liveupdates.LiveUpdateHandler;
import java.util.List;
import org.apache.camel.builder.RouteBuilder;

/**
 * One route per event type, {@code live-<type>}: the type's handler turns the event into envelopes
 * that this instance delivers to its own connections, in order. Route ids name the type
 * ({@code live-tee-time-created}, {@code live-message-sent}, ...) so operators see where events go.
 */
public final class LiveUpdateRoutes extends RouteBuilder {

    private final List<LiveUpdateHandler> handlers;
    private final LocalDelivery delivery;

    public LiveUpdateRoutes(List<LiveUpdateHandler> handlers, LocalDelivery delivery) {
        this.handlers = handlers;
        this.delivery = delivery;
    }

    @Override
    public void configure() {
        for (LiveUpdateHandler handler : handlers) {
            String type = handler.type().wireName();
            from("direct:live-" + type)
                    .routeId("live-" + type.replace('.', '-'))
                    .routeConfigurationId(EventErrorHandling.EVENT_ERRORS)
                    .routeDescription(type + " → client messages → this instance's sockets")
                    .bean(handler, "handle")
                    .split(body()).stopOnException()
                        .bean(delivery, "deliver")
                    .end();
        }
    }
}
