package golf.linkup.e2e;

import static golf.linkup.e2e.EventPublisher.teeTimeUpdated;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Message ids, per-room offsets and recovery across instances: two engines share one Redis. Every
 * message carries the same id, offset and epoch on both; a client that disconnects from one and
 * reconnects to the other with its last position gets exactly what it missed, in order, then the
 * live stream; when history no longer reaches back, or the epoch is another, it is told
 * {@code recovered: false}.
 */
class RecoveryEndToEndTest {

    static EngineInstance a;
    static EngineInstance b;
    static EventPublisher events;

    @BeforeAll
    static void startTwoEngines() throws Exception {
        Map<String, String> common = EngineInstance.defaults(SharedRedis.uri());
        common.put("linkup.db.url", "jdbc:h2:mem:recovery-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        common.put("linkup.gateway.history.size", "5");
        Map<String, String> first = new HashMap<>(common);
        first.put("linkup.instance-id", "recovery-a");
        Map<String, String> second = new HashMap<>(common);
        second.put("linkup.instance-id", "recovery-b");
        a = EngineInstance.start(first);
        b = EngineInstance.start(second);
        events = new EventPublisher(SharedRedis.uri());
    }

    @AfterAll
    static void stop() throws Exception {
        events.close();
        a.close();
        b.close();
    }

    private static String update(String teeTimeId, int n) {
        return teeTimeUpdated(teeTimeId, "LEGAL", "{\"n\":" + n + "}");
    }

    private static boolean isUpdate(JsonNode m, String teeTimeId, int n) {
        return m.path("type").asText().equals("feed:tee-time-updated") && m.path("room").asText().equals(
                "tee-time:" + teeTimeId) && m.path("data").path("changes").path("n").asInt() == n;
    }

    private static List<JsonNode> updates(WsTestClient client, String teeTimeId) {
        return client.received().stream().filter(m -> m.path("type").asText().equals("feed:tee-time-updated")
                && m.path("room").asText().equals("tee-time:" + teeTimeId)).toList();
    }

    @Test
    void everyInstanceStampsAMessageWithTheSameIdOffsetAndEpoch() {
        String tt = "tt-same-" + UUID.randomUUID();
        try (WsTestClient onA = a.connect("p-a"); WsTestClient onB = b.connect("p-b")) {
            onA.subscribeTeeTime(tt);
            onB.subscribeTeeTime(tt);
            IntStream.rangeClosed(1, 10).forEach(n -> events.publish(update(tt, n)));
            onA.await("the last", m -> isUpdate(m, tt, 10));
            onB.await("the last", m -> isUpdate(m, tt, 10));

            List<String> stampsA = updates(onA, tt).stream().map(RecoveryEndToEndTest::stamp).toList();
            List<String> stampsB = updates(onB, tt).stream().map(RecoveryEndToEndTest::stamp).toList();
            assertThat(stampsA).hasSize(10).isEqualTo(stampsB);
            assertThat(updates(onA, tt)).extracting(m -> m.path("offset").asLong())
                    .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        }
    }

    private static String stamp(JsonNode m) {
        return m.path("id").asText() + "@" + m.path("offset").asLong() + "/" + m.path("epoch").asText();
    }

    @Test
    void aClientThatReconnectsToAnotherInstanceRecoversWhatItMissedThenGetsTheLiveStream() {
        String tt = "tt-recover-" + UUID.randomUUID();
        String room = "tee-time:" + tt;
        JsonNode last;
        try (WsTestClient onA = a.connect("traveller")) {
            JsonNode subscribed = onA.subscribeTeeTime(tt);
            assertThat(subscribed.path("data").path("positions").path(room).path("offset").asLong()).isZero();
            events.publish(update(tt, 1));
            events.publish(update(tt, 2));
            last = onA.await("message 2", m -> isUpdate(m, tt, 2));
        }
        // while it is away (both instances handle these)
        events.publish(update(tt, 3));
        events.publish(update(tt, 4));
        try (WsTestClient witness = b.connect("witness")) {
            witness.subscribeTeeTime(tt);
            events.publish(update(tt, 5));
            witness.await("message 5 (so 3 and 4 are in the history)", m -> isUpdate(m, tt, 5));
        }

        try (WsTestClient onB = b.connect("traveller")) {
            JsonNode answer = onB.subscribeTeeTime(tt, "{\"" + room + "\":{\"offset\":" + last.path("offset").asLong()
                    + ",\"epoch\":\"" + last.path("epoch").asText() + "\"}}");
            assertThat(answer.path("data").path("recovered").path(room).asBoolean()).isTrue();
            assertThat(answer.path("data").path("positions").path(room).path("offset").asLong()).isEqualTo(5);
            events.publish(update(tt, 6));

            onB.await("the live message 6", m -> isUpdate(m, tt, 6));
            assertThat(updates(onB, tt)).extracting(m -> m.path("data").path("changes").path("n").asInt())
                    .as("3..5 recovered in order, then 6 live, nothing twice").containsExactly(3, 4, 5, 6);
            assertThat(updates(onB, tt)).extracting(m -> m.path("offset").asLong()).containsExactly(3L, 4L, 5L, 6L);
        }
    }

    @Test
    void whenHistoryNoLongerReachesBackOrTheEpochDiffersTheClientIsToldRecoveredFalse() {
        String tt = "tt-too-old-" + UUID.randomUUID();
        String room = "tee-time:" + tt;
        JsonNode first;
        try (WsTestClient onA = a.connect("sleeper")) {
            onA.subscribeTeeTime(tt);
            events.publish(update(tt, 1));
            first = onA.await("message 1", m -> isUpdate(m, tt, 1));
        }
        try (WsTestClient witness = a.connect("witness-2")) {
            witness.subscribeTeeTime(tt);
            IntStream.rangeClosed(2, 8).forEach(n -> events.publish(update(tt, n))); // history keeps 5
            witness.await("message 8", m -> isUpdate(m, tt, 8));
        }

        try (WsTestClient onB = b.connect("sleeper")) {
            JsonNode tooOld = onB.subscribeTeeTime(tt, "{\"" + room + "\":{\"offset\":1,\"epoch\":\""
                    + first.path("epoch").asText() + "\"}}");
            assertThat(tooOld.path("data").path("recovered").path(room).asBoolean()).isFalse();
            assertThat(tooOld.path("data").path("positions").path(room).path("offset").asLong()).isEqualTo(8);

            JsonNode otherEpoch = onB.request("recover", "{\"since\":{\"" + room + "\":{\"offset\":8,\"epoch\":\"nope\"}}}");
            assertThat(otherEpoch.path("type").asText()).isEqualTo("recovered");
            assertThat(otherEpoch.path("data").path("recovered").path(room).asBoolean()).isFalse();

            JsonNode nothingMissed = onB.request("recover", "{\"since\":{\"" + room + "\":{\"offset\":8,\"epoch\":\""
                    + first.path("epoch").asText() + "\"}}}");
            assertThat(nothingMissed.path("data").path("recovered").path(room).asBoolean()).isTrue();
            assertThat(updates(onB, tt)).as("nothing was resent").isEmpty();

            JsonNode notIn = onB.request("recover", "{\"since\":{\"tee-time:elsewhere\":{\"offset\":1,\"epoch\":\"e\"}}}");
            assertThat(notIn.path("data").path("code").asText()).isEqualTo("NOT_SUBSCRIBED");
        }
    }
}
