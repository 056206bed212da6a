package golf.linkup.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import golf.linkup.engine.config.InvalidSettingException;
import golf.linkup.engine.storage.DeadLetter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.resps.StreamEntry;

/**
 * The backend events webhook as an API server receives it: a real engine whose users connect over
 * real WebSockets, posting to a real HTTP receiver on a loopback socket that verifies every
 * signature. Connections and disconnections arrive signed, once, with the stream entry's id; a
 * receiver that answers 503 twice gets the event on the third attempt with the same id; one that
 * answers 400 gets it once and the engine keeps a dead letter saying so; a receiver that is down is
 * retried, then dead-lettered; an event being retried when its instance stops is posted after the
 * restart; a URL without a secret refuses start-up naming the key.
 */
class WebhookEndToEndTest {

    private static final String SECRET = "e2e-webhook-secret-0123456789abcdef";
    static final ObjectMapper JSON = new ObjectMapper();
    static final String STREAM = "linkup:backend:test-webhook-" + UUID.randomUUID();
    static WebhookReceiver receiver;
    static EngineInstance engine;
    /** How the receiver answers each user's events (200 when absent). */
    static final Map<String, java.util.function.Function<WebhookReceiver.Received, Integer>> ANSWERS =
            new ConcurrentHashMap<>();

    static Map<String, String> settings(String stream, String url) {
        Map<String, String> p = EngineInstance.defaults(SharedRedis.uri());
        p.put("linkup.backend-events.stream", stream);
        p.put("linkup.gateway.presence.disconnect-grace", "1s");
        p.put("linkup.webhook.url", url);
        p.put("linkup.webhook.secret", SECRET);
        p.put("linkup.webhook.max-attempts", "3");
        p.put("linkup.webhook.backoff.initial", "100ms");
        p.put("linkup.webhook.backoff.multiplier", "2");
        p.put("linkup.webhook.backoff.max", "400ms");
        p.put("linkup.webhook.timeout", "5s");
        return p;
    }

