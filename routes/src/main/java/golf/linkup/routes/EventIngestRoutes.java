package golf.linkup.routes;

import golf.linkup.engine.events.DomainEvent;
import golf.linkup.engine.events.EventParser;
import golf.linkup.engine.metrics.EngineMetrics;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.IdempotentRepository;

/**
 * {@code ingest-events}: every instance subscribes to {@code linkup:events}; each event is parsed and
 * validated, then claimed by id in Redis (SET NX with a TTL) so that of N instances exactly one
 * handles it; {@code dispatch-event} sends it to the handler of its type. Messages are consumed one
 * at a time in publish order (a single-threaded listener container, see STACK.md).
 */
public final class EventIngestRoutes extends RouteBuilder {

    private final String subscribeUri;
    private final EventParser parser;
    private final IdempotentRepository claims;
    private final EngineMetrics metrics;

    public EventIngestRoutes(String subscribeUri, EventParser parser, IdempotentRepository claims,
            EngineMetrics metrics) {
        this.subscribeUri = subscribeUri;
        this.parser = parser;
        this.claims = claims;
        this.metrics = metrics;
    }

    @Override
    public void configure() {
        from(subscribeUri)
                .routeId("ingest-events")
                .routeConfigurationId(EventErrorHandling.EVENT_ERRORS)
                .routeDescription("linkup:events → parse, validate, claim once per cluster → dispatch")
                .process(this::parse)
                .idempotentConsumer(header(ExchangeKeys.EVENT_ID))
                    .idempotentRepository(claims)
                    .skipDuplicate(false)
                    .filter(exchangeProperty(Exchange.DUPLICATE_MESSAGE).isEqualTo(true))
                        .process(exchange -> metrics.duplicateEvent())
                        .stop()
                    .end()
                    .to("direct:dispatch-event")
                .end();

        from("direct:dispatch-event")
                .routeId("dispatch-event")
                .routeConfigurationId(EventErrorHandling.EVENT_ERRORS)
                .routeDescription("by event type to its live-update handler")
                .process(exchange -> metrics.eventAccepted(exchange.getMessage().getHeader(ExchangeKeys.EVENT_TYPE,
                        String.class)))
                .toD("direct:live-${header." + ExchangeKeys.EVENT_TYPE + "}");
    }

    private void parse(Exchange exchange) {
        String raw = exchange.getMessage().getBody(String.class);
        exchange.setProperty(ExchangeKeys.RAW_EVENT, raw);
        DomainEvent event = parser.parse(raw == null ? "" : raw, EngineMetrics.nowMicros());
        exchange.getMessage().setHeader(ExchangeKeys.EVENT_ID, event.id());
        exchange.getMessage().setHeader(ExchangeKeys.EVENT_TYPE, event.type().wireName());
        exchange.getMessage().setBody(event);
    }
}
