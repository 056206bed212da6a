package golf.linkup.routes;

import golf.linkup.engine.events.DomainEvent;
import golf.linkup.engine.matching.MatchingService;
import org.apache.camel.builder.RouteBuilder;

/**
 * Matching (event-driven, with the batch matcher kept as a fallback):
 * <ul>
 *   <li>{@code matching-index}: every instance refreshes its index entry of the event's tee time and
 *       invalidates the cached recommendations the change can affect; own thread, event order;</li>
 *   <li>{@code match-tee-time}: on the instance the consumer group gave a {@code tee-time.created} or
 *       {@code slot.left} event, targeted matching of that tee time only;</li>
 * </ul>
 * The batch fallback (the reconciler) is the timed job {@code job-matching-reconciler}
 * ({@code golf.linkup.schedules}).
 */
public final class MatchingRoutes extends RouteBuilder {

    static final String INDEX_QUEUE = "seda:matching-index?size=100000&blockWhenFull=true&concurrentConsumers=1";
    static final String MATCH_TEE_TIME = "direct:match-tee-time";

    private final MatchingService matching;

    public MatchingRoutes(MatchingService matching) {
        this.matching = matching;
    }

    @Override
    public void configure() {
        from(INDEX_QUEUE)
                .routeId("matching-index")
                .routeConfigurationId(EventErrorHandling.INDEX_ERRORS)
                .routeDescription("refresh this instance's matching index entry; invalidate affected caches")
                // ingest-events sends only the events that can change the entry (MatchingTriggers)
                .process(exchange -> matching.refreshTeeTime(
                        exchange.getMessage().getBody(DomainEvent.class).payload().teeTimeId()));

        from(MATCH_TEE_TIME)
                .routeId("match-tee-time")
                .routeConfigurationId(EventErrorHandling.CLUSTER_EVENT_ERRORS)
                .routeDescription("targeted matching of one new or re-opened tee time")
                .process(exchange -> {
                    DomainEvent event = exchange.getMessage().getBody(DomainEvent.class);
                    matching.matchTeeTime(event.payload().teeTimeId(), MatchingService.Trigger.EVENT, event.id());
                });
    }
}
