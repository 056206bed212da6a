package golf.linkup.engine.notifications.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import golf.linkup.engine.json.Json;
import golf.linkup.engine.notifications.Channel;
import golf.linkup.engine.notifications.Delivery;
import golf.linkup.engine.notifications.DeliveryOutcome;
import golf.linkup.engine.notifications.DeliveryOutcome.Status;
import golf.linkup.engine.notifications.NotificationType;
import golf.linkup.engine.notifications.Priority;
import golf.linkup.engine.notifications.Recipient;
import golf.linkup.engine.notifications.RenderedMessage;
import golf.linkup.engine.notifications.WebPushSubscriptions.WebPushSubscription;
import golf.linkup.engine.sandbox.push.PushTestServer;
import golf.linkup.engine.sandbox.push.ReceivedPush;
import golf.linkup.engine.sandbox.push.SandboxPushService;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link WebPushSender} against real push services on loopback: the sandbox, and raw capturing or stalling ones. */
class WebPushSenderTest {

    private static final String SUBJECT = "mailto:ops@linkup.golf";
    /** The sandbox's policy: these tests' push services listen on loopback. */
    private static final PushEndpointPolicy LOOPBACK = PushEndpointPolicy.sandbox(PushEndpointPolicy.MAJOR_PUSH_SERVICES,
            PushEndpointPolicy.systemResolver());
    private static final String USER = "user-ana";
    private static final Map<String, Object> DATA = Map.of("teeTimeId", "tt-123", "action", "open_tee_time",
            "slotsOpen", 2);

    private final VapidKeys vapid = VapidKeys.generate();
    private final InMemoryWebPushSubscriptions subscriptions = new InMemoryWebPushSubscriptions();
    private final SandboxPushService sandbox = new SandboxPushService();
    private PushTestServer server;
    private WebPushSender sender;

