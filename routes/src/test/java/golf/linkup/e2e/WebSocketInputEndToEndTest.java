package golf.linkup.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.core.StringRedisTemplate;
import golf.linkup.redis.RedisConnections;

/**
 * What a WebSocket client may send: tee-time ids of the documented shape only (no room names
 * passed off as ids), subscriptions that cost Redis nothing until somebody publishes to the room,
 * one JSON object per frame (no trailing text, no duplicate keys), and ping control frames counted
 * against the same rate limit as every other frame.
 */
class WebSocketInputEndToEndTest {

    static EngineInstance engine;
    static RedisConnections redis;

    @BeforeAll
    static void startEngine() throws Exception {
        engine = EngineInstance.start(EngineInstance.defaults(SharedRedis.uri()));
        redis = new RedisConnections(SharedRedis.uri());
        new Fixtures(engine.engine().database().dataSource()).user("u-known", "Kim Known", "Acme", "TECH");
    }

    @AfterAll
    static void stopEngine() throws Exception {
        redis.close();
        engine.close();
    }

    static String codeOf(JsonNode message) {
        return message.path("type").asText().equals("error") ? message.path("data").path("code").asText()
                : message.path("type").asText();
    }

    @Test
    void roomNamesAndOddCharactersAreNotTeeTimeIds() {
        try (WsTestClient client = engine.connect("u-ids")) {
            client.awaitType("connected");
            for (String id : List.of("user:user-0003", "chat:tt-1", "tee-time:tt-1", "a b", "-tt", "tt/1", "x".repeat(101),
                    "t\u00e9e")) {
                assertThat(codeOf(client.request("subscribe:tee-time", "{\"teeTimeId\":\"" + id + "\"}"))).as(id)
                        .isEqualTo("INVALID_FIELD");
            }
            for (String id : List.of("tt-0001", "0f8fad5b-d9cb-469f-a165-70867728950e", "TT_7.b")) {
                assertThat(codeOf(client.request("subscribe:tee-time", "{\"teeTimeId\":\"" + id + "\"}"))).as(id)
                        .isEqualTo("subscribed");
            }
        }
    }

    @Test
    void subscribingToTeeTimesNobodyPublishesToLeavesNoRedisKey() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        try (WsTestClient client = engine.connect("u-keys")) {
            client.awaitType("connected");
            for (int i = 0; i < 40; i++) {
                JsonNode answer = client.request("subscribe:tee-time", "{\"teeTimeId\":\"invented-" + run + "-" + i
                        + "\",\"since\":{\"tee-time:invented-" + run + "-" + i + "\":{\"offset\":0,\"epoch\":\"\"}}}");
                assertThat(codeOf(answer)).isEqualTo("subscribed");
                assertThat(answer.path("data").path("positions").path("tee-time:invented-" + run + "-" + i)
                        .path("offset").asLong()).isZero();
            }
        }
        StringRedisTemplate template = redis.template();
        Set<String> keys = template.keys("linkup:room:{tee-time:invented-" + run + "*");
        assertThat(keys).isEmpty();
    }

    @Test
    void aFrameIsOneJsonObjectWithoutTrailingTextOrDuplicateKeys() {
        try (WsTestClient client = engine.connect("u-json")) {
            client.awaitType("connected");
            client.send("{\"type\":\"ping\"} {\"type\":\"ping\"}");
            assertThat(codeOf(client.awaitType("error"))).isEqualTo("INVALID_JSON");
            client.send("{\"type\":\"ping\",\"type\":\"subscribe:feed\"}");
            assertThat(codeOf(client.awaitType("error"))).isEqualTo("INVALID_JSON");
            client.send("{\"type\":\"ping\"}garbage");
            assertThat(codeOf(client.awaitType("error"))).isEqualTo("INVALID_JSON");
            assertThat(client.request("ping", null).path("type").asText()).isEqualTo("pong");
        }
    }

    @Test
    void onlyAUserTheDatabaseKnowsCanStoreAPresenceSetting() throws Exception {
        try (WsTestClient stranger = engine.connect("u-not-in-the-database");
                WsTestClient known = engine.connect("u-known")) {
            stranger.awaitType("connected");
            known.awaitType("connected");
            assertThat(codeOf(stranger.request("presence:visibility", "{\"visible\":false}"))).isEqualTo("USER_NOT_FOUND");
            assertThat(codeOf(known.request("presence:visibility", "{\"visible\":false}"))).isEqualTo("ack");
        }
        // the setting is stored off the socket's thread; the stranger was refused before anything was scheduled
        await("u-known's setting stored, and no one else's").atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(presenceSettingUsers()).containsExactly("u-known"));
    }

    static List<String> presenceSettingUsers() throws Exception {
        try (var c = engine.engine().database().dataSource().getConnection();
                var rs = c.createStatement().executeQuery("select user_id from presence_settings")) {
            List<String> users = new java.util.ArrayList<>();
            while (rs.next()) {
                users.add(rs.getString(1));
            }
            return users;
        }
    }

    @Test
    void pingFramesCountAgainstTheRateLimitAndAFloodClosesWith1008() {
        try (WsTestClient client = engine.connect("u-ping-flood")) {
            client.awaitType("connected");
            client.sendPing(new byte[] {1});
            await("the first ping answered").atMost(Duration.ofSeconds(5)).until(() -> client.pongs() >= 1);
            for (int i = 0; i < 300 && !client.isClosed(); i++) {
                try {
                    client.sendPing(new byte[] {2});
                } catch (RuntimeException closed) {
                    break; // the server closed the connection while we were still flooding
                }
            }
            assertThat(client.awaitClose()).isEqualTo(1008);
            assertThat(client.pongs()).isLessThan(100);
            assertThat(client.receivedOfType("error")).extracting(m -> m.path("data").path("code").asText())
                    .contains("RATE_LIMIT_EXCEEDED");
        }
    }
}
