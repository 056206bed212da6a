package golf.linkup.engine.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import golf.linkup.engine.auth.JwtIssuer;
import golf.linkup.engine.auth.JwtVerifier;
import golf.linkup.engine.gateway.transport.GatewayServer;
import golf.linkup.engine.json.JsonResponses;
import golf.linkup.engine.http.api.ApiException;
import golf.linkup.engine.http.api.ApiRequest;
import golf.linkup.engine.http.api.ApiResponse;
import golf.linkup.engine.http.api.ApiRouter;
import golf.linkup.engine.http.api.ApiRouter.Access;
import golf.linkup.engine.json.Json;
import golf.linkup.engine.storage.Participants;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Methods;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox's stand-in for the API server, for the demo page only (never mounted in production):
 * <ul>
 * <li>{@code GET /demo/api/users}: sample players to try the page as (no token needed);</li>
 * <li>{@code GET /demo/api/token?userId=&ttlSeconds=}: a sandbox JWT for one of them (no token
 * needed; 10 s .. 24 h, default 1 h) — the page's token provider;</li>
 * <li>{@code GET /demo/api/me}: the caller and their upcoming tee times with players;</li>
 * <li>{@code GET /demo/api/tee-times?ids=a,b}: those tee times (at most 50) with course, host, players,
 * open slots and status, for anyone signed in (the cards of the feed and a tee time one does not
 * play in); unknown ids are left out;</li>
 * <li>{@code POST /demo/api/tee-times/{id}/cancel} {@code {reason?}}: the host cancels the tee time;
 * it is marked CANCELLED and {@code tee-time.cancelled} is published (403 {@code NOT_THE_HOST},
 * 409 {@code NOT_CANCELLABLE} when cancelled already or started);</li>
 * <li>{@code GET /demo/api/tee-times/{id}/messages}: a tee time's last 50 chat messages (players only);</li>
 * <li>{@code POST /demo/api/tee-times/{id}/messages} {@code {body}}: stores a chat message and
 * publishes {@code message.sent} on {@code linkup:events}, as the API server does (players only);</li>
 * <li>{@code POST /demo/api/announce} {@code {teeTimeId?}}: publishes {@code tee-time.created} for
 * that tee time, or an upcoming one of the caller's feed, so the live feed shows something.</li>
 * </ul>
 * Joining goes through the engine's own API ({@code /api/v1/tee-times/{id}/slots/attempt} and
 * {@code confirm}), not through here. Answers are {@code {success, data}} / {@code {success:false, error}}.
 */
public final class SandboxDemoApi {

    public static final String MOUNT_PATH = "/demo/api";
    static final int MAX_BODY_CHARS = 1000;
    static final int MAX_TEE_TIMES = 50;
    private static final Logger LOG = LoggerFactory.getLogger(SandboxDemoApi.class);

    private final DemoData data;
    private final Participants participants;
    private final JwtIssuer issuer;
    private final EventChannel events;
    private final Clock clock;
    private final ApiRouter router;

    public SandboxDemoApi(DataSource db, Participants participants, JwtIssuer issuer, JwtVerifier verifier,
            EventChannel events, Clock clock) {
        this.data = new DemoData(db);
        this.participants = participants;
        this.issuer = issuer;
        this.events = events;
        this.clock = clock;
        this.router = new ApiRouter(verifier)
                .route("GET", "/me", Access.USER, this::me)
                .route("GET", "/tee-times", Access.USER, this::teeTimes)
                .route("POST", "/tee-times/{id}/cancel", Access.USER, this::cancel)
                .route("GET", "/tee-times/{id}/messages", Access.USER, this::messages)
                .route("POST", "/tee-times/{id}/messages", Access.USER, this::sendMessage)
                .route("POST", "/announce", Access.USER, this::announce);
    }

    /** Mounts the endpoints on {@code server} (before it starts). */
    public void mount(GatewayServer server) {
        server.exactPath(MOUNT_PATH + "/users", anonymous(this::users))
                .exactPath(MOUNT_PATH + "/token", anonymous(this::token))
                .prefixPath(MOUNT_PATH, router.handler());
    }

    private Object users(HttpServerExchange exchange) {
        return Map.of("users", data.samplePlayers(12));
    }

