package golf.linkup.e2e;

import static golf.linkup.e2e.EventPublisher.messageSent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three instances on one Redis and one database, behind an imaginary load balancer: a chat message
 * reaches every player once, in order, with the same id and offset everywhere; a typing indicator
 * sent on one instance reaches the players on the others once; presence and room counts agree
 * across instances.
 */
class ScaleOutEndToEndTest {

    static final List<EngineInstance> instances = new ArrayList<>();
    static EventPublisher events;
    static final String TT = "tt-scale";

    @BeforeAll
    static void startThree() throws Exception {
        Map<String, String> common = EngineInstance.defaults(SharedRedis.uri());
        common.put("linkup.db.url", "jdbc:h2:mem:scale-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        common.put("linkup.gateway.presence.stale-after", "3s");
        common.put("linkup.gateway.presence.batch-window", "50ms");
        for (String name : List.of("a", "b", "c")) {
            Map<String, String> p = new HashMap<>(common);
            p.put("linkup.instance-id", "scale-" + name + "-" + UUID.randomUUID());
            instances.add(EngineInstance.start(p));
        }
        events = new EventPublisher(SharedRedis.uri());
        new Fixtures(instances.get(0).engine().database().dataSource())
                .course("c-s", "Scale Links", "Austin", 30.27, -97.74, "America/Chicago")
                .user("s-host", "Host", "Acme", "TECH").user("s-1", "One", "Acme", "TECH")
                .user("s-2", "Two", "Acme", "TECH").user("s-late", "Late", "Acme", "TECH")
                .teeTime(TT, "s-host", "c-s", Instant.parse("2026-12-05T15:00:00Z"), "TECH", false, 4, "s-1", "s-2",
                        "s-late");
    }

    @AfterAll
    static void stop() throws Exception {
        events.close();
        for (EngineInstance i : instances) {
            i.close();
        }
    }

    @Test
    void messagesTypingPresenceAndRoomCountsAreRightAcrossThreeInstances() {
        String chat = "chat:" + TT;
        try (WsTestClient host = instances.get(0).connect("s-host"); WsTestClient one = instances.get(1).connect("s-1");
                WsTestClient two = instances.get(2).connect("s-2")) {
            List<WsTestClient> players = List.of(host, one, two);
            players.forEach(p -> p.subscribeTeeTime(TT));

            IntStream.rangeClosed(1, 30).forEach(n -> events.publish(messageSent(TT, "TECH", "m-" + n, "s-host", "n" + n)));
            List<List<String>> seen = new ArrayList<>();
            for (WsTestClient p : players) {
                p.await("the last message", m -> m.path("data").path("message").path("id").asText().equals("m-30"));
                seen.add(p.receivedOfType("tee-time:message").stream()
                        .map(m -> m.path("data").path("message").path("id").asText() + "@" + m.path("offset").asLong())
                        .toList());
            }
            assertThat(seen.get(0)).hasSize(30).doesNotHaveDuplicates();
            assertThat(seen.get(1)).isEqualTo(seen.get(0));
            assertThat(seen.get(2)).isEqualTo(seen.get(0));

            two.request("typing", "{\"teeTimeId\":\"" + TT + "\"}");
            for (WsTestClient p : List.of(host, one)) {
                p.await("typing from the third instance", m -> m.path("type").asText().equals("tee-time:typing"));
            }

            try (WsTestClient late = instances.get(1).connect("s-late")) {
                late.subscribeTeeTime(TT);
                for (WsTestClient p : players) {
                    p.await("s-late online", PresenceAndTypingEndToEndTest.presenceOf("s-late", "online"));
                }
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                    for (EngineInstance i : instances) {
                        assertThat(i.engine().gateway().clusterRoomSizes()).as("as every instance sees the cluster")
                                .containsEntry(chat, 4).containsEntry("tee-time:" + TT, 4);
                    }
                });
            }
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                    instances.get(2).engine().gateway().clusterRoomSizes()).containsEntry(chat, 3));
            for (WsTestClient p : players) {
                JsonNode extra = p.receivedOfType("tee-time:typing").stream().skip(1).findFirst().orElse(null);
                assertThat(extra).as("each typing indicator arrives once").isNull();
            }
            assertThat(two.receivedOfType("tee-time:typing")).as("not echoed").isEmpty();
        }
    }
}
