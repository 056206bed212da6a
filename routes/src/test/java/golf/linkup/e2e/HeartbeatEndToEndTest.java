package golf.linkup.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import golf.linkup.engine.gateway.connections.CloseCodes;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The heartbeat with short intervals (ping every 200 ms, closed after 700 ms without a pong):
 * a client whose WebSocket stack answers pings stays connected through many pings; one that stops
 * answering is closed with 4408 and forgotten.
 */
class HeartbeatEndToEndTest {

    static EngineInstance engine;

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> p = EngineInstance.defaults(SharedRedis.uri());
        p.put("linkup.gateway.ping-interval", "200ms");
        p.put("linkup.gateway.pong-timeout", "700ms");
        engine = EngineInstance.start(p);
    }

    @AfterAll
    static void stop() throws Exception {
        engine.close();
    }

    @Test
    void aClientThatAnswersPingsStaysConnectedLongAfterThePongTimeout() {
        try (WsTestClient client = engine.connect("hb-alive")) {
            client.awaitType("connected");

            // 6 pings at 200 ms span well over the 700 ms timeout; only pongs came back meanwhile
            await().atMost(Duration.ofSeconds(10)).until(() -> client.pings() >= 6);

            assertThat(client.isClosed()).isFalse();
            assertThat(client.request("ping", null).path("type").asText()).isEqualTo("pong");
        }
    }

    @Test
    void aClientThatStopsAnsweringIsClosedWith4408AndForgotten() throws Exception {
        try (RawWsClient silent = RawWsClient.connect(engine.port(), engine.token("hb-silent"), true)) {
            silent.awaitType("connected");
            await().atMost(Duration.ofSeconds(5)).until(() -> engine.engine().gateway().connections().members("user:hb-silent")
                    .size() == 1);

            assertThat(silent.awaitClose()).isEqualTo(CloseCodes.HEARTBEAT_TIMEOUT);
            assertThat(silent.pings()).as("it was pinged before being given up on").isGreaterThanOrEqualTo(1);
            await().atMost(Duration.ofSeconds(5)).until(() -> engine.engine().gateway().connections().members("user:hb-silent")
                    .isEmpty());
            assertThat(engine.engine().gateway().supervisor().heartbeatTimeouts()).isGreaterThanOrEqualTo(1);
        }
    }
}
