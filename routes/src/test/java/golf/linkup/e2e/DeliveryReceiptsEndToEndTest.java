package golf.linkup.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import golf.linkup.engine.notifications.Channel;
import golf.linkup.engine.notifications.NotificationIntent;
import golf.linkup.engine.notifications.NotificationType;
import golf.linkup.engine.notifications.Priority;
import golf.linkup.engine.notifications.WebPushSubscriptions.WebPushSubscription;
import golf.linkup.engine.receipts.PushFallback;
import golf.linkup.engine.sandbox.push.ReceivedPush;
import golf.linkup.engine.sandbox.push.SandboxPushService;
import golf.linkup.engine.storage.Sql;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Delivery receipts as a player and an operator see them, end to end: in-app notifications through
 * the outbox to a real WebSocket client, its {@code ack}, and the clustered push fallback on two
 * engine instances that share one database, down to the sandbox push service, which checks VAPID
 * and decrypts what it receives. push-after is 3 s here (2 min in production).
 */
class DeliveryReceiptsEndToEndTest {

    static final Duration PUSH_AFTER = Duration.ofSeconds(3);
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static EngineInstance a;
    static EngineInstance b;
    static SandboxPushService push;
    static final Map<String, WebPushSubscription> browsers = new HashMap<>();

    @BeforeAll
    static void startTwoInstances() throws Exception {
        Map<String, String> common = EngineInstance.defaults(SharedRedis.uri());
        common.put("linkup.db.url", "jdbc:h2:mem:receipts-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        common.put("linkup.receipts.push-after", PUSH_AFTER.toMillis() + "ms");
        common.put("linkup.schedules.receipt-fallbacks", "* * * * * ?");
        Map<String, String> first = new HashMap<>(common);
        first.put("linkup.instance-id", "receipts-a");
        a = EngineInstance.start(first);
        Map<String, String> second = new HashMap<>(common);
        second.put("linkup.instance-id", "receipts-b");
        b = EngineInstance.start(second);
        push = a.engine().notifications().sandboxPush().orElseThrow();
        Fixtures fixtures = new Fixtures(db());
        for (String user : List.of("ava", "ben", "cy", "dan", "eve", "fay")) {
            fixtures.user(user, user.substring(0, 1).toUpperCase() + user.substring(1) + " Player", "Acme", "LEGAL",
                    "en", "America/New_York");
            // no quiet hours, so the test does not depend on the hour it runs at
            assertThat(call("PUT", "/api/v1/notifications/settings", user,
                    "{\"quiet_hours\":{\"start\":\"00:00\",\"end\":\"00:00\",\"timezone\":\"UTC\"}}").statusCode())
                    .isEqualTo(200);
        }
        for (String user : List.of("ava", "ben", "cy", "eve", "fay")) { // dan has no browser that takes pushes
            WebPushSubscription browser = push.createSubscription(user + "'s browser", "http://127.0.0.1:" + a.port());
            HttpResponse<String> registered = call("POST", "/api/v1/notifications/register-token", user,
                    "{\"device_token\":\"" + browser.endpoint() + "\",\"platform\":\"web\",\"keys\":{\"p256dh\":\""
                            + browser.p256dh() + "\",\"auth\":\"" + browser.auth() + "\"}}");
            assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
            browsers.put(user, browser);
        }
        // fay turned push off for announcements: her setting holds for the fallback too
        assertThat(call("PUT", "/api/v1/notifications/settings", "fay", "{\"settings\":[{\"notification_type\":"
                + "\"system_announcement\",\"push_enabled\":false}]}").statusCode()).isEqualTo(200);
    }

    @AfterAll
    static void stop() throws Exception {
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
    }

    @Test
    void aNotificationTheClientAcknowledgesIsNotPushedWhileAnUnacknowledgedOneIsPushedOnce() throws Exception {
        String acked = "Course closed today " + UUID.randomUUID();
        String control = "Course closed today " + UUID.randomUUID();
        try (WsTestClient avasApp = a.connect("ava")) {
            avasApp.awaitType("connected");
            inApp("ava", acked, Priority.HIGH);
            inApp("ben", control, Priority.HIGH); // ben has no app open: the control that the job ran

            JsonNode live = avasApp.await("the live notification", m -> m.path("type").asText().equals("notification")
                    && m.path("data").path("notification").path("title").asText().equals(acked));
            long id = live.path("data").path("notification").path("id").asLong();
            JsonNode answer = avasApp.request("ack", "{\"notificationIds\":[" + id + "]}");
            assertThat(answer.path("type").asText()).as(answer.toString()).isEqualTo("acked");
            assertThat(answer.path("data").path("notificationIds").get(0).asLong()).isEqualTo(id);
            assertThat(row(id).acknowledgedAt()).as("recorded when answered").isNotNull();

            ReceivedPush toBen = awaitPush("ben", control);
            assertThat(toBen.decryptedJson()).contains(control);
            long bensId = centreId("ben", control);
            await().atMost(Duration.ofSeconds(10)).until(() -> row(bensId).fallbackQueueId() != null);
            Row bens = row(bensId);
            assertThat(bens.acknowledgedAt()).isNull();
            assertThat(bens.fallbackAt()).isNotNull();
            assertThat(pushRows("ben", control)).as("the fallback's push row").containsExactly(bens.fallbackQueueId());
            await().atMost(Duration.ofSeconds(10)).until(() -> "queued".equals(row(bensId).fallbackOutcome()));

            // the job ran past ava's notification (stored before ben's): it was acknowledged, so nothing went
            Row avas = row(id);
            assertThat(avas.fallbackAt()).isNull();
            assertThat(avas.fallbackQueueId()).isNull();
            assertThat(pushesTo("ava", acked)).isZero();
            assertThat(pushRows("ava", acked)).isEmpty();
        }
    }

    @Test
    void twoInstancesRunningTheJobAtOnceStillPushOnceAndALateAckChangesNothingSent() throws Exception {
        String title = "Your group starts in 2 hours " + UUID.randomUUID();
        inApp("cy", title, Priority.CRITICAL);
        long id = centreId("cy", title);
        Instant due = row(id).storedAt().plus(PUSH_AFTER);
        await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(due));

        // both instances' work, four times each at once, on top of the clustered job's own firings
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Callable<String>> runs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                runs.add(() -> a.engine().receipts().fallback().run());
                runs.add(() -> b.engine().receipts().fallback().run());
            }
            for (Future<String> run : threads.invokeAll(runs)) {
                run.get();
            }
        } finally {
            threads.shutdownNow();
        }

        awaitPush("cy", title);
        await().atMost(Duration.ofSeconds(10)).until(() -> row(id).fallbackQueueId() != null);
        long queueId = row(id).fallbackQueueId();
        assertThat(pushRows("cy", title)).containsExactly(queueId);
        await().atMost(Duration.ofSeconds(10)).until(() -> status(queueId).equals("sent"));
        a.engine().receipts().fallback().run();
        b.engine().receipts().fallback().run();
        assertThat(pushesTo("cy", title)).as("pushes cy's browser received").isEqualTo(1);
        assertThat(fallbacks("queued")).isGreaterThanOrEqualTo(1);

        try (WsTestClient cysApp = a.connect("cy")) {
            JsonNode late = cysApp.request("ack", "{\"notificationIds\":[" + id + "]}");
            assertThat(late.path("type").asText()).isEqualTo("acked");
        }
        Row after = row(id);
        assertThat(after.acknowledgedAt()).as("a late ack is still recorded").isNotNull();
        assertThat(after.fallbackQueueId()).isEqualTo(queueId);
        assertThat(pushRows("cy", title)).containsExactly(queueId);
    }

    @Test
    void aNotificationThatAlreadyWentByPushOrToAUserWithoutAPushDeviceOrWithPushOffIsDecidedWithoutAPush()
            throws Exception {
        String both = "Waitlist: a slot is yours " + UUID.randomUUID();
        String nowhere = "Waitlist: a slot is yours " + UUID.randomUUID();
        String off = "Waitlist: a slot is yours " + UUID.randomUUID();
        double pushedBefore = fallbacks("pushed_already");
        double noDeviceBefore = fallbacks("no_device");
        double suppressedBefore = fallbacks("suppressed");
        // the usual high-priority notification: push and in-app from the start
        a.engine().notifications().service().enqueue(intent("eve", both, Priority.HIGH,
                EnumSet.of(Channel.PUSH, Channel.IN_APP)));
        inApp("dan", nowhere, Priority.HIGH);
        inApp("fay", off, Priority.HIGH);
        long evesId = centreId("eve", both);
        long dansId = centreId("dan", nowhere);
        long faysId = centreId("fay", off);

        // the reason is written just after the decision is claimed
        await().atMost(PUSH_AFTER.plusSeconds(15)).until(() -> row(evesId).fallbackOutcome() != null
                && row(dansId).fallbackOutcome() != null && row(faysId).fallbackOutcome() != null);
        assertThat(List.of(row(evesId).fallbackOutcome(), row(dansId).fallbackOutcome(), row(faysId).fallbackOutcome()))
                .as("what the operator reads for eve, dan and fay")
                .containsExactly("pushed_already", "no_device", "suppressed");
        assertThat(awaitPush("eve", both)).isNotNull();
        assertThat(row(evesId).fallbackQueueId()).as("eve's push went with the in-app row").isNull();
        assertThat(pushRows("eve", both)).as("only the original push").hasSize(1);
        assertThat(row(dansId).fallbackQueueId()).isNull();
        assertThat(pushRows("dan", nowhere)).isEmpty();
        assertThat(fallbacks("pushed_already")).isEqualTo(pushedBefore + 1);
        assertThat(fallbacks("no_device")).isEqualTo(noDeviceBefore + 1);
        assertThat(row(faysId).fallbackQueueId()).isNull();
        assertThat(pushRows("fay", off)).isEmpty();
        assertThat(fallbacks("suppressed")).isEqualTo(suppressedBefore + 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> status(pushRows("eve", both).get(0)).equals("sent"));
        assertThat(pushesTo("eve", both)).isEqualTo(1);
    }

    @Test
    void anAckOfSomeoneElsesNotificationIsIgnoredAndCountedAndAMalformedAckIsAnErrorOnAWorkingConnection()
            throws Exception {
        String bens = "Tee time cancelled " + UUID.randomUUID();
        String avas = "Tee time cancelled " + UUID.randomUUID();
        inApp("ben", bens, Priority.NORMAL);
        inApp("ava", avas, Priority.NORMAL);
        long bensId = centreId("ben", bens);
        long avasId = centreId("ava", avas);
        double foreignBefore = scraped("linkup_receipts_acks_ignored_total", "reason=\"foreign\"");
        double unknownBefore = scraped("linkup_receipts_acks_ignored_total", "reason=\"unknown\"");

        try (WsTestClient avasApp = a.connect("ava")) {
            JsonNode answer = avasApp.request("ack", "{\"notificationIds\":[" + bensId + ",987654321987]}");
            assertThat(answer.path("type").asText()).as("no hint which ids exist").isEqualTo("acked");
            assertThat(answer.path("data").path("notificationIds")).hasSize(2);

            for (String data : List.of("{\"notificationIds\":\"all\"}", "{\"notificationIds\":[-1]}",
                    "{\"notificationIds\":[]}", "{}")) {
                JsonNode error = avasApp.request("ack", data);
                assertThat(error.path("type").asText()).as(data).isEqualTo("error");
                assertThat(error.path("data").path("code").asText()).as(data).isIn("INVALID_FIELD", "MISSING_FIELD");
            }
            assertThat(avasApp.request("ping", null).path("type").asText()).isEqualTo("pong");
            assertThat(avasApp.request("ack", "{\"notificationIds\":[" + avasId + "]}").path("type").asText())
                    .isEqualTo("acked");
        }
        assertThat(row(bensId).acknowledgedAt()).as("not ava's to acknowledge").isNull();
        assertThat(row(avasId).acknowledgedAt()).isNotNull();
        assertThat(scraped("linkup_receipts_acks_ignored_total", "reason=\"foreign\"")).isEqualTo(foreignBefore + 1);
        assertThat(scraped("linkup_receipts_acks_ignored_total", "reason=\"unknown\"")).isEqualTo(unknownBefore + 1);
        assertThat(scraped("linkup_receipts_ack_delay_seconds_count", "")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aBurstOfAcksFromFiveAppsIsAllRecordedAndAnswered() throws Exception {
        List<String> users = List.of("ava", "ben", "cy", "dan", "eve");
        int perUser = 30; // one ack frame per notification, within the connection's burst of 40 frames
        Map<String, List<Long>> ids = new HashMap<>();
        for (String user : users) {
            List<Long> mine = new ArrayList<>();
            for (int i = 0; i < perUser; i++) {
                mine.add(Sql.insertReturningKey(db(), "insert", "insert into notifications (user_id,"
                        + " notification_type, title, body, created_at) values (?, 'system_announcement', ?, 'b', ?)",
                        "id", user, "burst " + i, Instant.now()));
            }
            ids.put(user, mine);
        }
        double writesBefore = a.engine().metrics().meterRegistry().counter("linkup.receipts.writes").count();
        List<WsTestClient> apps = new ArrayList<>();
        try {
            for (String user : users) {
                WsTestClient app = a.connect(user);
                app.awaitType("connected");
                apps.add(app);
            }
            long started = System.nanoTime();
            for (int i = 0; i < perUser; i++) { // interleaved: the five apps ack at the same time
                for (int u = 0; u < users.size(); u++) {
                    apps.get(u).send("{\"id\":\"burst-" + i + "\",\"type\":\"ack\",\"data\":{\"notificationIds\":["
                            + ids.get(users.get(u)).get(i) + "]}}");
                }
            }
            for (WsTestClient app : apps) {
                for (int i = 0; i < perUser; i++) {
                    String ref = "burst-" + i;
                    JsonNode answer = app.await("the answer to " + ref, m -> ref.equals(m.path("ref").asText()));
                    assertThat(answer.path("type").asText()).as(answer.toString()).isEqualTo("acked");
                }
            }
            double writes = a.engine().metrics().meterRegistry().counter("linkup.receipts.writes").count()
                    - writesBefore;
            org.slf4j.LoggerFactory.getLogger(DeliveryReceiptsEndToEndTest.class).info(
                    "delivery receipts: {} acks from {} connections recorded in {} rounds of writes, all answered"
                            + " in {} ms", users.size() * perUser, users.size(), (long) writes,
                    (System.nanoTime() - started) / 1_000_000);
            assertThat(writes).isBetween(1.0, (double) users.size() * perUser);
        } finally {
            apps.forEach(WsTestClient::close);
        }
        for (String user : users) {
            assertThat(Sql.first(db(), "read", "select count(*) from notifications where id = any(?)"
                    + " and acknowledged_at is not null", r -> r.getLong(1), Sql.bigintArray(ids.get(user)))
                    .orElseThrow()).as(user).isEqualTo(perUser);
        }
    }

    // ------------------------------------------------------------------ helpers

    record Row(Instant storedAt, Instant acknowledgedAt, Instant fallbackAt, Long fallbackQueueId, String fallbackOutcome) {
    }

    static DataSource db() {
        return a.engine().database().dataSource();
    }

    static NotificationIntent intent(String user, String title, Priority priority, Set<Channel> channels) {
        return new NotificationIntent("test:" + UUID.randomUUID(), user, NotificationType.SYSTEM_ANNOUNCEMENT, priority,
                channels, Map.of("title", title, "body", "See the app for details.", "data", Map.of(),
                        "action", "open_app"), null);
    }

    /** An in-app-only notification through the engine's notification service (as booking's effects queue them). */
    static void inApp(String user, String title, Priority priority) {
        var result = a.engine().notifications().service().enqueue(intent(user, title, priority,
                EnumSet.of(Channel.IN_APP)));
        assertThat(result.queued()).containsExactly(Channel.IN_APP);
    }

    /** The centre row's id once the outbox delivered it. */
    static long centreId(String user, String title) {
        return await().atMost(Duration.ofSeconds(15)).until(() -> Sql.first(db(), "read", "select id from notifications"
                + " where user_id = ? and title = ?", r -> r.getLong(1), user, title).orElse(null), id -> id != null);
    }

    static Row row(long id) {
        return Sql.first(db(), "read", "select created_at, acknowledged_at, fallback_at, fallback_queue_id,"
                + " fallback_outcome from notifications where id = ?", r -> new Row(Sql.instant(r, 1),
                        Sql.instant(r, 2), Sql.instant(r, 3), r.getObject(4) == null ? null : r.getLong(4),
                        r.getString(5)), id).orElseThrow();
    }

    /** Ids of the push rows in the outbox for a user's notification with this title. */
    static List<Long> pushRows(String user, String title) {
        return Sql.list(db(), "read", "select id from notification_queue where user_id = ? and channel = 'push'"
                + " and title = ? order by id", r -> r.getLong(1), user, title);
    }

    static String status(long queueId) {
        return Sql.first(db(), "read", "select status from notification_queue where id = ?", r -> r.getString(1),
                queueId).orElseThrow();
    }

    static ReceivedPush awaitPush(String user, String title) throws Exception {
        String id = SandboxPushService.idOf(browsers.get(user).endpoint());
        return push.awaitPush(p -> p.subscriptionId().equals(id) && p.decryptedJson().contains(title),
                Duration.ofSeconds(20)).orElseThrow(() -> new AssertionError("no push with '" + title + "' reached "
                        + user + "'s browser; received: " + push.received()));
    }

    static long pushesTo(String user, String title) {
        String id = SandboxPushService.idOf(browsers.get(user).endpoint());
        return push.receivedFor(id).stream().filter(p -> p.decryptedJson().contains(title)).count();
    }

    /** Fallbacks of one outcome, on both instances (each counts what it decided). */
    static double fallbacks(String outcome) {
        double total = 0;
        for (EngineInstance instance : List.of(a, b)) {
            var counter = instance.engine().metrics().meterRegistry().find("linkup.receipts.fallbacks")
                    .tag("outcome", outcome).counter();
            total += counter == null ? 0 : counter.count();
        }
        return total;
    }

    /** One sample of instance a's {@code /metrics}, as an operator's scraper reads it. */
    static double scraped(String name, String labels) throws Exception {
        String text = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + a.port() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*})?\\s+(\\S+)").matcher(text);
        while (m.find()) {
            if (labels.isEmpty() || (m.group(1) != null && m.group(1).contains(labels))) {
                return Double.parseDouble(m.group(2));
            }
        }
        throw new AssertionError(name + "{" + labels + "} is not in /metrics");
    }

    static HttpResponse<String> call(String method, String path, String user, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + a.port() + path))
                .header("Authorization", "Bearer " + a.token(user))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
