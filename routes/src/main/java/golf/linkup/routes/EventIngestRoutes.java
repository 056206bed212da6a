package golf.linkup.routes;

import golf.linkup.engine.booking.BookingTriggers;
import golf.linkup.engine.events.DomainEvent;
import golf.linkup.engine.events.EventType;
import golf.linkup.engine.matching.MatchingTriggers;
import golf.linkup.engine.metrics.EngineMetrics;
import golf.linkup.intake.DeliveriesExhaustedException;
import golf.linkup.intake.EventStreamEndpoint;
import golf.linkup.intake.GroupStreamReader;
import golf.linkup.intake.ParsedEntries;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.ChoiceDefinition;
import org.apache.camel.spi.IdempotentRepository;

/**
 * How a domain event comes in and flows through one instance. Publishers append events to a Redis
 * Stream; nothing appended is lost while instances are down, restarting or cut off from Redis.
 *
 * <ul>
 *   <li>{@code ingest-events} (every instance): reads the whole stream in order
 *       ({@link golf.linkup.intake.LiveStreamReader}); each event is parsed and validated, ids this
 *       instance already saw are dropped, and its live updates go to this instance's own sockets
 *       ({@code live-<type>}), through room history, so per-room order and offsets are the stream's
 *       everywhere. Invalid events are skipped here (the group dead-letters them once).</li>
 *   <li>{@code matching-index} (every instance, own thread, event order): the tee time's entry in
 *       this instance's matching indexes is refreshed, for the events that can change it.</li>
 *   <li>{@code cluster-events} (one consumer group for the cluster): each entry goes to one
 *       instance, which dead-letters it if invalid, or does its once-per-cluster work (waitlist
 *       promotion, targeted matching, notifications) and then acknowledges it. An instance that
 *       dies holding entries leaves them pending; another takes them over. Work is skipped for an
 *       event id already done (a publisher's duplicate), and every step is idempotent, so an entry
 *       handled twice has its effects once.</li>
 *   <li>{@code bridge-legacy-events}: publishers that still {@code PUBLISH} on the pub/sub channel
 *       (at most once: nobody hears a PUBLISH while every instance is down) are appended to the
 *       stream by one instance (a Redis claim on the payload's hash).</li>
 * </ul>
 */
public final class EventIngestRoutes extends RouteBuilder {

    public static final String INGEST_EVENTS = "ingest-events";
    public static final String CLUSTER_EVENTS = "cluster-events";
    public static final String CLUSTER_ONCE = "direct:cluster-once";

    private final Endpoint liveStream;
    private final Endpoint groupStream;
    private final Endpoint appendStream;
    private final Optional<String> legacySubscribeUri;
    private final GroupStreamReader group;
    private final int maxDeliveries;
    private final ParsedEntries parser;
    private final IdempotentRepository seenHere;
    private final IdempotentRepository doneInCluster;
    private final IdempotentRepository legacyBridged;
    private final EngineMetrics metrics;

    /**
     * @param seenHere      this instance's memory of recent event ids (publishers' duplicates)
     * @param doneInCluster event ids whose once-per-cluster work is done (Redis, added after the work)
     * @param legacyBridged claims on legacy payloads (Redis): one instance appends each
     */
    public EventIngestRoutes(Endpoint liveStream, Endpoint groupStream, Endpoint appendStream,
            Optional<String> legacySubscribeUri, GroupStreamReader group, int maxDeliveries, ParsedEntries parser,
            IdempotentRepository seenHere, IdempotentRepository doneInCluster, IdempotentRepository legacyBridged,
            EngineMetrics metrics) {
        this.liveStream = liveStream;
        this.groupStream = groupStream;
        this.appendStream = appendStream;
        this.legacySubscribeUri = legacySubscribeUri;
        this.group = group;
        this.maxDeliveries = maxDeliveries;
        this.parser = parser;
        this.seenHere = seenHere;
        this.doneInCluster = doneInCluster;
        this.legacyBridged = legacyBridged;
        this.metrics = metrics;
    }

