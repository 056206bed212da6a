package golf.linkup.e2e;

import static golf.linkup.e2e.EventPublisher.messageSent;
import static golf.linkup.e2e.EventPublisher.slotJoined;
import static golf.linkup.e2e.EventPublisher.slotLeft;
import static golf.linkup.e2e.EventPublisher.teeTimeCancelled;
import static golf.linkup.e2e.EventPublisher.teeTimeCreated;
import static golf.linkup.e2e.EventPublisher.teeTimeUpdated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Events published on Redis reach the WebSocket clients that should see them, with what their app
 * shows, and nobody else. Real Redis, real engine (Camel Main), real sockets, H2.
 *
 * <p>"Receives nothing" is proven without sleeping: events are handled and fanned out in order, so
 * once a later marker event has arrived at a client, an earlier one it should not get can no
 * longer come.
 */
class LiveUpdatesEndToEndTest {

    /** Saturday 5 December 2026, 13:00 UTC = 08:00 at Bethpage (EST, UTC-5). */
    static final Instant SATURDAY_8AM_NY = Instant.parse("2026-12-05T13:00:00Z");

    static EngineInstance engine;
    static EventPublisher events;

    @BeforeAll
    static void startEngine() throws Exception {
        engine = EngineInstance.start(EngineInstance.defaults(SharedRedis.uri()));
        events = new EventPublisher(SharedRedis.uri());
        new Fixtures(engine.engine().database().dataSource())
                .course("bethpage-black", "Bethpage Black", "Farmingdale", 40.7448, -73.4546, "America/New_York")
                .course("wentworth", "Wentworth West", "Virginia Water", 51.3945, -0.5896, "Europe/London")
                .user("alex", "Alex Morgan", "Harborline Capital", "FINANCE")
                .user("priya", "Priya Shah", "Northwind Partners", "FINANCE")
                .user("sam", "Sam Lee", "Brightloop", "TECH")
                .user("dana", "Dana Cruz", "Summit Equity", "PRIVATE_CAPITAL")
                .user("hana", "Hana Ito", "Mercy Health", "HEALTHCARE")
                .teeTime("tt-ny", "alex", "bethpage-black", SATURDAY_8AM_NY, "FINANCE", false, 4, "priya")
                .teeTime("tt-london", "alex", "wentworth", SATURDAY_8AM_NY, "FINANCE", false, 4)
                .teeTime("tt-open", "sam", "bethpage-black", SATURDAY_8AM_NY, "TECH", true, 4);
    }

    @AfterAll
    static void stopEngine() throws Exception {
        events.close();
        engine.close();
    }

    static Predicate<JsonNode> newTeeTime(String id) {
        return m -> m.path("type").asText().equals("feed:new-tee-time")
                && m.path("data").path("teeTime").path("id").asText().equals(id);
    }

    static Predicate<JsonNode> ofTeeTime(String type, String teeTimeId) {
        return m -> m.path("type").asText().equals(type) && m.path("data").path("teeTimeId").asText().equals(teeTimeId);
    }

    @Test
    void aClientConnectsWithATokenAndIsGreetedWithItsUserId() {
        try (WsTestClient client = engine.connect("alex")) {
            JsonNode hello = client.awaitType("connected");
            assertThat(hello.path("userId").asText()).isEqualTo("alex");
            assertThat(Instant.parse(hello.path("timestamp").asText())).isCloseTo(Instant.now(),
                    org.assertj.core.api.Assertions.within(Duration.ofMinutes(1)));
            assertThat(client.request("ping", null).path("type").asText()).isEqualTo("pong");
        }
    }

    @Test
    void aClientMayAuthenticateWithABearerHeaderInsteadOfTheQuery() {
        try (WsTestClient client = WsTestClient.connectWithBearer(engine.port(), engine.token("priya"))) {
            assertThat(client.awaitType("connected").path("userId").asText()).isEqualTo("priya");
        }
    }

