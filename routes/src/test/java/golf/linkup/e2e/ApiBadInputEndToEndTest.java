package golf.linkup.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import golf.linkup.engine.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bad input to the HTTP API gets a typed 4xx, never a 500: a caller the database does not know
 * (an admin token's own subject, any invented {@code sub}) writes nothing and gets 404
 * {@code USER_NOT_FOUND}; values larger than their columns are refused before storage; bodies must
 * be one JSON object.
 */
class ApiBadInputEndToEndTest {

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static EngineInstance engine;
    static String admin;

    @BeforeAll
    static void startEngine() throws Exception {
        engine = EngineInstance.start(EngineInstance.defaults(SharedRedis.uri()));
        admin = engine.engine().jwtIssuer().issue("ops", Duration.ofHours(1), List.of("admin"));
        new Fixtures(engine.engine().database().dataSource())
                .course("c-1", "Test Links", "Austin", 30.27, -97.74, "America/Chicago")
                .user("host-1", "Hana Host", "Acme", "TECH")
                .user("player-1", "Pat Player", "Acme", "TECH")
                .teeTime("tt-open", "host-1", "c-1", Instant.now().plus(Duration.ofDays(2)), "TECH", false, 4)
                .teeTime("tt-full", "host-1", "c-1", Instant.now().plus(Duration.ofDays(2)), "TECH", false, 2, "player-1");
    }

    @AfterAll
    static void stopEngine() throws Exception {
        engine.close();
    }

    @Test
    void anAdminWhoseOwnIdIsNoUserCannotJoinAWaitlistForThemselfNorForAnUnknownPlayer() throws Exception {
        HttpResponse<String> self = call("POST", "/api/v1/tee-times/tt-full/waitlist", admin, "{}");
        assertThat(self.statusCode()).isEqualTo(404);
        assertThat(code(self)).isEqualTo("USER_NOT_FOUND");

        HttpResponse<String> forPlayer = call("POST", "/api/v1/tee-times/tt-full/waitlist", admin,
                "{\"userId\":\"nobody-here\"}");
        assertThat(forPlayer.statusCode()).isEqualTo(404);
        assertThat(code(forPlayer)).isEqualTo("USER_NOT_FOUND");
        assertThat(rows("select count(*) from waitlist_entries")).isZero();
    }

    @Test
    void anUnknownUserGetsNoHoldAndCannotConfirmOne() throws Exception {
        String stranger = engine.token("stranger");
        HttpResponse<String> attempt = call("POST", "/api/v1/tee-times/tt-open/slots/attempt", stranger, null);
        assertThat(attempt.statusCode()).isEqualTo(404);
        assertThat(code(attempt)).isEqualTo("USER_NOT_FOUND");
        assertThat(rows("select count(*) from slot_holds where user_id = 'stranger'")).isZero();

        HttpResponse<String> confirm = call("POST", "/api/v1/tee-times/tt-open/slots/confirm", stranger,
                "{\"holdId\":\"0f8fad5b-d9cb-469f-a165-70867728950e\"}");
        assertThat(confirm.statusCode()).isEqualTo(404);
        assertThat(code(confirm)).isEqualTo("USER_NOT_FOUND");
        for (String path : List.of("/api/v1/notifications/register-token", "/api/v1/realtime/heartbeat")) {
            assertThat(call("POST", path, stranger, "{\"platform\":\"ios\",\"device_token\":\"" + "a".repeat(64) + "\"}")
                    .statusCode()).as(path).isEqualTo(404);
        }
        assertThat(call("PUT", "/api/v1/notifications/settings", stranger, "{}").statusCode()).isEqualTo(404);
    }

    @Test
    void aKnownPlayerStillGetsAHold() throws Exception {
        HttpResponse<String> attempt = call("POST", "/api/v1/tee-times/tt-open/slots/attempt", engine.token("player-1"),
                null);
        assertThat(attempt.statusCode()).as(attempt.body()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(attempt.body()).path("data").path("holdId").asText()).isNotBlank();
    }

    @Test
    void aWebDeviceTokenLongerThanItsColumnIsAnInvalidDeviceToken() throws Exception {
        String endpoint = "https://push.example.com/" + "x".repeat(2100);
        String body = "{\"platform\":\"web\",\"device_token\":\"" + endpoint + "\",\"keys\":{\"p256dh\":"
                + "\"BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM\","
                + "\"auth\":\"tBHItJI5svbpez7KI4CCXg\"}}";
        HttpResponse<String> answer = call("POST", "/api/v1/notifications/register-token", engine.token("player-1"), body);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        assertThat(code(answer)).isEqualTo("INVALID_DEVICE_TOKEN");
    }

    @Test
    void anUnknownOutboxRowIsNotFoundNotAConflict() throws Exception {
        for (String action : List.of("retry", "cancel")) {
            HttpResponse<String> answer = call("POST", "/api/v1/admin/queues/rows/987654/" + action, admin, null);
            assertThat(answer.statusCode()).as(action).isEqualTo(404);
            assertThat(code(answer)).isEqualTo("NOT_FOUND");
        }
    }

    @Test
    void bodiesMustBeOneJsonObjectWithoutDuplicateKeysOrTrailingText() throws Exception {
        String player = engine.token("player-1");
        for (String body : List.of("{\"holdId\":\"a\"} trailing", "{\"holdId\":\"a\",\"holdId\":\"b\"}", "[]", "42",
                "{\"holdId\":")) {
            HttpResponse<String> answer = call("POST", "/api/v1/tee-times/tt-open/slots/release", player, body);
            assertThat(answer.statusCode()).as(body).isEqualTo(400);
            assertThat(code(answer)).isEqualTo("INVALID_REQUEST");
        }
        HttpResponse<String> delete = call("DELETE", "/api/v1/tee-times/tt-open/waitlist", player, "{nope");
        assertThat(delete.statusCode()).isEqualTo(400);
    }

    @Test
    void theApisUnauthorizedTextNamesOnlyTheBearerHeader() throws Exception {
        HttpResponse<String> answer = call("GET", "/api/v1/realtime/stats", null, null);
        assertThat(answer.statusCode()).isEqualTo(401);
        String message = Json.MAPPER.readTree(answer.body()).path("error").path("message").asText();
        assertThat(message).contains("Authorization").doesNotContain("query");
    }

    // ---- helpers

    static HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + engine.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String code(HttpResponse<String> response) throws Exception {
        JsonNode root = Json.MAPPER.readTree(response.body());
        return root.path("error").path("code").asText();
    }

    static long rows(String sql) throws Exception {
        try (Connection c = engine.engine().database().dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
