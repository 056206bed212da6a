package golf.linkup.engine.gateway.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import golf.linkup.engine.domain.Industry;
import golf.linkup.engine.gateway.protocol.ClientCommand.LocationFilter;
import golf.linkup.engine.json.Json;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** Parses one text frame into a {@link ClientCommand}; every refusal says what to fix. */
public final class ClientMessageParser {

    /** Tee-time ids are room names; keep them short and printable. */
    static final int MAX_ID_LENGTH = 100;

    public ClientCommand parse(String frame) throws ProtocolException {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(frame);
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
            case "subscribe:feed" -> subscribeFeed(ref, data);
            case "unsubscribe:feed" -> new ClientCommand.UnsubscribeFeed(ref);
            case "subscribe:tee-time" -> new ClientCommand.SubscribeTeeTime(ref, teeTimeId(ref, data));
            case "unsubscribe:tee-time" -> new ClientCommand.UnsubscribeTeeTime(ref, teeTimeId(ref, data));
            default -> throw new ProtocolException(ErrorCode.UNKNOWN_TYPE, "unknown message type '" + type.asText()
                    + "'; known: subscribe:feed, unsubscribe:feed, subscribe:tee-time, unsubscribe:tee-time, ping", ref);
        };
    }

    private static String teeTimeId(String ref, JsonNode data) throws ProtocolException {
        JsonNode id = data.get("teeTimeId");
        if (id == null || id.isNull()) {
            throw new ProtocolException(ErrorCode.MISSING_FIELD, "data.teeTimeId is required", ref);
        }
        if (!id.isTextual() || id.asText().isBlank() || id.asText().length() > MAX_ID_LENGTH
                || !id.asText().chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new ProtocolException(ErrorCode.INVALID_FIELD,
                    "data.teeTimeId must be a printable string of at most " + MAX_ID_LENGTH + " characters", ref);
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
        return new ClientCommand.SubscribeFeed(ref, industries, location);
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
