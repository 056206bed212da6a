package golf.linkup.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import golf.linkup.engine.auth.Identity;
import golf.linkup.engine.auth.JwtVerifier;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo page's HTTP side without a browser: the static files (and nothing else) under
 * {@code /demo/}, and the sandbox's stand-in API at {@code /demo/api}: tokens for sample players,
 * their tee times, any tee time's details, chat that reaches the tee time's players over the
 * WebSocket (published on linkup:events as the API server does), announcements that reach the feed,
 * the host's cancellation, and typed refusals.
 */
class DemoSandboxApiEndToEndTest {

    static final String S = UUID.randomUUID().toString().substring(0, 8);
    static final String HOST = "dh-" + S;
    static final String PLAYER = "dp-" + S;
    static final String STRANGER = "ds-" + S;
    static final String ROOM = "tt-droom-" + S;
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    static EngineInstance engine;

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> overrides = EngineInstance.defaults(SharedRedis.uri());
        overrides.put("linkup.demo.dir", "../clients");
        engine = EngineInstance.start(overrides);
        new Fixtures(engine.engine().database().dataSource())
                .course("c-d-" + S, "Demo Links", "Testville", 40.71, -74.0, "America/New_York")
                .user(HOST, "Avery Stone", "Stone Capital", "FINANCE")
                .user(PLAYER, "Blake Rivers", "Rivers & Co", "FINANCE")
                .user(STRANGER, "Casey Field", null, "LEGAL")
                .teeTime(ROOM, HOST, "c-d-" + S, Instant.now().plus(Duration.ofDays(1)), "FINANCE", false, 4, PLAYER);
    }

    @AfterAll
    static void stop() throws Exception {
        engine.close();
    }

    static HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + engine.port() + path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + engine.port() + path))
                .header("Content-Type", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    @Test
    void thePageAndTheClientModuleAreServedFromTheRepositoryAndNothingElse() throws Exception {
        HttpResponse<String> bare = get("/demo", null);
        assertThat(bare.statusCode()).isEqualTo(302);
        assertThat(bare.headers().firstValue("Location")).hasValue("/demo/");

        HttpResponse<String> page = get("/demo/", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                csp -> assertThat(csp).contains("script-src 'self'"));
        assertThat(page.body()).contains("<script type=\"module\" src=\"demo.js\">");

        HttpResponse<String> module = get("/demo/linkup-client.js", null);
        assertThat(module.statusCode()).isEqualTo(200);
        assertThat(module.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("text/javascript"));
        assertThat(module.body()).isEqualTo(Files.readString(Path.of("../clients/js/linkup-client.js")));

        for (String path : new String[] {"/demo/nothing.js", "/demo/..%2f..%2fpom.xml", "/demo/../pom.xml",
                "/demo/js/linkup-client.js", "/demo/demo.e2e.mjs", "/demo/README.md"}) {
            assertThat(get(path, null).statusCode()).as(path).isEqualTo(404);
        }
        assertThat(post("/demo/", null, "{}").statusCode()).isEqualTo(405);
    }

    @Test
    void aSampleTokenIsMintedForAKnownUserWithinTheAllowedLifetime() throws Exception {
        JsonNode minted = json(get("/demo/api/token?userId=" + PLAYER + "&ttlSeconds=120", null)).path("data");
        Identity identity = new JwtVerifier(engine.engine().settings().jwtSecret(), Clock.systemUTC())
                .verify(minted.path("token").asText());
        assertThat(identity.userId()).isEqualTo(PLAYER);
        assertThat(identity.expiresAt().getEpochSecond()).isCloseTo(Instant.now().plusSeconds(120).getEpochSecond(),
                within(5L));

        assertThat(json(get("/demo/api/token", null)).path("error").path("code").asText()).isEqualTo("INVALID_REQUEST");
        HttpResponse<String> unknown = get("/demo/api/token?userId=nobody-" + S, null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).path("error").path("code").asText()).isEqualTo("USER_NOT_FOUND");
        for (String ttl : new String[] {"5", "86401", "soon"}) {
            HttpResponse<String> bad = get("/demo/api/token?userId=" + PLAYER + "&ttlSeconds=" + ttl, null);
            assertThat(bad.statusCode()).as(ttl).isEqualTo(400);
            assertThat(json(bad).path("error").path("code").asText()).isEqualTo("INVALID_FIELD");
        }
        assertThat(json(get("/demo/api/users", null)).path("data").path("users").findValuesAsText("id"))
                .contains(HOST, PLAYER).doesNotContain(STRANGER);
    }

    @Test
    void mePlaysInTheTeeTimeWithItsPlayers() throws Exception {
        assertThat(get("/demo/api/me", null).statusCode()).isEqualTo(401);
        JsonNode me = json(get("/demo/api/me", engine.token(PLAYER))).path("data");
        assertThat(me.path("user").path("industry").asText()).isEqualTo("FINANCE");
        JsonNode teeTime = me.path("teeTimes").get(0);
        assertThat(teeTime.path("id").asText()).isEqualTo(ROOM);
        assertThat(teeTime.path("role").asText()).isEqualTo("player");
        assertThat(teeTime.path("course").path("name").asText()).isEqualTo("Demo Links");
        assertThat(teeTime.path("openSlots").asInt()).isEqualTo(2);
        assertThat(teeTime.path("players").findValuesAsText("name")).containsExactly("Avery Stone", "Blake Rivers");
    }

    @Test
    void chatFromThePageReachesThePlayersOverTheSocketAndIsKeptForTheHistory() throws Exception {
        try (WsTestClient host = engine.connect(HOST)) {
            assertThat(host.subscribeTeeTime(ROOM).path("data").path("rooms").toString()).contains("chat:" + ROOM);
            HttpResponse<String> sent = post("/demo/api/tee-times/" + ROOM + "/messages", engine.token(PLAYER),
                    "{\"body\":\"Bringing the <b>good</b> balls\"}");
            assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
            String messageId = json(sent).path("data").path("messageId").asText();

            JsonNode live = host.await("the chat message", m -> m.path("type").asText().equals("tee-time:message"));
            assertThat(live.path("room").asText()).isEqualTo("chat:" + ROOM);
            assertThat(live.path("data").path("message").path("id").asText()).isEqualTo(messageId);
            assertThat(live.path("data").path("message").path("body").asText()).isEqualTo("Bringing the <b>good</b> balls");
            assertThat(live.path("data").path("message").path("sender").path("name").asText()).isEqualTo("Blake Rivers");

            JsonNode history = json(get("/demo/api/tee-times/" + ROOM + "/messages", engine.token(HOST)));
            assertThat(history.path("data").path("messages").findValuesAsText("id")).contains(messageId);
        }
    }

    @Test
    void chatIsRefusedToOutsidersAndForBadBodies() throws Exception {
        HttpResponse<String> outsider = post("/demo/api/tee-times/" + ROOM + "/messages", engine.token(STRANGER),
                "{\"body\":\"hi\"}");
        assertThat(outsider.statusCode()).isEqualTo(403);
        assertThat(json(outsider).path("error").path("code").asText()).isEqualTo("NOT_A_PARTICIPANT");
        assertThat(get("/demo/api/tee-times/" + ROOM + "/messages", engine.token(STRANGER)).statusCode()).isEqualTo(403);
        for (String body : new String[] {"{}", "{\"body\":\"   \"}", "{\"body\":42}",
                "{\"body\":\"" + "x".repeat(1001) + "\"}"}) {
            HttpResponse<String> bad = post("/demo/api/tee-times/" + ROOM + "/messages", engine.token(PLAYER), body);
            assertThat(bad.statusCode()).as(body).isEqualTo(400);
            assertThat(json(bad).path("error").path("code").asText()).isEqualTo("INVALID_FIELD");
        }
        assertThat(post("/demo/api/tee-times/" + ROOM + "/messages", null, "{\"body\":\"hi\"}").statusCode())
                .isEqualTo(401);
    }

    @Test
    void anAnnouncedTeeTimeReachesTheFeed() throws Exception {
        try (WsTestClient watcher = engine.connect(STRANGER)) {
            watcher.subscribeFeed("{\"industries\":[\"FINANCE\"]}");
            HttpResponse<String> announced = post("/demo/api/announce", engine.token(HOST),
                    "{\"teeTimeId\":\"" + ROOM + "\"}");
            assertThat(announced.statusCode()).as(announced.body()).isEqualTo(202);
            JsonNode card = watcher.await("the announced tee time", m -> m.path("type").asText().equals("feed:new-tee-time")
                    && m.path("data").path("teeTime").path("id").asText().equals(ROOM));
            assertThat(card.path("data").path("teeTime").path("course").path("name").asText()).isEqualTo("Demo Links");
        }
        assertThat(post("/demo/api/announce", engine.token(HOST), "{\"teeTimeId\":\"tt-none-" + S + "\"}").statusCode())
                .isEqualTo(404);
    }

    @Test
    void anyoneSignedInSeesATeeTimesDetailsWithItsPlayersByName() throws Exception {
        HttpResponse<String> answer = get("/demo/api/tee-times?ids=tt-none-" + S + "," + ROOM, engine.token(STRANGER));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode teeTimes = json(answer).path("data").path("teeTimes");
        assertThat(teeTimes).hasSize(1);
        JsonNode t = teeTimes.get(0);
        assertThat(t.path("id").asText()).isEqualTo(ROOM);
        assertThat(t.path("course").path("name").asText()).isEqualTo("Demo Links");
        assertThat(t.path("host").path("name").asText()).isEqualTo("Avery Stone");
        assertThat(t.path("players").findValuesAsText("name")).containsExactly("Avery Stone", "Blake Rivers");
        assertThat(t.path("openSlots").asInt()).isEqualTo(2);
        assertThat(t.path("status").asText()).isEqualTo("OPEN");

        assertThat(get("/demo/api/tee-times?ids=" + ROOM, null).statusCode()).isEqualTo(401);
        HttpResponse<String> none = get("/demo/api/tee-times", engine.token(STRANGER));
        assertThat(none.statusCode()).isEqualTo(400);
        assertThat(json(none).path("error").path("code").asText()).isEqualTo("INVALID_REQUEST");
        String fiftyOne = String.join(",", IntStream.range(0, 51).mapToObj(i -> "tt-" + i).toList());
        HttpResponse<String> many = get("/demo/api/tee-times?ids=" + fiftyOne, engine.token(STRANGER));
        assertThat(many.statusCode()).isEqualTo(400);
        assertThat(json(many).path("error").path("code").asText()).isEqualTo("INVALID_FIELD");
    }

    @Test
    void theHostCancelsATeeTimeAndItsPlayersHearOfItOverTheSocket() throws Exception {
        String doomed = "tt-dcancel-" + S;
        new Fixtures(engine.engine().database().dataSource())
                .teeTime(doomed, HOST, "c-d-" + S, Instant.now().plus(Duration.ofDays(2)), "FINANCE", false, 4, PLAYER);
        try (WsTestClient player = engine.connect(PLAYER)) {
            player.subscribeTeeTime(doomed);
            HttpResponse<String> refused = post("/demo/api/tee-times/" + doomed + "/cancel", engine.token(PLAYER), "{}");
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(json(refused).path("error").path("code").asText()).isEqualTo("NOT_THE_HOST");
            HttpResponse<String> badReason = post("/demo/api/tee-times/" + doomed + "/cancel", engine.token(HOST),
                    "{\"reason\":42}");
            assertThat(badReason.statusCode()).isEqualTo(400);

            HttpResponse<String> cancelled = post("/demo/api/tee-times/" + doomed + "/cancel", engine.token(HOST),
                    "{\"reason\":\"Frost on the greens\"}");
            assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);

            JsonNode live = player.await("the cancellation", m -> m.path("type").asText().equals("tee-time:cancelled"));
            assertThat(live.path("data").path("teeTimeId").asText()).isEqualTo(doomed);
            assertThat(live.path("data").path("reason").asText()).isEqualTo("Frost on the greens");
        }
        JsonNode details = json(get("/demo/api/tee-times?ids=" + doomed, engine.token(STRANGER)));
        assertThat(details.path("data").path("teeTimes").get(0).path("status").asText()).isEqualTo("CANCELLED");
        HttpResponse<String> again = post("/demo/api/tee-times/" + doomed + "/cancel", engine.token(HOST), "{}");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).path("error").path("code").asText()).isEqualTo("NOT_CANCELLABLE");
        assertThat(post("/demo/api/tee-times/tt-none-" + S + "/cancel", engine.token(HOST), "{}").statusCode())
                .isEqualTo(404);
    }

    @Test
    void withTheDemoOffNothingIsServed() throws Exception {
        Map<String, String> overrides = EngineInstance.defaults(SharedRedis.uri());
        overrides.put("linkup.demo.enabled", "false");
        try (EngineInstance off = EngineInstance.start(overrides)) {
            for (String path : new String[] {"/demo/", "/demo/linkup-client.js", "/demo/api/token?userId=x",
                    "/demo/api/users"}) {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + off.port() + path)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(path).isEqualTo(404);
            }
        }
    }
}
