package golf.linkup.engine.gateway.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.JsonNode;
import golf.linkup.engine.domain.Industry;
import golf.linkup.engine.gateway.history.StreamPosition;
import golf.linkup.engine.gateway.protocol.ClientCommand.LocationFilter;
import golf.linkup.engine.gateway.rooms.Rooms;
import golf.linkup.engine.json.Json;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** Parses one text frame into a {@link ClientCommand}; every refusal says what to fix. */
public final class ClientMessageParser {

    /** Tee-time ids become room names: {@link Rooms#isTeeTimeId} keeps them short and without room prefixes. */
    static final int MAX_ID_LENGTH = 100;
    /** One JSON object per frame: text after it, or a key given twice, is {@code INVALID_JSON}. */
    private static final ObjectReader STRICT = Json.MAPPER.reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    /** Rooms one {@code since} may name. */
    static final int MAX_SINCE_ROOMS = 100;
    /** Notification ids one {@code ack} may name. */
    public static final int MAX_ACK_IDS = 100;
    static final java.util.List<String> KNOWN_TYPES = java.util.List.of("subscribe:feed", "unsubscribe:feed",
            "subscribe:tee-time", "unsubscribe:tee-time", "ping", "recover", "refresh-token", "presence:update", "presence:visibility",
            "typing", "ack");

    /**
     * {@code data.since}: {@code {"ROOM": {"offset": n, "epoch": "e"}, ...}}, the last position the
     * client saw in each room. Optional unless {@code required}.
     */
    private static java.util.Map<String, StreamPosition> since(String ref, JsonNode data, boolean required)
            throws ProtocolException {
        JsonNode since = data.get("since");
        if (since == null || since.isNull()) {
            if (required) {
                throw new ProtocolException(ErrorCode.MISSING_FIELD, "data.since is required: {room: {offset, epoch}}", ref);
            }
            return java.util.Map.of();
        }
        if (!since.isObject() || since.size() > MAX_SINCE_ROOMS) {
            throw new ProtocolException(ErrorCode.INVALID_FIELD,
                    "data.since must be an object {room: {offset, epoch}} of at most " + MAX_SINCE_ROOMS + " rooms", ref);
        }
        java.util.Map<String, StreamPosition> out = new java.util.LinkedHashMap<>();
        var fields = since.fields();
        while (fields.hasNext()) {
            var e = fields.next();
            JsonNode offset = e.getValue().path("offset");
            JsonNode epoch = e.getValue().path("epoch");
            if (!offset.canConvertToLong() || !offset.isIntegralNumber() || offset.asLong() < 0 || !epoch.isTextual()
                    || epoch.asText().length() > 64 || e.getKey().length() > MAX_ID_LENGTH + 20) {
                throw new ProtocolException(ErrorCode.INVALID_FIELD, "data.since['" + e.getKey()
                        + "'] must be {offset: a whole number >= 0, epoch: a string}", ref);
            }
            out.put(e.getKey(), new StreamPosition(offset.asLong(), epoch.asText()));
        }
        return out;
    }

    private static String requiredText(String ref, JsonNode data, String field, int maxLength) throws ProtocolException {
        JsonNode n = data.get(field);
        if (n == null || n.isNull()) {
            throw new ProtocolException(ErrorCode.MISSING_FIELD, "data." + field + " is required", ref);
        }
        if (!n.isTextual() || n.asText().isBlank() || n.asText().length() > maxLength) {
            throw new ProtocolException(ErrorCode.INVALID_FIELD,
                    "data." + field + " must be a non-blank string of at most " + maxLength + " characters", ref);
        }
        return n.asText();
    }

    public ClientCommand parse(String frame) throws ProtocolException {
        JsonNode root;
        try {
            root = STRICT.readTree(frame);
        } catch (JsonProcessingException e) {
            throw new ProtocolException(ErrorCode.INVALID_JSON, "frame is not JSON: " + e.getOriginalMessage(), null);
        }
        if (root == null || !root.isObject()) {
            throw new ProtocolException(ErrorCode.INVALID_MESSAGE, "a message is a JSON object with a type", null);
        }
        String ref = root.path("id").isTextual() || root.path("id").isNumber() ? root.get("id").asText() : null;
        JsonNode type = root.get("type");
        if (type == null || !type.isTextual()) {
            throw new ProtocolException(ErrorCode.INVALID_MESSAGE, "a message needs a string 'type'", ref);
        }
        JsonNode data = root.path("data");
        return switch (type.asText()) {
            case "ping" -> new ClientCommand.Ping(ref);
            case "ack" -> new ClientCommand.Ack(ref, notificationIds(ref, data));
            case "subscribe:feed" -> subscribeFeed(ref, data);
            case "unsubscribe:feed" -> new ClientCommand.UnsubscribeFeed(ref);
            case "subscribe:tee-time" -> new ClientCommand.SubscribeTeeTime(ref, teeTimeId(ref, data),
                    since(ref, data, false));
            case "unsubscribe:tee-time" -> new ClientCommand.UnsubscribeTeeTime(ref, teeTimeId(ref, data));
            case "recover" -> new ClientCommand.Recover(ref, since(ref, data, true));
            case "refresh-token" -> new ClientCommand.RefreshToken(ref, requiredText(ref, data, "token", 8192));
            case "presence:update" -> {
                String status = requiredText(ref, data, "status", 20);
                if (!status.equals("online") && !status.equals("away")) {
                    throw new ProtocolException(ErrorCode.INVALID_FIELD, "data.status must be online or away", ref);
                }
                yield new ClientCommand.PresenceUpdate(ref, status);
            }
            case "presence:visibility" -> {
                JsonNode visible = data.get("visible");
                if (visible == null || !visible.isBoolean()) {
                    throw new ProtocolException(visible == null ? ErrorCode.MISSING_FIELD : ErrorCode.INVALID_FIELD,
                            "data.visible must be true or false", ref);
                }
                yield new ClientCommand.PresenceVisibility(ref, visible.asBoolean());
            }
            case "typing" -> {
                JsonNode typing = data.get("typing");
                if (typing != null && !typing.isBoolean()) {
                    throw new ProtocolException(ErrorCode.INVALID_FIELD, "data.typing must be true or false", ref);
                }
                yield new ClientCommand.Typing(ref, teeTimeId(ref, data), typing == null || typing.asBoolean());
            }
            default -> throw new ProtocolException(ErrorCode.UNKNOWN_TYPE, "unknown message type '" + type.asText()
                    + "'; known: " + String.join(", ", KNOWN_TYPES), ref);
        };
    }

