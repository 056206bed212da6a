package golf.linkup.engine.sandbox.push;

import golf.linkup.engine.notifications.WebPushSubscriptions.WebPushSubscription;
import golf.linkup.engine.notifications.push.P256;
import golf.linkup.engine.notifications.push.VapidKeys;
import golf.linkup.engine.notifications.push.WebPushSender;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local Web Push service (RFC 8030 push resource, RFC 8291, RFC 8292) for the sandbox and tests:
 * it plays both the push service and the browser. {@link #createSubscription} makes what a
 * browser's {@code pushManager.subscribe()} would return — an endpoint under {@value #MOUNT_PATH}
 * plus a fresh P-256 key pair and auth secret — and keeps the private key, so it can decrypt what
 * arrives and record it as {@link ReceivedPush}.
 *
 * <p>Mount it under {@value #MOUNT_PATH} (an Undertow prefix path); the subscription id is the
 * last path segment. It may be mounted with or without a {@code BlockingHandler}.
 *
 * <p>Answers to {@code POST <endpoint>}, checked in this order:
 * <ul>
 * <li>404: no such subscription; 405: not a POST.</li>
 * <li>The next status queued with {@link #respondNext} (with {@code Retry-After} when given),
 * nothing recorded — to simulate 410, 429, 500...</li>
 * <li>410: the subscription was {@link #expire expired}.</li>
 * <li>401: the {@code Authorization: vapid t=..., k=...} header is missing or wrong (ES256 JWT
 * signed by {@code k}, {@code aud} = the endpoint's origin, {@code exp} in the future and at most
 * 24 h ahead, {@code sub} mailto:/https:); the reason is the plain-text body.</li>
 * <li>403: the subscription was created for another {@code applicationServerKey} than {@code k}.</li>
 * <li>400: {@code TTL} missing or not a non-negative integer, {@code Urgency} not one of
 * very-low|low|normal|high, {@code Topic} longer than 32 or outside the base64url alphabet, or a
 * body that does not decrypt (RFC 8291 aes128gcm).</li>
 * <li>415: {@code Content-Encoding} is not {@code aes128gcm}; 413: body over 4096 bytes.</li>
 * <li>201 with {@code Location}: decrypted and recorded (before the answer is sent, so a sender
 * that got its 201 finds the push in {@link #received()}).</li>
 * </ul>
 *
 * <p>Thread-safe: requests, {@link #createSubscription}, {@link #respondNext} and the readers may
 * run concurrently. Everything lives in memory; private keys never leave this object.
 */
public final class SandboxPushService implements HttpHandler {

    /** Where the engine mounts this handler; endpoints are {@code baseUrl + MOUNT_PATH + "/" + id}. */
    public static final String MOUNT_PATH = "/sandbox/push";

    private static final Logger LOG = LoggerFactory.getLogger(SandboxPushService.class);
    private static final Set<String> URGENCIES = Set.of("very-low", "low", "normal", "high");
    private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final HttpString TTL = new HttpString("TTL");
    private static final HttpString URGENCY = new HttpString("Urgency");
    private static final HttpString TOPIC_HEADER = new HttpString("Topic");

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final ConcurrentHashMap<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final Object receivedLock = new Object();
    private final List<ReceivedPush> received = new ArrayList<>();
    private final List<Consumer<ReceivedPush>> listeners = new CopyOnWriteArrayList<>();

    public SandboxPushService() {
        this(Clock.systemUTC());
    }

    /** @param clock VAPID {@code exp} is checked and {@code receivedAt} stamped with it */
    public SandboxPushService(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A new subscription that accepts pushes signed by any VAPID key, as a browser's subscription
     * made without {@code applicationServerKey}.
     *
     * @param label   shown with what it receives (e.g. the user's name)
     * @param baseUrl where this handler is reachable, e.g. {@code http://127.0.0.1:8080}; the VAPID
     *                {@code aud} must be its origin
     */
    public WebPushSubscription createSubscription(String label, String baseUrl) {
        return create(label, baseUrl, null);
    }

    /**
     * A new subscription restricted to one VAPID key, as browsers make them today
     * ({@code applicationServerKey}): pushes signed with another key get 403.
     *
     * @param applicationServerKey the VAPID public key, base64url uncompressed ({@link VapidKeys#publicKeyBase64Url()})
     */
    public WebPushSubscription createSubscription(String label, String baseUrl, String applicationServerKey) {
        Objects.requireNonNull(applicationServerKey, "applicationServerKey");
        return create(label, baseUrl, P256.base64Url(P256.uncompressed(P256.publicKey(
                P256.fromBase64Url(applicationServerKey)))));
    }

    private WebPushSubscription create(String label, String baseUrl, String restrictedTo) {
        Objects.requireNonNull(label, "label");
        String base = Objects.requireNonNull(baseUrl, "baseUrl").replaceAll("/+$", "");
        URI parsed = URI.create(base);
        if (parsed.getScheme() == null || parsed.getHost() == null) {
            throw new IllegalArgumentException("baseUrl must be an absolute http(s) URL, was " + baseUrl);
        }
        byte[] idBytes = new byte[16];
        byte[] auth = new byte[16];
        random.nextBytes(idBytes);
        random.nextBytes(auth);
        String id = P256.base64Url(idBytes);
        KeyPair keys = P256.generate();
        byte[] publicKey = P256.uncompressed((ECPublicKey) keys.getPublic());
        String endpoint = base + MOUNT_PATH + "/" + id;
        subscriptions.put(id, new Subscription(id, label, endpoint, base + MOUNT_PATH + "/messages/",
                (ECPrivateKey) keys.getPrivate(), publicKey, auth, restrictedTo, new ConcurrentLinkedQueue<>(),
                new AtomicBoolean()));
        return new WebPushSubscription(endpoint, P256.base64Url(publicKey), P256.base64Url(auth));
    }

    /** The subscription id of a sandbox endpoint: its last path segment. */
    public static String idOf(String endpoint) {
        return endpoint.substring(endpoint.lastIndexOf('/') + 1);
    }

    /**
     * Makes the next push to subscription {@code id} answer {@code status} (queued: call several
     * times for several answers), without checking or recording it.
     *
     * @param retryAfterSeconds sent as {@code Retry-After} when not null
     * @throws IllegalArgumentException for an unknown id or a status outside 100..599
     */
    public void respondNext(String id, int status, Integer retryAfterSeconds) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("not an HTTP status: " + status);
        }
        subscription(id).forced().add(new Forced(status, retryAfterSeconds));
    }

    public void respondNext(String id, int status) {
        respondNext(id, status, null);
    }

    /** From now on subscription {@code id} answers 410 Gone, as after the user unsubscribed. */
    public void expire(String id) {
        subscription(id).expired().set(true);
    }

    /** Everything accepted so far, oldest first (a snapshot). */
    public List<ReceivedPush> received() {
        synchronized (receivedLock) {
            return List.copyOf(received);
        }
    }

    /** What subscription {@code id} accepted so far, oldest first (a snapshot). */
    public List<ReceivedPush> receivedFor(String id) {
        return received().stream().filter(push -> push.subscriptionId().equals(id)).toList();
    }

    /**
     * The first push (already received or arriving within {@code timeout}) that matches.
     *
     * @return empty when none arrived in time
     */
    public Optional<ReceivedPush> awaitPush(Predicate<ReceivedPush> match, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (receivedLock) {
            while (true) {
                for (ReceivedPush push : received) {
                    if (match.test(push)) {
                        return Optional.of(push);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Optional.empty();
                }
                TimeUnit.NANOSECONDS.timedWait(receivedLock, left);
            }
        }
    }

    /** Calls {@code listener} (on the request's thread) for every accepted push; for the console's live view. */
    public void onReceived(Consumer<ReceivedPush> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Forgets what was received (subscriptions stay). */
    public void clearReceived() {
        synchronized (receivedLock) {
            received.clear();
        }
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (exchange.isInIoThread()) {
            exchange.dispatch(this);
            return;
        }
        String id = exchange.getRelativePath().replaceFirst("^/+", "");
        Subscription subscription = id.isEmpty() || id.contains("/") ? null : subscriptions.get(id);
        if (subscription == null) {
            answer(exchange, 404, "no such push subscription");
            return;
        }
        if (!Methods.POST.equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().put(Headers.ALLOW, "POST");
            answer(exchange, 405, "push with POST");
            return;
        }
        Forced forced = subscription.forced().poll();
        if (forced != null) {
            if (forced.retryAfterSeconds() != null) {
                exchange.getResponseHeaders().put(Headers.RETRY_AFTER, forced.retryAfterSeconds().toString());
            }
            answer(exchange, forced.status(), "sandbox: status chosen by respondNext");
            return;
        }
        if (subscription.expired().get()) {
            answer(exchange, 410, "push subscription expired");
            return;
        }
        Instant now = clock.instant();
        VapidAuthorization.Verified vapid;
        try {
            vapid = VapidAuthorization.verify(exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION),
                    subscription.endpoint(), now);
        } catch (VapidAuthorization.Rejected e) {
            exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, "vapid");
            answer(exchange, 401, e.getMessage());
            return;
        }
        if (subscription.restrictedTo() != null && !subscription.restrictedTo().equals(vapid.key())) {
            answer(exchange, 403, "VAPID key k is not the applicationServerKey of this subscription");
            return;
        }
        String ttlHeader = exchange.getRequestHeaders().getFirst(TTL);
        if (ttlHeader == null || !ttlHeader.strip().matches("\\d{1,10}")) {
            answer(exchange, 400, "TTL header missing or not a number of seconds: " + ttlHeader);
            return;
        }
        String urgency = exchange.getRequestHeaders().getFirst(URGENCY);
        if (urgency != null && !URGENCIES.contains(urgency.strip())) {
            answer(exchange, 400, "Urgency must be very-low, low, normal or high: " + urgency);
            return;
        }
        String topic = exchange.getRequestHeaders().getFirst(TOPIC_HEADER);
        if (topic != null && !TOPIC.matcher(topic.strip()).matches()) {
            answer(exchange, 400, "Topic must be 1..32 characters of the base64url alphabet: " + topic);
            return;
        }
        String encoding = exchange.getRequestHeaders().getFirst(Headers.CONTENT_ENCODING);
        if (encoding == null || !encoding.strip().toLowerCase(Locale.ROOT).equals("aes128gcm")) {
            answer(exchange, 415, "Content-Encoding must be aes128gcm, was " + encoding);
            return;
        }
        byte[] body = readBody(exchange);
        if (body.length > WebPushSender.MAX_BODY_BYTES) {
            answer(exchange, 413, "push message body over " + WebPushSender.MAX_BODY_BYTES + " bytes");
            return;
        }
        byte[] plaintext;
        try {
            plaintext = PushPayloadDecryption.decrypt(body, subscription.privateKey(), subscription.publicKey(),
                    subscription.auth());
        } catch (PushPayloadDecryption.DecryptionException e) {
            answer(exchange, 400, "cannot decrypt the aes128gcm body: " + e.getMessage());
            return;
        }
        ReceivedPush push = new ReceivedPush(subscription.id(), subscription.label(), Long.parseLong(ttlHeader.strip()),
                urgency == null ? null : urgency.strip(), topic == null ? null : topic.strip(),
                new String(plaintext, StandardCharsets.UTF_8), now);
        record(push);
        byte[] messageId = new byte[12];
        random.nextBytes(messageId);
        exchange.getResponseHeaders().put(Headers.LOCATION, subscription.locationPrefix() + P256.base64Url(messageId));
        exchange.setStatusCode(201);
        exchange.endExchange();
    }

    private void record(ReceivedPush push) {
        synchronized (receivedLock) {
            received.add(push);
            receivedLock.notifyAll();
        }
        for (Consumer<ReceivedPush> listener : listeners) {
            try {
                listener.accept(push);
            } catch (RuntimeException e) {
                LOG.warn("sandbox push listener failed", e);
            }
        }
    }

    private static byte[] readBody(HttpServerExchange exchange) throws IOException {
        if (!exchange.isBlocking()) {
            exchange.startBlocking();
        }
        return exchange.getInputStream().readNBytes(WebPushSender.MAX_BODY_BYTES + 1);
    }

    private static void answer(HttpServerExchange exchange, int status, String reason) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
        exchange.getResponseSender().send(reason);
    }

    private Subscription subscription(String id) {
        Subscription subscription = subscriptions.get(id);
        if (subscription == null) {
            throw new IllegalArgumentException("no sandbox push subscription " + id);
        }
        return subscription;
    }

    private record Forced(int status, Integer retryAfterSeconds) {
    }

    private record Subscription(String id, String label, String endpoint, String locationPrefix,
            ECPrivateKey privateKey, byte[] publicKey, byte[] auth, String restrictedTo, Queue<Forced> forced,
            AtomicBoolean expired) {
    }
}
