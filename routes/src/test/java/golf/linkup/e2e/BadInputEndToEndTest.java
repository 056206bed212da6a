package golf.linkup.e2e;

import static golf.linkup.e2e.EventPublisher.event;
import static golf.linkup.e2e.EventPublisher.messageSent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import golf.linkup.engine.auth.JwtIssuer;
import golf.linkup.engine.storage.DeadLetter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Nothing a client or a publisher sends can crash the engine or stop anyone else's delivery: bad
 * frames are answered with typed errors, bad tokens are refused at the handshake, bad events are
 * dead-lettered with their reason, and everyone else keeps being served.
 */
class BadInputEndToEndTest {

    static EngineInstance engine;
    static EventPublisher events;

    @BeforeAll
    static void startEngine() throws Exception {
        engine = EngineInstance.start(EngineInstance.defaults(SharedRedis.uri()));
        events = new EventPublisher(SharedRedis.uri());
        // chat reaches only a tee time's players: the listeners below host these tee times
        Fixtures rows = new Fixtures(engine.engine().database().dataSource())
                .course("c-1", "Test Links", "Austin", 30.27, -97.74, "America/Chicago");
        for (String[] hostAndTeeTime : new String[][] {{"u3", "tt-bystander"}, {"u4", "tt-after-bad-events"},
                {"u6", "tt-dup"}}) {
            rows.user(hostAndTeeTime[0], "Player " + hostAndTeeTime[0], "Acme", "TECH")
                    .teeTime(hostAndTeeTime[1], hostAndTeeTime[0], "c-1", Instant.parse("2026-12-05T15:00:00Z"), "TECH",
                            false, 4);
        }
    }

    @AfterAll
    static void stopEngine() throws Exception {
        events.close();
        engine.close();
    }

    static String codeOf(JsonNode error) {
        assertThat(error.path("type").asText()).as("message type of %s", error).isEqualTo("error");
        return error.path("data").path("code").asText();
    }

    @Test
    void badFramesAreAnsweredWithTypedErrorsAndTheConnectionStaysUsable() {
        try (WsTestClient client = engine.connect("u1")) {
            client.awaitType("connected");
            client.send("this is not json");
            assertThat(codeOf(client.awaitType("error"))).isEqualTo("INVALID_JSON");
            client.send("[1,2,3]");
            assertThat(codeOf(client.awaitType("error"))).isEqualTo("INVALID_MESSAGE");
            assertThat(codeOf(client.request("subscribe:everything", null))).isEqualTo("UNKNOWN_TYPE");
            assertThat(codeOf(client.request("subscribe:tee-time", "{}"))).isEqualTo("MISSING_FIELD");
            assertThat(codeOf(client.request("subscribe:feed", "{\"industries\":[\"ASTRONAUTS\"]}")))
                    .isEqualTo("INVALID_FIELD");
            client.sendBinary(new byte[] {1, 2, 3});
            assertThat(codeOf(client.awaitType("error"))).isEqualTo("UNSUPPORTED_FRAME");

            assertThat(client.request("ping", null).path("type").asText()).isEqualTo("pong");
            assertThat(client.isClosed()).isFalse();
        }
        assertThat(engine.engine().metrics().count("linkup.ws.errors", "code", "INVALID_JSON")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aFrameOverSixtyFourKilobytesClosesOnlyThatConnectionWith1009() {
        try (WsTestClient abuser = engine.connect("u2"); WsTestClient bystander = engine.connect("u3")) {
            bystander.subscribeTeeTime("tt-bystander");
            abuser.awaitType("connected");

            abuser.send("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(70 * 1024) + "\"}");

            assertThat(abuser.awaitClose()).isEqualTo(1009);
            events.publish(messageSent("tt-bystander", "TECH", "m-by", "u9", "still here"));
            bystander.await("chat after the abuse", m -> m.path("type").asText().equals("tee-time:message"));
        }
    }

    @Test
    void badTokensAreRefusedAtTheHandshakeWith401() throws Exception {
        URI base = URI.create("ws://127.0.0.1:" + engine.port() + "/");
        String secret = engine.engine().settings().jwtSecret();
        Clock anHourAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(3)), java.time.ZoneOffset.UTC);
        String expired = new JwtIssuer(secret, anHourAgo).issue("u1", Duration.ofHours(1));
        String wrongSecret = new JwtIssuer("another-secret-that-is-at-least-32-bytes-long!!", Clock.systemUTC())
                .issue("u1", Duration.ofHours(1));
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("u1")
                .expirationTime(Date.from(Instant.now().plusSeconds(3600))).build();
        String algNone = new PlainJWT(claims).serialize();
        // a token claiming HS256 but with its signature stripped
        SignedJWT signed = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims);
        signed.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        String[] parts = signed.serialize().split("\\.");
        String unsigned = parts[0] + "." + parts[1] + "." + Base64URL.encode(new byte[32]);