    /** {@code data.notificationIds}: 1..{@link #MAX_ACK_IDS} whole numbers >= 1, duplicates folded, order kept. */
    private static java.util.List<Long> notificationIds(String ref, JsonNode data) throws ProtocolException {
        JsonNode ids = data.get("notificationIds");
        if (ids == null || ids.isNull()) {
            throw new ProtocolException(ErrorCode.MISSING_FIELD, "data.notificationIds is required", ref);
        }
        if (!ids.isArray() || ids.isEmpty() || ids.size() > MAX_ACK_IDS) {
            throw new ProtocolException(ErrorCode.INVALID_FIELD, "data.notificationIds must be an array of 1.."
                    + MAX_ACK_IDS + " notification ids", ref);
        }
        java.util.Set<Long> out = new java.util.LinkedHashSet<>();
        for (JsonNode id : ids) {
            if (!id.isIntegralNumber() || !id.canConvertToLong() || id.asLong() < 1) {
                throw new ProtocolException(ErrorCode.INVALID_FIELD, "data.notificationIds: '" + id
                        + "' is not a notification id (a whole number >= 1)", ref);
            }
            out.add(id.asLong());
        }
        return java.util.List.copyOf(out);
    }

    private static String teeTimeId(String ref, JsonNode data) throws ProtocolException {
        JsonNode id = data.get("teeTimeId");
        if (id == null || id.isNull()) {
            throw new ProtocolException(ErrorCode.MISSING_FIELD, "data.teeTimeId is required", ref);
        }
        if (!id.isTextual() || !Rooms.isTeeTimeId(id.asText())) {
            throw new ProtocolException(ErrorCode.INVALID_FIELD, "data.teeTimeId must be a tee time's id: 1.."
                    + MAX_ID_LENGTH + " letters, digits, '-', '_' or '.', starting with a letter or digit", ref);
        }
        return id.asText();
    }

    private static ClientCommand subscribeFeed(String ref, JsonNode data) throws ProtocolException {
        Set<Industry> industries = EnumSet.noneOf(Industry.class);
        JsonNode list = data.get("industries");
        if (list != null && !list.isNull()) {
            if (!list.isArray()) {
                throw new ProtocolException(ErrorCode.INVALID_FIELD, "data.industries must be an array of industries", ref);
            }
            for (JsonNode item : list) {
                Industry industry = item.isTextual() ? Industry.parse(item.asText()) : null;
                if (industry == null) {
                    throw new ProtocolException(ErrorCode.INVALID_FIELD, "data.industries: '" + item.asText()
                            + "' is not an industry; known: " + java.util.Arrays.toString(Industry.values()), ref);
                }
                industries.add(industry);
            }
        }
        Optional<LocationFilter> location = Optional.empty();
        JsonNode loc = data.get("location");
        if (loc != null && !loc.isNull()) {
            if (!loc.isObject()) {
                throw new ProtocolException(ErrorCode.INVALID_FIELD, "data.location must be {lat, lng, radiusKm}", ref);
            }
            location = Optional.of(new LocationFilter(
                    number(ref, loc, "lat", -90, 90), number(ref, loc, "lng", -180, 180),
                    number(ref, loc, "radiusKm", 0.001, 20_100)));
        }
        return new ClientCommand.SubscribeFeed(ref, industries, location, since(ref, data, false));
    }

    private static double number(String ref, JsonNode parent, String name, double min, double max)
            throws ProtocolException {
        JsonNode n = parent.get(name);
        if (n == null || n.isNull()) {
            throw new ProtocolException(ErrorCode.MISSING_FIELD, "data.location." + name + " is required", ref);
        }
        if (!n.isNumber() || n.asDouble() < min || n.asDouble() > max) {
            throw new ProtocolException(ErrorCode.INVALID_FIELD,
                    "data.location." + name + " must be a number in " + min + ".." + max, ref);
        }
        return n.asDouble();
    }
}
