package golf.linkup.engine.liveupdates;

import static golf.linkup.engine.liveupdates.LiveUpdateFixtures.ALL_FEEDS;
import static golf.linkup.engine.liveupdates.LiveUpdateFixtures.event;
import static golf.linkup.engine.liveupdates.LiveUpdateFixtures.only;
import static golf.linkup.engine.liveupdates.LiveUpdateFixtures.payloadOf;
import static golf.linkup.engine.liveupdates.LiveUpdateFixtures.teeTime;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import golf.linkup.engine.events.EventPayload.TeeTimeUpdated;
import golf.linkup.engine.events.EventType;
import golf.linkup.engine.gateway.fanout.FanoutEnvelope;
import golf.linkup.engine.json.Json;
import golf.linkup.testing.InMemoryTeeTimeDirectory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TeeTimeUpdatedHandlerTest {

    private final InMemoryTeeTimeDirectory directory = new InMemoryTeeTimeDirectory();
    private final TeeTimeUpdatedHandler handler = new TeeTimeUpdatedHandler(directory);

    private static ObjectNode changes() {
        return Json.MAPPER.createObjectNode().put("skillLevel", "ADVANCED").put("openSlots", 1);
    }

    private FanoutEnvelope handle(TeeTimeUpdated payload) {
        return only(handler.handle(event(EventType.TEE_TIME_UPDATED, payload)));
    }

    @Test
    void handlesTeeTimeUpdatedEvents() {
        assertEquals(EventType.TEE_TIME_UPDATED, handler.type());
    }

    @Test
    void withTheIndustryInTheEventItGoesToTheRoomAndFeedWithoutReadingTheDirectory() {
        FanoutEnvelope e = handle(new TeeTimeUpdated("tt-1", Optional.of("TECH"), Optional.empty(), changes()));

        assertEquals(List.of("tee-time:tt-1", "feed:TECH"), e.rooms());
        assertEquals(0, directory.calls());
    }

    @Test
    void openToAllInTheEventReachesEveryFeed() {
        FanoutEnvelope e = handle(new TeeTimeUpdated("tt-1", Optional.of("TECH"), Optional.of(true), changes()));

        List<String> expected = new ArrayList<>(List.of("tee-time:tt-1"));
        expected.addAll(ALL_FEEDS);
        assertEquals(expected, e.rooms());
    }

    @Test
    void withoutTheIndustryTheRoutingComesFromTheDirectory() {
        directory.withTeeTime(teeTime("tt-1", false, 2));

        FanoutEnvelope e = handle(new TeeTimeUpdated("tt-1", Optional.empty(), Optional.empty(), changes()));

        assertEquals(List.of("tee-time:tt-1", "feed:FINANCE"), e.rooms());
        assertEquals(1, directory.routingReads());
    }

    @Test
    void routingFromTheDirectoryPositionsTheUpdateAtTheCourseSoFeedLocationFiltersApply() {
        directory.withTeeTime(teeTime("tt-1", false, 2));

        FanoutEnvelope e = handle(new TeeTimeUpdated("tt-1", Optional.empty(), Optional.empty(), changes()));

        assertEquals(true, e.hasPosition());
        assertEquals(LiveUpdateFixtures.BETHPAGE_LAT, e.lat());
        assertEquals(LiveUpdateFixtures.BETHPAGE_LNG, e.lng());
    }

    @Test
    void anIndustryCarriedInTheEventLeavesTheUpdateUnpositioned() {
        FanoutEnvelope e = handle(new TeeTimeUpdated("tt-1", Optional.of("TECH"), Optional.empty(), changes()));

        assertEquals(false, e.hasPosition());
    }

    @Test
    void anUnknownTeeTimeReachesOnlyItsOwnRoom() {
        FanoutEnvelope e = handle(new TeeTimeUpdated("tt-ghost", Optional.empty(), Optional.empty(), changes()));

        assertEquals(List.of("tee-time:tt-ghost"), e.rooms());
    }

    @Test
    void theChangesArePassedToClientsAsSent() {
        FanoutEnvelope e = handle(new TeeTimeUpdated("tt-1", Optional.of("TECH"), Optional.empty(), changes()));

        JsonNode m = payloadOf(e);
        assertEquals("feed:tee-time-updated", m.path("type").asText());
        assertEquals("tt-1", m.path("data").path("teeTimeId").asText());
        assertEquals(changes(), m.path("data").path("changes"));
        assertFalse(e.hasPosition(), "an update from the event alone has no position");
    }
}
