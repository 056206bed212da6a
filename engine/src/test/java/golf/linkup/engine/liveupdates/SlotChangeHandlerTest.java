package golf.linkup.engine.liveupdates;

import static golf.linkup.engine.liveupdates.LiveUpdateFixtures.ALL_FEEDS;
import static golf.linkup.engine.liveupdates.LiveUpdateFixtures.BETHPAGE_LAT;
import static golf.linkup.engine.liveupdates.LiveUpdateFixtures.BETHPAGE_LNG;
import static golf.linkup.engine.liveupdates.LiveUpdateFixtures.PLAYER;
import static golf.linkup.engine.liveupdates.LiveUpdateFixtures.event;
import static golf.linkup.engine.liveupdates.LiveUpdateFixtures.payloadOf;
import static golf.linkup.engine.liveupdates.LiveUpdateFixtures.teeTime;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import golf.linkup.engine.events.EventPayload.SlotJoined;
import golf.linkup.engine.events.EventPayload.SlotLeft;
import golf.linkup.engine.events.EventType;
import golf.linkup.engine.gateway.fanout.FanoutEnvelope;
import golf.linkup.testing.InMemoryTeeTimeDirectory;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SlotChangeHandlerTest {

    private final InMemoryTeeTimeDirectory directory = new InMemoryTeeTimeDirectory()
            .withTeeTime(teeTime("tt-1", false, 1))
            .withPerson(PLAYER);

    private List<FanoutEnvelope> joined(String teeTimeId, int slot, String userId) {
        return SlotChangeHandler.joined(directory)
                .handle(event(EventType.SLOT_JOINED, new SlotJoined(teeTimeId, slot, userId)));
    }

    private List<FanoutEnvelope> left(String teeTimeId, int slot, String userId) {
        return SlotChangeHandler.left(directory)
                .handle(event(EventType.SLOT_LEFT, new SlotLeft(teeTimeId, slot, userId)));
    }

    @Test
    void theFactoriesHandleTheirEventTypes() {
        assertEquals(EventType.SLOT_JOINED, SlotChangeHandler.joined(directory).type());
        assertEquals(EventType.SLOT_LEFT, SlotChangeHandler.left(directory).type());
    }

    @Test
    void aJoinTellsTheTeeTimeRoomWhoJoinedWhichSlot() {
        FanoutEnvelope room = joined("tt-1", 3, "u-2").get(0);

        assertEquals(List.of("tee-time:tt-1"), room.rooms());
        JsonNode m = payloadOf(room);
        assertEquals("tee-time:slot-joined", m.path("type").asText());
        assertEquals("tt-1", m.path("data").path("teeTimeId").asText());
        JsonNode slot = m.path("data").path("slot");
        assertEquals(3, slot.path("slotNumber").asInt());
        assertEquals("u-2", slot.path("userId").asText());
        assertEquals("u-2", slot.path("user").path("id").asText());
        assertEquals("Bo Player", slot.path("user").path("name").asText());
        assertEquals("Initech", slot.path("user").path("company").asText());
        assertEquals("TECH", slot.path("user").path("industry").asText());
    }

    @Test
    void aJoinTellsTheFeedsTheNewOpenSlotsAtTheCourse() {
        List<FanoutEnvelope> out = joined("tt-1", 3, "u-2");

        assertEquals(2, out.size());
        FanoutEnvelope feed = out.get(1);
        assertEquals(List.of("feed:FINANCE"), feed.rooms());
        assertTrue(feed.hasPosition());
        assertEquals(BETHPAGE_LAT, feed.lat());
        assertEquals(BETHPAGE_LNG, feed.lng());
        JsonNode m = payloadOf(feed);
        assertEquals("feed:tee-time-updated", m.path("type").asText());
        assertEquals("tt-1", m.path("data").path("teeTimeId").asText());
        assertEquals(1, m.path("data").path("changes").path("openSlots").asInt());
    }

    @Test
    void aJoinToATeeTimeOpenToAllUpdatesEveryFeed() {
        directory.withTeeTime(teeTime("tt-all", true, 0));

        FanoutEnvelope feed = joined("tt-all", 4, "u-2").get(1);

        assertEquals(Set.copyOf(ALL_FEEDS), Set.copyOf(feed.rooms()));
        assertEquals(0, payloadOf(feed).path("data").path("changes").path("openSlots").asInt());
    }

    @Test
    void aJoinBySomeoneUnknownStillNamesTheirId() {
        JsonNode user = payloadOf(joined("tt-1", 2, "u-new").get(0)).path("data").path("slot").path("user");

        assertEquals("u-new", user.path("id").asText());
        assertFalse(user.has("name"), user.toString());
    }

    @Test
    void aJoinToATeeTimeUnknownToTheDirectoryReachesOnlyItsRoom() {
        List<FanoutEnvelope> out = joined("tt-ghost", 2, "u-2");

        assertEquals(1, out.size());
        assertEquals(List.of("tee-time:tt-ghost"), out.get(0).rooms());
    }

    @Test
    void aLeaveTellsTheRoomAndTheFeeds() {
        List<FanoutEnvelope> out = left("tt-1", 2, "u-2");

        assertEquals(2, out.size());
        assertEquals(List.of("tee-time:tt-1"), out.get(0).rooms());
        JsonNode m = payloadOf(out.get(0));
        assertEquals("tee-time:slot-left", m.path("type").asText());
        assertEquals("tt-1", m.path("data").path("teeTimeId").asText());
        assertEquals(2, m.path("data").path("slotNumber").asInt());
        assertEquals("u-2", m.path("data").path("userId").asText());
        assertEquals(List.of("feed:FINANCE"), out.get(1).rooms());
        assertEquals(1, payloadOf(out.get(1)).path("data").path("changes").path("openSlots").asInt());
        assertEquals(0, directory.personReads(), "a leave does not look the player up");
    }
}
