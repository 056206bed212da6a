package golf.linkup.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import golf.linkup.e2e.SharedRedis;
import golf.linkup.e2e.WebhookReceiver;
import golf.linkup.engine.config.SettingsReader;
import golf.linkup.engine.config.WebhookSettings;
import golf.linkup.engine.storage.DeadLetter;
import golf.linkup.engine.webhook.WebhookClient;
import golf.linkup.engine.webhook.WebhookMetrics;
import golf.linkup.intake.EventStreamEndpoint;
import golf.linkup.intake.GroupStreamReader;
import golf.linkup.intake.IntakeReaders;
import golf.linkup.intake.RedisEventStream;
import golf.linkup.redis.RedisConnections;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.RoutesBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.params.XAddParams;

/**
 * {@code webhook-backend-events} on a real Redis stream and its consumer group, posting to a real
 * HTTP receiver on a loopback socket, with dead letters on H2: what the receiver gets (signed, the
 * entry id as event id on every attempt), retries with back-off on 503 and time-outs, a refusal
 * dead-lettered at once, an entry that is no backend event, and what is acknowledged.
 */
class WebhookRoutesTest extends RouteTestSupport {

    private static final String SECRET = "route-test-secret-0123456789";

    private final String key = "test:webhook:" + UUID.randomUUID();
    private final RedisConnections redis = new RedisConnections(SharedRedis.uri());
    private final RedisEventStream stream = new RedisEventStream(redis, key, "linkup-webhook", true);
    private WebhookReceiver receiver;
    private WebhookMetrics webhookMetrics;

    WebhookRoutesTest() {
        super(false);
    }

    @Override
    protected RoutesBuilder[] routes() throws Exception {
        receiver = new WebhookReceiver(SECRET);
        SettingsReader in = SettingsReader.of(Map.of("linkup.webhook.url", receiver.url().toString(),
                "linkup.webhook.secret", SECRET, "linkup.webhook.max-attempts", "3",
                "linkup.webhook.backoff.initial", "50ms", "linkup.webhook.backoff.multiplier", "2",
                "linkup.webhook.backoff.max", "200ms",
                // long enough for a first request on a loaded machine, which must not time out here
                "linkup.webhook.timeout", "2s"));
        WebhookSettings settings = WebhookSettings.read(in);
        in.throwIfRefused();
        webhookMetrics = new WebhookMetrics(metrics.meterRegistry());
        redis.withJedis(stream::ensureGroup); // before anything is appended: the group starts at the newest entry
        GroupStreamReader reader = new GroupStreamReader("webhook", stream, "member-1", 1, Duration.ofMillis(200),
                Duration.ofSeconds(30), Clock.systemUTC());
        return new RoutesBuilder[] {
            new WebhookErrorHandling(settings, new WebhookDeadLetters(deadLetters, metrics, webhookMetrics,
                    "webhook@instance-a"), webhookMetrics),
            new WebhookRoutes(EventStreamEndpoint.group(context, stream, reader,
                    new IntakeReaders(Clock.systemUTC(), Duration.ofSeconds(6))),
                    new WebhookClient(settings, Clock.systemUTC(), webhookMetrics), webhookMetrics, Clock.systemUTC())
        };
    }

    @AfterEach
    void cleanUp() {
        receiver.close();
        redis.withJedis(jedis -> jedis.del(key));
        redis.close();
    }

    private String append(Map<String, String> fields) {
        return redis.withJedis(jedis -> jedis.xadd(key, XAddParams.xAddParams(), fields).toString());
    }

    private String connected(String user) {
        return append(Map.of("type", "user.connected", "userId", user, "at", "2026-12-07T18:00:00.120Z"));
    }

    private long pending() {
        return redis.withJedis(jedis -> jedis.xpending(key, "linkup-webhook").getTotal());
    }

    @Test
    void anEntryIsPostedOnceSignedWithItsEntryIdAsEventIdAndAcknowledged() {
        String id = append(Map.of("type", "user.disconnected", "userId", "u-1", "at", "2026-12-07T18:30:00.500Z",
                "reason", "closed", "connectedAtMs", "1796666400120", "durationMs", "1800380"));

        await().atMost(Duration.ofSeconds(10)).until(() -> webhookMetrics.count("delivered") == 1);
        List<WebhookReceiver.Received> got = receiver.forEvent(id);
        assertThat(got).hasSize(1);
        assertThat(got.get(0).signatureValid()).as(got.get(0).signature()).isTrue();
        assertThat(got.get(0).eventType()).isEqualTo("user.disconnected");
        assertThat(got.get(0).attempt()).isEqualTo(1);
        assertThat(got.get(0).body()).isEqualTo("{\"id\":\"" + id + "\",\"type\":\"user.disconnected\",\"userId\":\"u-1\","
                + "\"at\":\"2026-12-07T18:30:00.500Z\",\"connectedAtMs\":\"1796666400120\",\"durationMs\":\"1800380\","
                + "\"reason\":\"closed\"}");
        await().atMost(Duration.ofSeconds(5)).until(() -> pending() == 0);
        assertThat(deadLetters.count()).isZero();
        assertThat(metrics.meterRegistry().find("linkup.webhook.latency").timer().count()).isEqualTo(1);
    }