    @Test
    void aNewTeeTimeReachesItsIndustryFeedWithWhatAFeedCardShowsAndNoOtherIndustry() {
        try (WsTestClient finance = engine.connect("priya"); WsTestClient tech = engine.connect("sam")) {
            finance.subscribeFeed("{\"industries\":[\"FINANCE\"]}");
            tech.subscribeFeed("{\"industries\":[\"TECH\"]}");

            events.publish(teeTimeCreated("tt-ny"));
            events.publish(teeTimeCreated("tt-open"));

            JsonNode card = finance.await("tt-ny in the FINANCE feed", newTeeTime("tt-ny")).path("data").path("teeTime");
            assertThat(card.path("course").path("name").asText()).isEqualTo("Bethpage Black");
            assertThat(card.path("course").path("city").asText()).isEqualTo("Farmingdale");
            assertThat(card.path("startsAt").asText()).isEqualTo("2026-12-05T13:00:00Z");
            assertThat(card.path("localStartsAt").asText()).isEqualTo("2026-12-05T08:00:00-05:00");
            assertThat(card.path("timeZone").asText()).isEqualTo("America/New_York");
            assertThat(card.path("host").path("name").asText()).isEqualTo("Alex Morgan");
            assertThat(card.path("host").path("company").asText()).isEqualTo("Harborline Capital");
            assertThat(card.path("skillLevel").asText()).isEqualTo("INTERMEDIATE");
            assertThat(card.path("totalSlots").asInt()).isEqualTo(4);
            assertThat(card.path("openSlots").asInt()).isEqualTo(2);

            tech.await("the open-to-all marker", newTeeTime("tt-open"));
            assertThat(tech.received()).noneMatch(newTeeTime("tt-ny"));
        }
    }

    @Test
    void aTeeTimeOpenToAllReachesEveryIndustrysFeed() {
        try (WsTestClient finance = engine.connect("priya"); WsTestClient health = engine.connect("hana")) {
            finance.subscribeFeed("{\"industries\":[\"FINANCE\"]}");
            health.subscribeFeed("{}");

            events.publish(teeTimeCreated("tt-open"));

            assertThat(finance.await("tt-open", newTeeTime("tt-open")).path("data").path("teeTime")
                    .path("openToAll").asBoolean()).isTrue();
            health.await("tt-open in the HEALTHCARE feed", newTeeTime("tt-open"));
        }
    }

    @Test
    void aFeedWithALocationOnlyHearsOfTeeTimesWithinItsRadius() {
        try (WsTestClient client = engine.connect("priya")) {
            client.subscribeFeed("{\"industries\":[\"FINANCE\"],\"location\":{\"lat\":40.7128,\"lng\":-74.006,"
                    + "\"radiusKm\":100}}");

            events.publish(teeTimeCreated("tt-london"));
            events.publish(teeTimeCreated("tt-ny"));

            client.await("tt-ny, 60 km from Manhattan", newTeeTime("tt-ny"));
            assertThat(client.received()).noneMatch(newTeeTime("tt-london"));
        }
    }

    @Test
    void aFeedWithoutIndustriesUsesTheUsersOwnIndustry() {
        try (WsTestClient dana = engine.connect("dana")) {
            JsonNode answer = dana.subscribeFeed(null);
            assertThat(answer.path("type").asText()).isEqualTo("subscribed");
            assertThat(answer.path("data").path("rooms")).extracting(JsonNode::asText)
                    .containsExactly("feed:PRIVATE_CAPITAL");
        }
    }

    @Test
    void aUserTheDatabaseDoesNotKnowIsAcceptedButMustNameTheFeedsIndustries() {
        try (WsTestClient stranger = engine.connect("not-in-the-database")) {
            assertThat(stranger.awaitType("connected").path("userId").asText()).isEqualTo("not-in-the-database");
            JsonNode refused = stranger.subscribeFeed("{}");
            assertThat(refused.path("type").asText()).isEqualTo("error");
            assertThat(refused.path("data").path("code").asText()).isEqualTo("NO_DEFAULT_INDUSTRY");
            JsonNode ok = stranger.subscribeFeed("{\"industries\":[\"legal\"]}");
            assertThat(ok.path("data").path("rooms")).extracting(JsonNode::asText).containsExactly("feed:LEGAL");
        }
    }

