package golf.linkup.engine.notifications.push;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.zerodeplibs.webpush.VAPIDKeyPair;
import com.zerodeplibs.webpush.jwt.VAPIDJWTParam;
import golf.linkup.engine.json.Json;
import golf.linkup.engine.notifications.Channel;
import golf.linkup.engine.notifications.ChannelSender;
import golf.linkup.engine.notifications.Delivery;
import golf.linkup.engine.notifications.DeliveryOutcome;
import golf.linkup.engine.notifications.NotificationType;
import golf.linkup.engine.notifications.Priority;
import golf.linkup.engine.notifications.WebPushSubscriptions;
import golf.linkup.engine.notifications.WebPushSubscriptions.WebPushSubscription;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.ResponseInfo;
import java.net.http.HttpTimeoutException;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Channel#PUSH} channel: Web Push (RFC 8030) to every active subscription of the
 * recipient, the payload encrypted with aes128gcm (RFC 8291) and the request signed with VAPID
 * (RFC 8292). Encryption is {@link PushMessageEncryption} (a new P-256 key pair and salt per message);
 * the VAPID header comes from zerodep-web-push; HTTP is the JDK client.
 *
 * <p>The payload is UTF-8 JSON {@code {"title","body","data":{...},"type":"<type key>","id":"<idempotency key>"}}
 * (absent title/body are left out). A push body may be at most 4096 bytes, so the plaintext may be at
 * most {@value #MAX_PAYLOAD_BYTES} bytes: a longer {@code body} text is shortened (ending in "…"); if
 * the rest alone is too long the delivery FAILS.
 *
 * <p>Headers: {@code TTL} per priority ({@link WebPushSettings#ttlByPriority()}), {@code Urgency}
 * (critical/high → high, normal → normal, low → low), {@code Topic} ({@link #topicFor}: only for
 * {@linkplain NotificationType#replaceable() replaceable} types with a main id, where a newer push of
 * the same type and main id is meant to replace an undelivered older one at the push service; never
 * for system announcements, each of which must arrive),
 * {@code Content-Encoding: aes128gcm}, {@code Authorization: vapid t=<ES256 JWT>, k=<public key>}
 * with {@code aud} = the endpoint's origin and {@code exp} = now + the token lifetime.
 *
 * <p>What each push service answer means for that subscription:
 * <ul>
 * <li>2xx (200, 201, 202): accepted. The provider response is the status and the {@code Location}
 * header (the push message resource) when given.</li>
 * <li>404, 410: the subscription is gone (expired or unsubscribed); it is deactivated through
 * {@link WebPushSubscriptions#deactivate(String)} at once.</li>
 * <li>429, 408, 5xx: retryable; {@code Retry-After} (seconds or HTTP-date) is passed on.</li>
 * <li>Other 3xx/4xx (400 bad request, 401/403 VAPID rejected, 413 too large...): failed.</li>
 * <li>Connect errors, resets, timeouts: retryable.</li>
 * </ul>
 * The delivery's outcome over all subscriptions, pushed in parallel: SENT when at least one
 * accepted; else RETRY when at least one is retryable (with the longest {@code Retry-After} given);
 * SKIPPED when the user has no active subscription; else FAILED (every subscription gone or
 * rejected). The provider response lists each subscription's answer, endpoints abbreviated.
 *
 * <p>Before each request the endpoint is checked against {@link WebPushSettings#endpoints()}
 * ({@link PushEndpointPolicy}: https, an allowed push service, public addresses only); a refused
 * endpoint is not contacted and counts as FAILED for that subscription.
 *
 * <p>Never throws for provider or subscription problems. Thread-safe: one instance serves all
 * delivery threads ({@link #send} blocks its caller until every push of the delivery is answered).
 */
public final class WebPushSender implements ChannelSender {

    /** RFC 8030 §7.2 / RFC 8291 §4: push services must accept bodies up to 4096 bytes, not more. */
    public static final int MAX_BODY_BYTES = 4096;
    /** 4096 minus the aes128gcm header (86), the delimiter (1) and the GCM tag (16) of one record. */
    public static final int MAX_PAYLOAD_BYTES = MAX_BODY_BYTES - 86 - 1 - 16;

    private static final Logger LOG = LoggerFactory.getLogger(WebPushSender.class);
    private static final int RESPONSE_EXCERPT_BYTES = 200;
    private static final int MAX_PROVIDER_RESPONSE_CHARS = 2000;

    private final WebPushSubscriptions subscriptions;
    private final VAPIDKeyPair vapid;
    private final WebPushSettings settings;
    private final Clock clock;
    private final HttpClient http;
    /**
     * Push requests in flight at once, over every caller: enough to hide the push service's latency
     * (a claim's pushes overlap), few enough not to open a connection per push to an HTTP/1.1 service.
     */
    static final int MAX_IN_FLIGHT = 64;
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    /** Signed VAPID headers by push-service origin ({@link #authorization}). */
    private final Map<String, SignedVapid> vapidByOrigin = new ConcurrentHashMap<>();

    public WebPushSender(WebPushSubscriptions subscriptions, VapidKeys vapidKeys, WebPushSettings settings) {
        this(subscriptions, vapidKeys, settings, Clock.systemUTC());
    }

    /** @param clock the VAPID {@code exp} and HTTP-date {@code Retry-After} are measured with it */
    public WebPushSender(WebPushSubscriptions subscriptions, VapidKeys vapidKeys, WebPushSettings settings, Clock clock) {
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.vapid = Objects.requireNonNull(vapidKeys, "vapidKeys").toVapidKeyPair();
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public Channel channel() {
        return Channel.PUSH;
    }

    @Override
    public DeliveryOutcome send(Delivery delivery) {
        return sendAsync(delivery).join();
    }

    /**
     * {@inheritDoc} Encrypts on the caller's thread, then the requests travel on the HTTP client's
     * (connections kept open and reused; HTTP/2 where the push service offers it).
     */
    @Override
    public CompletableFuture<DeliveryOutcome> sendAsync(Delivery delivery) {
        String userId = delivery.recipient().userId();
        List<WebPushSubscription> targets;
        try {
            targets = subscriptions.activeFor(userId);
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(
                    DeliveryOutcome.retry("cannot read web push subscriptions: " + e, null));
        }
        if (targets == null || targets.isEmpty()) {
            return CompletableFuture.completedFuture(DeliveryOutcome.skipped("no active web push subscription"));
        }
        byte[] payload;
        try {
            payload = payload(delivery);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(DeliveryOutcome.failed(e.getMessage()));
        }
        Headers headers = new Headers(
                settings.ttl(delivery.priority()).toSeconds(),
                urgencyFor(delivery.priority()),
                topicFor(delivery.type(), delivery.message().data(), settings.topicIdKeys()));

        List<CompletableFuture<Attempt>> pending = new ArrayList<>(targets.size());
        for (WebPushSubscription target : targets) {
            pending.add(push(target, payload, headers));
        }
        return CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<Attempt> attempts = new ArrayList<>(pending.size());
            for (CompletableFuture<Attempt> each : pending) {
                attempts.add(each.join());
            }
            for (int i = 0; i < attempts.size(); i++) {
                Attempt attempt = attempts.get(i);
                if (attempt.kind() == Kind.GONE) {
                    attempts.set(i, deactivate(attempt, userId));
                }
            }
            return outcome(attempts, delivery);
        }).exceptionally(error -> DeliveryOutcome.retry("unexpected: " + unwrap(error), null));
    }

    /**
     * The RFC 8030 {@code Topic} for a notification, or null for none: SHA-256 of the type key and the
     * first non-blank value of {@code idKeys} in {@code data}, cut to 24 bytes and base64url-encoded —
     * always 32 characters of {@code [A-Za-z0-9_-]}, stable across restarts and instances. Null when the
     * type is not {@linkplain NotificationType#replaceable() replaceable} or the data has no main id: a
     * push service keeps only the newest message of a topic for an offline device, so a topic is given
     * only where that replacement is meant.
     */
    public static String topicFor(NotificationType type, Map<String, ?> data, List<String> idKeys) {
        if (!type.replaceable()) {
            return null;
        }
        String mainId = "";
        for (String key : idKeys) {
            Object value = data == null ? null : data.get(key);
            if (value != null && !String.valueOf(value).isBlank()) {
                mainId = String.valueOf(value);
                break;
            }
        }
        if (mainId.isEmpty()) {
            return null;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((type.key() + "\n" + mainId).getBytes(StandardCharsets.UTF_8));
            return P256.base64Url(Arrays.copyOf(digest, 24));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /** {@link #topicFor(NotificationType, Map, List)} with {@link WebPushSettings#DEFAULT_TOPIC_ID_KEYS}. */
    public static String topicFor(NotificationType type, Map<String, ?> data) {
        return topicFor(type, data, WebPushSettings.DEFAULT_TOPIC_ID_KEYS);
    }

    /** RFC 8030 {@code Urgency}: critical and high → high, normal → normal, low → low. */
    public static String urgencyFor(Priority priority) {
        return switch (priority) {
            case CRITICAL, HIGH -> "high";
            case NORMAL -> "normal";
            case LOW -> "low";
        };
    }

    /**
     * The JSON the service worker receives, at most {@link #MAX_PAYLOAD_BYTES} bytes.
     *
     * @throws IllegalArgumentException when it cannot be made small enough or serialized
     */
    static byte[] payload(Delivery delivery) {
        String body = delivery.message().body();
        byte[] json = payloadJson(delivery, body);
        if (json.length <= MAX_PAYLOAD_BYTES || body == null) {
            return checkedSize(json);
        }
        // Longest prefix that fits (binary search: JSON escaping and UTF-8 make bytes per char vary).
        int fits = 0;
        int tooLong = body.length();
        byte[] best = payloadJson(delivery, "");
        while (tooLong - fits > 1) {
            int keep = (fits + tooLong) >>> 1;
            int cut = Character.isHighSurrogate(body.charAt(keep - 1)) ? keep - 1 : keep;
            byte[] candidate = payloadJson(delivery, body.substring(0, cut) + "…");
            if (candidate.length <= MAX_PAYLOAD_BYTES) {
                fits = keep;
                best = candidate;
            } else {
                tooLong = keep;
            }
        }
        return checkedSize(best);
    }

    private static byte[] checkedSize(byte[] json) {
        if (json.length > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("push payload too large: " + json.length + " bytes > "
                    + MAX_PAYLOAD_BYTES + " even without its body text");
        }
        return json;
    }

    private static byte[] payloadJson(Delivery delivery, String body) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("title", delivery.message().title());
        root.put("body", body);
        root.put("data", delivery.message().data());
        root.put("type", delivery.type().key());
        root.put("id", delivery.idempotencyKey());
        try {
            return Json.MAPPER.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialize the push payload: " + e.getOriginalMessage(), e);
        }
    }

    private CompletableFuture<Attempt> push(WebPushSubscription target, byte[] payload, Headers headers) {
        // again at send time: the host's DNS answer may have changed since registration (rebinding)
        var refused = settings.endpoints().problem(target.endpoint());
        if (refused.isPresent()) {
            LOG.warn("web push to {} refused: {}", abbreviate(target.endpoint()), refused.get());
            return CompletableFuture.completedFuture(new Attempt(target, Kind.FAILED,
                    "endpoint refused, not sent: " + refused.get(), null));
        }
        HttpRequest request;
        try {
            request = request(target, payload, headers);
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(new Attempt(target, Kind.FAILED,
                    "invalid subscription, not sent: " + e.getMessage(), null));
        }
        AtomicReference<ResponseInfo> head = new AtomicReference<>();
        HttpResponse.BodyHandler<String> excerpt = info -> {
            head.set(info);
            return new ExcerptSubscriber(RESPONSE_EXCERPT_BYTES);
        };
        // The client's request timeout stops at the response headers; the deadline also covers the body.
        Duration deadline = settings.connectTimeout().plus(settings.requestTimeout()).plusSeconds(1);
        inFlight.acquireUninterruptibly();
        CompletableFuture<HttpResponse<String>> sent;
        try {
            sent = http.sendAsync(request, excerpt);
        } catch (RuntimeException e) {
            inFlight.release();
            return CompletableFuture.completedFuture(transportFailure(target, e));
        }
        try {
            // orTimeout completes this very future on time-out, so the permit comes back either way
            return sent.orTimeout(deadline.toMillis(), TimeUnit.MILLISECONDS)
                    .whenComplete((response, error) -> inFlight.release())
                    .handle((response, error) -> {
                        if (error == null) {
                            return answered(target, response.statusCode(), response.headers(), response.body());
                        }
                        ResponseInfo info = head.get();
                        if (info != null) {
                            return answered(target, info.statusCode(), info.headers(),
                                    "(body not read: " + unwrap(error) + ")");
                        }
                        return transportFailure(target, unwrap(error));
                    });
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(transportFailure(target, e));
        }
    }

    /** A signed VAPID header, its audience (the push service's origin) and when to sign a new one. */
    private record SignedVapid(String header, Instant renewAt) {
    }

    /**
     * The {@code Authorization} header for a push service, signed once per origin (its audience) and
     * reused until half of its lifetime has passed, so it is renewed well before it expires: one
     * ES256 signature per origin every few hours instead of one per push.
     */
    private String authorization(URI endpoint) {
        String origin = endpoint.getScheme().toLowerCase(Locale.ROOT) + "://" + endpoint.getRawAuthority();
        Instant now = clock.instant();
        SignedVapid signed = vapidByOrigin.get(origin);
        if (signed == null || !now.isBefore(signed.renewAt())) {
            Duration lifetime = settings.vapidTokenLifetime();
            String header = vapid.generateAuthorizationHeaderValue(VAPIDJWTParam.getBuilder()
                    .resourceURLString(endpoint.toString())
                    .expirationTime(now.plus(lifetime))
                    .subject(settings.vapidSubject())
                    .build());
            signed = new SignedVapid(header, now.plus(lifetime.dividedBy(2)));
            vapidByOrigin.put(origin, signed);
        }
        return signed.header();
    }

    private HttpRequest request(WebPushSubscription target, byte[] payload, Headers headers) {
        URI endpoint = URI.create(target.endpoint());
        if (!"https".equalsIgnoreCase(endpoint.getScheme()) && !"http".equalsIgnoreCase(endpoint.getScheme())) {
            throw new IllegalArgumentException("endpoint is not an http(s) URL");
        }
        byte[] uaPublic = P256.fromBase64Url(target.p256dh());
        byte[] auth = P256.fromBase64Url(target.auth());
        if (auth.length != 16) {
            throw new IllegalArgumentException("auth secret must be 16 bytes, was " + auth.length);
        }
        // checks that p256dh is a P-256 point (IllegalArgumentException: an invalid subscription)
        byte[] body = PushMessageEncryption.encrypt(payload, uaPublic, auth);
        String authorization = authorization(endpoint);
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(settings.requestTimeout())
                .header("TTL", Long.toString(headers.ttlSeconds()))
                .header("Urgency", headers.urgency())
                .header("Content-Encoding", "aes128gcm")
                .header("Content-Type", "application/octet-stream")
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.topic() != null) {
            request.header("Topic", headers.topic());
        }
        return request.build();
    }

    private Attempt answered(WebPushSubscription target, int status, HttpHeaders headers, String body) {
        if (status >= 200 && status < 300) {
            String location = headers.firstValue("Location").map(l -> " Location: " + l).orElse("");
            return new Attempt(target, Kind.ACCEPTED, "HTTP " + status + location, null);
        }
        if (status == 404 || status == 410) {
            return new Attempt(target, Kind.GONE, "HTTP " + status + " gone", null);
        }
        String excerpt = body == null || body.isBlank() ? "" : " " + body.strip();
        if (status == 429 || status == 408 || status >= 500) {
            Duration retryAfter = RetryAfter.parse(headers.firstValue("Retry-After").orElse(null), clock.instant());
            String wait = retryAfter == null ? "" : " Retry-After " + retryAfter.toSeconds() + " s";
            return new Attempt(target, Kind.RETRY, "HTTP " + status + wait + excerpt, retryAfter);
        }
        return new Attempt(target, Kind.FAILED, "HTTP " + status + excerpt, null);
    }

    private Attempt transportFailure(WebPushSubscription target, Throwable error) {
        String what;
        if (error instanceof HttpTimeoutException || error instanceof TimeoutException) {
            what = "timed out";
        } else if (error instanceof IOException) {
            what = "I/O error";
        } else {
            what = "unexpected error";
            LOG.warn("web push to {} failed unexpectedly", abbreviate(target.endpoint()), error);
        }
        return new Attempt(target, Kind.RETRY, what + ": " + error, null);
    }

    private Attempt deactivate(Attempt gone, String userId) {
        try {
            subscriptions.deactivate(gone.subscription().endpoint());
            LOG.info("web push subscription {} of user {} is gone ({}); deactivated",
                    abbreviate(gone.subscription().endpoint()), userId, gone.summary());
            return new Attempt(gone.subscription(), Kind.GONE, gone.summary() + ", subscription deactivated", null);
        } catch (RuntimeException e) {
            LOG.warn("cannot deactivate web push subscription {}", abbreviate(gone.subscription().endpoint()), e);
            return new Attempt(gone.subscription(), Kind.GONE, gone.summary() + ", deactivation failed: " + e, null);
        }
    }

    private static DeliveryOutcome outcome(List<Attempt> attempts, Delivery delivery) {
        long accepted = attempts.stream().filter(a -> a.kind() == Kind.ACCEPTED).count();
        StringBuilder response = new StringBuilder();
        if (attempts.size() > 1) {
            response.append(accepted).append('/').append(attempts.size()).append(" accepted; ");
        }
        for (int i = 0; i < attempts.size(); i++) {
            Attempt attempt = attempts.get(i);
            response.append(i == 0 ? "" : "; ").append(abbreviate(attempt.subscription().endpoint()))
                    .append(": ").append(attempt.summary());
        }
        String summary = response.length() > MAX_PROVIDER_RESPONSE_CHARS
                ? response.substring(0, MAX_PROVIDER_RESPONSE_CHARS - 1) + "…" : response.toString();
        LOG.debug("web push {} ({}): {}", delivery.outboxId(), delivery.type().key(), summary);
        if (accepted > 0) {
            return DeliveryOutcome.sent(summary);
        }
        List<Attempt> retryable = attempts.stream().filter(a -> a.kind() == Kind.RETRY).toList();
        if (!retryable.isEmpty()) {
            Duration wait = retryable.stream().map(Attempt::retryAfter).filter(Objects::nonNull)
                    .max(Duration::compareTo).orElse(null);
            return DeliveryOutcome.retry(summary, wait);
        }
        return DeliveryOutcome.failed(summary);
    }

    /** {@code host[:port]/…<last 6 chars>}: enough to tell endpoints apart without logging the capability URL. */
    static String abbreviate(String endpoint) {
        try {
            URI uri = URI.create(endpoint);
            String host = uri.getHost() == null ? "?" : uri.getHost();
            String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            String tail = path.length() > 6 ? path.substring(path.length() - 6) : path;
            return host + port + "/…" + tail;
        } catch (IllegalArgumentException e) {
            return "(malformed endpoint)";
        }
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private enum Kind { ACCEPTED, GONE, RETRY, FAILED }

    private record Attempt(WebPushSubscription subscription, Kind kind, String summary, Duration retryAfter) {
    }

    private record Headers(long ttlSeconds, String urgency, String topic) {
    }

    /** Keeps the first bytes of a response body (for the audit log) and drops the rest. */
    private static final class ExcerptSubscriber implements HttpResponse.BodySubscriber<String> {

        private final int limit;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private final CompletableFuture<String> body = new CompletableFuture<>();

        ExcerptSubscriber(int limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<String> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            for (ByteBuffer item : items) {
                int take = Math.min(item.remaining(), limit - kept.size());
                if (take > 0) {
                    byte[] chunk = new byte[take];
                    item.get(chunk);
                    kept.write(chunk, 0, take);
                }
            }
        }

        @Override
        public void onError(Throwable error) {
            body.complete(kept.toString(StandardCharsets.UTF_8) + " (body cut: " + error + ")");
        }

        @Override
        public void onComplete() {
            body.complete(kept.toString(StandardCharsets.UTF_8));
        }
    }
}
