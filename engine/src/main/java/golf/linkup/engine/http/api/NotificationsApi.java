package golf.linkup.engine.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import golf.linkup.engine.gateway.connections.ConnectionRegistry;
import golf.linkup.engine.gateway.rooms.Rooms;
import golf.linkup.engine.http.api.ApiRouter.Access;
import golf.linkup.engine.notifications.Channel;
import golf.linkup.engine.notifications.NotificationIntent;
import golf.linkup.engine.notifications.intake.NotificationService;
import golf.linkup.engine.notifications.NotificationType;
import golf.linkup.engine.notifications.Priority;
import golf.linkup.engine.notifications.devices.DeviceTokenValidator;
import golf.linkup.engine.notifications.devices.JdbcDeviceTokenStore;
import golf.linkup.engine.notifications.inapp.NotificationCentre;
import golf.linkup.engine.notifications.policy.PreferencesStore;
import golf.linkup.engine.notifications.policy.QuietHours;
import golf.linkup.engine.notifications.policy.TypeSettings;
import golf.linkup.engine.json.Json;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The notification and real-time endpoints (docs/openapi.yaml), under {@code /api/v1}, with its request and
 * response shapes (snake_case), per-user rate limits and error codes ({@code INVALID_DEVICE_TOKEN},
 * {@code RATE_LIMIT_EXCEEDED}, ...), plus the inbox: {@code GET /notifications} and
 * {@code POST /notifications/{id}/read}, and {@code GET /notifications/vapid-public-key} for web clients.
 */
public final class NotificationsApi {

    private final DeviceTokenValidator deviceTokens;
    private final JdbcDeviceTokenStore devices;
    private final PreferencesStore preferences;
    private final NotificationService notifications;
    private final NotificationCentre centre;
    private final ConnectionRegistry connections;
    private final Supplier<String> vapidPublicKey;
    private final java.util.function.Function<String, Optional<golf.linkup.engine.domain.User>> users;
    private final Clock clock;
    private final RateLimiter registerLimit;
    private final RateLimiter settingsLimit;
    private final RateLimiter sendLimit;
    private final RateLimiter heartbeatLimit;
    private final Map<String, Instant> lastHeartbeat = new ConcurrentHashMap<>();
    /** The column's size: a longer token is refused, not a storage failure. */
    static final int MAX_DEVICE_TOKEN = 2048;
    /** The column's size for {@code device_info} as JSON text. */
    static final int MAX_DEVICE_INFO = 4000;
    /** Recipients of one {@code send}. */
    static final int MAX_SEND_USERS = 1000;
    static final int MAX_TITLE = 200;
    static final int MAX_BODY = 3000;
    static final int MAX_DATA = 10_000;

    /** @param users the user's time zone shows the default quiet hours in their zone */
    public NotificationsApi(JdbcDeviceTokenStore devices, PreferencesStore preferences, NotificationService notifications,
            NotificationCentre centre, ConnectionRegistry connections, Supplier<String> vapidPublicKey,
            java.util.function.Function<String, Optional<golf.linkup.engine.domain.User>> users, Clock clock,
            DeviceTokenValidator deviceTokens) {
        this.users = users;
        this.deviceTokens = deviceTokens;
        this.devices = devices;
        this.preferences = preferences;
        this.notifications = notifications;
        this.centre = centre;
        this.connections = connections;
        this.vapidPublicKey = vapidPublicKey;
        this.clock = clock;
        this.registerLimit = new RateLimiter(10, Duration.ofHours(1), clock);
        this.settingsLimit = new RateLimiter(20, Duration.ofHours(1), clock);
        this.sendLimit = new RateLimiter(100, Duration.ofHours(1), clock);
        this.heartbeatLimit = new RateLimiter(1, Duration.ofSeconds(30), clock);
    }

    public void register(ApiRouter router) {
        router.route("POST", "/notifications/register-token", Access.USER, this::registerToken)
                .route("DELETE", "/notifications/unregister-token", Access.USER, this::unregisterToken)
                .route("GET", "/notifications/settings", Access.USER, this::getSettings)
                .route("PUT", "/notifications/settings", Access.USER, this::putSettings)
                .route("POST", "/notifications/send", Access.ADMIN, this::send)
                .route("GET", "/notifications", Access.USER, this::inbox)
                .route("POST", "/notifications/{id}/read", Access.USER, this::read)
                .route("GET", "/notifications/vapid-public-key", Access.USER,
                        r -> ApiResponse.ok(Map.of("public_key", vapidPublicKey.get())))
                .route("GET", "/realtime/status", Access.USER, this::status)
                .route("POST", "/realtime/heartbeat", Access.USER, this::heartbeat);
    }

