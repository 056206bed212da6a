package golf.linkup.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import golf.linkup.e2e.SharedRedis;
import golf.linkup.engine.events.EventParser;
import golf.linkup.engine.storage.DeadLetter;
import golf.linkup.engine.storage.StorageException;
import golf.linkup.intake.EventStreamEndpoint;
import golf.linkup.intake.GroupStreamReader;
import golf.linkup.intake.IntakeReaders;
import golf.linkup.intake.LiveCursor;
import golf.linkup.intake.LiveStreamReader;
import golf.linkup.intake.ParsedEntries;
import golf.linkup.intake.RedisEventStream;
import golf.linkup.redis.RedisConnections;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.component.redis.processor.idempotent.SpringRedisStringIdempotentRepository;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The intake routes on a real Redis stream (the live reader and the consumer group), with dead
 * letters on H2: which route each event type reaches, duplicates, invalid events, a database
 * failure on either path, and an entry handed out too often. The routes that do the work
 * ({@code live-<type>}, {@code booking-event}, {@code match-tee-time}, {@code notify-event},
 * {@code matching-index}) stand in at their entry points, with the error handling they have in the
 * engine, and record what reached them.
 */
class EventIngestRoutesTest extends RouteTestSupport {

    private static final String MEMBER = "member-1";
    /** One delivery is allowed: an entry handed out a second time is dead-lettered. */
    private static final int MAX_DELIVERIES = 1;

    private final String key = "test:routes:" + UUID.randomUUID();
    private final RedisConnections redis = new RedisConnections(SharedRedis.uri());
    private final RedisEventStream stream = new RedisEventStream(redis, key, "engines");
    /** The order in which the once-per-cluster steps were reached, as "step:eventId". */
    private final List<String> clusterSteps = new CopyOnWriteArrayList<>();
    private GroupStreamReader group;
    private LiveStreamReader live;

    EventIngestRoutesTest() {
        super(false);
    }

    @Override
    protected RoutesBuilder[] routes() {
        group = new GroupStreamReader(stream, MEMBER, 64, Duration.ofMillis(200), Duration.ofMillis(600),
                Clock.systemUTC());
        live = new LiveStreamReader(stream, new LiveCursor(stream), 64, Duration.ofMillis(200));
        var readers = new IntakeReaders(Clock.systemUTC(), Duration.ofSeconds(6));
        var doneInCluster = new SpringRedisStringIdempotentRepository(redis.template(), key + ":done");
        return new RoutesBuilder[] {
            new EventIngestRoutes(EventStreamEndpoint.live(context, stream, live, readers),
                    EventStreamEndpoint.group(context, stream, group, readers),
                    EventStreamEndpoint.appender(context, stream), Optional.empty(), group, MAX_DELIVERIES,
                    new ParsedEntries(new EventParser(), 64), MemoryIdempotentRepository.memoryIdempotentRepository(100),
                    doneInCluster, MemoryIdempotentRepository.memoryIdempotentRepository(100), metrics),
            new RouteBuilder() {
                @Override
                public void configure() {
                    for (String type : List.of("tee-time.created", "tee-time.updated", "tee-time.cancelled",
                            "slot.joined", "slot.left", "message.sent")) {
                        from("direct:live-" + type).routeId("live-" + type.replace('.', '-'))
                                .routeConfigurationId(EventErrorHandling.EVENT_ERRORS)
                                .to("mock:live-" + type);
                    }
                    from(MatchingRoutes.INDEX_QUEUE).routeId("matching-index")
                            .routeConfigurationId(EventErrorHandling.INDEX_ERRORS).to("mock:matching-index");
                    from(BookingRoutes.BOOKING_EVENT).routeId("booking-event")
                            .routeConfigurationId(EventErrorHandling.BOOKING_EVENT_ERRORS)
                            .process(e -> clusterSteps.add("booking:" + e.getMessage().getHeader(ExchangeKeys.EVENT_ID)))
                            .to("mock:booking-event");
                    from(MatchingRoutes.MATCH_TEE_TIME).routeId("match-tee-time")
                            .routeConfigurationId(EventErrorHandling.CLUSTER_EVENT_ERRORS)
                            .process(e -> clusterSteps.add("matching:" + e.getMessage().getHeader(ExchangeKeys.EVENT_ID)))
                            .to("mock:match-tee-time");
                    from(NotifyRoutes.NOTIFY_EVENT).routeId("notify-event")
                            .routeConfigurationId(EventErrorHandling.CLUSTER_EVENT_ERRORS)
                            .process(e -> clusterSteps.add("notify:" + e.getMessage().getHeader(ExchangeKeys.EVENT_ID)))
                            .to("mock:notify-event");
                }
            }
        };
    }