    @Override
    public void configure() {
        ChoiceDefinition byType = from(liveStream)
                .routeId(INGEST_EVENTS)
                .routeConfigurationId(EventErrorHandling.INGEST_ERRORS)
                .routeDescription("event stream → parse, validate, drop duplicates → live updates to this instance's sockets")
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
                    // each type to its own live route, direct:live-<type> (a fixed endpoint per type: a
                    // dynamic toD would evaluate and normalize its URI for every event)
                    .choice();
        for (EventType type : EventType.values()) {
            byType.when(exchange -> event(exchange).type() == type).to("direct:live-" + type.wireName());
        }
        byType.end() // leaves the event as the body
                    // a queue hand-off: only events that can change a matching entry take it
                    .filter(exchange -> MatchingTriggers.refreshAfter(event(exchange)))
                        .to(MatchingRoutes.INDEX_QUEUE)
                    .end()
                .end();

        from(groupStream)
                .routeId(CLUSTER_EVENTS)
                .routeConfigurationId(EventErrorHandling.CLUSTER_INTAKE_ERRORS)
                .routeDescription("consumer group: each entry on one instance → dead letter, or waitlist, matching,"
                        + " notifications → acknowledged")
                .process(this::parse)
                .process(this::refuseExhausted)
                .filter(exchange -> hasClusterWork(event(exchange)))
                    .idempotentConsumer(header(ExchangeKeys.EVENT_ID))
                        .idempotentRepository(doneInCluster)
                        .eager(false) // remembered once the work succeeded, not when it starts
                        .skipDuplicate(false)
                        .filter(exchangeProperty(Exchange.DUPLICATE_MESSAGE).isEqualTo(true))
                            .process(exchange -> metrics.duplicateEvent())
                            .stop()
                        .end()
                        .process(exchange -> metrics.eventClaimed(
                                exchange.getMessage().getHeader(ExchangeKeys.EVENT_TYPE, String.class)))
                        .to(CLUSTER_ONCE)
                    .end()
                .end();

        from(CLUSTER_ONCE)
                .routeId("cluster-once")
                .routeConfigurationId(EventErrorHandling.CLUSTER_EVENT_ERRORS)
                .routeDescription("effects that happen once per cluster: waitlist, targeted matching and notifications")
                // each step gets its own copy of the event, one after the other: booking first, so a slot
                // that opened goes to the waitlist before matching tells others of it; a step that fails
                // does not stop the others, and the entry then stays pending (every step is idempotent)
                .multicast()
                    .filter(exchange -> BookingTriggers.reconcileAfter(event(exchange)))
                        .to(BookingRoutes.BOOKING_EVENT)
                    .end()
                    .filter(header(ExchangeKeys.EVENT_TYPE).in(MATCHED.toArray()))
                        .to(MatchingRoutes.MATCH_TEE_TIME)
                    .end()
                    .filter(header(ExchangeKeys.EVENT_TYPE).in(NOTIFIED.toArray()))
                        .to(NotifyRoutes.NOTIFY_EVENT)
                    .end()
                .end();

        legacySubscribeUri.ifPresent(uri -> from(uri)
                .routeId("bridge-legacy-events")
                .routeConfigurationId(EventErrorHandling.FANOUT_ERRORS)
                .routeDescription("legacy PUBLISH on the events channel (at most once) → appended to the stream by one"
                        + " instance")
                .process(exchange -> exchange.getMessage().setHeader(LEGACY_KEY,
                        "legacy:" + sha256(exchange.getMessage().getBody(String.class))))
                .idempotentConsumer(header(LEGACY_KEY))
                    .idempotentRepository(legacyBridged)
                    .to(appendStream)
                .end());
    }

    private static final String LEGACY_KEY = "linkupLegacyKey";

    /** Event types whose tee time is matched once per cluster (new, or a slot opened). */
    static final Set<String> MATCHED = Set.of("tee-time.created", "slot.left");
    /** Event types that notify players once per cluster. */
    static final Set<String> NOTIFIED = Set.of("slot.joined", "slot.left", "tee-time.cancelled");

    /**
     * True when {@code cluster-once} would do something with the event. The others (chat, a tee-time
     * update that changes nothing bookings depend on) are acknowledged at once: their only work is
     * the live fan-out every instance does.
     */
    static boolean hasClusterWork(DomainEvent event) {
        String type = event.type().wireName();
        return BookingTriggers.reconcileAfter(event) || MATCHED.contains(type) || NOTIFIED.contains(type);
    }

    private static DomainEvent event(Exchange exchange) {
        return exchange.getProperty(ExchangeKeys.EVENT, DomainEvent.class);
    }

    /** An entry the group keeps handing out without success is dead-lettered, so it cannot block the group. */
    private void refuseExhausted(Exchange exchange) {
        long deliveries = exchange.getMessage().getHeader(EventStreamEndpoint.DELIVERIES, 1L, Long.class);
        if (deliveries > maxDeliveries) {
            String entryId = exchange.getMessage().getHeader(EventStreamEndpoint.ENTRY_ID, String.class);
            exchange.setProperty(ExchangeKeys.RAW_EVENT, exchange.getMessage().getBody(String.class));
            throw new DeliveriesExhaustedException(entryId, deliveries, group.lastFailure(entryId).orElse(null));
        }
    }

    private void parse(Exchange exchange) {
        String raw = exchange.getMessage().getBody(String.class);
        exchange.setProperty(ExchangeKeys.RAW_EVENT, raw);
        DomainEvent event = parser.parse(exchange.getMessage().getHeader(EventStreamEndpoint.ENTRY_ID, String.class),
                raw, EngineMetrics.nowMicros());
        exchange.getMessage().setHeader(ExchangeKeys.EVENT_ID, event.id());
        exchange.getMessage().setHeader(ExchangeKeys.EVENT_TYPE, event.type().wireName());
        exchange.setProperty(ExchangeKeys.EVENT, event);
        exchange.getMessage().setBody(event);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest((text == null ? "" : text).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
