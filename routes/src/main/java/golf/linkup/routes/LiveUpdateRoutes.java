package golf.linkup.routes;

import golf.linkup.engine.gateway.fanout.LocalDelivery;
import golf.linkup.engine.liveupdates.LiveUpdateHandler;
import java.util.List;
import golf.linkup.engine.admin.inspector.DeliveryLedger;
import golf.linkup.engine.gateway.fanout.FanoutEnvelope;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * One route per event type, {@code live-<type>}: the type's handler turns the event into envelopes
 * that this instance delivers to its own connections, in order. Route ids name the type
 * ({@code live-tee-time-created}, {@code live-message-sent}, ...) so operators see where events go.
 */
public final class LiveUpdateRoutes extends RouteBuilder {

    private final List<LiveUpdateHandler> handlers;
    private final LocalDelivery delivery;
    private final DeliveryLedger ledger;

    public LiveUpdateRoutes(List<LiveUpdateHandler> handlers, LocalDelivery delivery) {
        this(handlers, delivery, null);
    }

    /** @param ledger told what each envelope reached (the console's inspector); null for none */
    public LiveUpdateRoutes(List<LiveUpdateHandler> handlers, LocalDelivery delivery, DeliveryLedger ledger) {
        this.handlers = handlers;
        this.delivery = delivery;
        this.ledger = ledger;
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
                        .process(this::deliver)
                    .end();
        }
    }

    private void deliver(Exchange exchange) {
        FanoutEnvelope envelope = exchange.getMessage().getBody(FanoutEnvelope.class);
        int reached = delivery.deliver(envelope);
        if (ledger != null) {
            ledger.record(exchange.getMessage().getHeader(ExchangeKeys.EVENT_ID, String.class),
                    DeliveryLedger.messageType(envelope.payload()), envelope.rooms(), reached);
        }
    }
}
