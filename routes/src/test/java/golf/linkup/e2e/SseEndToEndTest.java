package golf.linkup.e2e;

import static golf.linkup.e2e.EventPublisher.teeTimeUpdated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SSE transport: the same messages as the WebSocket, an event id that lets a
 * reconnecting EventSource recover through Last-Event-ID, keep-alive comments, and typed refusals.
 */
class SseEndToEndTest {

    static EngineInstance engine;
    static EventPublisher events;

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> p = EngineInstance.defaults(SharedRedis.uri());
        p.put("linkup.gateway.sse.keep-alive", "200ms");
        engine = EngineInstance.start(p);
        events = new EventPublisher(SharedRedis.uri());
    }

    @AfterAll
    static void stop() throws Exception {
        events.close();
        engine.close();
    }

    private static Predicate<JsonNode> update(int n) {
        return m -> m.path("type").asText().equals("feed:tee-time-updated") && m.path("data").path("changes")
                .path("n").asInt() == n;
    }

    @Test
    void aStreamGetsTheRoomsMessagesAndRecoversWhatItMissedThroughLastEventId() throws Exception {
        String tt = "tt-sse-" + UUID.randomUUID();
        String path = "/sse?token=" + engine.token("sse-user") + "&rooms=tee-time:" + tt + ",feed:TECH";
        String lastId;
        try (SseTestClient sse = new SseTestClient(engine.port(), path, null)) {
            assertThat(sse.status()).isEqualTo(200);
            sse.await("connected", m -> m.path("type").asText().equals("connected"));
            JsonNode subscribed = sse.await("subscribed", m -> m.path("type").asText().equals("subscribed")).data();
            assertThat(subscribed.path("data").path("rooms")).extracting(JsonNode::asText)
                    .containsExactly("tee-time:" + tt, "feed:TECH");

            events.publish(teeTimeUpdated(tt, "TECH", "{\"n\":1}"));
            events.publish(teeTimeUpdated(tt, "TECH", "{\"n\":2}"));
            SseTestClient.Event second = sse.await("update 2", update(2));
            assertThat(second.data().path("offset").asLong()).isEqualTo(2);
            assertThat(second.id()).startsWith("tee-time:" + tt + " 2 ").contains("feed:TECH ");
            lastId = second.id();
            await().atMost(Duration.ofSeconds(5)).until(() -> sse.comments() >= 2); // keep-alives
        }

        events.publish(teeTimeUpdated(tt, "TECH", "{\"n\":3}"));
        events.publish(teeTimeUpdated(tt, "TECH", "{\"n\":4}"));
        try (WsTestClient witness = engine.connect("sse-witness")) { // 3 and 4 are handled before we reconnect
            witness.subscribeTeeTime(tt);
            events.publish(teeTimeUpdated(tt, "TECH", "{\"n\":5}"));
            witness.await("5", update(5));
        }

        try (SseTestClient again = new SseTestClient(engine.port(), path, lastId)) {
            JsonNode subscribed = again.await("subscribed", m -> m.path("type").asText().equals("subscribed")).data();
            assertThat(subscribed.path("data").path("recovered").path("tee-time:" + tt).asBoolean()).isTrue();
            again.await("5 again", update(5));
            assertThat(again.received()).filteredOn(e -> e.data().path("room").asText().equals("tee-time:" + tt))
                    .extracting(e -> e.data().path("data").path("changes").path("n").asInt())
                    .as("the tee-time room recovered from its position").containsExactly(3, 4, 5);
            // the feed room's position did not move while the tee-time room carried these messages,
            // so it recovers them too: the same ids, which clients drop as duplicates
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(again.received())
                    .filteredOn(e -> e.data().path("room").asText().equals("feed:TECH"))
                    .extracting(e -> e.data().path("data").path("changes").path("n").asInt())
                    .containsExactly(1, 2, 3, 4, 5));
        }
    }

    @Test
    void badRequestsAreRefusedWithTypedErrors() throws Exception {
        try (SseTestClient noToken = new SseTestClient(engine.port(), "/sse?rooms=feed:TECH", null)) {
            assertThat(noToken.status()).isEqualTo(401);
            assertThat(noToken.error().path("error").path("code").asText()).isEqualTo("TOKEN_MISSING");
        }
        try (SseTestClient badRoom = new SseTestClient(engine.port(), "/sse?token=" + engine.token("u")
                + "&rooms=user:someone-else", null)) {
            assertThat(badRoom.status()).isEqualTo(400);
            assertThat(badRoom.error().path("error").path("code").asText()).isEqualTo("INVALID_FIELD");
        }
    }
}
