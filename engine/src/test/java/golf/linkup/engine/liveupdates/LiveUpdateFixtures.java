package golf.linkup.engine.liveupdates;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import golf.linkup.engine.events.DomainEvent;
import golf.linkup.engine.events.EventPayload;
import golf.linkup.engine.events.EventType;
import golf.linkup.engine.events.PersonSnapshot;
import golf.linkup.engine.events.TeeTimeSnapshot;
import golf.linkup.engine.events.TeeTimeSnapshot.CourseSnapshot;
import golf.linkup.engine.gateway.fanout.FanoutEnvelope;
import golf.linkup.engine.json.Json;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/** Events, tee times and people the live-update handler tests share. */
final class LiveUpdateFixtures {

    static final long RECEIVED_MICROS = 1_749_000_000_000_000L;
    static final Instant STARTS_AT = Instant.parse("2025-06-14T12:30:00Z");
    static final double BETHPAGE_LAT = 40.7448;
    static final double BETHPAGE_LNG = -73.4540;
    static final PersonSnapshot HOST = new PersonSnapshot("u-host", "Ada Host", "Acme Capital", "FINANCE");
    static final PersonSnapshot PLAYER = new PersonSnapshot("u-2", "Bo Player", "Initech", "TECH");
    static final List<String> ALL_FEEDS = List.of("feed:FINANCE", "feed:PRIVATE_CAPITAL", "feed:CONSULTING",
            "feed:TECH", "feed:REAL_ESTATE", "feed:LEGAL", "feed:HEALTHCARE", "feed:EDUCATION",
            "feed:MEDIA_ENTERTAINMENT");

    private LiveUpdateFixtures() {
    }

    /** A FINANCE tee time at Bethpage (America/New_York) hosted by {@link #HOST}. */
    static TeeTimeSnapshot teeTime(String id, boolean openToAll, int openSlots) {
        return new TeeTimeSnapshot(id, HOST,
                new CourseSnapshot("c-bethpage", "Bethpage Black", "Farmingdale", "US", BETHPAGE_LAT, BETHPAGE_LNG,
                        ZoneId.of("America/New_York")),
                STARTS_AT, "FINANCE", openToAll, "INTERMEDIATE", 4, openSlots, "OPEN");
    }

    static DomainEvent event(EventType type, EventPayload payload) {
        return new DomainEvent("evt-" + type.wireName(), type, Instant.parse("2025-06-01T12:00:00Z"), payload,
                RECEIVED_MICROS);
    }

    static JsonNode payloadOf(FanoutEnvelope envelope) {
        try {
            return Json.MAPPER.readTree(envelope.payload());
        } catch (JsonProcessingException e) {
            throw new AssertionError("payload is not JSON: " + envelope.payload(), e);
        }
    }

    static FanoutEnvelope only(List<FanoutEnvelope> envelopes) {
        assertEquals(1, envelopes.size(), () -> "one envelope expected: " + envelopes);
        return envelopes.get(0);
    }
}