    @Test
    void anUpdateCarryingItsIndustryReachesTheRoomAndTheFeedWithoutTheTeeTimeInTheDatabase() {
        try (WsTestClient room = engine.connect("priya"); WsTestClient feed = engine.connect("alex")) {
            room.subscribeTeeTime("tt-not-in-db");
            feed.subscribeFeed("{\"industries\":[\"FINANCE\"]}");

            events.publish(teeTimeUpdated("tt-not-in-db", "FINANCE", "{\"startsAt\":\"2026-12-06T14:00:00Z\"}"));

            for (WsTestClient client : List.of(room, feed)) {
                JsonNode update = client.await("the update", ofTeeTime("feed:tee-time-updated", "tt-not-in-db"));
                assertThat(update.path("data").path("changes").path("startsAt").asText())
                        .isEqualTo("2026-12-06T14:00:00Z");
            }
        }
    }

    @Test
    void aJoinedSlotShowsThePlayerToTheRoomAndTheNewOpenSlotsToTheFeed() {
        new Fixtures(engine.engine().database().dataSource())
                .exec("insert into tee_time_slots (tee_time_id, slot_number, user_id) values ('tt-ny', 3, 'dana')");
        try (WsTestClient room = engine.connect("alex"); WsTestClient feed = engine.connect("priya")) {
            room.subscribeTeeTime("tt-ny");
            feed.subscribeFeed("{\"industries\":[\"FINANCE\"]}");

            events.publish(slotJoined("tt-ny", 3, "dana"));

            JsonNode joined = room.await("slot-joined", ofTeeTime("tee-time:slot-joined", "tt-ny"));
            JsonNode slot = joined.path("data").path("slot");
            assertThat(slot.path("slotNumber").asInt()).isEqualTo(3);
            assertThat(slot.path("user").path("name").asText()).isEqualTo("Dana Cruz");
            assertThat(slot.path("user").path("company").asText()).isEqualTo("Summit Equity");
            assertThat(slot.path("user").path("industry").asText()).isEqualTo("PRIVATE_CAPITAL");
            JsonNode feedUpdate = feed.await("open slots", ofTeeTime("feed:tee-time-updated", "tt-ny"));
            assertThat(feedUpdate.path("data").path("changes").path("openSlots").asInt()).isEqualTo(1);
        } finally {
            new Fixtures(engine.engine().database().dataSource())
                    .exec("delete from tee_time_slots where tee_time_id = 'tt-ny' and slot_number = 3");
        }
    }

    @Test
    void aLeftSlotIsAnnouncedToTheRoom() {
        try (WsTestClient room = engine.connect("alex")) {
            room.subscribeTeeTime("tt-ny");
            events.publish(slotLeft("tt-ny", 2, "priya"));
            JsonNode left = room.await("slot-left", ofTeeTime("tee-time:slot-left", "tt-ny"));
            assertThat(left.path("data").path("slotNumber").asInt()).isEqualTo(2);
            assertThat(left.path("data").path("userId").asText()).isEqualTo("priya");
        }
    }

    @Test
    void aChatMessageReachesTheTeeTimeRoomWithItsSenderAndNotTheFeed() {
        try (WsTestClient room = engine.connect("alex"); WsTestClient feedOnly = engine.connect("priya")) {
            room.subscribeTeeTime("tt-ny");
            feedOnly.subscribeFeed("{\"industries\":[\"FINANCE\"]}");

            events.publish(messageSent("tt-ny", "FINANCE", "m-1", "priya", "See you at the first tee"));
            events.publish(teeTimeCreated("tt-ny"));

            JsonNode chat = room.await("the chat message", ofTeeTime("tee-time:message", "tt-ny"));
            JsonNode message = chat.path("data").path("message");
            assertThat(message.path("id").asText()).isEqualTo("m-1");
            assertThat(message.path("body").asText()).isEqualTo("See you at the first tee");
            assertThat(message.path("sender").path("name").asText()).isEqualTo("Priya Shah");
            assertThat(message.path("sender").path("company").asText()).isEqualTo("Northwind Partners");

            feedOnly.await("the marker", newTeeTime("tt-ny"));
            assertThat(feedOnly.received()).noneMatch(ofTeeTime("tee-time:message", "tt-ny"));
        }
    }