    private ApiResponse registerToken(ApiRequest request) throws ApiException {
        String user = request.identity().userId();
        registerLimit.acquire(user, "register-token");
        JsonNode body = request.body();
        request.requireKnownUser(user);
        String token = body.path("device_token").asText(null);
        if (token != null && token.length() > MAX_DEVICE_TOKEN) {
            throw new ApiException(400, "INVALID_DEVICE_TOKEN", "device_token is at most " + MAX_DEVICE_TOKEN
                    + " characters");
        }
        String platform = body.path("platform").asText("").toLowerCase(Locale.ROOT);
        JsonNode keys = body.path("keys");
        String p256dh = keys.path("p256dh").asText(null);
        String auth = keys.path("auth").asText(null);
        Optional<String> problem = deviceTokens.problem(platform, token, p256dh, auth);
        if (problem.isPresent()) {
            throw new ApiException(400, "INVALID_DEVICE_TOKEN", problem.get());
        }
        String info = body.has("device_info") ? body.get("device_info").toString() : null;
        if (info != null && info.length() > MAX_DEVICE_INFO) {
            throw ApiException.badRequest("device_info is at most " + MAX_DEVICE_INFO + " characters of JSON");
        }
        String id;
        try {
            id = devices.register(user, token, platform, "web".equals(platform) ? p256dh : null,
                    "web".equals(platform) ? auth : null, info);
        } catch (RuntimeException e) {
            throw new ApiException(500, "TOKEN_REGISTRATION_FAILED", "the device token could not be stored");
        }
        return ApiResponse.ok(Map.of("message", "Device token registered successfully", "token_id", id));
    }

    private ApiResponse unregisterToken(ApiRequest request) throws ApiException {
        String token = request.body().path("device_token").asText(null);
        if (token == null || token.isBlank()) {
            throw new ApiException(400, "INVALID_DEVICE_TOKEN", "device_token is required");
        }
        request.requireKnownUser(request.identity().userId());
        if (!devices.unregister(request.identity().userId(), token)) {
            throw ApiException.notFound("device token");
        }
        return ApiResponse.ok(Map.of("message", "Device token unregistered successfully"));
    }

