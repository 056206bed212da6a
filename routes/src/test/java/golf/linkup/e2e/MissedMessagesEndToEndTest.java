package golf.linkup.e2e;

import static golf.linkup.e2e.EventPublisher.messageSent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import golf.linkup.engine.gateway.connections.ClientConnection;
import golf.linkup.notifications.email.SandboxMailServer;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
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
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Missed-message digests as players get them, end to end: chat events on the Redis stream, real
 * WebSocket clients, room history and the seen positions in Redis, the clustered digest job, the
 * outbox and e-mail through SMTP into GreenMail. The delay is 3 s here (10 min in production).
 */
class MissedMessagesEndToEndTest {

    private static final Logger LOG = LoggerFactory.getLogger(MissedMessagesEndToEndTest.class);
    static final Duration DELAY = Duration.ofSeconds(3);
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static EngineInstance engine;
    static EventPublisher events;
    static SandboxMailServer mail;
    static final List<Long> lateness = new ArrayList<>();
    static final List<String> PLAYERS = List.of("hal", "olly", "rita", "dee", "cody", "gus", "ivy", "max");

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> p = EngineInstance.defaults(SharedRedis.uri());
        p.put("linkup.missed.delay", DELAY.toMillis() + "ms");
        p.put("linkup.schedules.missed-digests", "* * * * * ?");
        p.put("linkup.gateway.history.size", "2000");
        engine = EngineInstance.start(p);
        events = new EventPublisher(SharedRedis.uri());
        mail = engine.engine().notifications().sandboxMail().orElseThrow();
        Instant saturday = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        Fixtures fixtures = new Fixtures(engine.engine().database().dataSource())
                .course("bethpage", "Bethpage Black", "Farmingdale", 40.74, -73.45, "America/New_York");
        for (String user : PLAYERS) {
            fixtures.user(user, user.substring(0, 1).toUpperCase() + user.substring(1) + " Player", "Acme", "LEGAL",
                    "en", "America/New_York");
        }
        fixtures.teeTime("tt-offline", "hal", "bethpage", saturday, "LEGAL", false, 4, "olly")
                .teeTime("tt-recover", "hal", "bethpage", saturday, "LEGAL", false, 4, "rita", "olly")
                .teeTime("tt-dropped", "hal", "bethpage", saturday, "LEGAL", false, 4, "dee", "cody")
                .teeTime("tt-changes", "hal", "bethpage", saturday, "LEGAL", false, 4, "gus", "ivy", "max");
        for (String user : PLAYERS) {
            // no quiet hours, so the test does not depend on the hour it runs at
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + engine.port() + "/api/v1/notifications/settings"))
                    .header("Authorization", "Bearer " + engine.token(user)).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(
                            "{\"quiet_hours\":{\"start\":\"00:00\",\"end\":\"00:00\",\"timezone\":\"UTC\"}}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        LOG.info("missed-message digests: queued {} ms after the delay (per digest: {})",
                lateness.stream().sorted().toList(), lateness);
        events.close();
        engine.close();
    }

    @Test
    void aPlayerOfflineWhileThreeMessagesArriveGetsOneDigestEmailAndTheSenderNone() throws Exception {
        Instant first = Instant.now();
        for (int i = 1; i <= 3; i++) {
            events.publish(messageSent("tt-offline", "LEGAL", "off-" + i, "hal", "secret plan " + i));
        }

        MimeMessage digest = awaitMailTo("olly@example.com", "tt-offline");
        assertThat(digest.getSubject()).startsWith("3 new messages in your");
        assertThat(digest.getSubject()).contains("group at Bethpage").doesNotContain("secret");
        assertThat(body(digest)).doesNotContain("secret plan");
        Instant queued = outboxCreatedAt("olly", "tt-offline");
        assertThat(queued).as("not before the delay").isAfterOrEqualTo(first.plus(DELAY).minusMillis(50));
        lateness.add(Duration.between(first.plus(DELAY), queued).toMillis());

        // the job looked at the chat once: one digest, for the player only (the host sent them)
        assertThat(digestRows("tt-offline")).containsExactly("olly:email", "olly:push");
    }

    @Test
    void aPlayerWhoReconnectsAndRecoversBeforeTheDelayGetsNothing() throws Exception {
        JsonNode position;
        try (WsTestClient rita = engine.connect("rita")) {
            position = rita.subscribeTeeTime("tt-recover");
        }
        String since = "{\"chat:tt-recover\":" + position.path("data").path("positions").path("chat:tt-recover") + "}";
        for (int i = 1; i <= 3; i++) {
            events.publish(messageSent("tt-recover", "LEGAL", "rec-" + i, "hal", "hello " + i));
        }
        try (WsTestClient rita = engine.connect("rita")) {
            JsonNode recovered = rita.subscribeTeeTime("tt-recover", since);
            assertThat(recovered.path("data").path("recovered").path("chat:tt-recover").asBoolean())
                    .as(recovered.toString()).isTrue();
            rita.await("the third message", m -> m.path("data").path("message").path("id").asText().equals("rec-3"));
            // olly, offline throughout, is the control: once his digest is queued the chat was looked at
            awaitMailTo("olly@example.com", "tt-recover");
        }
        assertThat(digestRows("tt-recover")).as("rita recovered in time").containsExactly("olly:email", "olly:push");
    }

    @Test
    void aConnectionThatDroppedMessagesAndDidNotRecoverThemCountsAsMissed() throws Exception {
        String pad = "x".repeat(8 * 1024);
        String chat = "chat:tt-dropped";
        try (RawWsClient dee = RawWsClient.connect(engine.port(), engine.token("dee"), false);
                WsTestClient cody = engine.connect("cody")) {
            cody.subscribeTeeTime("tt-dropped");
            dee.send("{\"id\":\"s\",\"type\":\"subscribe:tee-time\",\"data\":{\"teeTimeId\":\"tt-dropped\"}}");
            await().atMost(Duration.ofSeconds(10)).until(() -> engine.engine().gateway().connections().members(chat).size() == 2);
            ClientConnection deesConnection = engine.engine().gateway().connections().members(chat).stream()
                    .filter(c -> c.userId().equals("dee")).findFirst().orElseThrow();
            int published = 0;
            while (deesConnection.dropped() < 10) {
                if (published - deesConnection.sent() < 300) {
                    events.publish(messageSent("tt-dropped", "LEGAL", "drop-" + ++published, "hal", pad));
                } else {
                    Thread.onSpinWait();
                }
                if (published > 3_000) {
                    throw new AssertionError("no drops after 3,000 messages");
                }
            }
            int total = published;
            cody.await("the last message", m -> m.path("data").path("message").path("id").asText()
                    .equals("drop-" + total));
            dee.startReading(); // told what it missed; it does not recover
            dee.await("the missed notice", m -> m.path("type").asText().equals("missed"), Duration.ofSeconds(60));

            MimeMessage digest = awaitMailTo("dee@example.com", "tt-dropped");
            assertThat(digest.getSubject()).contains("new messages in your").contains("group at Bethpage");
        }
        // messages kept coming for longer than the delay, so there may be a second digest for the later ones
        assertThat(digestRows("tt-dropped")).as("cody read everything live").isNotEmpty()
                .allMatch(row -> row.startsWith("dee:"));
    }

    @Test
    void roomChangesJoinTheDigestExceptThePlayersOwnAndAPlayerWatchingLiveGetsNothing() throws Exception {
        // one moment for every event, so the job's look finds them all ripe together
        String at = Instant.now().toString();
        List<String> burst = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            burst.add(messageSent("tt-changes", "LEGAL", "chg-" + i, "hal", "secret plan " + i));
        }
        burst.add(EventPublisher.teeTimeUpdated("tt-changes", "LEGAL", "{\"notes\":\"secret note\"}"));
        burst.add(EventPublisher.slotJoined("tt-changes", 4, "max"));
        try (WsTestClient ivy = engine.connect("ivy")) {
            ivy.subscribeTeeTime("tt-changes");
            for (String event : burst) {
                events.publish(event.replaceAll("\"(occurredAt|sentAt)\":\"[^\"]+\"", "\"$1\":\"" + at + "\""));
            }
            ivy.await("max's join", m -> m.path("type").asText().equals("tee-time:slot-joined"));

            // gus was offline: the host's 3 messages, the host's update and max's join
            MimeMessage gus = awaitMailTo("gus@example.com", "tt-changes");
            assertThat(gus.getSubject()).startsWith("3 new messages and 2 changes in your")
                    .contains("group at Bethpage").doesNotContain("secret");
            assertThat(body(gus)).doesNotContain("secret");
            // max is not told of his own join; the host is told of max's join only
            assertThat(awaitMailTo("max@example.com", "tt-changes").getSubject())
                    .startsWith("3 new messages and 1 change in your");
            assertThat(awaitMailTo("hal@example.com", "tt-changes").getSubject()).startsWith("1 change in your");
        }
        assertThat(digestRows("tt-changes")).as("ivy watched live")
                .containsExactly("gus:email", "gus:push", "hal:email", "hal:push", "max:email", "max:push");
        String push = golf.linkup.engine.storage.Sql.first(engine.engine().database().dataSource(), "read the push",
                "select title || ' | ' || body from notification_queue where user_id = 'gus' and channel = 'push'"
                        + " and notification_key like 'missed_messages:tt-changes:%'",
                row -> row.getString(1)).orElseThrow();
        assertThat(push).startsWith("💬 3 new messages and 2 changes").contains("group at Bethpage")
                .doesNotContain("secret");
    }

    // ------------------------------------------------------------------ helpers

    /** The digest e-mail to {@code address} about one tee time (its idempotency key names the tee time). */
    static MimeMessage awaitMailTo(String address, String teeTimeId) {
        Duration within = DELAY.plusSeconds(25);
        return await().atMost(within).until(() -> mail.receivedMessages().stream()
                .filter(m -> to(m).equals(address) && key(m).startsWith("missed_messages:" + teeTimeId + ":"))
                .findFirst().orElse(null), m -> m != null);
    }

    static String key(MimeMessage m) {
        try {
            String[] key = m.getHeader("X-LinkUp-Idempotency-Key");
            return key == null ? "" : key[0];
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** user:channel of every digest row queued for a tee time's chat, sorted. */
    static List<String> digestRows(String teeTimeId) {
        return golf.linkup.engine.storage.Sql.list(engine.engine().database().dataSource(), "read digests",
                "select user_id, channel from notification_queue where notification_type = 'missed_messages'"
                        + " and notification_key like ? order by user_id, channel",
                row -> row.getString(1) + ":" + row.getString(2), "missed_messages:" + teeTimeId + ":%");
    }

    static Instant outboxCreatedAt(String user, String teeTimeId) {
        return golf.linkup.engine.storage.Sql.first(engine.engine().database().dataSource(), "read digest time",
                "select min(created_at) from notification_queue where user_id = ? and notification_key like ?",
                row -> row.getTimestamp(1).toInstant(), user, "missed_messages:" + teeTimeId + ":%").orElseThrow();
    }

    static String to(MimeMessage m) {
        try {
            return ((InternetAddress) m.getAllRecipients()[0]).getAddress();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String body(MimeMessage m) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        m.writeTo(out);
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