    @BeforeEach
    void awaitTheReaders() {
        // the live reader starts after the newest entry when the group existed before it: append only
        // once it has opened, and the group exists
        await().atMost(Duration.ofSeconds(10)).until(() -> live.position() != null && stream.groupState().isPresent());
    }

    @AfterEach
    void cleanUp() throws Exception {
        context.stop(); // the readers first, then their stream
        redis.withJedis(j -> j.del(key, key + ":sequenced", key + ":failures"));
        redis.close();
    }

    @Test
    void everyInstanceDeliversEachEventToItsTypesLiveRouteOnceAndOnlyIndexChangingEventsReachTheMatchingIndex()
            throws Exception {
        MockEndpoint chat = getMockEndpoint("mock:live-message.sent");
        MockEndpoint cancelled = getMockEndpoint("mock:live-tee-time.cancelled");
        MockEndpoint index = getMockEndpoint("mock:matching-index");
        chat.expectedMessageCount(2);
        index.expectedMessageCount(1);

        stream.append(event("e-chat", "message.sent", """
                {"teeTimeId":"tt-1","message":{"id":"m-1","senderId":"u-2","body":"hi","sentAt":"2026-06-01T12:00:01Z"}}"""));
        stream.append(event("e-cancel", "tee-time.cancelled", "{\"teeTimeId\":\"tt-1\"}"));
        stream.append(event("e-cancel", "tee-time.cancelled", "{\"teeTimeId\":\"tt-1\"}")); // the publisher's retry
        stream.append(event("e-chat-2", "message.sent", """
                {"teeTimeId":"tt-1","message":{"id":"m-2","senderId":"u-2","body":"ok","sentAt":"2026-06-01T12:00:02Z"}}"""));

        MockEndpoint.assertIsSatisfied(context, 10, java.util.concurrent.TimeUnit.SECONDS);
        // the second chat message came after the retried event: by now the duplicate was dropped
        assertThat(cancelled.getReceivedCounter()).as("the publisher's duplicate is delivered once").isEqualTo(1);
        // the index hand-off is in stream order: the chat message came first and did not take it
        assertThat(index.getExchanges()).extracting(e -> e.getMessage().getHeader(ExchangeKeys.EVENT_ID))
                .containsExactly("e-cancel");
        assertThat(cancelled.getExchanges().get(0).getMessage().getBody())
                .as("the live route gets the parsed event").isInstanceOf(golf.linkup.engine.events.DomainEvent.class);
    }

    @Test
    void eachEventTypeGetsItsOncePerClusterWorkBookingFirstAndIsAcknowledged() {
        stream.append(event("e-left", "slot.left", "{\"teeTimeId\":\"tt-1\",\"slotNumber\":2,\"userId\":\"u-2\"}"));
        stream.append(event("e-joined", "slot.joined", "{\"teeTimeId\":\"tt-1\",\"slotNumber\":2,\"userId\":\"u-3\"}"));
        stream.append(event("e-created", "tee-time.created", "{\"teeTimeId\":\"tt-2\"}"));
        String last = stream.append(event("e-chat", "message.sent", """
                {"teeTimeId":"tt-1","message":{"id":"m-1","senderId":"u-2","body":"hi","sentAt":"2026-06-01T12:00:01Z"}}"""));

        // every entry, the last one included, handed out and acknowledged
        await().atMost(Duration.ofSeconds(10)).until(() -> stream.groupState()
                .filter(g -> last.equals(g.lastDeliveredId()) && g.pending() == 0).isPresent());
        assertThat(clusterSteps).containsExactly(
                "booking:e-left", "matching:e-left", "notify:e-left", // a slot opened: waitlist before others hear
                "notify:e-joined",
                "matching:e-created");
        assertThat(deadLetters.count()).isZero();
    }

