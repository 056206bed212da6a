package golf.linkup.routes;

import golf.linkup.engine.gateway.fanout.LocalDelivery;
import golf.linkup.engine.gateway.fanout.RoomSequencer;
import golf.linkup.engine.liveupdates.LiveUpdateHandler;
import java.util.List;
import org.apache.camel.builder.RouteBuilder;

/**
 * One route per event type, {@code live-<type>}: the type's handler turns the event into envelopes,
 * the {@link RoomSequencer} gives their messages ids and room offsets, and this instance delivers
 * them to its own connections, in order. Route ids name the type
 * ({@code live-tee-time-created}, {@code live-message-sent}, ...) so operators see where events go.
 */
public final class LiveUpdateRoutes extends RouteBuilder {

    private final List<LiveUpdateHandler> handlers;
    private final RoomSequencer sequencer;
    private final LocalDelivery delivery;

    public LiveUpdateRoutes(List<LiveUpdateHandler> handlers, RoomSequencer sequencer, LocalDelivery delivery) {
        this.handlers = handlers;
        this.sequencer = sequencer;
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
                    // ids and per-room offsets from the shared room history (same on every instance)
                    .process(exchange -> exchange.getMessage().setBody(sequencer.sequence(
                            exchange.getMessage().getHeader(ExchangeKeys.EVENT_ID, String.class),
                            exchange.getMessage().getBody(List.class))))
                    .split(body()).stopOnException()
                        .bean(delivery, "deliverSequenced")
                    .end();
        }
    }
}
