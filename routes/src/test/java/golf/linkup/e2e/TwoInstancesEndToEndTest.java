package golf.linkup.e2e;

import static golf.linkup.e2e.EventPublisher.messageSent;
import static golf.linkup.e2e.EventPublisher.teeTimeUpdated;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two engine instances behind a load balancer share one Redis and one database: every event's
 * message reaches the clients of both, once each and in publish order, and exactly one instance
 * claims the event for the once-per-cluster work.
 */
class TwoInstancesEndToEndTest {

    static EngineInstance a;
    static EngineInstance b;
    static EventPublisher events;

    @BeforeAll
    static void startTwoEngines() throws Exception {
        String db = "jdbc:h2:mem:two-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        Map<String, String> common = EngineInstance.defaults(SharedRedis.uri());
        common.put("linkup.db.url", db);
        Map<String, String> first = new java.util.HashMap<>(common);
        first.put("linkup.instance-id", "instance-a");
        Map<String, String> second = new java.util.HashMap<>(common);
        second.put("linkup.instance-id", "instance-b");
        a = EngineInstance.start(first);
        b = EngineInstance.start(second);
        events = new EventPublisher(SharedRedis.uri());
        // chat reaches only players: both listeners play in tt-shared, player-b hosts tt-after-invalid
        new Fixtures(a.engine().database().dataSource())
                .course("c-two", "Two Links", "Austin", 30.27, -97.74, "America/Chicago")
                .user("host", "Host", "Acme", "LEGAL").user("player-a", "A", "Acme", "LEGAL")
                .user("player-b", "B", "Acme", "LEGAL")
                .teeTime("tt-shared", "host", "c-two", java.time.Instant.parse("2026-12-05T15:00:00Z"), "LEGAL", false, 4,
                        "player-a", "player-b")
                .teeTime("tt-after-invalid", "player-b", "c-two", java.time.Instant.parse("2026-12-05T15:00:00Z"),
                        "LEGAL", false, 4);
    }

    @AfterAll
    static void stop() throws Exception {
        events.close();
        a.close();
        b.close();
    }

    @Test
    void eachEventReachesTheClientsOfBothInstancesOnceInOrderAndIsClaimedByOneWhenItHasClusterWork() {
        double chatClaimsBefore = claimed("message.sent");
        double updateClaimsBefore = claimed("tee-time.updated");
        try (WsTestClient onA = a.connect("player-a"); WsTestClient onB = b.connect("player-b")) {
            onA.subscribeTeeTime("tt-shared");
            onB.subscribeTeeTime("tt-shared");

            for (int i = 1; i <= 20; i++) {
                events.publish(messageSent("tt-shared", "LEGAL", "m-" + i, "host", "message " + i));
                // the start moved: waitlist promotion is once-per-cluster work, so the event is claimed
                events.publish(teeTimeUpdated("tt-shared", "LEGAL", "{\"startsAt\":\"2026-12-05T15:00:00Z\",\"n\":" + i + "}"));
                // a note: nothing runs once per cluster, so nobody claims it
                events.publish(teeTimeUpdated("tt-shared", "LEGAL", "{\"note\":\"bring a jacket\",\"n\":" + i + "}"));
            }

            for (WsTestClient client : new WsTestClient[] {onA, onB}) {
                client.await("the last message", m -> m.path("data").path("message").path("id").asText().equals("m-20"));
                assertThat(client.receivedOfType("tee-time:message"))
                        .extracting(m -> m.path("data").path("message").path("id").asText())
                        .as("every message once, in publish order")
                        .containsExactly(java.util.stream.IntStream.rangeClosed(1, 20).mapToObj(i -> "m-" + i)
                                .toArray(String[]::new));
                client.await("the last update", m -> m.path("type").asText().equals("feed:tee-time-updated")
                        && m.path("data").path("changes").has("note") && m.path("data").path("changes").path("n").asInt() == 20);
                assertThat(client.receivedOfType("feed:tee-time-updated")).as("every update once").hasSize(40);
            }
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(claimed("tee-time.updated") - updateClaimsBefore)
                        .as("claims across both instances: one per start change, none per note").isEqualTo(20));
        assertThat(claimed("message.sent") - chatClaimsBefore).as("chat has no once-per-cluster work").isZero();
    }

    @Test
    void anInvalidEventIsDeadLetteredOnceForTheCluster() {
        long before = a.engine().deadLetters().count();
        try (WsTestClient onB = b.connect("player-b")) {
            onB.subscribeTeeTime("tt-after-invalid");
            events.publish(EventPublisher.event("ev-invalid-once", "slot.joined", "{\"teeTimeId\":\"x\"}"));
            events.publish("{ not even json");
            events.publish(messageSent("tt-after-invalid", null, "m-after", "host", "marker"));
            onB.await("the marker", m -> m.path("type").asText().equals("tee-time:message"));
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> a.engine().deadLetters().count() >= before + 2);
        // both instances have handled the marker, so both have passed the invalid events
        assertThat(a.engine().deadLetters().count()).isEqualTo(before + 2);
        assertThat(a.engine().deadLetters().recent(2))
                .extracting(golf.linkup.engine.storage.DeadLetter::reasonCode)
                .containsExactlyInAnyOrder("MISSING_FIELD", "NOT_JSON");
    }

    private static double claimed(String type) {
        return a.engine().metrics().count("linkup.events.claimed", "type", type)
                + b.engine().metrics().count("linkup.events.claimed", "type", type);
    }
}
