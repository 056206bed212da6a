package golf.linkup.engine.liveupdates;

import static golf.linkup.engine.liveupdates.LiveUpdateFixtures.ALL_FEEDS;
import static golf.linkup.engine.liveupdates.LiveUpdateFixtures.BETHPAGE_LAT;
import static golf.linkup.engine.liveupdates.LiveUpdateFixtures.BETHPAGE_LNG;
import static golf.linkup.engine.liveupdates.LiveUpdateFixtures.RECEIVED_MICROS;
import static golf.linkup.engine.liveupdates.LiveUpdateFixtures.STARTS_AT;
import static golf.linkup.engine.liveupdates.LiveUpdateFixtures.event;
import static golf.linkup.engine.liveupdates.LiveUpdateFixtures.only;
import static golf.linkup.engine.liveupdates.LiveUpdateFixtures.payloadOf;
import static golf.linkup.engine.liveupdates.LiveUpdateFixtures.teeTime;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import golf.linkup.engine.events.EventPayload.TeeTimeCreated;
import golf.linkup.engine.events.EventType;
import golf.linkup.engine.events.InvalidEventException;
import golf.linkup.engine.gateway.fanout.FanoutEnvelope;
import golf.linkup.testing.InMemoryTeeTimeDirectory;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TeeTimeCreatedHandlerTest {

    private final InMemoryTeeTimeDirectory directory = new InMemoryTeeTimeDirectory();
    private final TeeTimeCreatedHandler handler = new TeeTimeCreatedHandler(directory);

    private FanoutEnvelope handle(TeeTimeCreated payload) {
        return only(handler.handle(event(EventType.TEE_TIME_CREATED, payload)));
    }

    @Test
    void handlesTeeTimeCreatedEvents() {
        assertEquals(EventType.TEE_TIME_CREATED, handler.type());
    }

    @Test
    void aNewTeeTimeGoesToItsIndustrysFeedPositionedAtTheCourse() {
        FanoutEnvelope e = handle(new TeeTimeCreated("tt-1", Optional.of(teeTime("tt-1", false, 2))));

        assertEquals(List.of("feed:FINANCE"), e.rooms());
        assertTrue(e.hasPosition());
        assertEquals(BETHPAGE_LAT, e.lat());
        assertEquals(BETHPAGE_LNG, e.lng());
        assertNull(e.excludeUserId());
        assertEquals(RECEIVED_MICROS, e.ingestMicros());
        assertEquals(0, directory.calls(), "the event's complete copy is used");
    }

    @Test
    void aTeeTimeOpenToAllGoesToAllNineFeeds() {
        FanoutEnvelope e = handle(new TeeTimeCreated("tt-1", Optional.of(teeTime("tt-1", true, 2))));

        assertEquals(ALL_FEEDS.size(), e.rooms().size());
        assertEquals(java.util.Set.copyOf(ALL_FEEDS), java.util.Set.copyOf(e.rooms()));
    }

    @Test
    void theMessageIsAFeedCardWithTheStartInTheCoursesTimeZone() {
        JsonNode m = payloadOf(handle(new TeeTimeCreated("tt-1", Optional.of(teeTime("tt-1", false, 2)))));

        assertEquals("feed:new-tee-time", m.path("type").asText());
        JsonNode t = m.path("data").path("teeTime");
        assertEquals("tt-1", t.path("id").asText());
        assertEquals(STARTS_AT.toString(), t.path("startsAt").asText());
        OffsetDateTime local = OffsetDateTime.parse(t.path("localStartsAt").asText());
        assertEquals(ZoneOffset.ofHours(-4), local.getOffset(), "New York is on daylight time in June");
        assertEquals(8, local.getHour());
        assertEquals(30, local.getMinute());
        assertEquals(STARTS_AT, local.toInstant());
        assertEquals("America/New_York", t.path("timeZone").asText());
        assertEquals("Bethpage Black", t.path("course").path("name").asText());
        assertEquals("c-bethpage", t.path("course").path("id").asText());
        assertEquals(BETHPAGE_LAT, t.path("course").path("lat").asDouble());
        assertEquals("Ada Host", t.path("host").path("name").asText());
        assertEquals("Acme Capital", t.path("host").path("company").asText());
        assertEquals("FINANCE", t.path("host").path("industry").asText());
        assertEquals("FINANCE", t.path("industry").asText());
        assertFalse(t.path("openToAll").asBoolean());
        assertEquals("INTERMEDIATE", t.path("skillLevel").asText());
        assertEquals(4, t.path("totalSlots").asInt());
        assertEquals(2, t.path("openSlots").asInt());
        assertEquals("OPEN", t.path("status").asText());
    }

    @Test
    void withoutACopyTheTeeTimeIsReadFromTheDirectory() {
        directory.withTeeTime(teeTime("tt-1", false, 3));

        FanoutEnvelope e = handle(new TeeTimeCreated("tt-1", Optional.empty()));

        assertEquals(1, directory.teeTimeReads());
        assertEquals(List.of("feed:FINANCE"), e.rooms());
        assertEquals(3, payloadOf(e).path("data").path("teeTime").path("openSlots").asInt());
    }

    @Test
    void aTeeTimeNeitherInTheEventNorInTheDirectoryIsAnUnknownTeeTime() {
        var event = event(EventType.TEE_TIME_CREATED, new TeeTimeCreated("tt-ghost", Optional.empty()));

        var e = assertThrows(InvalidEventException.class, () -> handler.handle(event));

        assertEquals(InvalidEventException.Code.UNKNOWN_TEE_TIME, e.code());
        assertEquals(event.id(), e.eventId());
        assertEquals("tee-time.created", e.eventType());
        assertTrue(e.getMessage().contains("tt-ghost"), e.getMessage());
    }
}