        Map<String, String> tokens = Map.of("missing", "", "garbage", "abc.def.ghi", "expired", expired,
                "wrong secret", wrongSecret, "alg none", algNone, "forged signature", unsigned);
        tokens.forEach((what, token) -> assertThat(WsTestClient.handshakeStatus(base.resolve("/?token=" + token), null))
                .as(what).isEqualTo(401));
        assertThat(WsTestClient.handshakeStatus(base, "Bearer " + expired)).as("expired bearer").isEqualTo(401);
        assertThat(WsTestClient.handshakeStatus(base.resolve("/?token=" + engine.token("u1")), null)).isEqualTo(101);
        assertThat(engine.engine().metrics().count("linkup.ws.handshakes.rejected", "code", "TOKEN_EXPIRED"))
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void handshakesThatAreNotRfc6455AreRefusedWithTheVersionToUseAndTheTokenIsNeverEchoed() throws Exception {
        String token = engine.token("u-handshake");
        String head = "GET /?token=" + token + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\n";
        String key = "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n";

        String version8 = RawWsClient.exchange(engine.port(), head + key + "Sec-WebSocket-Version: 8\r\n\r\n");
        assertThat(version8).startsWith("HTTP/1.1 426").containsIgnoringCase("Sec-WebSocket-Version: 13")
                .contains("\"code\":\"UNSUPPORTED_WEBSOCKET_VERSION\"").contains("got version 8");
        String noKey = RawWsClient.exchange(engine.port(), head + "Sec-WebSocket-Version: 13\r\n\r\n");
        assertThat(noKey).startsWith("HTTP/1.1 426").contains("UNSUPPORTED_WEBSOCKET_VERSION");
        String post = RawWsClient.exchange(engine.port(), head.replace("GET ", "POST ") + key
                + "Sec-WebSocket-Version: 13\r\nContent-Length: 0\r\n\r\n");
        assertThat(post).startsWith("HTTP/1.1 405").containsIgnoringCase("Allow: GET").contains("METHOD_NOT_ALLOWED");
        assertThat(engine.engine().metrics().count("linkup.ws.handshakes.rejected", "code",
                "UNSUPPORTED_WEBSOCKET_VERSION")).isEqualTo(2);

        // the accepted handshake answers 101 without repeating the token (no Sec-WebSocket-Location with it)
        String accepted = RawWsClient.exchange(engine.port(), head + key + "Sec-WebSocket-Version: 13\r\n\r\n");
        assertThat(accepted).startsWith("HTTP/1.1 101")
                .containsIgnoringCase("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
                .doesNotContain(token);
        // and the connection it opened works
        try (RawWsClient client = RawWsClient.connect(engine.port(), token, true)) {
            client.await("connected", m -> m.path("type").asText().equals("connected"));
        }
    }

    @Test
    void badEventsAreDeadLetteredWithTheirReasonAndTheNextGoodEventIsStillDelivered() {
        long before = engine.engine().deadLetters().count();
        try (WsTestClient client = engine.connect("u4")) {
            client.subscribeTeeTime("tt-after-bad-events");

            List<String> bad = List.of(
                    "not json at all",
                    "[\"an\",\"array\"]",
                    event("ev-unknown-type", "tee-time.exploded", "{\"teeTimeId\":\"x\"}"),
                    event("ev-missing-field", "slot.joined", "{\"teeTimeId\":\"x\",\"slotNumber\":2}"),
                    event("ev-bad-slot", "slot.left", "{\"teeTimeId\":\"x\",\"slotNumber\":\"two\",\"userId\":\"u\"}"),
                    event("ev-unknown-tee-time", "tee-time.created", "{\"teeTimeId\":\"tt-nowhere\"}"));
            bad.forEach(events::publish);
            events.publish(messageSent("tt-after-bad-events", "TECH", "m-good", "u5", "hello"));

            client.await("the good event after the bad ones", m -> m.path("type").asText().equals("tee-time:message"));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> engine.engine().deadLetters().count() >= before + 6);
        List<DeadLetter> letters = engine.engine().deadLetters().recent(6);
        assertThat(letters).extracting(DeadLetter::reasonCode).containsExactlyInAnyOrder(
                "NOT_JSON", "NOT_AN_OBJECT", "UNKNOWN_TYPE", "MISSING_FIELD", "INVALID_FIELD", "UNKNOWN_TEE_TIME");
        DeadLetter missing = letters.stream().filter(l -> l.reasonCode().equals("MISSING_FIELD")).findFirst().orElseThrow();
        assertThat(missing.eventId()).isEqualTo("ev-missing-field");
        assertThat(missing.eventType()).isEqualTo("slot.joined");
        assertThat(missing.reason()).contains("data.userId");
        assertThat(missing.payload()).contains("\"slotNumber\":2");
        assertThat(letters).anySatisfy(l -> assertThat(l.payload()).isEqualTo("not json at all"));
        assertThat(engine.engine().metrics().count("linkup.events.dead.lettered", "reason", "UNKNOWN_TYPE"))
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void anEventPublishedTwiceWithTheSameIdIsDeliveredOnce() {
        try (WsTestClient client = engine.connect("u6")) {
            client.subscribeTeeTime("tt-dup");
            String twice = event("ev-published-twice", "message.sent",
                    "{\"teeTimeId\":\"tt-dup\",\"message\":{\"id\":\"m-dup\",\"senderId\":\"u7\",\"body\":\"once\","
                            + "\"sentAt\":\"2026-11-23T10:00:00Z\"}}");
            events.publish(twice);
            events.publish(twice);
            events.publish(messageSent("tt-dup", null, "m-marker", "u7", "marker"));

            client.await("the marker", m -> m.path("data").path("message").path("id").asText().equals("m-marker"));
            assertThat(client.receivedOfType("tee-time:message"))
                    .filteredOn(m -> m.path("data").path("message").path("id").asText().equals("m-dup"))
                    .hasSize(1);
        }
        assertThat(engine.engine().metrics().count("linkup.events.duplicates")).isGreaterThanOrEqualTo(1);
    }
}
