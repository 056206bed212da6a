package golf.linkup.engine.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import golf.linkup.engine.booking.BookingException;
import golf.linkup.engine.booking.BookingService;
import golf.linkup.engine.booking.CheckIn;
import golf.linkup.engine.booking.Hold;
import golf.linkup.engine.booking.JoinedSlot;
import golf.linkup.engine.booking.TimePreference;
import golf.linkup.engine.booking.WaitlistStanding;
import golf.linkup.engine.http.api.ApiRouter.Access;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The booking endpoints for tee-time slots, under {@code /api/v1} (any signed-in user acts
 * for themself; admins may name another user where noted):
 * <ul>
 *   <li>{@code POST /tee-times/{id}/slots/attempt} → a hold {@code {holdId, slotNumber, expiresAt}};</li>
 *   <li>{@code POST /tee-times/{id}/slots/confirm} {@code {holdId}} → the joined slot;</li>
 *   <li>{@code POST /tee-times/{id}/slots/release} {@code {holdId}};</li>
 *   <li>{@code POST /tee-times/{id}/waitlist} {@code {autoBook, timePreference:{earliest, latest}, priority?,
 *       userId?}} (priority and userId: admins) and {@code DELETE /tee-times/{id}/waitlist};</li>
 *   <li>{@code POST /waitlist/offers/{id}/accept} and {@code .../decline};</li>
 *   <li>{@code POST /tee-times/{id}/check-in} {@code {userId?}} (the player, the host for a player, or an admin).</li>
 * </ul>
 * Refusals are {@link golf.linkup.engine.booking.BookingError} codes with their HTTP status. The user a
 * call acts for (the caller, or the player an admin or host names) must be known to the database:
 * else 404 {@code USER_NOT_FOUND} and nothing is written.
 */
public final class BookingApi {

    private final BookingService booking;

    public BookingApi(BookingService booking) {
        this.booking = booking;
    }

    public void register(ApiRouter router) {
        router.route("POST", "/tee-times/{id}/slots/attempt", Access.USER, this::attempt)
                .route("POST", "/tee-times/{id}/slots/confirm", Access.USER, this::confirm)
                .route("POST", "/tee-times/{id}/slots/release", Access.USER, this::release)
                .route("POST", "/tee-times/{id}/waitlist", Access.USER, this::joinWaitlist)
                .route("DELETE", "/tee-times/{id}/waitlist", Access.USER, this::leaveWaitlist)
                .route("POST", "/waitlist/offers/{id}/accept", Access.USER, this::accept)
                .route("POST", "/waitlist/offers/{id}/decline", Access.USER, this::decline)
                .route("POST", "/tee-times/{id}/check-in", Access.USER, this::checkIn);
    }

    private ApiResponse attempt(ApiRequest request) throws ApiException {
        request.requireKnownUser(request.identity().userId());
        Hold hold = call(() -> booking.attempt(request.path("id"), request.identity().userId()));
        return ApiResponse.ok(hold(hold));
    }

    private ApiResponse confirm(ApiRequest request) throws ApiException {
        String holdId = requiredText(request.body(), "holdId");
        request.requireKnownUser(request.identity().userId());
        JoinedSlot joined = call(() -> booking.confirm(request.path("id"), holdId, request.identity().userId()));
        return ApiResponse.ok(joined(joined));
    }

    private ApiResponse release(ApiRequest request) throws ApiException {
        String holdId = requiredText(request.body(), "holdId");
        request.requireKnownUser(request.identity().userId());
        int slot = call(() -> booking.release(request.path("id"), holdId, request.identity().userId()));
        return ApiResponse.ok(Map.of("teeTimeId", request.path("id"), "slotNumber", slot, "released", true));
    }

    private ApiResponse joinWaitlist(ApiRequest request) throws ApiException {
        JsonNode body = request.body();
        String userId = actingFor(request, body);
        JsonNode autoBook = body.path("autoBook");
        if (!autoBook.isMissingNode() && !autoBook.isBoolean()) {
            throw ApiException.badRequest("autoBook must be true or false");
        }
        Integer priority = null;
        if (body.hasNonNull("priority")) {
            if (!request.identity().isAdmin()) {
                throw ApiException.forbidden("only an admin may set a waitlist priority");
            }
            if (!body.get("priority").canConvertToInt() || body.get("priority").asInt() < 0
                    || body.get("priority").asInt() > 1000 || !body.get("priority").isIntegralNumber()) {
                throw ApiException.badRequest("priority must be a whole number 0..1000");
            }
            priority = body.get("priority").asInt();
        }
        TimePreference preference = timePreference(body.path("timePreference"));
        request.requireKnownUser(userId);
        Integer p = priority;
        WaitlistStanding s = call(() -> booking.joinWaitlist(request.path("id"), userId, autoBook.asBoolean(false),
                preference, p));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("entryId", s.entryId());
        data.put("teeTimeId", s.teeTimeId());
        data.put("userId", s.userId());
        data.put("status", s.status().name().toLowerCase(Locale.ROOT));
        data.put("autoBook", s.autoBook());
        data.put("priority", s.priority());
        Map<String, Object> window = new LinkedHashMap<>();
        s.timePreference().earliest().ifPresent(t -> window.put("earliest", t.toString()));
        s.timePreference().latest().ifPresent(t -> window.put("latest", t.toString()));
        data.put("timePreference", window);
        s.position().ifPresent(pos -> data.put("position", pos));
        s.offer().ifPresent(o -> data.put("offer", Map.of("offerId", o.holdId(), "slotNumber", o.slotNumber(),
                "expiresAt", o.expiresAt().toString())));
        s.slotNumber().ifPresent(slot -> data.put("slotNumber", slot));
        return ApiResponse.ok(data);
    }