    @Test
    void aCancellationReachesTheRoomAndTheFeedWithItsReason() {
        try (WsTestClient room = engine.connect("priya"); WsTestClient feed = engine.connect("dana")) {
            room.subscribeTeeTime("tt-london");
            feed.subscribeFeed("{\"industries\":[\"FINANCE\"]}");

            events.publish(teeTimeCancelled("tt-london", "Course closed for frost"));

            for (WsTestClient client : List.of(room, feed)) {
                JsonNode cancelled = client.await("the cancellation", ofTeeTime("tee-time:cancelled", "tt-london"));
                assertThat(cancelled.path("data").path("reason").asText()).isEqualTo("Course closed for frost");
            }
        }
    }

    @Test
    void afterUnsubscribingAClientHearsNothingMoreFromThatRoom() {
        try (WsTestClient client = engine.connect("priya")) {
            client.subscribeTeeTime("tt-ny");
            client.subscribeFeed("{\"industries\":[\"FINANCE\"]}");
            JsonNode answer = client.request("unsubscribe:tee-time", "{\"teeTimeId\":\"tt-ny\"}");
            assertThat(answer.path("type").asText()).isEqualTo("unsubscribed");

            events.publish(messageSent("tt-ny", "FINANCE", "m-after", "alex", "anyone?"));
            events.publish(teeTimeCreated("tt-london"));

            client.await("the marker", newTeeTime("tt-london"));
            assertThat(client.received()).noneMatch(ofTeeTime("tee-time:message", "tt-ny"));

            client.request("unsubscribe:feed", null);
            events.publish(teeTimeCreated("tt-ny"));
            client.subscribeTeeTime("tt-ny");
            events.publish(messageSent("tt-ny", "FINANCE", "m-marker", "alex", "marker"));
            client.await("the second marker", ofTeeTime("tee-time:message", "tt-ny"));
            assertThat(client.received()).noneMatch(newTeeTime("tt-ny"));
        }
    }

    @Test
    void chatReachesOnlyTheTeeTimesHostAndPlayersWhileEveryoneHearsItsUpdates() {
        try (WsTestClient host = engine.connect("alex"); WsTestClient player = engine.connect("priya");
                WsTestClient outsider = engine.connect("dana")) {
            assertThat(host.subscribeTeeTime("tt-ny").path("data").path("rooms")).extracting(JsonNode::asText)
                    .containsExactly("tee-time:tt-ny", "chat:tt-ny");
            player.subscribeTeeTime("tt-ny");
            assertThat(outsider.subscribeTeeTime("tt-ny").path("data").path("rooms")).extracting(JsonNode::asText)
                    .containsExactly("tee-time:tt-ny");

            events.publish(messageSent("tt-ny", "FINANCE", "m-private", "alex", "just us"));
            events.publish(teeTimeUpdated("tt-ny", "FINANCE", "{\"note\":\"marker\"}"));

            for (WsTestClient member : List.of(host, player)) {
                JsonNode chat = member.await("the chat", ofTeeTime("tee-time:message", "tt-ny"));
                assertThat(chat.path("room").asText()).isEqualTo("chat:tt-ny");
            }
            outsider.await("the update", ofTeeTime("feed:tee-time-updated", "tt-ny"));
            assertThat(outsider.received()).noneMatch(ofTeeTime("tee-time:message", "tt-ny"));
        }
    }

    @Test
    void everyTabOfAUserHearsTheRoom() {
        try (WsTestClient laptop = engine.connect("sam"); WsTestClient phone = engine.connect("sam")) {
            laptop.subscribeTeeTime("tt-open");
            phone.subscribeTeeTime("tt-open");
            events.publish(messageSent("tt-open", "TECH", "m-tabs", "sam", "Bring a sweater"));
            laptop.await("on the laptop", ofTeeTime("tee-time:message", "tt-open"));
            phone.await("on the phone", ofTeeTime("tee-time:message", "tt-open"));
        }
    }

    @Test
    void aClosedConnectionLeavesNoSubscriptionBehind() {
        var registry = engine.engine().gateway().connections();
        WsTestClient client = engine.connect("hana");
        client.subscribeTeeTime("tt-closing");
        client.subscribeFeed("{\"industries\":[\"EDUCATION\"]}");
        assertThat(registry.roomSizes()).containsKeys("tee-time:tt-closing", "feed:EDUCATION", "user:hana");

        client.close();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(registry.roomSizes())
                .doesNotContainKeys("tee-time:tt-closing", "feed:EDUCATION", "user:hana"));
    }
}
