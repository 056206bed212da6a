package golf.linkup.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Admission control over real sockets, with a low configured rate (2 new connections a second, a
 * burst of 3): handshakes beyond it get HTTP 503 {@code TOO_MANY_CONNECTIONS} with
 * {@code Retry-After}, before their token is looked at; a client that waits what it was told gets
 * in; SSE streams draw on the same bucket; every refusal is counted.
 */
class AdmissionControlEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern STATUS = Pattern.compile("^HTTP/1\\.1 (\\d{3})");
    private static final Pattern RETRY_AFTER = Pattern.compile("(?im)^retry-after:\\s*(\\S+)\\s*$");

    static EngineInstance engine;

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> p = EngineInstance.defaults(SharedRedis.uri());
        p.put("linkup.gateway.admission.connections-per-second", "2");
        p.put("linkup.gateway.admission.burst", "3");
        p.put("linkup.gateway.admission.max-retry-after", "5s");
        engine = EngineInstance.start(p);
    }

    @AfterAll
    static void stop() throws Exception {
        engine.close();
    }

    record Answer(int status, String retryAfter, JsonNode body, String raw) {
    }

    @Test
    void handshakesOverTheRateGet503WithRetryAfterAndThoseThatWaitItGetIn() throws Exception {
        awaitAdmitted("/?token=" + engine.token("admission-first"), 101);
        double refusedBefore = refusedCount();
        long started = System.nanoTime();
        List<Answer> answers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            answers.add(handshake("/?token=" + engine.token("admission-" + i)));
        }
        double seconds = (System.nanoTime() - started) / 1e9;

        List<Answer> admitted = answers.stream().filter(a -> a.status() == 101).toList();
        List<Answer> refused = answers.stream().filter(a -> a.status() != 101).toList();
        // at most the burst, plus what refilled at 2/s while the 20 handshakes took their time (a busy machine)
        assertThat(admitted).as("admitted in %.2f s: %s", seconds, answers)
                .hasSizeLessThanOrEqualTo(3 + (int) Math.ceil(seconds * 2));
        assertThat(refused).as("the excess").isNotEmpty();
        for (Answer a : refused) {
            assertThat(a.status()).as(a.raw()).isEqualTo(503);
            assertThat(a.body().path("success").asBoolean(true)).isFalse();
            assertThat(a.body().path("error").path("code").asText()).isEqualTo("TOO_MANY_CONNECTIONS");
            assertThat(a.retryAfter()).as("Retry-After in whole seconds").matches("\\d+");
            assertThat(Integer.parseInt(a.retryAfter())).as("between 1 s and max-retry-after").isBetween(1, 5);
        }
        assertThat(refusedCount() - refusedBefore).as("linkup.ws.handshakes.rejected{code=TOO_MANY_CONNECTIONS}")
                .isEqualTo(refused.size());

        // a client that waits the Retry-After it was given is admitted (the rate is 2/s: at most a few tries)
        int wait = Integer.parseInt(refused.get(refused.size() - 1).retryAfter());
        await().atMost(Duration.ofSeconds(wait + 10)).pollDelay(Duration.ofSeconds(wait))
                .pollInterval(Duration.ofMillis(600))
                .until(() -> handshake("/?token=" + engine.token("admission-patient")).status() == 101);
    }

    @Test
    void theBucketIsCheckedBeforeTheTokenSoAStormOfBadTokensCostsNoSignatureChecks() throws Exception {
        awaitAdmitted("/?token=not-a-jwt", 401); // a token was free: the bad JWT reached the signature check
        List<Answer> answers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            answers.add(handshake("/?token=not-a-jwt"));
        }
        assertThat(answers).as("the storm is shed before the token is looked at: 503, not 401")
                .anyMatch(a -> a.status() == 503 && a.body().path("error").path("code").asText()
                        .equals("TOO_MANY_CONNECTIONS"));
    }

    @Test
    void sseStreamsDrawOnTheSameBucket() throws Exception {
        awaitAdmitted("/?token=" + engine.token("admission-ws"), 101);
        for (int i = 0; i < 12; i++) {
            handshake("/?token=" + engine.token("admission-ws-" + i));
        }
        String answer = RawWsClient.exchange(engine.port(), "GET /sse?token=" + engine.token("admission-sse")
                + "&rooms=feed:TECH HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 503");
        assertThat(answer).containsPattern("(?im)^retry-after:\\s*\\d+");
        assertThat(answer).contains("\"code\":\"TOO_MANY_CONNECTIONS\"");
    }

    /** Tries (every 0.6 s) until a handshake passes the bucket: another test may have emptied it. */
    private static void awaitAdmitted(String pathAndQuery, int status) {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(600))
                .until(() -> handshake(pathAndQuery).status() == status);
    }

    private static double refusedCount() {
        return engine.engine().metrics().count("linkup.ws.handshakes.rejected", "code", "TOO_MANY_CONNECTIONS");
    }

    private static Answer handshake(String pathAndQuery) throws Exception {
        String raw = RawWsClient.exchange(engine.port(), "GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n");
        Matcher status = STATUS.matcher(raw);
        assertThat(status.find()).as(raw).isTrue();
        Matcher retryAfter = RETRY_AFTER.matcher(raw);
        int body = raw.indexOf("\r\n\r\n");
        String json = body < 0 ? "" : raw.substring(body + 4);
        return new Answer(Integer.parseInt(status.group(1)), retryAfter.find() ? retryAfter.group(1) : null,
                json.isBlank() ? JSON.createObjectNode() : JSON.readTree(json), raw);
    }
}
