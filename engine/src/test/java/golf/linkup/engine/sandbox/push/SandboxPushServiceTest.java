package golf.linkup.engine.sandbox.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zerodeplibs.webpush.MessageEncryptions;
import com.zerodeplibs.webpush.PushMessage;
import com.zerodeplibs.webpush.UserAgentMessageEncryptionKeyInfo;
import com.zerodeplibs.webpush.jwt.VAPIDJWTParam;
import golf.linkup.engine.notifications.WebPushSubscriptions.WebPushSubscription;
import golf.linkup.engine.notifications.push.P256;
import golf.linkup.engine.notifications.push.VapidKeys;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sandbox push service spoken to directly over HTTP, with good and bad requests. */
class SandboxPushServiceTest {

    private static final String SUBJECT = "https://linkup.golf/contact";

    private final VapidKeys vapid = VapidKeys.generate();
    private final SandboxPushService sandbox = new SandboxPushService();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private PushTestServer server;
    private WebPushSubscription subscription;

    @BeforeEach
    void start() {
        server = new PushTestServer(sandbox);
        subscription = sandbox.createSubscription("Ana", server.baseUrl());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** A request as a correct application server makes it; tests then spoil one part. */
    private final class Push {
        String endpoint = subscription.endpoint();
        String authorization = vapidHeader(vapid, server.baseUrl(), Instant.now().plus(Duration.ofHours(1)), SUBJECT);
        Map<String, String> headers = new LinkedHashMap<>(Map.of("TTL", "60", "Urgency", "high",
                "Topic", "tee-time-123", "Content-Encoding", "aes128gcm"));
        byte[] body = encrypt(subscription, "{\"title\":\"Hola\"}");

        HttpResponse<String> send() throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            headers.forEach(request::header);
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private static String vapidHeader(VapidKeys keys, String audienceUrl, Instant expires, String subject) {
        VAPIDJWTParam.Builder param = VAPIDJWTParam.getBuilder().resourceURLString(audienceUrl).expirationTime(expires);
        if (subject != null) {
            param.subject(subject);
        }
        return keys.toVapidKeyPair().generateAuthorizationHeaderValue(param.build());
    }

    private static byte[] encrypt(WebPushSubscription to, String json) {
        return MessageEncryptions.of().encrypt(UserAgentMessageEncryptionKeyInfo.of(to.p256dh(), to.auth()),
                PushMessage.ofUTF8(json)).toBytes();
    }

    private void assertRefused(Push push, int status, String reasonFragment) throws Exception {
        HttpResponse<String> response = push.send();
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.body().contains(reasonFragment), response.body());
        assertEquals(0, sandbox.received().size());
    }

    @Test
    void aWellFormedPushIsDecryptedRecordedAndAnswered201() throws Exception {
        HttpResponse<String> response = new Push().send();

        assertEquals(201, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Location").orElseThrow()
                .startsWith(server.baseUrl() + "/sandbox/push/messages/"));
        ReceivedPush push = sandbox.received().get(0);
        assertEquals(SandboxPushService.idOf(subscription.endpoint()), push.subscriptionId());
        assertEquals("Ana", push.label());
        assertEquals(60, push.ttl());
        assertEquals("high", push.urgency());
        assertEquals("tee-time-123", push.topic());
        assertEquals("{\"title\":\"Hola\"}", push.decryptedJson());
        assertEquals(sandbox.received(), sandbox.receivedFor(push.subscriptionId()));
    }

    @Test
    void aTamperedJwtIsRefusedWith401() throws Exception {
        Push push = new Push();
        String[] parts = push.authorization.split("\\.");
        String claims = new String(P256.fromBase64Url(parts[1]), StandardCharsets.UTF_8)
                .replace(SUBJECT, "https://evil.example");
        push.authorization = parts[0] + "." + P256.base64Url(claims.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        assertRefused(push, 401, "signature does not verify");
    }

    @Test
    void aJwtSignedByAnotherKeyThanKIsRefused() throws Exception {
        Push push = new Push();
        String other = vapidHeader(VapidKeys.generate(), server.baseUrl(), Instant.now().plusSeconds(600), SUBJECT);
        push.authorization = other.substring(0, other.indexOf("k=")) + "k=" + vapid.publicKeyBase64Url();

        assertRefused(push, 401, "signature does not verify");
    }

    @Test
    void aJwtForAnotherOriginIsRefused() throws Exception {
        Push push = new Push();
        push.authorization = vapidHeader(vapid, "https://push.example.net/x", Instant.now().plusSeconds(600), SUBJECT);

        assertRefused(push, 401, "is not the endpoint's origin " + server.baseUrl());
    }

    @Test
    void anExpiredJwtIsRefused() throws Exception {
        Push push = new Push();
        push.authorization = vapidHeader(vapid, server.baseUrl(), Instant.now().minusSeconds(5), SUBJECT);

        assertRefused(push, 401, "expired");
    }

    @Test
    void aJwtValidForMoreThan24HoursIsRefused() throws Exception {
        Push push = new Push();
        push.authorization = vapidHeader(vapid, server.baseUrl(), Instant.now().plus(Duration.ofHours(25)), SUBJECT);

        assertRefused(push, 401, "more than 24 h ahead");
    }

    @Test
    void aJwtWithoutContactIsRefused() throws Exception {
        Push push = new Push();
        push.authorization = vapidHeader(vapid, server.baseUrl(), Instant.now().plusSeconds(600), null);

        assertRefused(push, 401, "sub must be");
    }

    @Test
    void aPushWithoutAuthorizationIsRefused() throws Exception {
        Push push = new Push();
        push.authorization = null;

        assertRefused(push, 401, "missing Authorization");
    }

    @Test
    void aSubscriptionBoundToAnApplicationServerKeyRefusesOtherKeysWith403() throws Exception {
        subscription = sandbox.createSubscription("Ana", server.baseUrl(), VapidKeys.generate().publicKeyBase64Url());

        assertRefused(new Push(), 403, "not the applicationServerKey");
    }

    @Test
    void malformedHeadersAreRefused() throws Exception {
        Push noTtl = new Push();
        noTtl.headers.remove("TTL");
        assertRefused(noTtl, 400, "TTL");
        Push badUrgency = new Push();
        badUrgency.headers.put("Urgency", "urgent");
        assertRefused(badUrgency, 400, "Urgency");
        Push longTopic = new Push();
        longTopic.headers.put("Topic", "a".repeat(33));
        assertRefused(longTopic, 400, "Topic");
        Push oldEncoding = new Push();
        oldEncoding.headers.put("Content-Encoding", "aesgcm");
        assertRefused(oldEncoding, 415, "aes128gcm");
    }

    @Test
    void aBodyThatDoesNotDecryptIsRefusedWith400() throws Exception {
        Push garbage = new Push();
        garbage.body = "not encrypted at all, clearly".getBytes(StandardCharsets.UTF_8);
        assertRefused(garbage, 400, "cannot decrypt");
        Push forAnother = new Push();
        forAnother.body = encrypt(sandbox.createSubscription("Bob", server.baseUrl()), "{}");
        assertRefused(forAnother, 400, "cannot decrypt");
        Push tooLarge = new Push();
        tooLarge.body = new byte[4097];
        assertRefused(tooLarge, 413, "4096");
    }

    @Test
    void unknownSubscriptionsAre404AndExpiredOnes410() throws Exception {
        Push unknown = new Push();
        unknown.endpoint = server.baseUrl() + "/sandbox/push/no-such-id";
        assertRefused(unknown, 404, "no such push subscription");

        sandbox.expire(SandboxPushService.idOf(subscription.endpoint()));
        assertRefused(new Push(), 410, "expired");
    }

    @Test
    void aChosenStatusIsAnsweredOnceWithItsRetryAfter() throws Exception {
        sandbox.respondNext(SandboxPushService.idOf(subscription.endpoint()), 503, 7);

        HttpResponse<String> first = new Push().send();
        HttpResponse<String> second = new Push().send();

        assertEquals(503, first.statusCode());
        assertEquals(Optional.of("7"), first.headers().firstValue("Retry-After"));
        assertEquals(201, second.statusCode());
        assertEquals(1, sandbox.received().size());
    }

    @Test
    void awaitPushReturnsAPushThatArrivesLater() throws Exception {
        CompletableFuture<HttpResponse<String>> sent = CompletableFuture.supplyAsync(() -> {
            try {
                return new Push().send();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        Optional<ReceivedPush> push = sandbox.awaitPush(p -> p.label().equals("Ana"), Duration.ofSeconds(5));

        assertTrue(push.isPresent());
        assertEquals(201, sent.join().statusCode());
        assertEquals(Optional.empty(), sandbox.awaitPush(p -> p.label().equals("Bob"), Duration.ofMillis(20)));
    }
}