    @Test
    void twoServiceUnavailableAnswersThenOkDeliverItOnTheThirdAttemptWithTheSameEventIdAndTheOrderHolds() {
        AtomicInteger answers = new AtomicInteger();
        receiver.answering(r -> r.userId().equals("flaky") && answers.incrementAndGet() <= 2 ? 503 : 200);
        String flaky = connected("flaky");
        String after = connected("after");

        await().atMost(Duration.ofSeconds(10)).until(() -> webhookMetrics.count("delivered") == 2);
        assertThat(receiver.forEvent(flaky)).extracting(WebhookReceiver.Received::attempt).containsExactly(1, 2, 3);
        assertThat(receiver.forEvent(flaky)).extracting(WebhookReceiver.Received::answered).containsExactly(503, 503, 200);
        assertThat(receiver.forEvent(flaky)).allMatch(WebhookReceiver.Received::signatureValid);
        assertThat(receiver.received()).extracting(WebhookReceiver.Received::eventId)
                .as("the entry after the retried one waits for it").containsExactly(flaky, flaky, flaky, after);
        assertThat(webhookMetrics.count("retried")).isEqualTo(2);
        assertThat(deadLetters.count()).isZero();
        await().atMost(Duration.ofSeconds(5)).until(() -> pending() == 0);
    }

    @Test
    void aBadRequestAnswerIsDeadLetteredAtOnceWithStatusAndUrlAndNothingMoreIsSentForIt() {
        receiver.answering(r -> r.userId().equals("refused") ? 400 : 200);
        String refused = connected("refused");
        String after = connected("after");

        await().atMost(Duration.ofSeconds(10)).until(() -> !receiver.forEvent(after).isEmpty());
        assertThat(receiver.forEvent(refused)).hasSize(1);
        List<DeadLetter> letters = deadLetters.recent(10);
        assertThat(letters).hasSize(1);
        DeadLetter letter = letters.get(0);
        assertThat(letter.reasonCode()).isEqualTo(WebhookDeadLetters.REFUSED);
        assertThat(letter.reason()).startsWith("status 400 · HTTP 400 from " + receiver.url())
                .contains("test says 400").contains("not retried").doesNotContain(SECRET);
        assertThat(letter.eventId()).isEqualTo(refused);
        assertThat(letter.eventType()).isEqualTo("user.connected");
        assertThat(letter.source()).isEqualTo("webhook@instance-a");
        assertThat(letter.payload()).contains("\"userId\":\"refused\"");
        assertThat(webhookMetrics.count("dead_lettered")).isEqualTo(1);
        assertThat(webhookMetrics.count("retried")).isZero();
        await().atMost(Duration.ofSeconds(5)).until(() -> pending() == 0);
    }

    @Test
    void aReceiverThatNeverAnswersIsRetriedWithBackOffThenDeadLetteredAsExhausted() {
        receiver.answering(r -> r.userId().equals("silent") ? WebhookReceiver.HANG : 200);
        String silent = connected("silent");
        String after = connected("after");

        await().atMost(Duration.ofSeconds(15)).until(() -> !receiver.forEvent(after).isEmpty());
        assertThat(receiver.forEvent(silent)).extracting(WebhookReceiver.Received::attempt).containsExactly(1, 2, 3);
        DeadLetter letter = deadLetters.recent(1).get(0);
        assertThat(letter.reasonCode()).isEqualTo(WebhookDeadLetters.EXHAUSTED);
        assertThat(letter.reason()).isEqualTo("no 2xx after 3 attempts; last: no answer from " + receiver.url()
                + " within 2000 ms");
        assertThat(webhookMetrics.count("retried")).isEqualTo(2);
        assertThat(metrics.meterRegistry().find("linkup.webhook.attempt").tag("result", "timeout").timer().count())
                .isEqualTo(3);
    }

    @Test
    void aBurstOfEntriesArrivesInStreamOrderOnceEach() {
        int entries = 300;
        List<String> ids = new java.util.ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < entries; i++) {
            ids.add(connected("burst-" + i));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> webhookMetrics.count("delivered") == entries);
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(receiver.received()).extracting(WebhookReceiver.Received::eventId).as("stream order, once each")
                .containsExactlyElementsOf(ids);
        await().atMost(Duration.ofSeconds(5)).until(() -> pending() == 0);
        org.slf4j.LoggerFactory.getLogger(WebhookRoutesTest.class).info(
                "webhook burst: {} entries posted to a loopback receiver in {} s ({} per second, one at a time)",
                entries, String.format("%.2f", seconds), Math.round(entries / seconds));
    }

    @Test
    void anEntryWithoutATypeIsDeadLetteredAndNotPosted() {
        String odd = append(Map.of("userId", "u-9", "note", "written by hand"));
        String after = connected("after");

        await().atMost(Duration.ofSeconds(10)).until(() -> !receiver.forEvent(after).isEmpty());
        assertThat(receiver.forEvent(odd)).isEmpty();
        DeadLetter letter = deadLetters.recent(1).get(0);
        assertThat(letter.reasonCode()).isEqualTo(WebhookDeadLetters.INVALID_ENTRY);
        assertThat(letter.reason()).startsWith("not posted: entry " + odd + " has no type field");
        assertThat(letter.eventId()).isEqualTo(odd);
    }
}
