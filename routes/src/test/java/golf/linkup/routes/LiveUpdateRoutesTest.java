package golf.linkup.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import golf.linkup.e2e.SharedRedis;
import golf.linkup.engine.auth.Identity;
import golf.linkup.engine.events.DomainEvent;
import golf.linkup.engine.events.TestEvents;
import golf.linkup.engine.gateway.connections.ClientConnection;
import golf.linkup.engine.gateway.connections.ConnectionRegistry;
import golf.linkup.engine.gateway.fanout.LocalDelivery;
import golf.linkup.engine.gateway.fanout.OrderedRoomDelivery;
import golf.linkup.engine.gateway.fanout.RoomSequencer;
import golf.linkup.engine.gateway.rooms.Rooms;
import golf.linkup.engine.liveupdates.TeeTimeCreatedHandler;
import golf.linkup.engine.storage.DeadLetter;
import golf.linkup.engine.storage.JdbcTeeTimeDirectory;
import golf.linkup.intake.EventStreamEndpoint;
import golf.linkup.redis.RedisConnections;
import golf.linkup.redis.RedisRoomHistory;
import golf.linkup.testing.RecordingOutbound;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code live-<type>} with the real handler, room history in a real Redis, ordered delivery and a
 * connection: a new tee time reaches the feed's subscriber with its room offset, the stream
 * position is reported once the message is in history, and the route leaves the event as the
 * body; a tee time the database does not know is dead-lettered once per stream entry.
 */
class LiveUpdateRoutesTest extends RouteTestSupport {

    private final RedisConnections redis = new RedisConnections(SharedRedis.uri());
    private final ConnectionRegistry registry = new ConnectionRegistry();
    private final RecordingOutbound subscriber = RecordingOutbound.immediate();
    private final List<String> sequenced = new CopyOnWriteArrayList<>();
    private final String industry = "FINANCE";
    private OrderedRoomDelivery delivery;

    LiveUpdateRoutesTest() {
        super(false);
    }

    @Override
    protected RoutesBuilder[] routes() {
        var history = new RedisRoomHistory(redis.template(), Clock.systemUTC(), 100, Duration.ofMinutes(5));
        delivery = new OrderedRoomDelivery(new RoomSequencer(history, metrics), new LocalDelivery(registry, metrics),
                metrics, sequenced::add, (eventId, envelope, reached) -> { });
        return new RoutesBuilder[] {
            new LiveUpdateRoutes(List.of(new TeeTimeCreatedHandler(new JdbcTeeTimeDirectory(db.dataSource()))),
                    delivery)
        };
    }

    @AfterEach
    void close() throws Exception {
        context.stop();
        delivery.close();
        redis.close();
    }

    @Test
    void aNewTeeTimeReachesTheFeedsSubscriberWithItsOffsetAndTheEventStaysTheBody() {
        db.insertCourse("c-ny", "Bethpage Black", "Farmingdale", "US", 40.7448, -73.4540, "America/New_York");
        db.insertUser("u-host", "Ada Host", "Acme Capital", industry);
        db.insertTeeTime("tt-1", "u-host", "c-ny", Instant.now().plus(Duration.ofDays(3)), industry, false, 4);
        var connection = new ClientConnection("c-1", new Identity("u-2", Set.of(), Instant.parse("2030-01-01T00:00:00Z"),
                Optional.empty()), subscriber, 100, Instant.EPOCH, metrics::messageDropped);
        registry.register(connection);
        registry.join(connection, Rooms.feed(industry));

        Exchange done = send("evt-1", "1-1", "{\"teeTimeId\":\"tt-1\"}");

        assertThat(done.getException()).isNull();
        assertThat(done.getMessage().getBody()).as("ingest-events hands the event on").isInstanceOf(DomainEvent.class);
        await().atMost(Duration.ofSeconds(5)).until(() -> !subscriber.texts().isEmpty());
        assertThat(subscriber.texts().get(0)).contains("\"type\":\"feed:new-tee-time\"").contains("\"offset\":")
                .contains("Bethpage Black");
        await().atMost(Duration.ofSeconds(5)).until(() -> sequenced.contains("1-1"));
    }

    @Test
    void aTeeTimeTheDatabaseDoesNotKnowIsDeadLetteredOncePerStreamEntry() {
        Exchange first = send("evt-2", "1-2", "{\"teeTimeId\":\"tt-missing\"}");
        Exchange again = send("evt-2", "1-2", "{\"teeTimeId\":\"tt-missing\"}"); // re-read after a restart

        assertThat(first.getException()).isNull();
        assertThat(again.getException()).isNull();
        assertThat(deadLetters.count()).isEqualTo(1);
        DeadLetter letter = deadLetters.recent(1).get(0);
        assertThat(letter.reasonCode()).isEqualTo("UNKNOWN_TEE_TIME");
        assertThat(letter.reason()).contains("tt-missing");
        assertThat(subscriber.texts()).isEmpty();
    }

    private Exchange send(String eventId, String entryId, String data) {
        DomainEvent event = TestEvents.parsed("tee-time.created", data);
        return template.send("direct:live-tee-time.created", e -> {
            e.getMessage().setHeaders(Map.of(ExchangeKeys.EVENT_ID, eventId, ExchangeKeys.EVENT_TYPE,
                    "tee-time.created", EventStreamEndpoint.ENTRY_ID, entryId));
            e.setProperty(ExchangeKeys.EVENT, event);
            e.getMessage().setBody(event);
        });
    }
}
