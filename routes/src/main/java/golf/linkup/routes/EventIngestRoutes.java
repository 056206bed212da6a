package golf.linkup.routes;

import golf.linkup.engine.booking.BookingTriggers;
import golf.linkup.engine.events.DomainEvent;
import golf.linkup.engine.events.EventParser;
import golf.linkup.engine.matching.MatchingTriggers;
import golf.linkup.engine.metrics.EngineMetrics;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.IdempotentRepository;

/**
 * How a domain event flows through one instance.
 *
 * <ul>
 *   <li>{@code ingest-events}: every instance subscribes to {@code linkup:events} and reads events
 *       one at a time in publish order (Redis delivers a channel to every subscriber in the same
 *       order). Each event is parsed and validated, duplicates of an id this instance already saw
 *       are dropped, then its live updates go to this instance's own sockets
 *       ({@code live-<type>}) — so per-room order is the publish order on every instance.</li>
 *   <li>{@code matching-index} (every instance, own thread, event order): the tee time's entry in
 *       this instance's matching indexes is refreshed from the database, for the events that can
 *       change it ({@code MatchingTriggers}).</li>
 *   <li>{@code claim-event}: effects that must happen once per cluster (dead letters, waitlist
 *       promotion, targeted matching of new and re-opened tee times, notifications) go through a
 *       Redis claim on the event id (SET NX with a TTL): of N instances exactly one wins. It runs
 *       behind an in-memory queue on its own thread, so the ordered ingest thread never waits for
 *       Redis. Events without such effects ({@link #hasClusterWork}) are not claimed.</li>
 * </ul>
 * Why not claim first and fan out through Redis? Then consecutive events can be claimed by
 * different instances and their fan-outs overtake each other; a test with two instances saw
 * message 7 arrive before message 6. See docs/architecture.md.
 */
public final class EventIngestRoutes extends RouteBuilder {

    public static final String CLUSTER_ONCE = "direct:cluster-once";
    /**
     * The claim is a Redis round trip; it runs on its own thread (in event order) so live fan-out
     * never waits for it. If this instance dies with events queued here, nothing is lost: every
     * instance tries to claim every event, so another one wins those claims.
     */
    static final String CLAIM_QUEUE = "seda:claim-event?size=100000&blockWhenFull=true&concurrentConsumers=1";

    private final String subscribeUri;
    private final EventParser parser;
    private final IdempotentRepository seenHere;
    private final IdempotentRepository clusterClaims;
    private final EngineMetrics metrics;

    /**
     * @param seenHere      this instance's memory of recent event ids (duplicates from publishers)
     * @param clusterClaims Redis-backed claims shared by every instance
     */
    public EventIngestRoutes(String subscribeUri, EventParser parser, IdempotentRepository seenHere,
            IdempotentRepository clusterClaims, EngineMetrics metrics) {
        this.subscribeUri = subscribeUri;
        this.parser = parser;
        this.seenHere = seenHere;
        this.clusterClaims = clusterClaims;
        this.metrics = metrics;
    }