    @BeforeEach
    void start() {
        server = new PushTestServer(sandbox);
        sender = new WebPushSender(subscriptions, vapid,
                WebPushSettings.defaults(SUBJECT).withEndpoints(LOOPBACK).withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2)));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private WebPushSubscription subscribe(String label) {
        WebPushSubscription subscription = sandbox.createSubscription(label, server.baseUrl(), vapid.publicKeyBase64Url());
        subscriptions.add(USER, subscription);
        return subscription;
    }

    private static Delivery delivery(NotificationType type, Priority priority, String body, Map<String, Object> data) {
        return new Delivery(42, "outbox-42-push", new Recipient(USER, "Ana", "ana@example.com", Locale.ENGLISH,
                ZoneId.of("Europe/Madrid")), type, Channel.PUSH, priority,
                new RenderedMessage("New tee time in Finance!", body, null, data), 1);
    }

    private static Delivery delivery(Priority priority) {
        return delivery(NotificationType.NEW_TEE_TIME, priority, "Pebble Beach, Sat 8:00 AM — 2 slots open ⛳", DATA);
    }

    @Test
    void anEndpointWhoseHostNowResolvesToAPrivateAddressIsNotContacted() throws Exception {
        WebPushSubscription browser = sandbox.createSubscription("rebinding", server.baseUrl(), vapid.publicKeyBase64Url());
        String endpoint = "https://push.example.test/sandbox/push/" + browser.endpoint().substring(
                browser.endpoint().lastIndexOf('/') + 1);
        java.util.concurrent.atomic.AtomicReference<String> dns = new java.util.concurrent.atomic.AtomicReference<>(
                "203.0.113.7");
        PushEndpointPolicy policy = PushEndpointPolicy.production(List.of("push.example.test"),
                host -> new java.net.InetAddress[] {java.net.InetAddress.getByName(dns.get())});
        assertEquals(java.util.Optional.empty(), policy.problem(endpoint), "public when it was registered");
        subscriptions.add(USER, new WebPushSubscription(endpoint, browser.p256dh(), browser.auth()));
        WebPushSender guarded = new WebPushSender(subscriptions, vapid, WebPushSettings.defaults(SUBJECT)
                .withEndpoints(policy).withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2)));

        dns.set("127.0.0.1"); // the host now points at the engine's own network
        DeliveryOutcome outcome = guarded.send(delivery(Priority.HIGH));

        assertEquals(Status.FAILED, outcome.status(), outcome.providerResponse());
        assertTrue(outcome.providerResponse().contains("endpoint refused, not sent")
                && outcome.providerResponse().contains("127.0.0.1"), outcome.providerResponse());
        assertEquals(List.of(), sandbox.received());
    }

    @Test
    void aPushArrivesAndDecryptsBackToTheSameJson() throws Exception {
        WebPushSubscription subscription = subscribe("Ana's laptop");

        DeliveryOutcome outcome = sender.send(delivery(Priority.NORMAL));

        assertEquals(Status.SENT, outcome.status(), outcome.providerResponse());
        assertTrue(outcome.providerResponse().contains("HTTP 201 Location: " + server.baseUrl() + "/sandbox/push/messages/"),
                outcome.providerResponse());
        List<ReceivedPush> received = sandbox.received();
        assertEquals(1, received.size());
        ReceivedPush push = received.get(0);
        assertEquals(SandboxPushService.idOf(subscription.endpoint()), push.subscriptionId());
        assertEquals("Ana's laptop", push.label());
        JsonNode json = Json.MAPPER.readTree(push.decryptedJson());
        assertEquals(List.of("title", "body", "data", "type", "id"), fieldNames(json));
        assertEquals("New tee time in Finance!", json.get("title").asText());
        assertEquals("Pebble Beach, Sat 8:00 AM — 2 slots open ⛳", json.get("body").asText());
        assertEquals(Json.MAPPER.valueToTree(DATA), json.get("data"));
        assertEquals("new_tee_time", json.get("type").asText());
        assertEquals("outbox-42-push", json.get("id").asText());
    }

    @ParameterizedTest
    @CsvSource({"CRITICAL, 86400, high", "HIGH, 86400, high", "NORMAL, 43200, normal", "LOW, 3600, low"})
    void ttlAndUrgencyFollowThePriorityAndTheTopicTheTypeAndId(Priority priority, long ttl, String urgency) {
        subscribe("Ana's phone");

        assertEquals(Status.SENT, sender.send(delivery(priority)).status());

        ReceivedPush push = sandbox.received().get(0);
        assertEquals(ttl, push.ttl());
        assertEquals(urgency, push.urgency());
        assertEquals(WebPushSender.topicFor(NotificationType.NEW_TEE_TIME, Map.of("teeTimeId", "tt-123")), push.topic());
    }

    @Test
    void twoAnnouncementsGoWithoutATopicSoTheSecondCannotReplaceTheFirstAtThePushService() {
        subscribe("Ana's phone");
        Map<String, Object> data = Map.of("action", "open_app", "id", "announcement");

        assertEquals(Status.SENT, sender.send(delivery(NotificationType.SYSTEM_ANNOUNCEMENT, Priority.NORMAL,
                "Bethpage is closed on Monday", data)).status());
        assertEquals(Status.SENT, sender.send(delivery(NotificationType.SYSTEM_ANNOUNCEMENT, Priority.NORMAL,
                "New courses in Texas", data)).status());

        assertEquals(2, sandbox.received().size());
        sandbox.received().forEach(push -> assertNull(push.topic(), "an announcement has no Topic"));
    }

    @Test
    void theRequestCarriesAVapidJwtThatAnIndependentLibraryVerifies() throws Exception {
        CapturingPushService capture = new CapturingPushService();
        server.mount("/capture", capture);
        subscriptions.add(USER, new WebPushSubscription(server.baseUrl() + "/capture/abc",
                P256.base64Url(P256.uncompressed((java.security.interfaces.ECPublicKey) P256.generate().getPublic())),
                P256.base64Url(new byte[16])));
        Instant before = Instant.now();

        assertEquals(Status.SENT, sender.send(delivery(Priority.HIGH)).status());

        Map<String, String> headers = capture.captured.poll().headers();
        assertEquals("aes128gcm", headers.get("content-encoding"));
        assertEquals("86400", headers.get("ttl"));
        assertEquals("high", headers.get("urgency"));
        String authorization = headers.get("authorization");
        assertTrue(authorization.startsWith("vapid t="), authorization);
        String token = authorization.substring("vapid t=".length(), authorization.indexOf(','));
        String key = authorization.substring(authorization.indexOf("k=") + 2).strip();
        assertEquals(vapid.publicKeyBase64Url(), key);
        SignedJWT jwt = SignedJWT.parse(token);
        assertEquals("ES256", jwt.getHeader().getAlgorithm().getName());
        assertTrue(jwt.verify(new ECDSAVerifier(vapid.publicKey())), "ES256 signature verifies with the VAPID key");
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertEquals(List.of(server.baseUrl()), claims.getAudience());
        assertEquals(SUBJECT, claims.getSubject());
        Instant expires = claims.getExpirationTime().toInstant();
        assertTrue(expires.isAfter(before.plus(Duration.ofHours(11))) && !expires.isAfter(Instant.now().plus(Duration.ofHours(12))),
                "exp is about 12 h ahead: " + expires);
    }

    @Test
    void anIndependentDecryptionOfTheRawBodyGivesTheSameJson() throws Exception {
        IndependentReceiver.checkAgainstRfc8291Example();
        CapturingPushService capture = new CapturingPushService();
        server.mount("/capture", capture);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair browser = generator.generateKeyPair();
        byte[] encoded = browser.getPublic().getEncoded();
        byte[] browserPublic = Arrays.copyOfRange(encoded, encoded.length - 65, encoded.length);
        byte[] authSecret = HexFormat.of().parseHex("0f1e2d3c4b5a69788796a5b4c3d2e1f0");
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        subscriptions.add(USER, new WebPushSubscription(server.baseUrl() + "/capture/xyz",
                b64.encodeToString(browserPublic), b64.encodeToString(authSecret)));

        assertEquals(Status.SENT, sender.send(delivery(Priority.NORMAL)).status());

        byte[] raw = capture.captured.poll().body();
        byte[] plaintext = IndependentReceiver.decrypt(raw, (ECPrivateKey) browser.getPrivate(), browserPublic, authSecret);
        JsonNode json = Json.MAPPER.readTree(plaintext);
        assertEquals("New tee time in Finance!", json.get("title").asText());
        assertEquals("Pebble Beach, Sat 8:00 AM — 2 slots open ⛳", json.get("body").asText());
        assertEquals(Json.MAPPER.valueToTree(DATA), json.get("data"));
        assertEquals("outbox-42-push", json.get("id").asText());
    }

    @ParameterizedTest
    @ValueSource(ints = {404, 410})
    void aGoneSubscriptionIsDeactivatedAndTheOutcomeSaysSo(int status) {
        WebPushSubscription subscription = subscribe("old browser");
        sandbox.respondNext(SandboxPushService.idOf(subscription.endpoint()), status);

        DeliveryOutcome outcome = sender.send(delivery(Priority.NORMAL));

        assertEquals(Status.FAILED, outcome.status());
        assertTrue(outcome.providerResponse().contains("HTTP " + status + " gone, subscription deactivated"),
                outcome.providerResponse());
        assertEquals(List.of(subscription.endpoint()), subscriptions.deactivated());
        assertEquals(Status.SKIPPED, sender.send(delivery(Priority.NORMAL)).status(), "no active subscription left");
    }

    @Test
    void tooManyRequestsIsRetriedAfterTheSecondsThePushServiceAsks() {
        WebPushSubscription subscription = subscribe("busy");
        sandbox.respondNext(SandboxPushService.idOf(subscription.endpoint()), 429, 30);

        DeliveryOutcome outcome = sender.send(delivery(Priority.NORMAL));

        assertEquals(Status.RETRY, outcome.status());
        assertEquals(Duration.ofSeconds(30), outcome.retryAfter());
        assertTrue(outcome.providerResponse().contains("HTTP 429 Retry-After 30 s"), outcome.providerResponse());
        assertEquals(List.of(), subscriptions.deactivated());
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503})
    void aServerErrorIsRetried(int status) {
        WebPushSubscription subscription = subscribe("flaky");
        sandbox.respondNext(SandboxPushService.idOf(subscription.endpoint()), status);

        DeliveryOutcome outcome = sender.send(delivery(Priority.NORMAL));

        assertEquals(Status.RETRY, outcome.status());
        assertNull(outcome.retryAfter());
        assertTrue(outcome.providerResponse().contains("HTTP " + status), outcome.providerResponse());
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 413})
    void anotherClientErrorFails(int status) {
        WebPushSubscription subscription = subscribe("rejecting");
        sandbox.respondNext(SandboxPushService.idOf(subscription.endpoint()), status);

        DeliveryOutcome outcome = sender.send(delivery(Priority.NORMAL));

        assertEquals(Status.FAILED, outcome.status());
        assertTrue(outcome.providerResponse().contains("HTTP " + status + " sandbox: status chosen by respondNext"),
                outcome.providerResponse());
        assertEquals(List.of(), subscriptions.deactivated());
    }

    @Test
    void aUserWithoutSubscriptionsIsSkipped() {
        DeliveryOutcome outcome = sender.send(delivery(Priority.NORMAL));

        assertEquals(DeliveryOutcome.skipped("no active web push subscription"), outcome);
    }

    @Test
    void oneGoneAndOneAcceptedSubscriptionIsSentAndTheGoneOneDeactivated() {
        WebPushSubscription gone = subscribe("old phone");
        WebPushSubscription current = subscribe("new phone");
        sandbox.respondNext(SandboxPushService.idOf(gone.endpoint()), 410);

        DeliveryOutcome outcome = sender.send(delivery(Priority.HIGH));

        assertEquals(Status.SENT, outcome.status());
        assertTrue(outcome.providerResponse().startsWith("1/2 accepted; "), outcome.providerResponse());
        assertEquals(List.of(gone.endpoint()), subscriptions.deactivated());
        assertEquals(List.of("new phone"), sandbox.received().stream().map(ReceivedPush::label).toList());
        assertEquals(SandboxPushService.idOf(current.endpoint()), sandbox.received().get(0).subscriptionId());
    }

    @Test
    void oneGoneAndOneBusySubscriptionIsRetriedWithTheLongestWait() {
        WebPushSubscription gone = subscribe("old phone");
        WebPushSubscription busy = subscribe("new phone");
        subscriptions.add(USER, sandbox.createSubscription("tablet", server.baseUrl()));
        sandbox.respondNext(SandboxPushService.idOf(gone.endpoint()), 410);
        sandbox.respondNext(SandboxPushService.idOf(busy.endpoint()), 503, 120);
        List<WebPushSubscription> all = subscriptions.activeFor(USER);
        sandbox.respondNext(SandboxPushService.idOf(all.get(2).endpoint()), 429, 5);

        DeliveryOutcome outcome = sender.send(delivery(Priority.HIGH));

        assertEquals(Status.RETRY, outcome.status());
        assertEquals(Duration.ofSeconds(120), outcome.retryAfter());
        assertEquals(List.of(gone.endpoint()), subscriptions.deactivated());
    }

    @Test
    void anUnreachablePushServiceIsRetried() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        WebPushSubscription live = sandbox.createSubscription("x", server.baseUrl());
        subscriptions.add(USER, new WebPushSubscription("http://127.0.0.1:" + closedPort + "/push/abc", live.p256dh(),
                live.auth()));

        DeliveryOutcome outcome = sender.send(delivery(Priority.NORMAL));

        assertEquals(Status.RETRY, outcome.status());
        assertTrue(outcome.providerResponse().contains("I/O error"), outcome.providerResponse());
    }

    @Test
    void aPushServiceThatDoesNotAnswerInTimeIsRetried() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch answered = new CountDownLatch(1);
        server.mount("/stalled", exchange -> {
            release.await(5, TimeUnit.SECONDS);
            exchange.setStatusCode(201);
            exchange.endExchange();
            answered.countDown();
        });
        WebPushSubscription live = sandbox.createSubscription("x", server.baseUrl());
        subscriptions.add(USER, new WebPushSubscription(server.baseUrl() + "/stalled/abc", live.p256dh(), live.auth()));
        WebPushSender impatient = new WebPushSender(subscriptions, vapid,
                WebPushSettings.defaults(SUBJECT).withEndpoints(LOOPBACK).withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(300)));
        try {
            DeliveryOutcome outcome = impatient.send(delivery(Priority.NORMAL));

            assertEquals(Status.RETRY, outcome.status());
            assertTrue(outcome.providerResponse().contains("timed out"), outcome.providerResponse());
        } finally {
            release.countDown();
            answered.await(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aSubscriptionWithBrokenKeysFailsWithoutARequest() {
        subscriptions.add(USER, new WebPushSubscription(server.baseUrl() + "/sandbox/push/nope", "bm90LWEta2V5",
                P256.base64Url(new byte[16])));

        DeliveryOutcome outcome = sender.send(delivery(Priority.NORMAL));

        assertEquals(Status.FAILED, outcome.status());
        assertTrue(outcome.providerResponse().contains("invalid subscription, not sent"), outcome.providerResponse());
    }

    @Test
    void aLongBodyIsShortenedToFitTheFourKilobyteLimit() throws Exception {
        subscribe("Ana's laptop");
        String longBody = "é".repeat(5000);

        DeliveryOutcome outcome = sender.send(delivery(NotificationType.NEW_MESSAGE, Priority.NORMAL, longBody, DATA));

        assertEquals(Status.SENT, outcome.status(), outcome.providerResponse());
        String json = sandbox.received().get(0).decryptedJson();
        assertTrue(json.getBytes(StandardCharsets.UTF_8).length <= WebPushSender.MAX_PAYLOAD_BYTES);
        String body = Json.MAPPER.readTree(json).get("body").asText();
        assertTrue(body.endsWith("…") && body.length() > 1500, "shortened, not emptied: " + body.length());
        assertTrue(longBody.startsWith(body.substring(0, body.length() - 1)));
    }

    @Test
    void dataTooLargeForAPushFails() {
        subscribe("Ana's laptop");

        DeliveryOutcome outcome = sender.send(delivery(NotificationType.NEW_MESSAGE, Priority.NORMAL, "hi",
                Map.of("teeTimeId", "x".repeat(5000))));

        assertEquals(Status.FAILED, outcome.status());
        assertTrue(outcome.providerResponse().contains("too large"), outcome.providerResponse());
        assertEquals(List.of(), sandbox.received());
    }

    @Test
    void concurrentDeliveriesEncryptCorrectly() throws Exception {
        subscribe("Ana's laptop");
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Callable<DeliveryOutcome>> sends = new ArrayList<>();
            for (int i = 0; i < 48; i++) {
                Map<String, Object> data = new LinkedHashMap<>(DATA);
                data.put("teeTimeId", "tt-" + i);
                sends.add(() -> sender.send(delivery(NotificationType.NEW_TEE_TIME, Priority.NORMAL, "body", data)));
            }
            for (Future<DeliveryOutcome> outcome : threads.invokeAll(sends)) {
                assertEquals(Status.SENT, outcome.get().status(), outcome.get().providerResponse());
            }
        } finally {
            threads.shutdownNow();
        }
        assertEquals(48, sandbox.received().size());
        assertEquals(48, sandbox.received().stream().map(ReceivedPush::topic).distinct().count());
    }

    private static List<String> fieldNames(JsonNode json) {
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /**
     * RFC 8291 §3.4 for a one-record body, written out again for this test step by step with the
     * RFC's names and sharing no code with the engine (keys through DER prefixes, HKDF as bare HMACs).
     */
    static final class IndependentReceiver {

        private static final byte[] X509_P256_PREFIX =
                HexFormat.of().parseHex("3059301306072a8648ce3d020106082a8648ce3d030107034200");
        private static final byte[] PKCS8_P256_PREFIX =
                HexFormat.of().parseHex("3041020100301306072a8648ce3d020106082a8648ce3d030107042730250201010420");

        static byte[] decrypt(byte[] body, ECPrivateKey uaPrivate, byte[] uaPublic, byte[] authSecret)
                throws Exception {
            byte[] salt = Arrays.copyOfRange(body, 0, 16);
            int rs = ByteBuffer.wrap(body, 16, 4).getInt();
            int idlen = body[20] & 0xff;
            assertEquals(65, idlen, "keyid is as_public");
            byte[] asPublic = Arrays.copyOfRange(body, 21, 21 + idlen);
            byte[] record = Arrays.copyOfRange(body, 21 + idlen, body.length);
            assertTrue(record.length <= rs, "a single record");

            PublicKey asKey = KeyFactory.getInstance("EC").generatePublic(
                    new X509EncodedKeySpec(concat(X509_P256_PREFIX, asPublic)));
            KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
            agreement.init(uaPrivate);
            agreement.doPhase(asKey, true);
            byte[] ecdhSecret = agreement.generateSecret();

            byte[] prkKey = hmac(authSecret, ecdhSecret);
            byte[] keyInfo = concat("WebPush: info".getBytes(StandardCharsets.US_ASCII), new byte[] {0}, uaPublic,
                    asPublic);
            byte[] ikm = hmac(prkKey, concat(keyInfo, new byte[] {1}));
            byte[] prk = hmac(salt, ikm);
            byte[] cek = Arrays.copyOf(hmac(prk, concat("Content-Encoding: aes128gcm".getBytes(StandardCharsets.US_ASCII),
                    new byte[] {0, 1})), 16);
            byte[] nonce = Arrays.copyOf(hmac(prk, concat("Content-Encoding: nonce".getBytes(StandardCharsets.US_ASCII),
                    new byte[] {0, 1})), 12);

            Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
            aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, nonce));
            byte[] padded = aes.doFinal(record);
            int end = padded.length - 1;
            while (padded[end] == 0) {
                end--;
            }
            assertEquals(2, padded[end], "last-record delimiter");
            return Arrays.copyOf(padded, end);
        }

        /** This receiver must first turn RFC 8291 §5's body back into its plaintext. */
        static void checkAgainstRfc8291Example() throws Exception {
            Base64.Decoder b64 = Base64.getUrlDecoder();
            ECPrivateKey uaPrivate = (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(
                    concat(PKCS8_P256_PREFIX, b64.decode(Rfc8291Example.UA_PRIVATE))));
            byte[] plaintext = decrypt(b64.decode(Rfc8291Example.BODY), uaPrivate, b64.decode(Rfc8291Example.UA_PUBLIC),
                    b64.decode(Rfc8291Example.AUTH_SECRET));
            assertEquals(Rfc8291Example.PLAINTEXT, new String(plaintext, StandardCharsets.UTF_8));
        }

        private static byte[] hmac(byte[] key, byte[] data) throws Exception {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        }

        private static byte[] concat(byte[]... parts) {
            int length = Arrays.stream(parts).mapToInt(part -> part.length).sum();
            ByteBuffer out = ByteBuffer.allocate(length);
            for (byte[] part : parts) {
                out.put(part);
            }
            return out.array();
        }
    }
}
