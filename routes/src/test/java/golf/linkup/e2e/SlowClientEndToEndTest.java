package golf.linkup.e2e;

import static golf.linkup.e2e.EventPublisher.teeTimeUpdated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import golf.linkup.engine.gateway.connections.ClientConnection;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Backpressure over a real socket: a client that stops reading lets its TCP window and
 * then its 100-message queue fill; the oldest messages are dropped, the connection is marked slow
 * (registry and metric), and once it reads again and the queue drains it is told, once for the
 * room, what it missed with the offsets to recover from; {@code recover} then fills the gap.
 */
class SlowClientEndToEndTest {

    static EngineInstance engine;
    static EventPublisher events;

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> p = EngineInstance.defaults(SharedRedis.uri());
        p.put("linkup.gateway.history.size", "2000");
        engine = EngineInstance.start(p);
        events = new EventPublisher(SharedRedis.uri());
    }

    @AfterAll
    static void stop() throws Exception {
        events.close();
        engine.close();
    }

    @Test
    void aSlowClientIsMarkedToldWhatItMissedAndRecoversIt() throws Exception {
        String tt = "tt-slow-" + UUID.randomUUID();
        String room = "tee-time:" + tt;
        String pad = "x".repeat(8 * 1024);
        int published = 0;
        try (RawWsClient slow = RawWsClient.connect(engine.port(), engine.token("slowpoke"), false)) {
            slow.send("{\"id\":\"s\",\"type\":\"subscribe:tee-time\",\"data\":{\"teeTimeId\":\"" + tt + "\"}}");
            await().atMost(Duration.ofSeconds(10)).until(() -> engine.engine().gateway().connections().members(room).size() == 1);
            ClientConnection connection = engine.engine().gateway().connections().members(room).iterator().next();

            // 16 KB messages until the socket and then the queue are full and the oldest are dropped
            while (connection.dropped() < 50) {
                if (published - connection.sent() < 400) {
                    events.publish(teeTimeUpdated(tt, "LEGAL", "{\"n\":" + ++published + ",\"pad\":\"" + pad + "\"}"));
                } else {
                    Thread.onSpinWait();
                }
                if (published > 5_000) {
                    throw new AssertionError("no drops after 5,000 messages: " + connection.sent() + " sent");
                }
            }
            int total = published;
            // events are read off the stream in batches: let the ones still on their way reach the
            // connection (sent, in the write in flight, queued or dropped) before the client starts reading
            await().atMost(Duration.ofSeconds(30)).until(() -> connection.sent() + connection.writing()
                    + connection.queued() + connection.dropped() >= total);
            assertThat(connection.isSlow()).isTrue();
            assertThat(engine.engine().gateway().connections().slowConnections()).contains(connection);
            assertThat(engine.engine().metrics().registry().scrape()).contains("linkup_ws_slow_connections 1.0");

            slow.startReading();
            JsonNode missed = slow.await("the missed notice", m -> m.path("type").asText().equals("missed")
                    && m.path("data").path("room").asText().equals(room), Duration.ofSeconds(60));
            assertThat(missed.path("data").path("count").asLong()).isEqualTo(connection.dropped());
            long from = missed.path("data").path("fromOffset").asLong();
            long to = missed.path("data").path("toOffset").asLong();
            assertThat(to - from + 1).isGreaterThanOrEqualTo(missed.path("data").path("count").asLong());
            await().atMost(Duration.ofSeconds(5)).until(() -> !connection.isSlow());

            JsonNode since = missed.path("data").path("recoverSince");
            slow.send("{\"id\":\"r\",\"type\":\"recover\",\"data\":{\"since\":{\"" + room + "\":{\"offset\":"
                    + since.path("offset").asLong() + ",\"epoch\":\"" + since.path("epoch").asText() + "\"}}}}");
            // several megabytes come back through a 4 KB receive window: allow for a busy machine
            JsonNode recovered = slow.await("the recovery", m -> m.path("type").asText().equals("recovered"),
                    Duration.ofSeconds(60));
            assertThat(recovered.path("data").path("recovered").path(room).asBoolean()).isTrue();
            slow.await("the newest again", m -> m.path("room").asText().equals(room)
                    && m.path("data").path("changes").path("n").asInt() == total, Duration.ofSeconds(60));

            Set<Long> offsets = new TreeSet<>();
            for (JsonNode m : slow.received()) {
                if (m.path("room").asText().equals(room)) {
                    offsets.add(m.path("offset").asLong());
                }
            }
            assertThat(offsets).as("every message at least once after recovery").hasSize(total);
            assertThat(slow.received()).filteredOn(m -> m.path("type").asText().equals("missed")).hasSize(1);
        }
    }
}
