package golf.linkup.routes;

import golf.linkup.engine.gateway.fanout.FanoutPublisher;
import golf.linkup.engine.liveupdates.LiveUpdateHandler;
import java.util.List;
import org.apache.camel.builder.RouteBuilder;

/**
 * One route per event type, {@code live-<type>}: the type's handler turns the event into fan-out
 * envelopes, published in order to every instance. Route ids name the type
 * ({@code live-tee-time-created}, {@code live-message-sent}, ...) so operators see where events go.
 */
public final class LiveUpdateRoutes extends RouteBuilder {

    private final List<LiveUpdateHandler> handlers;
    private final FanoutPublisher publisher;

    public LiveUpdateRoutes(List<LiveUpdateHandler> handlers, FanoutPublisher publisher) {
        this.handlers = handlers;
        this.publisher = publisher;
    }

    @Override
    public void configure() {
        for (LiveUpdateHandler handler : handlers) {
            String type = handler.type().wireName();
            from("direct:live-" + type)
                    .routeId("live-" + type.replace('.', '-'))
                    .routeConfigurationId(EventErrorHandling.EVENT_ERRORS)
                    .routeDescription(type + " → client messages → fan-out")
                    .bean(handler, "handle")
                    .split(body()).stopOnException()
                        .bean(publisher, "publish")
                    .end();
        }
    }
}
