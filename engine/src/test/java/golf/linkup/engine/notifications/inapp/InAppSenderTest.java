package golf.linkup.engine.notifications.inapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import golf.linkup.engine.domain.User;
import golf.linkup.engine.gateway.fanout.FanoutEnvelope;
import golf.linkup.engine.json.Json;
import golf.linkup.engine.notifications.Channel;
import golf.linkup.engine.notifications.Delivery;
import golf.linkup.engine.notifications.DeliveryOutcome;
import golf.linkup.engine.notifications.NotificationType;
import golf.linkup.engine.notifications.NotificationUsers;
import golf.linkup.engine.notifications.Priority;
import golf.linkup.engine.notifications.Recipient;
import golf.linkup.engine.notifications.RenderedMessage;
import golf.linkup.testing.AdjustableClock;
import golf.linkup.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InAppSenderTest {

    static final Instant T0 = Instant.parse("2026-06-10T16:00:00Z");
    static final User NY = NotificationUsers.NEW_YORK;

    TestDatabase db;
    AdjustableClock clock;
    List<FanoutEnvelope> published;
    InAppSender sender;

    @BeforeEach
    void open() {
        db = TestDatabase.h2();
        clock = new AdjustableClock(T0);
        published = new CopyOnWriteArrayList<>();
        sender = new InAppSender(db.dataSource(), published::add, clock);
    }

    @AfterEach
    void close() {
        db.close();
    }

    static Delivery delivery(long outboxId) {
        return new Delivery(outboxId, "slot_joined:e-" + outboxId + ":u-ny:in_app",
                new Recipient(NY.id(), NY.name(), NY.email(), NY.locale(), NY.timeZone()), NotificationType.SLOT_JOINED,
                Channel.IN_APP, Priority.HIGH, new RenderedMessage("Jo joined your tee time",
                        "Jo Joiner took slot 4 at Bethpage Black", null, Map.of("action", "open_tee_time",
                                "teeTimeId", "tt-1")), 1);
    }

    long centreId(long outboxId) {
        return db.queryLong("select id from notifications where queue_id = " + outboxId);
    }

    @Test
    void itStoresOneCentreRowPerOutboxRowEvenWhenSentTwice() {
        DeliveryOutcome first = sender.send(delivery(41));
        clock.advance(java.time.Duration.ofMinutes(1));
        DeliveryOutcome second = sender.send(delivery(41));

        assertEquals(DeliveryOutcome.Status.SENT, first.status());
        assertEquals(DeliveryOutcome.Status.SENT, second.status());
        assertEquals(1, db.queryLong("select count(*) from notifications where queue_id = 41"));
        long id = centreId(41);
        assertEquals("stored as notification " + id, first.providerResponse());
        assertEquals("stored as notification " + id, second.providerResponse());
    }

    @Test
    void theCentreRowHoldsTheNotification() throws SQLException {
        sender.send(delivery(41));

        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "select user_id, notification_type, title, body, data, created_at, read_at from notifications"
                        + " where queue_id = 41"); ResultSet rs = ps.executeQuery()) {
            assertTrue(rs.next());
            assertEquals("u-ny", rs.getString(1));
            assertEquals("slot_joined", rs.getString(2));
            assertEquals("Jo joined your tee time", rs.getString(3));
            assertEquals("Jo Joiner took slot 4 at Bethpage Black", rs.getString(4));
            assertEquals(Map.of("action", "open_tee_time", "teeTimeId", "tt-1"),
                    Json.MAPPER.convertValue(Json.MAPPER.readTree(rs.getString(5)), Map.class));
            assertEquals(T0, rs.getObject(6, OffsetDateTime.class).toInstant());
            assertEquals(null, rs.getObject(7));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void differentOutboxRowsGetCentreRowsOfTheirOwn() {
        sender.send(delivery(41));
        sender.send(delivery(42));

        assertEquals(2, db.queryLong("select count(*) from notifications"));
        assertTrue(centreId(41) != centreId(42));
    }

    @Test
    void itPublishesANotificationMessageToTheUsersRoomCarryingTheCentreRowId() throws Exception {
        sender.send(delivery(41));

        assertEquals(1, published.size());
        FanoutEnvelope e = published.get(0);
        assertEquals(List.of("user:u-ny"), e.rooms());
        assertFalse(e.hasPosition());
        assertEquals(null, e.excludeUserId());
        JsonNode m = Json.MAPPER.readTree(e.payload());
        assertEquals("notification", m.path("type").asText());
        JsonNode n = m.path("data").path("notification");
        assertEquals(centreId(41), n.path("id").asLong());
        assertEquals("slot_joined", n.path("type").asText());
        assertEquals("Jo joined your tee time", n.path("title").asText());
        assertEquals("Jo Joiner took slot 4 at Bethpage Black", n.path("body").asText());
        assertEquals("tt-1", n.path("data").path("teeTimeId").asText());
        assertEquals(T0.toString(), n.path("createdAt").asText());
        assertFalse(n.path("read").asBoolean(true));
    }

    @Test
    void aRepeatedDeliveryGoesLiveAgainWithTheSameIdSoTheClientShowsItOnce() throws Exception {
        sender.send(delivery(41));
        sender.send(delivery(41));

        assertEquals(2, published.size());
        for (FanoutEnvelope e : published) {
            assertEquals(centreId(41), Json.MAPPER.readTree(e.payload()).path("data").path("notification").path("id")
                    .asLong());
        }
    }

    @Test
    void aFanoutFailureStillReportsSentBecauseTheCentreRowIsStored() {
        InAppSender failingFanout = new InAppSender(db.dataSource(), e -> {
            throw new IllegalStateException("redis down");
        }, clock);

        DeliveryOutcome outcome = failingFanout.send(delivery(41));

        assertEquals(DeliveryOutcome.Status.SENT, outcome.status());
        assertEquals("stored as notification " + centreId(41) + "; live message failed: redis down",
                outcome.providerResponse());
    }

    @Test
    void aDatabaseFailureIsARetryAndNothingGoesLive() {
        db.update("drop table notifications");

        DeliveryOutcome outcome = sender.send(delivery(41));

        assertEquals(DeliveryOutcome.Status.RETRY, outcome.status());
        assertTrue(outcome.providerResponse().startsWith("database: "), outcome.providerResponse());
        assertEquals(List.of(), published);
    }
}
