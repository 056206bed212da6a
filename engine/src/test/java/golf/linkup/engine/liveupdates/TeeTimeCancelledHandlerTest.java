package golf.linkup.engine.liveupdates;

import static golf.linkup.engine.liveupdates.LiveUpdateFixtures.event;
import static golf.linkup.engine.liveupdates.LiveUpdateFixtures.only;
import static golf.linkup.engine.liveupdates.LiveUpdateFixtures.payloadOf;
import static golf.linkup.engine.liveupdates.LiveUpdateFixtures.teeTime;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import golf.linkup.engine.events.EventPayload.TeeTimeCancelled;
import golf.linkup.engine.events.EventType;
import golf.linkup.engine.gateway.fanout.FanoutEnvelope;
import golf.linkup.testing.InMemoryTeeTimeDirectory;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TeeTimeCancelledHandlerTest {

    private final InMemoryTeeTimeDirectory directory = new InMemoryTeeTimeDirectory();
    private final TeeTimeCancelledHandler handler = new TeeTimeCancelledHandler(directory);

    private FanoutEnvelope handle(TeeTimeCancelled payload) {
        return only(handler.handle(event(EventType.TEE_TIME_CANCELLED, payload)));
    }

    @Test
    void handlesTeeTimeCancelledEvents() {
        assertEquals(EventType.TEE_TIME_CANCELLED, handler.type());
    }

    @Test
    void aCancellationWithItsReasonGoesToTheRoomAndTheFeed() {
        FanoutEnvelope e = handle(new TeeTimeCancelled("tt-1", Optional.of("LEGAL"), Optional.of(false),
                Optional.of("course closed for frost")));

        assertEquals(List.of("tee-time:tt-1", "feed:LEGAL"), e.rooms());
        assertEquals(0, directory.calls());
        JsonNode m = payloadOf(e);
        assertEquals("tee-time:cancelled", m.path("type").asText());
        assertEquals("tt-1", m.path("data").path("teeTimeId").asText());
        assertEquals("course closed for frost", m.path("data").path("reason").asText());
    }

    @Test
    void aCancellationWithoutReasonHasNoReasonField() {
        JsonNode m = payloadOf(handle(new TeeTimeCancelled("tt-1", Optional.of("LEGAL"), Optional.empty(),
                Optional.empty())));

        assertFalse(m.path("data").has("reason"), m.toString());
    }

    @Test
    void withoutTheIndustryTheRoutingComesFromTheDirectory() {
        directory.withTeeTime(teeTime("tt-1", false, 2));

        FanoutEnvelope e = handle(new TeeTimeCancelled("tt-1", Optional.empty(), Optional.empty(), Optional.empty()));

        assertEquals(List.of("tee-time:tt-1", "feed:FINANCE"), e.rooms());
        assertEquals(1, directory.routingReads());
    }

    @Test
    void anUnknownTeeTimeIsCancelledInItsOwnRoomOnly() {
        FanoutEnvelope e = handle(new TeeTimeCancelled("tt-ghost", Optional.empty(), Optional.empty(),
                Optional.of("duplicate")));

        assertEquals(List.of("tee-time:tt-ghost"), e.rooms());
    }
}
