package golf.linkup.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import golf.linkup.engine.notifications.WebPushSubscriptions.WebPushSubscription;
import golf.linkup.engine.sandbox.push.ReceivedPush;
import golf.linkup.engine.sandbox.push.SandboxPushService;
import golf.linkup.notifications.email.SandboxMailServer;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Notifications as their recipients get them, end to end with the real parts: events on Redis,
 * the rules, the outbox, Web Push encrypted to a subscription and decrypted by the sandbox push
 * service, e-mail through SMTP into GreenMail in the recipient's language, and the in-app centre
 * with its live WebSocket message. Settings and devices go through the HTTP API as an app does.
 */
class NotificationsEndToEndTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static EngineInstance engine;
    static EventPublisher events;
    static SandboxPushService push;
    static SandboxMailServer mail;
    static WebPushSubscription anasBrowser;

    @BeforeAll
    static void start() throws Exception {
        engine = EngineInstance.start(EngineInstance.defaults(SharedRedis.uri()));
        events = new EventPublisher(SharedRedis.uri());
        push = engine.engine().notifications().sandboxPush().orElseThrow();
        mail = engine.engine().notifications().sandboxMail().orElseThrow();
        Instant saturday = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        new Fixtures(engine.engine().database().dataSource())
                .course("pebble-beach", "Pebble Beach Golf Links", "Pebble Beach", 36.5680, -121.9496, "America/Los_Angeles")
                .user("ana", "Ana Ruiz", "Cumbre Capital", "FINANCE", "es", "Europe/Madrid")
                .user("bob", "Bob Stone", "Harborline Capital", "FINANCE", "en", "America/New_York")
                .user("cara", "Cara Díaz", "Norte Partners", "FINANCE", "es-MX", "America/Mexico_City")
                .teeTime("tt-join", "ana", "pebble-beach", saturday, "FINANCE", false, 4, "bob")
                .teeTime("tt-cancel", "ana", "pebble-beach", saturday, "FINANCE", false, 4, "bob", "cara");
        for (String user : List.of("ana", "bob", "cara")) {
            // no quiet hours, so the test does not depend on the hour it runs at
            assertThat(call("PUT", "/api/v1/notifications/settings", user,
                    "{\"quiet_hours\":{\"start\":\"00:00\",\"end\":\"00:00\",\"timezone\":\"UTC\"}}").statusCode())
                    .isEqualTo(200);
        }
        anasBrowser = push.createSubscription("ana's browser", "http://127.0.0.1:" + engine.port());
        HttpResponse<String> registered = call("POST", "/api/v1/notifications/register-token", "ana",
                "{\"device_token\":\"" + anasBrowser.endpoint() + "\",\"platform\":\"web\",\"keys\":{\"p256dh\":\""
                        + anasBrowser.p256dh() + "\",\"auth\":\"" + anasBrowser.auth() + "\"}}");
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
    }

    @AfterAll
    static void stop() throws Exception {
        events.close();
        engine.close();
    }

    static HttpResponse<String> call(String method, String path, String user, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + engine.port() + path))
                .header("Authorization", "Bearer " + engine.token(user))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aJoinedSlotReachesTheHostsBrowserAsAnEncryptedPushAndThePlayersAppLive() throws Exception {
        new Fixtures(engine.engine().database().dataSource())
                .exec("insert into tee_time_slots (tee_time_id, slot_number, user_id) values ('tt-join', 3, 'cara')");
        try (WsTestClient bobsApp = engine.connect("bob")) {
            bobsApp.awaitType("connected");

            events.publish(EventPublisher.slotJoined("tt-join", 3, "cara"));

            JsonNode live = bobsApp.await("a live notification", m -> m.path("type").asText().equals("notification")
                    && m.path("data").path("notification").path("type").asText().equals("slot_joined"));
            assertThat(live.path("data").path("notification").path("title").asText()).contains("Cara");
            assertThat(live.path("data").path("notification").path("data").path("teeTimeId").asText())
                    .isEqualTo("tt-join");

            ReceivedPush received = push.awaitPush(p -> p.decryptedJson().contains("slot_joined"), Duration.ofSeconds(10))
                    .orElseThrow(() -> new AssertionError("no push reached ana's browser"));
            JsonNode payload = JSON.readTree(received.decryptedJson());
            assertThat(payload.path("body").asText()).as("rendered in Spanish for ana").contains("Cara")
                    .contains("Pebble Beach");
            assertThat(received.urgency()).isEqualTo("high");
            assertThat(received.ttl()).isPositive();
            assertThat(received.topic()).matches("[A-Za-z0-9_-]{1,32}");
        }
        JsonNode inbox = JSON.readTree(call("GET", "/api/v1/notifications", "bob", null).body()).path("data");
        assertThat(inbox.path("unread_count").asInt()).isGreaterThanOrEqualTo(1);
        long id = inbox.path("notifications").get(0).path("id").asLong();
        assertThat(call("POST", "/api/v1/notifications/" + id + "/read", "bob", null).statusCode()).isEqualTo(200);
        JsonNode after = JSON.readTree(call("GET", "/api/v1/notifications", "bob", null).body()).path("data");
        assertThat(after.path("unread_count").asInt()).isEqualTo(inbox.path("unread_count").asInt() - 1);
        assertThat(call("POST", "/api/v1/notifications/" + id + "/read", "cara", null).statusCode())
                .as("someone else's notification").isEqualTo(404);
    }

    @Test
    void aCancellationEmailsEveryPlayerInTheirOwnLanguageAndIsAudited() throws Exception {
        int before = mail.receivedMessages().size();

        events.publish(EventPublisher.teeTimeCancelled("tt-cancel", "Course closed for aeration"));

        assertThat(mail.awaitMessages(before + 2, Duration.ofSeconds(15))).as("two e-mails").isTrue();
        List<MimeMessage> sent = mail.receivedMessages().subList(before, mail.receivedMessages().size());
        MimeMessage toBob = sent.stream().filter(m -> to(m).equals("bob@example.com")).findFirst().orElseThrow();
        MimeMessage toCara = sent.stream().filter(m -> to(m).equals("cara@example.com")).findFirst().orElseThrow();
        assertThat(toBob.getSubject()).startsWith("Cancelled: your tee time at Pebble Beach");
        assertThat(toCara.getSubject()).as("es-MX falls back to es").startsWith("Cancelada: tu salida en Pebble Beach");
        assertThat(sent).noneMatch(m -> to(m).equals("ana@example.com")).as("the host who cancelled is not told");
        assertThat(toBob.getHeader("X-LinkUp-Idempotency-Key")[0]).startsWith("tee_time_cancelled:");
        assertThat(toBob.getHeader("List-Unsubscribe")).as("about bob's own booking: no unsubscribing").isNull();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(auditedOutcomes("bob"))
                .contains("email:SENT"));
    }

    static String emailSetting(String user, String type) throws Exception {
        for (JsonNode s : JSON.readTree(call("GET", "/api/v1/notifications/settings", user, null).body()).path("data")
                .path("settings")) {
            if (s.path("notification_type").asText().equals(type)) {
                return s.path("email_enabled").asText();
            }
        }
        throw new AssertionError("no setting for " + type);
    }

    static HttpResponse<String> unsubscribe(String method, URI link) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(link).header("Content-Type", "application/x-www-form-urlencoded")
                .method(method, method.equals("POST") ? HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")
                        : HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aDigestEmailCarriesAOneClickUnsubscribeThatTurnsOffThatTypesEmailOnly() throws Exception {
        int before = mail.receivedMessages().size();
        engine.engine().notifications().service().enqueue(engine.engine().notifications().rules().weeklyDigest("cara", List.of(),
                java.time.LocalDate.of(2026, 12, 13)));
        assertThat(mail.awaitMessages(before + 1, Duration.ofSeconds(15))).as("the digest").isTrue();
        MimeMessage digest = mail.receivedMessages().subList(before, mail.receivedMessages().size()).stream()
                .filter(m -> to(m).equals("cara@example.com")).findFirst().orElseThrow();

        String header = digest.getHeader("List-Unsubscribe")[0];
        assertThat(header).startsWith("<http://localhost:" + engine.port() + "/unsubscribe?token=").endsWith(">");
        assertThat(digest.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
        URI link = URI.create(header.substring(1, header.length() - 1));

        HttpResponse<String> page = unsubscribe("GET", link);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<form method=\"post\"");
        assertThat(emailSetting("cara", "weekly_digest")).as("a GET changes nothing").isEqualTo("true");
        URI tampered = URI.create(link.toString().replace("token=", "token=x"));
        assertThat(unsubscribe("POST", tampered).statusCode()).isEqualTo(400);

        HttpResponse<String> done = unsubscribe("POST", link);

        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(emailSetting("cara", "weekly_digest")).isEqualTo("false");
        assertThat(emailSetting("cara", "tee_time_cancelled")).as("other types untouched").isEqualTo("true");
    }

    @Test
    void aRegisteredTokenIsValidatedWithSeed002sErrorCode() throws Exception {
        HttpResponse<String> bad = call("POST", "/api/v1/notifications/register-token", "bob",
                "{\"device_token\":\"not-a-token\",\"platform\":\"ios\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(bad.body()).path("error").path("code").asText()).isEqualTo("INVALID_DEVICE_TOKEN");
        HttpResponse<String> ok = call("POST", "/api/v1/notifications/register-token", "bob",
                "{\"device_token\":\"" + "ab".repeat(32) + "\",\"platform\":\"ios\",\"device_info\":{\"model\":\"iPhone 15\"}}");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(ok.body()).path("data").path("token_id").asText()).isNotBlank();
    }

    @Test
    void aPushEndpointThatOnlyLooksLikeLoopbackOrIsNotAPushServiceIsRefused() throws Exception {
        String keys = "\"keys\":{\"p256dh\":\"" + anasBrowser.p256dh() + "\",\"auth\":\"" + anasBrowser.auth() + "\"}";
        for (String endpoint : List.of("http://127.example.com/push/x", "http://127.0.0.1.nip.io/push/x",
                "https://127.0.0.1.nip.io/push/x", "https://internal.example.com/push/x", "http://10.1.2.3/push/x")) {
            HttpResponse<String> r = call("POST", "/api/v1/notifications/register-token", "bob",
                    "{\"device_token\":\"" + endpoint + "\",\"platform\":\"web\"," + keys + "}");
            assertThat(r.statusCode()).as(endpoint).isEqualTo(400);
            assertThat(JSON.readTree(r.body()).path("error").path("code").asText()).as(endpoint)
                    .isEqualTo("INVALID_DEVICE_TOKEN");
            assertThat(JSON.readTree(r.body()).path("error").path("message").asText()).as(endpoint)
                    .containsAnyOf("must be https", "not an allowed push service");
        }
    }

    @Test
    void badRequestsAreAnsweredWith400AndTheirReasonNeverWith500() throws Exception {
        String[][] cases = {
            {"POST", "/api/v1/notifications/register-token", "bob",
                "{\"device_token\":\"https://push.example.com/x\",\"platform\":\"web\",\"keys\":{\"p256dh\":\"abcde\",\"auth\":\"a\"}}",
                "INVALID_DEVICE_TOKEN"},
            {"POST", "/api/v1/notifications/register-token", "bob",
                "{\"device_token\":\"" + "a".repeat(3000) + "\",\"platform\":\"android\"}", "INVALID_DEVICE_TOKEN"},
            {"PUT", "/api/v1/notifications/settings", "bob",
                "{\"quiet_hours\":{\"start\":\"23:00:30\",\"end\":\"07:00\",\"timezone\":\"UTC\"}}", "INVALID_REQUEST"},
            {"PUT", "/api/v1/notifications/settings", "bob",
                "{\"settings\":[{\"notification_type\":\"profile_liked\"}]}", "INVALID_REQUEST"},
        };
        for (String[] c : cases) {
            HttpResponse<String> r = call(c[0], c[1], c[2], c[3]);
            assertThat(r.statusCode()).as(c[3]).isEqualTo(400);
            assertThat(JSON.readTree(r.body()).path("error").path("code").asText()).as(c[3]).isEqualTo(c[4]);
        }
    }

    @Test
    void anAdminSendsAnAnnouncementThatArrivesInTheInbox() throws Exception {
        HttpResponse<String> refused = call("POST", "/api/v1/notifications/send", "bob",
                "{\"user_ids\":[\"bob\"],\"title\":\"Hi\",\"body\":\"There\"}");
        assertThat(refused.statusCode()).as("not an admin").isEqualTo(403);
        String admin = engine.engine().jwtIssuer().issue("ops", Duration.ofHours(1), List.of("admin"));
        HttpResponse<String> wrongType = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + engine.port()
                + "/api/v1/notifications/send")).header("Authorization", "Bearer " + admin)
                .POST(HttpRequest.BodyPublishers.ofString("{\"user_ids\":[\"bob\"],\"notification_type\":\"slot_joined\","
                        + "\"title\":\"x\",\"body\":\"y\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(wrongType.statusCode()).isEqualTo(400);
        HttpResponse<String> sent = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + engine.port()
                + "/api/v1/notifications/send")).header("Authorization", "Bearer " + admin)
                .POST(HttpRequest.BodyPublishers.ofString("{\"user_ids\":[\"bob\",\"cara\"],"
                        + "\"title\":\"Course news\",\"body\":\"The back nine reopens Saturday\",\"priority\":\"high\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        assertThat(JSON.readTree(sent.body()).path("data").path("queued_count").asInt()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                JSON.readTree(call("GET", "/api/v1/notifications", "cara", null).body()).path("data").path("notifications")
                        .findValuesAsText("title")).contains("Course news"));
    }

    private static String to(MimeMessage m) {
        try {
            return ((jakarta.mail.internet.InternetAddress) m.getAllRecipients()[0]).getAddress();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> auditedOutcomes(String user) throws Exception {
        try (Connection c = engine.engine().database().dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "select channel, outcome from notification_log where user_id = ? order by id")) {
            ps.setString(1, user);
            List<String> out = new java.util.ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1) + ":" + rs.getString(2));
                }
            }
            return out;
        }
    }
}