    @Test
    void anInvalidEventIsSkippedByTheLiveRouteAndDeadLetteredOnceByTheGroupWithItsReasonThenAcknowledged() {
        String entry = stream.append("{\"id\":\"e-bad\",\"type\":\"slot.joined\",\"occurredAt\":\"2026-06-01T12:00:00Z\","
                + "\"data\":{\"teeTimeId\":\"tt-1\"}}");

        await().atMost(Duration.ofSeconds(10)).until(() -> deadLetters.count() == 1);
        DeadLetter letter = deadLetters.recent(1).get(0);
        assertThat(letter.reasonCode()).isEqualTo("MISSING_FIELD");
        assertThat(letter.reason()).contains("slotNumber");
        assertThat(letter.eventId()).isEqualTo("e-bad");
        assertThat(letter.payload()).contains("\"e-bad\"");
        await().atMost(Duration.ofSeconds(10)).until(() -> stream.groupState().orElseThrow().pending() == 0);
        assertThat(group.lastFailure(entry)).isEmpty();
        assertThat(clusterSteps).isEmpty();
        assertThat(getMockEndpoint("mock:live-slot.joined").getReceivedCounter()).isZero();
        assertThat(deadLetters.count()).as("the live path records nothing of its own").isEqualTo(1);
    }

    @Test
    void aDatabaseFailureInBookingIsRetriedThreeTimesTheOtherWorkStillRunsAndTheEntryIsDeadLetteredOnceHandedOutTooOften()
            throws Exception {
        MockEndpoint booking = failingWithTheDatabaseAway("mock:booking-event");

        stream.append(event("e-left", "slot.left",
                "{\"teeTimeId\":\"tt-1\",\"slotNumber\":2,\"userId\":\"u-2\"}"));

        booking.assertIsSatisfied(10_000);
        // the failure did not stop matching or notifications
        await().atMost(Duration.ofSeconds(10)).until(() -> clusterSteps.contains("notify:e-left"));
        assertThat(clusterSteps).containsSubsequence("booking:e-left", "matching:e-left", "notify:e-left");
        assertThat(metrics.meterRegistry().counter("linkup.booking.event_failures").count()).isEqualTo(1);

        // not acknowledged, so handed out again, past max deliveries: dead-lettered with the reason of the
        // last failure (kept by the group meanwhile) and acknowledged
        await().atMost(Duration.ofSeconds(15)).until(() -> deadLetters.count() == 1);
        DeadLetter letter = deadLetters.recent(1).get(0);
        assertThat(letter.reasonCode()).isEqualTo("DELIVERIES_EXHAUSTED");
        assertThat(letter.reason()).contains("delivered 2 times").contains("connection refused");
        assertThat(letter.eventId()).isEqualTo("e-left");
        await().atMost(Duration.ofSeconds(10)).until(() -> stream.groupState().orElseThrow().pending() == 0);
        assertThat(booking.getReceivedCounter()).as("no further attempt once exhausted").isEqualTo(4);
    }

    @Test
    void aDatabaseFailureOnTheLivePathIsRetriedThreeTimesThenRecordedAsThisInstancesDeadLetterAndTheReaderGoesOn()
            throws Exception {
        failingWithTheDatabaseAway("mock:live-tee-time.updated");
        MockEndpoint chat = getMockEndpoint("mock:live-message.sent");
        chat.expectedMessageCount(1);

        stream.append(event("e-upd", "tee-time.updated", "{\"teeTimeId\":\"tt-1\",\"changes\":{\"note\":\"bring balls\"}}"));
        stream.append(event("e-chat", "message.sent", """
                {"teeTimeId":"tt-1","message":{"id":"m-1","senderId":"u-2","body":"hi","sentAt":"2026-06-01T12:00:01Z"}}"""));

        MockEndpoint.assertIsSatisfied(context, 10, java.util.concurrent.TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> deadLetters.count() == 1);
        DeadLetter letter = deadLetters.recent(1).get(0);
        assertThat(letter.reasonCode()).isEqualTo("STORAGE_FAILED");
        assertThat(letter.reason()).contains("connection refused");
        assertThat(letter.source()).isEqualTo("test@instance-a");
        assertThat(letter.eventId()).isEqualTo("e-upd");
    }

    /** A step whose database is away: every attempt fails; expects the attempt and 3 retries. */
    private MockEndpoint failingWithTheDatabaseAway(String step) {
        MockEndpoint mock = getMockEndpoint(step);
        mock.whenAnyExchangeReceived(e -> {
            throw new StorageException("read tee time tt-1", new java.sql.SQLException("connection refused"));
        });
        mock.expectedMessageCount(4);
        return mock;
    }

    private static String event(String id, String type, String data) {
        return "{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"occurredAt\":\"2026-06-01T12:00:00Z\",\"data\":"
                + data + "}";
    }
}