    @BeforeAll
    static void start() throws Exception {
        receiver = new WebhookReceiver(SECRET).answering(r -> ANSWERS.getOrDefault(r.userId(), x -> 200).apply(r));
        engine = EngineInstance.start(settings(STREAM, receiver.url().toString()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (engine != null) {
            engine.close();
        }
        receiver.close();
        try (Jedis redis = new Jedis(SharedRedis.uri())) {
            redis.del(STREAM);
        }
    }

    @Test
    void aConnectionAndItsDisconnectionArriveSignedOnceEachWithTheStreamEntryIdAsEventId() {
        String user = "signed-" + UUID.randomUUID().toString().substring(0, 6);
        try (WsTestClient client = engine.connect(user)) {
            client.awaitType("connected");
            await().atMost(Duration.ofSeconds(15)).until(() -> types(user).contains("user.connected"));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> types(user).contains("user.disconnected")
                && types(user).stream().filter("presence.changed"::equals).count() == 2);

        List<WebhookReceiver.Received> got = receiver.forUser(user);
        assertThat(got).allMatch(WebhookReceiver.Received::signatureValid);
        assertThat(got).extracting(WebhookReceiver.Received::attempt).allMatch(a -> a == 1);
        assertThat(types(user)).as("once each, in the order they happened")
                .containsExactly("user.connected", "presence.changed", "user.disconnected", "presence.changed");
        assertThat(got.stream().map(WebhookReceiver.Received::eventId).toList())
                .as("the event ids are the stream's entry ids, in stream order").isEqualTo(entryIds(STREAM, user));
        assertThat(got.get(2).body()).contains("\"reason\":\"closed\"").contains("\"durationMs\":");
        assertThat(got.get(0).eventType()).isEqualTo("user.connected");
    }

    @Test
    void aReceiverAnsweringServiceUnavailableTwiceGetsTheEventOnTheThirdAttemptWithTheSameEventId() {
        String user = "flaky-" + UUID.randomUUID().toString().substring(0, 6);
        AtomicInteger unavailable = new AtomicInteger();
        ANSWERS.put(user, r -> r.eventType().equals("user.connected") && unavailable.incrementAndGet() <= 2 ? 503 : 200);
        double retriedBefore = counter(engine, "retried");
        try (WsTestClient client = engine.connect(user)) {
            client.awaitType("connected");
            await().atMost(Duration.ofSeconds(15)).until(() -> types(user).contains("presence.changed"));
        }
        List<WebhookReceiver.Received> connected = receiver.forUser(user).stream()
                .filter(r -> r.eventType().equals("user.connected")).toList();
        assertThat(connected).extracting(WebhookReceiver.Received::answered).containsExactly(503, 503, 200);
        assertThat(connected).extracting(WebhookReceiver.Received::attempt).containsExactly(1, 2, 3);
        assertThat(connected).extracting(WebhookReceiver.Received::eventId).containsOnly(connected.get(0).eventId());
        assertThat(connected).allMatch(WebhookReceiver.Received::signatureValid);
        assertThat(connected.get(1).signature()).as("each attempt is signed anew").isNotNull();
        assertThat(counter(engine, "retried") - retriedBefore).isEqualTo(2);
        assertThat(deadLettersOf(engine, connected.get(0).eventId())).isEmpty();
    }

    @Test
    void aReceiverAnsweringBadRequestGetsTheEventOnceAndTheEngineKeepsADeadLetterSayingWhy() throws Exception {
        String user = "refused-" + UUID.randomUUID().toString().substring(0, 6);
        ANSWERS.put(user, r -> r.eventType().equals("user.connected") ? 400 : 200);
        try (WsTestClient client = engine.connect(user)) {
            client.awaitType("connected");
            // the next event of the user arriving shows the refused one is behind us
            await().atMost(Duration.ofSeconds(15)).until(() -> types(user).contains("presence.changed"));
        }
        List<WebhookReceiver.Received> refused = receiver.forUser(user).stream()
                .filter(r -> r.eventType().equals("user.connected")).toList();
        assertThat(refused).hasSize(1);
        String eventId = refused.get(0).eventId();
        await().atMost(Duration.ofSeconds(5)).until(() -> !deadLettersOf(engine, eventId).isEmpty());
        DeadLetter letter = deadLettersOf(engine, eventId).get(0);
        assertThat(letter.reasonCode()).isEqualTo("WEBHOOK_REFUSED");
        assertThat(letter.reason()).startsWith("status 400 · HTTP 400 from " + receiver.url()).doesNotContain(SECRET);
        assertThat(letter.eventType()).isEqualTo("user.connected");
        assertThat(letter.source()).startsWith("webhook@");
        assertThat(letter.payload()).contains("\"userId\":\"" + user + "\"");
        assertThat(receiver.forEvent(eventId)).as("nothing more sent for it").hasSize(1);

        // as the console reads it: the admin API's dead letters; a requeue is refused with a reason
        String admin = engine.engine().jwtIssuer().issue("ops", Duration.ofHours(1), List.of("admin"));
        HttpResponse<String> listed = admin("GET", "/api/v1/admin/dead-letters", admin);
        assertThat(listed.statusCode()).isEqualTo(200);
        JsonNode row = null;
        for (JsonNode r : JSON.readTree(listed.body()).path("data")) {
            if (r.path("eventId").asText().equals(eventId)) {
                row = r;
            }
        }
        assertThat(row).as(listed.body()).isNotNull();
        assertThat(row.path("reasonCode").asText()).isEqualTo("WEBHOOK_REFUSED");
        assertThat(row.path("reason").asText()).contains("HTTP 400 from " + receiver.url());
        assertThat(row.path("payload").asText()).contains("\"type\":\"user.connected\"");
        HttpResponse<String> requeue = admin("POST", "/api/v1/admin/dead-letters/" + letter.id() + "/requeue", admin);
        assertThat(requeue.statusCode()).as(requeue.body()).isEqualTo(409);
        assertThat(JSON.readTree(requeue.body()).path("error").path("message").asText("") + requeue.body())
                .contains("not requeued");
    }

    static HttpResponse<String> admin(String method, String path, String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + engine.port() + path))
                .header("Authorization", "Bearer " + token)
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aReceiverThatIsDownIsRetriedThenTheEventIsDeadLetteredAsExhausted() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort(); // nothing listens there once closed
        }
        String url = "http://127.0.0.1:" + closedPort + "/hooks/linkup";
        String stream = "linkup:backend:test-webhook-down-" + UUID.randomUUID();
        try (EngineInstance down = EngineInstance.start(settings(stream, url))) {
            String user = "down-" + UUID.randomUUID().toString().substring(0, 6);
            try (WsTestClient client = down.connect(user)) {
                client.awaitType("connected");
                await().atMost(Duration.ofSeconds(20)).until(() -> down.engine().deadLetters().recent(20).stream()
                        .anyMatch(l -> l.eventType() != null && l.eventType().equals("user.connected")));
            }
            DeadLetter letter = down.engine().deadLetters().recent(20).stream()
                    .filter(l -> "user.connected".equals(l.eventType())).findFirst().orElseThrow();
            assertThat(letter.reasonCode()).isEqualTo("WEBHOOK_EXHAUSTED");
            assertThat(letter.reason()).isEqualTo("no 2xx after 3 attempts; last: no connection to " + url
                    + " (connection refused)");
            assertThat(letter.eventId()).isEqualTo(entryIds(stream, user).get(0));
            assertThat(counter(down, "retried")).isGreaterThanOrEqualTo(2);
            assertThat(counter(down, "delivered")).isZero();
        } finally {
            try (Jedis redis = new Jedis(SharedRedis.uri())) {
                redis.del(stream);
            }
        }
    }

    @Test
    void anEventStillBeingRetriedWhenItsInstanceStopsIsPostedAfterTheRestartWithTheSameIdAndNotDeadLettered()
            throws Exception {
        String stream = "linkup:backend:test-webhook-restart-" + UUID.randomUUID();
        String user = "restart-" + UUID.randomUUID().toString().substring(0, 6);
        java.util.concurrent.atomic.AtomicBoolean healed = new java.util.concurrent.atomic.AtomicBoolean();
        ANSWERS.put(user, r -> healed.get() ? 200 : 503);
        Map<String, String> p = settings(stream, receiver.url().toString());
        p.put("linkup.instance-id", "webhook-restart-" + UUID.randomUUID().toString().substring(0, 6));
        p.put("linkup.webhook.max-attempts", "50");
        p.put("linkup.webhook.backoff.initial", "1s");
        p.put("linkup.webhook.backoff.max", "1s");
        try {
            String eventId;
            EngineInstance first = EngineInstance.start(p);
            try (WsTestClient client = first.connect(user)) {
                client.awaitType("connected");
                await().atMost(Duration.ofSeconds(15)).until(() -> receiver.forUser(user).stream()
                        .anyMatch(r -> r.eventType().equals("user.connected") && r.answered() == 503));
                eventId = receiver.forUser(user).get(0).eventId();
            }
            long stopping = System.nanoTime();
            first.close();
            long stopMillis = (System.nanoTime() - stopping) / 1_000_000;
            assertThat(stopMillis).as("stopping does not wait for the remaining attempts").isLessThan(15_000);
            assertThat(counter(first, "dead_lettered")).as("cut short by the stop, not dead-lettered").isZero();

            healed.set(true);
            try (EngineInstance second = EngineInstance.start(p)) {
                await().atMost(Duration.ofSeconds(20)).until(() -> receiver.forEvent(eventId).stream()
                        .anyMatch(r -> r.answered() == 200));
                assertThat(receiver.forEvent(eventId)).allMatch(WebhookReceiver.Received::signatureValid);
                assertThat(counter(second, "dead_lettered")).isZero();
                assertThat(types(user)).as("every event of the user arrived, once").contains("user.connected")
                        .doesNotHaveDuplicates();
            }
        } finally {
            try (Jedis redis = new Jedis(SharedRedis.uri())) {
                redis.del(stream);
            }
        }
    }

    @Test
    void aWebhookUrlWithoutASecretRefusesStartUpNamingTheKey() {
        Map<String, String> bad = settings("linkup:backend:unused", receiver.url().toString());
        bad.remove("linkup.webhook.secret");
        Main main = golf.linkup.app.LinkupApplication.create(bad);
        try {
            assertThatThrownBy(main::start).satisfies(e -> {
                InvalidSettingException refused = find(e);
                assertThat(refused).as("an InvalidSettingException in %s", e).isNotNull();
                assertThat(refused.key()).isEqualTo("linkup.webhook.secret");
                assertThat(refused.getMessage()).contains("LINKUP_WEBHOOK_SECRET")
                        .contains("required when linkup.webhook.url is set");
            });
        } finally {
            main.stop();
        }
    }

    // ------------------------------------------------------------------ helpers

    /** The event types the receiver got for a user, one per event id (retries counted once), in arrival order. */
    static List<String> types(String user) {
        Set<String> seen = new java.util.HashSet<>();
        List<String> out = new ArrayList<>();
        for (WebhookReceiver.Received r : receiver.forUser(user)) {
            if (r.answered() >= 200 && r.answered() < 300 && seen.add(r.eventId())) {
                out.add(r.eventType());
            }
        }
        return out;
    }

    /** The user's entry ids in the stream, as an API server reading it would see them. */
    static List<String> entryIds(String stream, String user) {
        try (Jedis redis = new Jedis(SharedRedis.uri())) {
            return redis.xrange(stream, (StreamEntryID) null, (StreamEntryID) null).stream()
                    .filter(e -> user.equals(e.getFields().get("userId"))).map(StreamEntry::getID)
                    .map(StreamEntryID::toString).collect(Collectors.toList());
        }
    }

    static List<DeadLetter> deadLettersOf(EngineInstance instance, String eventId) {
        return instance.engine().deadLetters().recent(50).stream().filter(l -> eventId.equals(l.eventId())).toList();
    }

    static double counter(EngineInstance instance, String outcome) {
        var counter = instance.engine().metrics().meterRegistry().find("linkup.webhook.deliveries")
                .tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private static InvalidSettingException find(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof InvalidSettingException e) {
                return e;
            }
        }
        return null;
    }
}
