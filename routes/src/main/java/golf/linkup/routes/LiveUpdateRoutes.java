package golf.linkup.routes;

import golf.linkup.engine.events.DomainEvent;
import golf.linkup.engine.gateway.fanout.OrderedRoomDelivery;
import golf.linkup.engine.liveupdates.LiveUpdateHandler;
import golf.linkup.intake.EventStreamEndpoint;
import java.util.List;
import org.apache.camel.builder.RouteBuilder;

/**
 * One route per event type, {@code live-<type>}: the type's handler turns the event into envelopes
 * and queues them, in event order, on the {@link OrderedRoomDelivery}, which gives their messages
 * ids and room offsets and delivers them to this instance's own connections, in that order. Route ids name the type
 * ({@code live-tee-time-created}, {@code live-message-sent}, ...) so operators see where events go.
 */
public final class LiveUpdateRoutes extends RouteBuilder {

    private final List<LiveUpdateHandler> handlers;
    private final OrderedRoomDelivery delivery;

    public LiveUpdateRoutes(List<LiveUpdateHandler> handlers, OrderedRoomDelivery delivery) {
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
                    // a processor, not .bean(): bean binding resolves the method's parameters per
                    // exchange, a cost every event on every instance pays. The envelopes are queued in
                    // event order (ids, room offsets from Redis and delivery on the delivery thread; the
                    // stream position is told to the live cursor once the messages are in history); the
                    // body stays the event, which ingest-events hands on to the matching index
                    .process(exchange -> delivery.submit(
                            exchange.getMessage().getHeader(ExchangeKeys.EVENT_ID, String.class),
                            handler.handle(exchange.getMessage().getBody(DomainEvent.class)),
                            exchange.getMessage().getHeader(EventStreamEndpoint.ENTRY_ID, String.class)));
        }
    }
}
