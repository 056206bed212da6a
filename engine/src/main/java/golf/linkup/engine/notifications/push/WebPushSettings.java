package golf.linkup.engine.notifications.push;

import golf.linkup.engine.notifications.Priority;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * How {@link WebPushSender} talks to push services. Validated on construction; every problem is an
 * {@link IllegalArgumentException} that names the setting.
 *
 * @param vapidSubject       the VAPID {@code sub} claim: a {@code mailto:} address or an
 *                           {@code https:} URL where the push service can reach the operator
 * @param vapidTokenLifetime how far in the future the VAPID JWT expires; RFC 8292 allows at most 24 h
 * @param connectTimeout     TCP + TLS connect timeout per push service (default 5 s)
 * @param requestTimeout     time to the response headers per push request (default 10 s)
 * @param ttlByPriority      RFC 8030 {@code TTL}: how long the push service keeps an undelivered
 *                           message, per priority (default critical/high 24 h, normal 12 h, low 1 h)
 * @param topicIdKeys        keys of {@code RenderedMessage.data()} tried in order for the "main id"
 *                           that, with the notification type, makes the RFC 8030 {@code Topic}
 * @param endpoints          which endpoints may be sent to (checked again before every push)
 */
public record WebPushSettings(
        String vapidSubject,
        Duration vapidTokenLifetime,
        Duration connectTimeout,
        Duration requestTimeout,
        Map<Priority, Duration> ttlByPriority,
        List<String> topicIdKeys,
        PushEndpointPolicy endpoints) {

    public static final Duration MAX_VAPID_TOKEN_LIFETIME = Duration.ofHours(24);

    /** The ids a notification is mainly about, most specific first (camelCase and snake_case). */
    public static final List<String> DEFAULT_TOPIC_ID_KEYS = List.of(
            "teeTimeId", "tee_time_id", "conversationId", "conversation_id", "announcementId", "announcement_id", "id");

    public WebPushSettings {
        if (vapidSubject == null || !(vapidSubject.startsWith("mailto:") && vapidSubject.length() > 7
                || vapidSubject.startsWith("https://") && vapidSubject.length() > 8)) {
            throw new IllegalArgumentException("vapidSubject must be a mailto: address or an https:// URL, was "
                    + vapidSubject);
        }
        requirePositive("vapidTokenLifetime", vapidTokenLifetime);
        if (vapidTokenLifetime.compareTo(MAX_VAPID_TOKEN_LIFETIME) > 0) {
            throw new IllegalArgumentException("vapidTokenLifetime must be at most 24 h (RFC 8292), was "
                    + vapidTokenLifetime);
        }
        requirePositive("connectTimeout", connectTimeout);
        requirePositive("requestTimeout", requestTimeout);
        if (ttlByPriority == null) {
            throw new IllegalArgumentException("ttlByPriority is required");
        }
        for (Priority priority : Priority.values()) {
            Duration ttl = ttlByPriority.get(priority);
            if (ttl == null || ttl.isNegative()) {
                throw new IllegalArgumentException("ttlByPriority needs a TTL of zero or more for " + priority
                        + ", was " + ttl);
            }
        }
        ttlByPriority = Map.copyOf(ttlByPriority);
        topicIdKeys = List.copyOf(topicIdKeys == null ? List.of() : topicIdKeys);
        if (endpoints == null) {
            throw new IllegalArgumentException("endpoints (the push endpoint policy) is required");
        }
    }

    /**
     * The defaults with the given VAPID subject: production's endpoint policy with the major browsers'
     * push services ({@link PushEndpointPolicy#MAJOR_PUSH_SERVICES}) and the system resolver.
     */
    public static WebPushSettings defaults(String vapidSubject) {
        Map<Priority, Duration> ttl = new EnumMap<>(Priority.class);
        ttl.put(Priority.CRITICAL, Duration.ofHours(24));
        ttl.put(Priority.HIGH, Duration.ofHours(24));
        ttl.put(Priority.NORMAL, Duration.ofHours(12));
        ttl.put(Priority.LOW, Duration.ofHours(1));
        return new WebPushSettings(vapidSubject, Duration.ofHours(12), Duration.ofSeconds(5), Duration.ofSeconds(10),
                ttl, DEFAULT_TOPIC_ID_KEYS, PushEndpointPolicy.production(PushEndpointPolicy.MAJOR_PUSH_SERVICES,
                        PushEndpointPolicy.systemResolver()));
    }

    public WebPushSettings withTimeouts(Duration connect, Duration request) {
        return new WebPushSettings(vapidSubject, vapidTokenLifetime, connect, request, ttlByPriority, topicIdKeys, endpoints);
    }

    public WebPushSettings withTtl(Priority priority, Duration ttl) {
        Map<Priority, Duration> changed = new EnumMap<>(ttlByPriority);
        changed.put(priority, ttl);
        return new WebPushSettings(vapidSubject, vapidTokenLifetime, connectTimeout, requestTimeout, changed, topicIdKeys, endpoints);
    }

    public WebPushSettings withVapidTokenLifetime(Duration lifetime) {
        return new WebPushSettings(vapidSubject, lifetime, connectTimeout, requestTimeout, ttlByPriority, topicIdKeys, endpoints);
    }

    public WebPushSettings withTopicIdKeys(List<String> keys) {
        return new WebPushSettings(vapidSubject, vapidTokenLifetime, connectTimeout, requestTimeout, ttlByPriority, keys, endpoints);
    }

    public WebPushSettings withEndpoints(PushEndpointPolicy policy) {
        return new WebPushSettings(vapidSubject, vapidTokenLifetime, connectTimeout, requestTimeout, ttlByPriority,
                topicIdKeys, policy);
    }

    public Duration ttl(Priority priority) {
        return ttlByPriority.get(priority);
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
