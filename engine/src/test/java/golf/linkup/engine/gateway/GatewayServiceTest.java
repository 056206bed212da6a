package golf.linkup.engine.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import golf.linkup.engine.auth.Identity;
import golf.linkup.engine.domain.Industry;
import golf.linkup.engine.events.PersonSnapshot;
import golf.linkup.engine.gateway.connections.ClientConnection;
import golf.linkup.engine.gateway.connections.CloseCodes;
import golf.linkup.engine.gateway.connections.ConnectionRegistry;
import golf.linkup.engine.gateway.protocol.ClientCommand.LocationFilter;
import golf.linkup.engine.metrics.EngineMetrics;
import golf.linkup.testing.InMemoryTeeTimeDirectory;
import golf.linkup.testing.RecordingOutbound;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GatewayServiceTest {

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    private final ConnectionRegistry registry = new ConnectionRegistry();
    private final InMemoryTeeTimeDirectory directory = new InMemoryTeeTimeDirectory();
    private final EngineMetrics metrics = new EngineMetrics();
    private final GatewayService gateway =
            new GatewayService(registry, directory, metrics, Clock.fixed(NOW, ZoneOffset.UTC), 100);

    private RecordingOutbound out;

    private ClientConnection open(String userId) {
        return open(userId, Optional.empty());
    }

    private ClientConnection open(String userId, Optional<String> industryClaim) {
        out = RecordingOutbound.immediate();
        return gateway.open(new Identity(userId, Set.of(), NOW.plusSeconds(3600), industryClaim), out);
    }

    /** Sends a frame and returns the one answer it caused. */
    private JsonNode answer(ClientConnection c, String frame) {
        int before = out.texts().size();
        gateway.onText(c, frame);
        List<JsonNode> all = out.messages();
        assertEquals(before + 1, all.size(), "exactly one answer to " + frame + ", got " + all.subList(before, all.size()));
        return all.get(before);
    }

    private static List<String> rooms(JsonNode subscription) {
        List<String> rooms = new ArrayList<>();
        subscription.path("data").path("rooms").forEach(r -> rooms.add(r.asText()));
        return rooms;
    }

    private static void assertError(JsonNode m, String code, String ref) {
        assertEquals("error", m.path("type").asText(), m.toString());
        assertEquals(code, m.path("data").path("code").asText(), m.toString());
        assertFalse(m.path("data").path("message").asText().isBlank(), m.toString());
        if (ref == null) {
            assertFalse(m.has("ref"), m.toString());
        } else {
            assertEquals(ref, m.path("ref").asText(), m.toString());
        }
    }

    @Test
    void openingRegistersTheConnectionAndSaysConnected() {
        var c = open("u-1");

        JsonNode hello = out.lastMessage();
        assertEquals("connected", hello.path("type").asText());
        assertEquals("u-1", hello.path("userId").asText());
        assertEquals(NOW.toString(), hello.path("timestamp").asText());
        assertEquals(c.id(), hello.path("connectionId").asText());
        assertEquals(Set.of(c), registry.members("user:u-1"));
        assertEquals(NOW, c.openedAt());
    }

    @Test
    void subscribingToFeedsJoinsThoseRoomsAndAnswersWithTheRoomsAndRef() {
        var c = open("u-1");

        JsonNode m = answer(c, """
                {"type":"subscribe:feed","id":"s-1","data":{"industries":["FINANCE","TECH"]}}""");

        assertEquals("subscribed", m.path("type").asText());
        assertEquals("s-1", m.path("ref").asText());
        assertEquals(Set.of("feed:FINANCE", "feed:TECH"), Set.copyOf(rooms(m)));
        assertEquals(Set.of("user:u-1", "feed:FINANCE", "feed:TECH"), c.rooms());
        assertEquals(Set.of(c), registry.members("feed:TECH"));
        assertEquals(EnumSet.of(Industry.FINANCE, Industry.TECH), c.feed().industries());
    }

    @Test
    void aLocationFilterIsKeptWithTheFeedSubscription() {
        var c = open("u-1");

        answer(c, """
                {"type":"subscribe:feed","data":{"industries":["FINANCE"],"location":{"lat":40.7,"lng":-73.9,"radiusKm":25}}}""");

        assertEquals(Optional.of(new LocationFilter(40.7, -73.9, 25)), c.feed().location());
    }

    @Test
    void subscribingWithoutIndustriesUsesTheTokensIndustryClaim() {
        var c = open("u-1", Optional.of("legal"));
        directory.withPerson(new PersonSnapshot("u-1", "Ada", null, "FINANCE"));

        JsonNode m = answer(c, "{\"type\":\"subscribe:feed\",\"id\":\"s-1\"}");

        assertEquals(List.of("feed:LEGAL"), rooms(m));
        assertEquals(0, directory.calls(), "the claim is enough: no database read");
    }

    @Test
    void subscribingWithoutIndustriesOrClaimUsesTheUsersIndustryInTheDirectory() {
        var c = open("u-1");
        directory.withPerson(new PersonSnapshot("u-1", "Ada", "Acme", "HEALTHCARE"));

        JsonNode m = answer(c, "{\"type\":\"subscribe:feed\"}");

        assertEquals(List.of("feed:HEALTHCARE"), rooms(m));
    }

    @Test
    void anUnreadableIndustryClaimFallsBackToTheDirectory() {
        var c = open("u-1", Optional.of("not-an-industry"));
        directory.withPerson(new PersonSnapshot("u-1", "Ada", "Acme", "EDUCATION"));

        assertEquals(List.of("feed:EDUCATION"), rooms(answer(c, "{\"type\":\"subscribe:feed\"}")));
    }

    @Test
    void subscribingWithoutAnyKnownIndustryIsRefusedWithNoDefaultIndustry() {
        var c = open("u-unknown");

        JsonNode m = answer(c, "{\"type\":\"subscribe:feed\",\"id\":\"s-9\"}");

        assertError(m, "NO_DEFAULT_INDUSTRY", "s-9");
        assertEquals(Set.of("user:u-unknown"), c.rooms());
        assertEquals(1.0, metrics.count("linkup.ws.errors", "code", "NO_DEFAULT_INDUSTRY"));
    }

    @Test
    void aRefusedResubscribeKeepsTheFeedsOneHad() {
        var c = open("u-unknown");
        answer(c, "{\"type\":\"subscribe:feed\",\"data\":{\"industries\":[\"TECH\"]}}");

        assertError(answer(c, "{\"type\":\"subscribe:feed\"}"), "NO_DEFAULT_INDUSTRY", null);

        assertEquals(Set.of("user:u-unknown", "feed:TECH"), c.rooms());
    }

    @Test
    void subscribingAgainReplacesTheFeedRooms() {
        var c = open("u-1");
        answer(c, "{\"type\":\"subscribe:feed\",\"data\":{\"industries\":[\"FINANCE\",\"TECH\"]}}");
        answer(c, "{\"type\":\"subscribe:tee-time\",\"data\":{\"teeTimeId\":\"tt-1\"}}");

        JsonNode m = answer(c, "{\"type\":\"subscribe:feed\",\"data\":{\"industries\":[\"LEGAL\"]}}");

        assertEquals(List.of("feed:LEGAL"), rooms(m));
        assertEquals(Set.of("user:u-1", "tee-time:tt-1", "feed:LEGAL"), c.rooms());
        assertEquals(Set.of(), registry.members("feed:FINANCE"));
        assertEquals(Set.of(), registry.members("feed:TECH"));
        assertEquals(EnumSet.of(Industry.LEGAL), c.feed().industries());
    }

    @Test
    void unsubscribingFromTheFeedLeavesEveryFeedRoomAndNamesThem() {
        var c = open("u-1");
        answer(c, "{\"type\":\"subscribe:feed\",\"data\":{\"industries\":[\"FINANCE\",\"TECH\"]}}");
        answer(c, "{\"type\":\"subscribe:tee-time\",\"data\":{\"teeTimeId\":\"tt-1\"}}");

        JsonNode m = answer(c, "{\"type\":\"unsubscribe:feed\",\"id\":\"u-1\"}");

        assertEquals("unsubscribed", m.path("type").asText());
        assertEquals("u-1", m.path("ref").asText());
        assertEquals(Set.of("feed:FINANCE", "feed:TECH"), Set.copyOf(rooms(m)));
        assertEquals(Set.of("user:u-1", "tee-time:tt-1"), c.rooms());
        assertNull(c.feed());
    }

    @Test
    void subscribingAndUnsubscribingATeeTimeJoinsAndLeavesItsRoom() {
        var c = open("u-1");

        JsonNode joined = answer(c, "{\"type\":\"subscribe:tee-time\",\"id\":\"t-1\",\"data\":{\"teeTimeId\":\"tt-7\"}}");
        assertEquals("subscribed", joined.path("type").asText());
        assertEquals(List.of("tee-time:tt-7"), rooms(joined));
        assertEquals("t-1", joined.path("ref").asText());
        assertEquals(Set.of(c), registry.members("tee-time:tt-7"));

        JsonNode left = answer(c, "{\"type\":\"unsubscribe:tee-time\",\"id\":\"t-2\",\"data\":{\"teeTimeId\":\"tt-7\"}}");
        assertEquals("unsubscribed", left.path("type").asText());
        assertEquals(List.of("tee-time:tt-7"), rooms(left));
        assertEquals("t-2", left.path("ref").asText());
        assertEquals(Set.of(), registry.members("tee-time:tt-7"));
        assertEquals(Set.of("user:u-1"), c.rooms());
    }

    @Test
    void pingIsAnsweredWithPongAndTheRef() {
        var c = open("u-1");

        JsonNode m = answer(c, "{\"type\":\"ping\",\"id\":\"p-42\"}");

        assertEquals("pong", m.path("type").asText());
        assertEquals("p-42", m.path("ref").asText());
    }

    @Test
    void anAckIsAnsweredAckedWithItsIdsOnceTheRecorderHasRecordedThem() {
        var c = open("u-1");
        List<String> recorded = new ArrayList<>();
        var pending = new java.util.concurrent.CompletableFuture<Void>();
        gateway.onAck((userId, ids) -> {
            recorded.add(userId + ":" + ids);
            return pending;
        });

        gateway.onText(c, "{\"type\":\"ack\",\"id\":\"a-1\",\"data\":{\"notificationIds\":[5,6]}}");
        assertEquals(List.of("u-1:[5, 6]"), recorded);
        assertTrue(out.messages().stream().noneMatch(m -> m.path("type").asText().equals("acked")), "not before recorded");
        pending.complete(null);

        JsonNode m = out.lastMessage();
        assertEquals("acked", m.path("type").asText(), m.toString());
        assertEquals("a-1", m.path("ref").asText());
        assertEquals("[5,6]", m.path("data").path("notificationIds").toString());
    }

    @Test
    void anAckTheRecorderCouldNotRecordIsAnInternalErrorAndTheConnectionKeepsWorking() {
        var c = open("u-1");
        gateway.onAck((userId, ids) -> java.util.concurrent.CompletableFuture.failedFuture(
                new IllegalStateException("database on fire")));

        JsonNode m = answer(c, "{\"type\":\"ack\",\"id\":\"a-2\",\"data\":{\"notificationIds\":[5]}}");

        assertError(m, "INTERNAL_ERROR", "a-2");
        assertFalse(m.toString().contains("on fire"));
        assertEquals("pong", answer(c, "{\"type\":\"ping\"}").path("type").asText());
    }

    @Test
    void aBadFrameIsAnsweredWithAnErrorAndCounted() {
        var c = open("u-1");

        assertError(answer(c, "not json"), "INVALID_JSON", null);
        assertError(answer(c, "{\"type\":\"dance\",\"id\":\"d-1\"}"), "UNKNOWN_TYPE", "d-1");

        assertEquals(1.0, metrics.count("linkup.ws.errors", "code", "INVALID_JSON"));
        assertEquals(1.0, metrics.count("linkup.ws.errors", "code", "UNKNOWN_TYPE"));
        assertEquals(2.0, metrics.count("linkup.ws.messages.in"));
    }

    @Test
    void aBinaryFrameIsAnsweredWithUnsupportedFrame() {
        var c = open("u-1");

        gateway.onUnsupportedFrame(c, "binary");

        assertError(out.lastMessage(), "UNSUPPORTED_FRAME", null);
    }

    @Test
    void aFrameThatMakesTheDirectoryFailIsAnsweredWithInternalErrorAndTheConnectionKeepsWorking() {
        var c = open("u-1");
        directory.failWith(new IllegalStateException("database on fire"));

        JsonNode m = answer(c, "{\"type\":\"subscribe:feed\",\"id\":\"s-1\"}");

        assertError(m, "INTERNAL_ERROR", "s-1");
        assertFalse(m.toString().contains("on fire"), "internal details are not sent to the client");
        assertFalse(c.isClosed());
        assertFalse(out.isClosed());

        directory.failWith(null);
        assertEquals("pong", answer(c, "{\"type\":\"ping\"}").path("type").asText());
        assertEquals("subscribed", answer(c, "{\"type\":\"subscribe:feed\",\"data\":{\"industries\":[\"TECH\"]}}")
                .path("type").asText());
    }

    @Test
    void closingLeavesNoRooms() {
        var c = open("u-1");
        answer(c, "{\"type\":\"subscribe:feed\",\"data\":{\"industries\":[\"FINANCE\",\"TECH\"]}}");
        answer(c, "{\"type\":\"subscribe:tee-time\",\"data\":{\"teeTimeId\":\"tt-1\"}}");

        gateway.closed(c);

        assertEquals(Map.of(), registry.roomSizes());
        assertEquals(0, registry.connectionCount());
        assertEquals(0, registry.userCount());
        assertTrue(c.isClosed());
        gateway.closed(c); // twice is harmless
        assertEquals(0, registry.connectionCount());
    }

    @Test
    void closeAllSaysGoingAwayToEveryone() {
        var first = open("u-1");
        var firstOut = out;
        var second = open("u-2");

        gateway.closeAll("shutting down");

        assertEquals(CloseCodes.GOING_AWAY, firstOut.closeCode());
        assertEquals(CloseCodes.GOING_AWAY, out.closeCode());
        assertTrue(first.isClosed() && second.isClosed());
        assertEquals(0, registry.connectionCount());
        assertEquals(0, registry.roomCount());
    }
}
