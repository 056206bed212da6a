package golf.linkup.engine.events;

import static golf.linkup.engine.events.InvalidEventException.Code.INVALID_FIELD;
import static golf.linkup.engine.events.InvalidEventException.Code.MISSING_FIELD;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import golf.linkup.engine.domain.Industry;
import golf.linkup.engine.domain.SkillLevel;
import golf.linkup.engine.events.EventPayload.MessageSent;
import golf.linkup.engine.events.EventPayload.SlotJoined;
import golf.linkup.engine.events.EventPayload.SlotLeft;
import golf.linkup.engine.events.EventPayload.TeeTimeCancelled;
import golf.linkup.engine.events.EventPayload.TeeTimeCreated;
import golf.linkup.engine.events.EventPayload.TeeTimeUpdated;
import golf.linkup.engine.json.Json;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Turns the raw text of a {@code linkup:events} message into a {@link DomainEvent}, or throws an
 * {@link InvalidEventException} that says exactly what is wrong (the field's path and why).
 * Unknown fields are ignored so publishers can add to events without breaking the engine.
 */
public final class EventParser {

    /** Longest accepted event id: ids are Redis keys for the idempotency check. */
    public static final int MAX_ID_LENGTH = 200;

    public DomainEvent parse(String raw, long receivedAtMicros) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(raw);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException(InvalidEventException.Code.NOT_JSON,
                    "not JSON: " + e.getOriginalMessage(), null, null);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidEventException(InvalidEventException.Code.NOT_AN_OBJECT,
                    "an event is a JSON object with id, type, occurredAt and data", null, null);
        }
        String id = root.path("id").isTextual() ? root.get("id").asText() : null;
        String typeName = root.path("type").isTextual() ? root.get("type").asText() : null;
        Fields f = new Fields(id, typeName);

        id = f.text(root, "id");
        if (id.length() > MAX_ID_LENGTH) {
            throw f.invalid("id", "longer than " + MAX_ID_LENGTH + " characters");
        }
        typeName = f.text(root, "type");
        final String sentType = typeName;
        EventType type = EventType.fromWireName(typeName).orElseThrow(() -> new InvalidEventException(
                InvalidEventException.Code.UNKNOWN_TYPE, "unknown event type '" + sentType + "'", f.eventId, sentType));
        Instant occurredAt = f.instant(root, "occurredAt");
        JsonNode data = root.get("data");
        if (data == null || data.isNull()) {
            throw f.missing("data");
        }
        if (!data.isObject()) {
            throw f.invalid("data", "must be an object");
        }
        EventPayload payload = switch (type) {
            case TEE_TIME_CREATED -> {
                String teeTimeId = f.text(data, "data.teeTimeId");
                yield new TeeTimeCreated(teeTimeId, teeTime(f, teeTimeId, data.get("teeTime")));
            }
            case TEE_TIME_UPDATED -> new TeeTimeUpdated(f.text(data, "data.teeTimeId"),
                    f.optionalIndustry(data, "data.industry"), f.optionalBool(data, "data.openToAll"),
                    f.object(data, "data.changes"));
            case TEE_TIME_CANCELLED -> new TeeTimeCancelled(f.text(data, "data.teeTimeId"),
                    f.optionalIndustry(data, "data.industry"), f.optionalBool(data, "data.openToAll"),
                    f.optionalText(data, "data.reason"));
            case SLOT_JOINED -> new SlotJoined(f.text(data, "data.teeTimeId"), f.slotNumber(data, "data.slotNumber"),
                    f.text(data, "data.userId"));
            case SLOT_LEFT -> new SlotLeft(f.text(data, "data.teeTimeId"), f.slotNumber(data, "data.slotNumber"),
                    f.text(data, "data.userId"));
            case MESSAGE_SENT -> message(f, data);
        };
        return new DomainEvent(id, type, occurredAt, payload, receivedAtMicros);
    }

    private static MessageSent message(Fields f, JsonNode data) {
        String teeTimeId = f.text(data, "data.teeTimeId");
        ObjectNode message = f.object(data, "data.message");
        String senderId = f.text(message, "data.message.senderId");
        Optional<PersonSnapshot> sender = Optional.empty();
        JsonNode s = message.get("sender");
        if (s != null && s.isObject() && s.path("name").isTextual()) {
            sender = Optional.of(new PersonSnapshot(senderId, s.get("name").asText(),
                    s.path("company").isTextual() ? s.get("company").asText() : null,
                    f.optionalIndustry(s, "data.message.sender.industry").orElse(null)));
        }
        return new MessageSent(teeTimeId, f.optionalIndustry(data, "data.industry"),
                f.text(message, "data.message.id"), senderId, f.text(message, "data.message.body"),
                f.instant(message, "data.message.sentAt"), sender);
    }

    /**
     * The publisher's denormalized tee time, used when complete. A copy that leaves fields out is
     * ignored (the engine reads the database instead); a field that is present but wrong is an error.
     */
    private static Optional<TeeTimeSnapshot> teeTime(Fields f, String teeTimeId, JsonNode t) {
        if (t == null || t.isNull()) {
            return Optional.empty();
        }
        if (!t.isObject()) {
            throw f.invalid("data.teeTime", "must be an object");
        }
        JsonNode host = t.get("host");
        JsonNode course = t.get("course");
        String[] required = {"startsAt", "industry", "skillLevel", "totalSlots", "openSlots"};
        for (String name : required) {
            if (!t.hasNonNull(name)) {
                return Optional.empty();
            }
        }
        if (host == null || !host.isObject() || !host.hasNonNull("id") || !host.hasNonNull("name")
                || course == null || !course.isObject() || !course.hasNonNull("name") || !course.hasNonNull("lat")
                || !course.hasNonNull("lng") || !course.hasNonNull("timeZone")) {
            return Optional.empty();
        }
        String industry = f.optionalIndustry(t, "data.teeTime.industry").orElseThrow();
        String skill = f.text(t, "data.teeTime.skillLevel").toUpperCase(java.util.Locale.ROOT);
        try {
            SkillLevel.valueOf(skill);
        } catch (IllegalArgumentException e) {
            throw f.invalid("data.teeTime.skillLevel", "'" + skill + "' is not a skill level");
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(f.text(course, "data.teeTime.course.timeZone"));
        } catch (DateTimeException e) {
            throw f.invalid("data.teeTime.course.timeZone", "not an IANA time zone");
        }
        double lat = f.number(course, "data.teeTime.course.lat", -90, 90);
        double lng = f.number(course, "data.teeTime.course.lng", -180, 180);
        int total = (int) f.number(t, "data.teeTime.totalSlots", 1, 8);
        int open = (int) f.number(t, "data.teeTime.openSlots", 0, total);
        var hostSnap = new PersonSnapshot(f.text(host, "data.teeTime.host.id"), f.text(host, "data.teeTime.host.name"),
                f.optionalText(host, "data.teeTime.host.company").orElse(null),
                f.optionalIndustry(host, "data.teeTime.host.industry").orElse(null));
        var courseSnap = new TeeTimeSnapshot.CourseSnapshot(
                f.optionalText(course, "data.teeTime.course.id").orElse(null), f.text(course, "data.teeTime.course.name"),
                f.optionalText(course, "data.teeTime.course.city").orElse(null),
                f.optionalText(course, "data.teeTime.course.country").orElse(null), lat, lng, zone);
        return Optional.of(new TeeTimeSnapshot(teeTimeId,
                hostSnap, courseSnap, f.instant(t, "data.teeTime.startsAt"), industry,
                f.optionalBool(t, "data.teeTime.openToAll").orElse(false), skill, total, open,
                f.optionalText(t, "data.teeTime.status").orElse("OPEN")));
    }

    /** Typed field reads that throw {@link InvalidEventException} naming the field's path. */
    private static final class Fields {
        final String eventId;
        final String eventType;

        Fields(String eventId, String eventType) {
            this.eventId = eventId;
            this.eventType = eventType;
        }

        InvalidEventException missing(String path) {
            return new InvalidEventException(MISSING_FIELD, "missing required field '" + path + "'", eventId, eventType);
        }

        InvalidEventException invalid(String path, String why) {
            return new InvalidEventException(INVALID_FIELD, "field '" + path + "' " + why, eventId, eventType);
        }

        private static String leaf(String path) {
            return path.substring(path.lastIndexOf('.') + 1);
        }

        String text(JsonNode parent, String path) {
            JsonNode n = parent.get(leaf(path));
            if (n == null || n.isNull()) {
                throw missing(path);
            }
            if (!n.isTextual() || n.asText().isBlank()) {
                throw invalid(path, "must be a non-empty string");
            }
            return n.asText();
        }

        Optional<String> optionalText(JsonNode parent, String path) {
            return parent.hasNonNull(leaf(path)) ? Optional.of(text(parent, path)) : Optional.empty();
        }

        Optional<Boolean> optionalBool(JsonNode parent, String path) {
            JsonNode n = parent.get(leaf(path));
            if (n == null || n.isNull()) {
                return Optional.empty();
            }
            if (!n.isBoolean()) {
                throw invalid(path, "must be true or false");
            }
            return Optional.of(n.asBoolean());
        }

        Optional<String> optionalIndustry(JsonNode parent, String path) {
            Optional<String> text = optionalText(parent, path);
            if (text.isPresent() && Industry.parse(text.get()) == null) {
                throw invalid(path, "'" + text.get() + "' is not an industry");
            }
            return text.map(t -> Industry.parse(t).name());
        }

        ObjectNode object(JsonNode parent, String path) {
            JsonNode n = parent.get(leaf(path));
            if (n == null || n.isNull()) {
                throw missing(path);
            }
            if (!n.isObject()) {
                throw invalid(path, "must be an object");
            }
            return (ObjectNode) n;
        }

        Instant instant(JsonNode parent, String path) {
            String text = text(parent, path);
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeException e) {
                throw invalid(path, "'" + text + "' is not an ISO-8601 date-time with offset");
            }
        }

        double number(JsonNode parent, String path, double min, double max) {
            JsonNode n = parent.get(leaf(path));
            if (n == null || n.isNull()) {
                throw missing(path);
            }
            if (!n.isNumber() || n.asDouble() < min || n.asDouble() > max) {
                throw invalid(path, "must be a number in " + min + ".." + max);
            }
            return n.asDouble();
        }

        int slotNumber(JsonNode parent, String path) {
            JsonNode n = parent.get(leaf(path));
            if (n == null || n.isNull()) {
                throw missing(path);
            }
            if (!n.canConvertToInt() || !n.isIntegralNumber() || n.asInt() < 1 || n.asInt() > 8) {
                throw invalid(path, "must be a whole number 1..8");
            }
            return n.asInt();
        }
    }
}