    private Object token(HttpServerExchange exchange) throws ApiException {
        String userId = param(exchange, "userId");
        if (userId == null) {
            throw ApiException.badRequest("query parameter 'userId' is required, e.g. ?userId=user-0001");
        }
        long ttl = 3600;
        String ttlText = param(exchange, "ttlSeconds");
        if (ttlText != null) {
            try {
                ttl = Long.parseLong(ttlText);
            } catch (NumberFormatException e) {
                ttl = -1;
            }
            if (ttl < 10 || ttl > 86_400) {
                throw new ApiException(400, "INVALID_FIELD", "ttlSeconds must be a whole number 10..86400");
            }
        }
        if (data.person(userId).isEmpty()) {
            throw new ApiException(404, "USER_NOT_FOUND", "no sample user " + userId);
        }
        Instant expiresAt = clock.instant().plusSeconds(ttl);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("token", issuer.issue(userId, Duration.ofSeconds(ttl)));
        out.put("userId", userId);
        out.put("expiresAt", expiresAt.toString());
        return out;
    }

    private ApiResponse me(ApiRequest request) throws ApiException {
        String userId = request.identity().userId();
        DemoData.Person person = data.person(userId).orElseThrow(() -> ApiException.notFound("user " + userId));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("user", person);
        out.put("teeTimes", data.teeTimesOf(userId, clock.instant().minus(Duration.ofHours(6)), 20));
        return ApiResponse.ok(out);
    }

    private ApiResponse teeTimes(ApiRequest request) throws ApiException {
        List<String> ids = Arrays.stream(request.query("ids").split(",")).map(String::trim)
                .filter(id -> !id.isEmpty()).distinct().toList();
        if (ids.size() > MAX_TEE_TIMES) {
            throw new ApiException(400, "INVALID_FIELD", "ids: at most " + MAX_TEE_TIMES + " tee times at once");
        }
        return ApiResponse.ok(Map.of("teeTimes", data.teeTimes(ids)));
    }

    private ApiResponse cancel(ApiRequest request) throws ApiException {
        String teeTimeId = request.path("id");
        Map<String, Object> teeTime = data.teeTimes(List.of(teeTimeId)).stream().findFirst()
                .orElseThrow(() -> ApiException.notFound("tee time " + teeTimeId));
        if (!request.identity().userId().equals(teeTime.get("hostId"))) {
            throw new ApiException(403, "NOT_THE_HOST", "only the host of " + teeTimeId + " can cancel it");
        }
        JsonNode reason = request.body().path("reason");
        if (!reason.isMissingNode() && !reason.isNull()
                && (!reason.isTextual() || reason.asText().length() > MAX_BODY_CHARS)) {
            throw new ApiException(400, "INVALID_FIELD", "reason must be a string of at most " + MAX_BODY_CHARS
                    + " characters");
        }
        if (!data.cancel(teeTimeId, clock.instant())) {
            throw new ApiException(409, "NOT_CANCELLABLE", "tee time " + teeTimeId + " is cancelled already or has started");
        }
        ObjectNode eventData = Json.MAPPER.createObjectNode().put("teeTimeId", teeTimeId)
                .put("industry", (String) teeTime.get("industry")).put("openToAll", (boolean) teeTime.get("openToAll"));
        if (reason.isTextual() && !reason.asText().isBlank()) {
            eventData.put("reason", reason.asText().trim());
        }
        String eventId = publish("tee-time.cancelled", eventData);
        return ApiResponse.ok(Map.of("eventId", eventId, "teeTimeId", teeTimeId));
    }

    private ApiResponse messages(ApiRequest request) throws ApiException {
        String teeTimeId = request.path("id");
        requirePlayer(request, teeTimeId);
        return ApiResponse.ok(Map.of("messages", data.messages(teeTimeId, request.intQuery("limit", 50, 1, 200))));
    }