    private ApiResponse getSettings(ApiRequest request) {
        String user = request.identity().userId();
        List<Map<String, Object>> settings = new ArrayList<>();
        for (TypeSettings s : preferences.settings(user)) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("notification_type", s.type().key());
            item.put("is_enabled", s.enabled());
            item.put("push_enabled", s.push());
            item.put("email_enabled", s.email());
            settings.add(item);
        }
        QuietHours q = preferences.storedQuietHours(user).orElseGet(() -> QuietHours.defaultsIn(
                users.apply(user).map(golf.linkup.engine.domain.User::timeZone).orElse(ZoneId.of("UTC"))));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("settings", settings);
        data.put("quiet_hours", Map.of("start", q.start().toString(), "end", q.end().toString(),
                "timezone", q.zone().getId()));
        return ApiResponse.ok(data);
    }

    private ApiResponse putSettings(ApiRequest request) throws ApiException {
        String user = request.identity().userId();
        settingsLimit.acquire(user, "settings");
        JsonNode body = request.body();
        JsonNode list = body.path("settings");
        if (!list.isMissingNode() && !list.isNull() && !list.isArray()) {
            throw ApiException.badRequest("settings must be an array of {notification_type, is_enabled?, push_enabled?,"
                    + " email_enabled?}");
        }
        List<TypeSettings> changes = new ArrayList<>();
        for (JsonNode s : list) {
            String key = s.path("notification_type").asText("");
            NotificationType type = NotificationType.fromKey(key)
                    .orElseThrow(() -> ApiException.badRequest("unknown notification_type '" + key + "'"));
            for (String flag : List.of("is_enabled", "push_enabled", "email_enabled")) {
                if (s.has(flag) && !s.get(flag).isBoolean()) {
                    throw ApiException.badRequest(flag + " must be true or false");
                }
            }
            TypeSettings current = preferences.settings(user, type);
            changes.add(new TypeSettings(type, s.path("is_enabled").asBoolean(current.enabled()),
                    s.path("push_enabled").asBoolean(current.push()), s.path("email_enabled").asBoolean(current.email())));
        }
        JsonNode q = body.get("quiet_hours");
        QuietHours quiet = null;
        if (q != null && !q.isNull()) {
            String start = q.path("start").asText("");
            String end = q.path("end").asText("");
            if (!q.isObject() || !start.matches("\\d{2}:\\d{2}") || !end.matches("\\d{2}:\\d{2}")) {
                throw ApiException.badRequest("quiet_hours start and end are HH:mm");
            }
            try {
                quiet = new QuietHours(LocalTime.parse(start), LocalTime.parse(end),
                        ZoneId.of(q.path("timezone").asText("UTC")));
            } catch (DateTimeException | IllegalArgumentException e) {
                throw ApiException.badRequest("quiet_hours needs start and end as HH:mm and an IANA timezone");
            }
        }
        request.requireKnownUser(user);
        if (!changes.isEmpty()) {
            preferences.save(user, changes);
        }
        if (quiet != null) {
            preferences.saveQuietHours(user, quiet);
        }
        return ApiResponse.ok(Map.of("message", "Notification settings updated successfully"));
    }

    private ApiResponse send(ApiRequest request) throws ApiException {
        sendLimit.acquire(request.identity().userId(), "send");
        JsonNode body = request.body();
        String typeKey = body.path("notification_type").asText("system_announcement");
        NotificationType type = NotificationType.fromKey(typeKey)
                .orElseThrow(() -> ApiException.badRequest("unknown notification_type '" + typeKey + "'"));
        if (type != NotificationType.SYSTEM_ANNOUNCEMENT) {
            // the other types are raised by the engine's rules, with the data their templates need
            throw ApiException.badRequest("send takes notification_type system_announcement; " + typeKey
                    + " notifications are raised by the engine itself");
        }
        if (body.path("title").asText("").isBlank() || body.path("body").asText("").isBlank()) {
            throw ApiException.badRequest("title and body are required");
        }
        // the stored notification's columns: title 255, body 4000, data 20000 characters
        if (body.path("title").asText("").length() > MAX_TITLE || body.path("body").asText("").length() > MAX_BODY) {
            throw ApiException.badRequest("title is at most " + MAX_TITLE + " characters and body at most " + MAX_BODY);
        }
        if (body.has("data") && (!body.get("data").isObject() || body.get("data").toString().length() > MAX_DATA)) {
            throw ApiException.badRequest("data must be an object of at most " + MAX_DATA + " characters of JSON");
        }
        Priority priority;
        try {
            priority = Priority.valueOf(body.path("priority").asText("normal").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("priority must be low, normal, high or critical");
        }
        if (!body.path("user_ids").isArray() || body.path("user_ids").isEmpty()
                || body.path("user_ids").size() > MAX_SEND_USERS) {
            throw ApiException.badRequest("user_ids must be a non-empty array of at most " + MAX_SEND_USERS + " user ids");
        }
        for (JsonNode id : body.path("user_ids")) {
            if (!id.isTextual() || id.asText().isBlank()) {
                throw ApiException.badRequest("user_ids must be user id strings");
            }
            request.requireKnownUser(id.asText());
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("title", body.path("title").asText(""));
        model.put("body", body.path("body").asText(""));
        model.put("data", Json.MAPPER.convertValue(body.path("data"), Map.class) == null ? Map.of()
                : Json.MAPPER.convertValue(body.path("data"), Map.class));
        model.put("action", body.path("data").path("action").asText("open_app"));
        String sendId = UUID.randomUUID().toString();
        int queued = 0;
        for (JsonNode id : body.path("user_ids")) {
            var result = notifications.enqueue(new NotificationIntent("send:" + sendId + ":" + id.asText(), id.asText(),
                    type, priority, EnumSet.of(Channel.PUSH, Channel.IN_APP), model, null));
            if (!result.queued().isEmpty()) {
                queued++;
            }
        }
        return ApiResponse.ok(Map.of("message", "Notifications queued successfully", "queued_count", queued));
    }

    private ApiResponse inbox(ApiRequest request) throws ApiException {
        int page = request.intQuery("page", 0, 0, 100_000);
        int size = request.intQuery("size", 20, 1, 100);
        NotificationCentre.Page p = centre.page(request.identity().userId(), page, size);
        List<Map<String, Object>> items = new ArrayList<>();
        for (NotificationCentre.Item i : p.items()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", i.id());
            item.put("notification_type", i.type());
            item.put("title", i.title());
            item.put("body", i.body());
            item.put("data", i.data() == null ? Map.of() : parse(i.data()));
            item.put("created_at", i.createdAt().toString());
            item.put("read", i.readAt() != null);
            items.add(item);
        }
        return ApiResponse.ok(Map.of("notifications", items, "unread_count", p.unread(), "total", p.total(),
                "page", page, "size", size));
    }

    private ApiResponse read(ApiRequest request) throws ApiException {
        long id;
        try {
            id = Long.parseLong(request.path("id"));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("notification id must be a number");
        }
        request.requireKnownUser(request.identity().userId());
        if (!centre.markRead(request.identity().userId(), id)) {
            throw ApiException.notFound("notification " + id);
        }
        return ApiResponse.ok(Map.of("message", "Notification marked read"));
    }

    private ApiResponse status(ApiRequest request) {
        String user = request.identity().userId();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("websocket_connected", !connections.members(Rooms.user(user)).isEmpty());
        Instant beat = lastHeartbeat.get(user);
        data.put("last_heartbeat", beat == null ? null : beat.toString());
        data.put("active_connections", connections.connectionCount());
        data.put("server_status", "healthy");
        data.put("features", Map.of("typing_indicators", false, "read_receipts", false, "presence_status", false,
                "push_notifications", true));
        return ApiResponse.ok(data);
    }

    private ApiResponse heartbeat(ApiRequest request) throws ApiException {
        String user = request.identity().userId();
        heartbeatLimit.acquire(user, "heartbeat");
        request.requireKnownUser(user); // the last heartbeat is kept per user: only for real ones
        Instant now = clock.instant();
        lastHeartbeat.put(user, now);
        return ApiResponse.ok(Map.of("server_timestamp", now.toString(), "next_heartbeat_in", 30));
    }

    private static Object parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            return Map.of();
        }
    }
}
