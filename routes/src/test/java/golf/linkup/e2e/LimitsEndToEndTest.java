package golf.linkup.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import golf.linkup.engine.gateway.connections.CloseCodes;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Limits and authorization over real sockets (WebSocket and SSE), with small configured limits: the
 * per-connection token bucket, closing abusers with 1008, subscriptions per connection,
 * connections per user (the oldest goes), the Origin allow-list, and tokens that expire on an open
 * connection unless refreshed over it.
 */
class LimitsEndToEndTest {

    static EngineInstance engine;

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> p = EngineInstance.defaults(SharedRedis.uri());
        p.put("linkup.gateway.rate.messages-per-second", "2");
        p.put("linkup.gateway.rate.burst", "5");
        p.put("linkup.gateway.rate.strikes-before-close", "3");
        p.put("linkup.gateway.max-subscriptions", "3");
        p.put("linkup.gateway.max-connections-per-user", "2");
        p.put("linkup.gateway.allowed-origins", "https://app.linkup.golf");
        engine = EngineInstance.start(p);
    }

    @AfterAll
    static void stop() throws Exception {
        engine.close();
    }

    @Test
    void framesOverTheRateAreRefusedWithRateLimitExceededAndRepeatedAbuseClosesWith1008() {
        try (WsTestClient client = engine.connect("limits-flood")) {
            client.awaitType("connected");
            // a burst of 5 is allowed, then 2 a second: 20 in a row are refused even on a machine slow enough
            // to take seconds over them
            for (int i = 0; i < 20; i++) {
                client.send("{\"id\":\"p" + i + "\",\"type\":\"ping\"}");
            }
            JsonNode refused = client.await("a refusal", m -> m.path("type").asText().equals("error"));
            assertThat(refused.path("data").path("code").asText()).isEqualTo("RATE_LIMIT_EXCEEDED");
            assertThat(client.receivedOfType("pong")).as("the burst was answered").hasSizeGreaterThanOrEqualTo(5);

            for (int i = 0; i < 50 && !client.isClosed(); i++) { // keep flooding: 3 refusals in a minute is abuse
                try {
                    client.send("{\"type\":\"ping\"}");
                } catch (RuntimeException closedMeanwhile) {
                    break;
                }
            }
            assertThat(client.awaitClose()).isEqualTo(CloseCodes.POLICY_VIOLATION);
        }
        assertThat(engine.engine().metrics().count("linkup.ws.closed.by.server", "reason", "abuse")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aConnectionMaySubscribeToAtMostTheConfiguredNumberOfFeedsAndTeeTimes() {
        try (WsTestClient client = engine.connect("limits-subs")) {
            client.subscribeTeeTime("tt-l1");
            client.subscribeTeeTime("tt-l2");
            client.subscribeFeed("{\"industries\":[\"TECH\"]}");
            JsonNode refused = client.subscribeTeeTime("tt-l3");
            assertThat(refused.path("data").path("code").asText()).isEqualTo("TOO_MANY_SUBSCRIPTIONS");
            assertThat(client.subscribeFeed("{\"industries\":[\"LEGAL\"]}").path("type").asText())
                    .as("replacing the feed is not one more").isEqualTo("subscribed");
        }
    }

    @Test
    void aUserOverTheConnectionLimitLosesTheOldestConnection() {
        try (WsTestClient first = engine.connect("limits-tabs"); WsTestClient second = engine.connect("limits-tabs")) {
            first.awaitType("connected");
            second.awaitType("connected");
            try (WsTestClient third = engine.connect("limits-tabs")) {
                third.awaitType("connected");
                assertThat(first.awaitClose()).isEqualTo(CloseCodes.POLICY_VIOLATION);
                assertThat(second.isClosed()).isFalse();
                assertThat(engine.engine().gateway().connections().connectionsOf("limits-tabs")).hasSize(2);
            }
        }
    }

    @Test
    void onlyAllowedBrowserOriginsMayConnect() throws Exception {
        String path = "/?token=" + engine.token("limits-origin");
        assertThat(RawWsClient.handshakeStatus(engine.port(), path, "https://evil.example")).startsWith("HTTP/1.1 403");
        assertThat(RawWsClient.handshakeStatus(engine.port(), path, "https://app.linkup.golf")).startsWith("HTTP/1.1 101");
        assertThat(RawWsClient.handshakeStatus(engine.port(), path, null)).as("not a browser").startsWith("HTTP/1.1 101");
    }

    @Test
    void anExpiringTokenIsWarnedAndClosesTheConnectionUnlessRefreshedOverTheSocket() {
        String shortToken = engine.engine().jwtIssuer().issue("limits-expiring", Duration.ofSeconds(3));
        String refreshedShort = engine.engine().jwtIssuer().issue("limits-refreshing", Duration.ofSeconds(3));
        try (WsTestClient expiring = WsTestClient.connect(engine.port(), shortToken);
                WsTestClient refreshing = WsTestClient.connect(engine.port(), refreshedShort)) {
            expiring.awaitType("token-expiring");
            refreshing.awaitType("token-expiring");

            JsonNode wrongUser = refreshing.request("refresh-token",
                    "{\"token\":\"" + engine.token("someone-else") + "\"}");
            assertThat(wrongUser.path("data").path("code").asText()).isEqualTo("TOKEN_INVALID");
            JsonNode refreshed = refreshing.request("refresh-token", "{\"token\":\"" + engine.token("limits-refreshing")
                    + "\"}");
            assertThat(refreshed.path("type").asText()).isEqualTo("token-refreshed");

            assertThat(expiring.awaitClose()).isEqualTo(CloseCodes.TOKEN_EXPIRED);
            assertThat(refreshing.request("ping", null).path("type").asText()).as("still open after the old expiry")
                    .isEqualTo("pong");
        }
    }
}