    private ApiResponse sendMessage(ApiRequest request) throws ApiException {
        String teeTimeId = request.path("id");
        requirePlayer(request, teeTimeId);
        JsonNode body = request.body().path("body");
        if (!body.isTextual() || body.asText().isBlank() || body.asText().length() > MAX_BODY_CHARS) {
            throw new ApiException(400, "INVALID_FIELD", "body must be a non-blank string of at most "
                    + MAX_BODY_CHARS + " characters");
        }
        String userId = request.identity().userId();
        DemoData.Person sender = data.person(userId).orElseThrow(() -> ApiException.notFound("user " + userId));
        String messageId = "msg-" + UUID.randomUUID();
        Instant sentAt = clock.instant();
        data.insertMessage(messageId, teeTimeId, userId, body.asText(), sentAt);
        ObjectNode message = Json.MAPPER.createObjectNode()
                .put("id", messageId).put("senderId", userId).put("body", body.asText()).put("sentAt", sentAt.toString());
        ObjectNode copy = message.putObject("sender").put("name", sender.name()).put("industry", sender.industry());
        if (sender.company() != null) {
            copy.put("company", sender.company());
        }
        ObjectNode eventData = Json.MAPPER.createObjectNode().put("teeTimeId", teeTimeId);
        eventData.set("message", message);
        String eventId = publish("message.sent", eventData);
        return new ApiResponse(201, Map.of("eventId", eventId, "messageId", messageId), null);
    }

    private ApiResponse announce(ApiRequest request) throws ApiException {
        String teeTimeId = request.body().path("teeTimeId").asText(null);
        if (teeTimeId == null) {
            String userId = request.identity().userId();
            DemoData.Person me = data.person(userId).orElseThrow(() -> ApiException.notFound("user " + userId));
            List<String> upcoming = data.upcomingFor(me.industry(), clock.instant(), 50);
            if (upcoming.isEmpty()) {
                throw ApiException.notFound("an upcoming tee time in " + me.industry());
            }
            teeTimeId = upcoming.get(ThreadLocalRandom.current().nextInt(upcoming.size()));
        } else if (participants.of(teeTimeId).isEmpty()) {
            throw ApiException.notFound("tee time " + teeTimeId);
        }
        String eventId = publish("tee-time.created", Json.MAPPER.createObjectNode().put("teeTimeId", teeTimeId));
        return new ApiResponse(202, Map.of("eventId", eventId, "teeTimeId", teeTimeId), null);
    }

    private void requirePlayer(ApiRequest request, String teeTimeId) throws ApiException {
        if (!participants.includes(teeTimeId, request.identity().userId())) {
            throw new ApiException(403, "NOT_A_PARTICIPANT", "only the host and players of " + teeTimeId
                    + " take part in its chat");
        }
    }

    private String publish(String type, ObjectNode eventData) {
        String id = "demo-" + UUID.randomUUID();
        ObjectNode event = Json.MAPPER.createObjectNode().put("id", id).put("type", type)
                .put("occurredAt", clock.instant().toString());
        event.set("data", eventData);
        events.publish(event.toString());
        LOG.info("demo published {} {}", type, id);
        return id;
    }

    @FunctionalInterface
    private interface AnonymousEndpoint {
        Object handle(HttpServerExchange exchange) throws ApiException;
    }

    /** A GET endpoint that needs no token (the page has none yet). */
    private static HttpHandler anonymous(AnonymousEndpoint endpoint) {
        return exchange -> {
            if (!Methods.GET.equals(exchange.getRequestMethod())) {
                JsonResponses.send(exchange, 405, JsonResponses.error("METHOD_NOT_ALLOWED",
                        exchange.getRequestMethod() + " is not allowed on " + exchange.getRequestPath()));
                return;
            }
            try {
                JsonResponses.send(exchange, 200, JsonResponses.success(endpoint.handle(exchange)));
            } catch (ApiException e) {
                JsonResponses.send(exchange, e.status(), JsonResponses.error(e.code(), e.getMessage()));
            } catch (RuntimeException e) {
                LOG.error("demo {} failed", exchange.getRequestPath(), e);
                JsonResponses.send(exchange, 500, JsonResponses.error("INTERNAL_ERROR", "the server failed to answer"));
            }
        };
    }

    private static String param(HttpServerExchange exchange, String name) {
        Deque<String> values = exchange.getQueryParameters().get(name);
        return values == null || values.isEmpty() || values.peekFirst().isBlank() ? null : values.peekFirst().trim();
    }
}