    private ApiResponse leaveWaitlist(ApiRequest request) throws ApiException {
        String userId = actingFor(request, request.body());
        request.requireKnownUser(userId);
        call(() -> {
            booking.leaveWaitlist(request.path("id"), userId);
            return null;
        });
        return ApiResponse.ok(Map.of("teeTimeId", request.path("id"), "userId", userId, "left", true));
    }

    private ApiResponse accept(ApiRequest request) throws ApiException {
        request.requireKnownUser(request.identity().userId());
        JoinedSlot joined = call(() -> booking.acceptOffer(request.path("id"), request.identity().userId()));
        Map<String, Object> data = joined(joined);
        data.put("offerId", request.path("id"));
        return ApiResponse.ok(data);
    }

    private ApiResponse decline(ApiRequest request) throws ApiException {
        request.requireKnownUser(request.identity().userId());
        call(() -> {
            booking.declineOffer(request.path("id"), request.identity().userId());
            return null;
        });
        return ApiResponse.ok(Map.of("offerId", request.path("id"), "declined", true));
    }

    private ApiResponse checkIn(ApiRequest request) throws ApiException {
        JsonNode body = request.body();
        String caller = request.identity().userId();
        String player = optionalText(body, "userId").orElse(caller);
        request.requireKnownUser(player);
        CheckIn in = call(() -> booking.checkIn(request.path("id"), player, caller, request.identity().isAdmin()));
        return ApiResponse.ok(Map.of("teeTimeId", in.teeTimeId(), "userId", in.userId(),
                "checkedInAt", in.checkedInAt().toString(), "checkedInBy", in.checkedInBy()));
    }

    // -------------------------------------------------------------------------------------------

    @FunctionalInterface
    private interface BookingCall<T> {
        T run() throws BookingException;
    }

    private static <T> T call(BookingCall<T> call) throws ApiException {
        try {
            return call.run();
        } catch (BookingException e) {
            throw new ApiException(e.error().httpStatus(), e.error().name(), e.getMessage());
        }
    }

    /** The caller, or (admins only) the {@code userId} of the body. */
    private static String actingFor(ApiRequest request, JsonNode body) throws ApiException {
        Optional<String> named = optionalText(body, "userId");
        if (named.isPresent() && !named.get().equals(request.identity().userId())) {
            if (!request.identity().isAdmin()) {
                throw ApiException.forbidden("only an admin may act for another user");
            }
            return named.get();
        }
        return request.identity().userId();
    }

    /** An optional string field; present but not a non-blank string is 400. */
    private static Optional<String> optionalText(JsonNode body, String field) throws ApiException {
        JsonNode value = body.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw ApiException.badRequest(field + " must be a non-blank string");
        }
        return Optional.of(value.asText());
    }

    private static String requiredText(JsonNode body, String field) throws ApiException {
        JsonNode value = body.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw ApiException.badRequest(field + " is required");
        }
        return value.asText();
    }

    private static TimePreference timePreference(JsonNode node) throws ApiException {
        if (node.isMissingNode() || node.isNull()) {
            return TimePreference.ANY;
        }
        if (!node.isObject()) {
            throw ApiException.badRequest("timePreference must be an object {earliest?, latest?}");
        }
        try {
            return new TimePreference(instant(node, "earliest"), instant(node, "latest"));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("timePreference: " + e.getMessage());
        }
    }

    private static Optional<Instant> instant(JsonNode node, String field) throws ApiException {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(value.asText()).toInstant());
        } catch (DateTimeException e) {
            throw ApiException.badRequest("timePreference." + field + " must be an ISO-8601 time with an offset,"
                    + " e.g. 2026-06-06T07:00:00-04:00");
        }
    }

    private static Map<String, Object> hold(Hold h) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("holdId", h.holdId());
        data.put("teeTimeId", h.teeTimeId());
        data.put("slotNumber", h.slotNumber());
        data.put("expiresAt", h.expiresAt().toString());
        return data;
    }

    private static Map<String, Object> joined(JoinedSlot j) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("teeTimeId", j.teeTimeId());
        data.put("slotNumber", j.slotNumber());
        data.put("userId", j.userId());
        data.put("joinedAt", j.joinedAt().toString());
        data.put("openSlots", j.openSlots());
        return data;
    }
}
