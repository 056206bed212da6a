package golf.linkup.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import golf.linkup.engine.storage.Sql;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What operators see of missed-message digests and in-app receipts through the admin API, against a
 * real engine (Redis, H2, the clustered digest job): a player's pending digest (room, unseen count,
 * when it is due) while the digest job is stopped, the same in the Inspector for one chat message,
 * then the digest sent once the job runs again; and an in-app notification's receipt and push
 * fallback as the receipt columns hold them.
 */
class FollowUpAdminEndToEndTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final Duration WAIT = Duration.ofSeconds(30);
    static EngineInstance engine;
    static EventPublisher events;
    static String admin;

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> p = EngineInstance.defaults(SharedRedis.uri());
        p.put("linkup.missed.delay", "2s");
        p.put("linkup.schedules.missed-digests", "* * * * * ?");
        engine = EngineInstance.start(p);
        events = new EventPublisher(SharedRedis.uri());
        admin = engine.engine().jwtIssuer().issue("ops", Duration.ofHours(1), List.of("admin"));
        Instant saturday = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        new Fixtures(engine.engine().database().dataSource())
                .course("bethpage", "Bethpage Black", "Farmingdale", 40.74, -73.45, "America/New_York")
                .user("hana", "Hana Sato", "Kestrel Capital", "FINANCE", "en", "America/New_York")
                .user("olly", "Olly Reed", "Harborline Capital", "FINANCE", "en", "America/New_York")
                .user("jo", "Jo Park", "Northwind Advisory", "FINANCE", "en", "America/New_York")
                .teeTime("tt-follow", "hana", "bethpage", saturday, "FINANCE", false, 4, "olly");
        for (String user : List.of("hana", "olly")) {
            HttpResponse<String> r = call("PUT", "/api/v1/notifications/settings", engine.token(user),
                    "{\"quiet_hours\":{\"start\":\"00:00\",\"end\":\"00:00\",\"timezone\":\"UTC\"}}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        events.close();
        engine.close();
    }

    @Test
    void aPendingDigestIsShownWithItsDueTimeThenAsSentAndAnInAppRowWithItsReceipt() throws Exception {
        data(call("POST", "/api/v1/admin/routes/job-missed-digests/stop", admin, ""));
        List<String> eventIds = new ArrayList<>();
        try {
            for (int i = 1; i <= 2; i++) {
                String event = EventPublisher.messageSent("tt-follow", "FINANCE", "fu-" + i, "hana", "hello " + i);
                eventIds.add(JSON.readTree(event).path("id").asText());
                events.publish(event);
            }
            // olly was offline: the chat room, two unseen messages, a digest due
            JsonNode pending = await().atMost(WAIT).until(() -> data(call("GET", "/api/v1/admin/users/olly", admin,
                    null)).path("followUp"), f -> f.path("missedPending").size() == 1);
            assertThat(pending.path("missedTracked").asBoolean()).isTrue();
            JsonNode room = pending.path("missedPending").get(0);
            assertThat(room.path("room").asText()).isEqualTo("chat:tt-follow");
            assertThat(room.path("kind").asText()).isEqualTo("messages");
            assertThat(room.path("unseen").asInt()).isEqualTo(2);
            assertThat(Instant.parse(room.path("dueAt").asText())).isBefore(Instant.now().plusSeconds(5));
            assertThat(data(call("GET", "/api/v1/admin/users/hana", admin, null)).path("followUp")
                    .path("missedPending").size()).as("the sender has nothing unseen").isZero();

            // the Inspector, for the first message: olly has it unseen with a digest due, hana sent it
            JsonNode unseen = await().atMost(WAIT).until(() -> data(call("GET", "/api/v1/admin/inspector/events/"
                    + eventIds.get(0), admin, null)).path("unseen"), u -> u.size() == 1);
            assertThat(unseen.get(0).path("room").asText()).isEqualTo("chat:tt-follow");
            assertThat(readers(unseen.get(0))).containsExactly("hana own ", "olly unseen due");
        } finally {
            data(call("POST", "/api/v1/admin/routes/job-missed-digests/start", admin, ""));
        }

        // the job runs again: the digest is queued and sent, nothing is pending
        JsonNode sent = await().atMost(WAIT).until(() -> data(call("GET", "/api/v1/admin/users/olly", admin, null))
                .path("followUp"), f -> f.path("digests").findValuesAsText("status").contains("sent"));
        assertThat(sent.path("missedPending").size()).isZero();
        List<String> digests = new ArrayList<>();
        sent.path("digests").forEach(d -> digests.add(d.path("channel").asText() + " " + d.path("teeTimeId").asText()
                + " " + d.path("messagesThrough").asLong()));
        assertThat(digests).contains("email tt-follow 2", "push tt-follow 2");
        JsonNode told = data(call("GET", "/api/v1/admin/inspector/events/" + eventIds.get(0), admin, null))
                .path("unseen").get(0);
        assertThat(readers(told)).containsExactly("hana own ", "olly seen digest");

        // in-app: jo joins, olly's slot_joined row, with the receipt columns the receipts code fills
        String join = EventPublisher.slotJoined("tt-follow", 3, "jo");
        eventIds.add(JSON.readTree(join).path("id").asText());
        events.publish(join);
        JsonNode inApp = await().atMost(WAIT).until(() -> data(call("GET", "/api/v1/admin/users/olly", admin, null))
                .path("followUp").path("inApp"), rows -> rows.size() >= 1);
        long id = inApp.get(0).path("id").asLong();
        assertThat(inApp.get(0).path("acknowledgedAt").isNull() || inApp.get(0).path("acknowledgedAt").isMissingNode())
                .as("not acknowledged yet").isTrue();
        var db = engine.engine().database().dataSource();
        long fallbackRow = Sql.first(db, "a push row", "select min(id) from notification_queue where user_id = 'olly'"
                + " and channel = 'push'", r -> r.getLong(1)).orElseThrow();
        Instant acked = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Sql.update(db, "stand in for a receipt", "update notifications set acknowledged_at = ?, fallback_at = ?,"
                + " fallback_queue_id = ? where id = ?", acked, acked, fallbackRow, id);
        JsonNode receipt = null;
        for (JsonNode row : data(call("GET", "/api/v1/admin/users/olly", admin, null)).path("followUp").path("inApp")) {
            receipt = row.path("id").asLong() == id ? row : receipt;
        }
        assertThat(Instant.parse(receipt.path("acknowledgedAt").asText())).isEqualTo(acked);
        assertThat(Instant.parse(receipt.path("fallbackAt").asText())).isEqualTo(acked);
        assertThat(receipt.path("fallbackQueueId").asLong()).isEqualTo(fallbackRow);
        assertThat(receipt.path("fallbackStatus").asText()).isNotBlank();
        assertThat(receipt.path("deliveredAt").asText()).isNotBlank();
        // the same receipt in the Inspector, on the event that caused the row
        String key = receipt.path("notificationKey").asText();
        String eventId = eventIds.stream().filter(key::contains).findFirst().orElseThrow();
        JsonNode traced = data(call("GET", "/api/v1/admin/inspector/events/" + eventId, admin, null));
        JsonNode row = null;
        for (JsonNode r : traced.path("inApp")) {
            row = r.path("id").asLong() == id ? r : row;
        }
        assertThat(Instant.parse(row.path("acknowledgedAt").asText())).isEqualTo(acked);
        assertThat(row.path("fallbackQueueId").asLong()).isEqualTo(fallbackRow);
    }

    /** "user state digest-word" per reader: the digest column's first word only (times and ids vary). */
    static List<String> readers(JsonNode message) {
        List<String> out = new ArrayList<>();
        message.path("readers").forEach(r -> out.add(r.path("userId").asText() + " " + r.path("state").asText() + " "
                + r.path("digest").asText().split(" ")[0]));
        return out;
    }

    static JsonNode data(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("data");
    }

    static HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + engine.port() + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