    @Override
    public void configure() {
        from(subscribeUri)
                .routeId("ingest-events")
                .routeConfigurationId(EventErrorHandling.EVENT_ERRORS)
                .routeDescription("linkup:events → parse, validate, drop duplicates → live updates here → claim")
                .process(this::parse)
                .idempotentConsumer(header(ExchangeKeys.EVENT_ID))
                    .idempotentRepository(seenHere)
                    .skipDuplicate(false)
                    .filter(exchangeProperty(Exchange.DUPLICATE_MESSAGE).isEqualTo(true))
                        .process(exchange -> metrics.duplicateEvent())
                        .stop()
                    .end()
                    .process(exchange -> metrics.eventAccepted(
                            exchange.getMessage().getHeader(ExchangeKeys.EVENT_TYPE, String.class)))
                    .toD("direct:live-${header." + ExchangeKeys.EVENT_TYPE + "}")
                    .setBody(exchangeProperty(ExchangeKeys.EVENT)) // the live route left its envelopes there
                    // each hop below is a queue hand-off (and the claim a Redis round trip): only
                    // events with work there take it
                    .filter(exchange -> MatchingTriggers.refreshAfter(event(exchange)))
                        .to(MatchingRoutes.INDEX_QUEUE)
                    .end()
                    .filter(exchange -> hasClusterWork(event(exchange)))
                        .to(CLAIM_QUEUE)
                    .end()
                .end();

        from(CLAIM_QUEUE)
                .routeId("claim-event")
                .routeConfigurationId(EventErrorHandling.EVENT_ERRORS)
                .routeDescription("Redis claim on the event id: exactly one instance goes on")
                .idempotentConsumer(header(ExchangeKeys.EVENT_ID))
                    .idempotentRepository(clusterClaims)
                    .skipDuplicate(false)
                    .filter(exchangeProperty(Exchange.DUPLICATE_MESSAGE).isEqualTo(true))
                        .stop()
                    .end()
                    .process(exchange -> metrics.eventClaimed(
                            exchange.getMessage().getHeader(ExchangeKeys.EVENT_TYPE, String.class)))
                    .to(CLUSTER_ONCE)
                .end();

        from(CLUSTER_ONCE)
                .routeId("cluster-once")
                .routeConfigurationId(EventErrorHandling.EVENT_ERRORS)
                .routeDescription("effects that happen once per cluster: waitlist, targeted matching and notifications")
                // booking first: a slot that opened goes to the waitlist before matching tells others of it
                .choice()
                    .when(exchange -> BookingTriggers.reconcileAfter(event(exchange)))
                        .to(BookingRoutes.BOOKING_EVENT)
                .end()
                .setBody(exchangeProperty(ExchangeKeys.EVENT))
                .choice()
                    .when(header(ExchangeKeys.EVENT_TYPE).in(MATCHED.toArray()))
                        .to(MatchingRoutes.MATCH_TEE_TIME)
                .end()
                .setBody(exchangeProperty(ExchangeKeys.EVENT))
                .choice()
                    .when(header(ExchangeKeys.EVENT_TYPE).in(NOTIFIED.toArray()))
                        .to(NotificationRoutes.NOTIFY_EVENT)
                .end();
    }

    /** Event types whose tee time is matched once per cluster (new, or a slot opened). */
    static final Set<String> MATCHED = Set.of("tee-time.created", "slot.left");
    /** Event types that notify players once per cluster. */
    static final Set<String> NOTIFIED = Set.of("slot.joined", "slot.left", "tee-time.cancelled");

    /**
     * True when {@code cluster-once} would do something with the event. The others skip the claim:
     * a tee-time update that changes nothing bookings depend on, or chat (its only work is the live
     * fan-out every instance does) would cost a Redis round trip and decide nothing.
     */
    static boolean hasClusterWork(DomainEvent event) {
        String type = event.type().wireName();
        return BookingTriggers.reconcileAfter(event) || MATCHED.contains(type) || NOTIFIED.contains(type);
    }

    private static DomainEvent event(Exchange exchange) {
        return exchange.getProperty(ExchangeKeys.EVENT, DomainEvent.class);
    }

    private void parse(Exchange exchange) {
        String raw = exchange.getMessage().getBody(String.class);
        exchange.setProperty(ExchangeKeys.RAW_EVENT, raw);
        DomainEvent event = parser.parse(raw == null ? "" : raw, EngineMetrics.nowMicros());
        exchange.getMessage().setHeader(ExchangeKeys.EVENT_ID, event.id());
        exchange.getMessage().setHeader(ExchangeKeys.EVENT_TYPE, event.type().wireName());
        exchange.setProperty(ExchangeKeys.EVENT, event);
        exchange.getMessage().setBody(event);
    }
}
