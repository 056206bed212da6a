package golf.linkup.engine.liveupdates;

import com.fasterxml.jackson.databind.node.ObjectNode;
import golf.linkup.engine.events.PersonSnapshot;
import golf.linkup.engine.events.TeeTimeSnapshot;
import golf.linkup.engine.json.Json;

/**
 * The event-caused server → client messages, as JSON text. Shapes are documented in
 * {@code docs/asyncapi.yaml}; every message is {@code {type, data}}.
 */
final class ClientMessages {

    /** RFC 3339 with the course's offset, seconds always present: {@code 2026-12-05T08:00:00-05:00}. */
    private static final java.time.format.DateTimeFormatter LOCAL_TIME =
            java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

    private ClientMessages() {
    }

    static ObjectNode message(String type) {
        ObjectNode m = Json.MAPPER.createObjectNode();
        m.put("type", type);
        return m;
    }

    /** The seed's {@code TeeTimeWithDetails}: what a feed card shows, start time also in the course's zone. */
    static ObjectNode teeTime(TeeTimeSnapshot t) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("id", t.id());
        n.put("startsAt", t.startsAt().toString());
        n.put("localStartsAt", LOCAL_TIME.format(t.startsAt().atZone(t.course().timeZone())));
        n.put("timeZone", t.course().timeZone().getId());
        ObjectNode course = n.putObject("course");
        if (t.course().id() != null) {
            course.put("id", t.course().id());
        }
        course.put("name", t.course().name());
        putIfPresent(course, "city", t.course().city());
        putIfPresent(course, "country", t.course().country());
        course.put("lat", t.course().lat());
        course.put("lng", t.course().lng());
        n.set("host", person(t.host()));
        n.put("industry", t.industry());
        n.put("openToAll", t.openToAll());
        n.put("skillLevel", t.skillLevel());
        n.put("totalSlots", t.totalSlots());
        n.put("openSlots", t.openSlots());
        n.put("status", t.status());
        return n;
    }

    static ObjectNode person(PersonSnapshot p) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("id", p.id());
        putIfPresent(n, "name", p.name());
        putIfPresent(n, "company", p.company());
        putIfPresent(n, "industry", p.industry());
        return n;
    }

    static String feedTeeTimeUpdated(String teeTimeId, ObjectNode changes) {
        return feedTeeTimeUpdated(teeTimeId, changes, null);
    }

    /** With {@code occurredAt} (the event's time): a tee time's room counts it in missed-message digests. */
    static String feedTeeTimeUpdated(String teeTimeId, ObjectNode changes, java.time.Instant occurredAt) {
        ObjectNode m = message("feed:tee-time-updated");
        ObjectNode data = m.putObject("data");
        data.put("teeTimeId", teeTimeId);
        data.set("changes", changes);
        occurredAt(data, occurredAt);
        return m.toString();
    }

    /** {@code occurredAt}: when the event happened, as its publisher said (absent when unknown). */
    static void occurredAt(ObjectNode data, java.time.Instant occurredAt) {
        if (occurredAt != null) {
            data.put("occurredAt", occurredAt.toString());
        }
    }

    private static void putIfPresent(ObjectNode n, String field, String value) {
        if (value != null) {
            n.put(field, value);
        }
    }
}
