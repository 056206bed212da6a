package golf.linkup.engine.liveupdates;

import com.fasterxml.jackson.databind.node.ObjectNode;
import golf.linkup.engine.events.DomainEvent;
import golf.linkup.engine.events.EventPayload.TeeTimeCreated;
import golf.linkup.engine.events.EventType;
import golf.linkup.engine.events.InvalidEventException;
import golf.linkup.engine.events.TeeTimeSnapshot;
import golf.linkup.engine.gateway.fanout.FanoutEnvelope;
import golf.linkup.engine.storage.TeeTimeDirectory;
import java.util.List;

/**
 * {@code tee-time.created} → {@code feed:new-tee-time} to the feeds of its industry (every feed when
 * open to all), positioned at the course so feed location filters apply. Uses the event's
 * denormalized copy when complete, else reads the database.
 */
public final class TeeTimeCreatedHandler implements LiveUpdateHandler {

    private final TeeTimeDirectory directory;

    public TeeTimeCreatedHandler(TeeTimeDirectory directory) {
        this.directory = directory;
    }

    @Override
    public EventType type() {
        return EventType.TEE_TIME_CREATED;
    }

    @Override
    public List<FanoutEnvelope> handle(DomainEvent event) {
        var payload = (TeeTimeCreated) event.payload();
        TeeTimeSnapshot teeTime = payload.teeTime()
                .or(() -> directory.findTeeTime(payload.teeTimeId()))
                .orElseThrow(() -> new InvalidEventException(InvalidEventException.Code.UNKNOWN_TEE_TIME,
                        "tee time '" + payload.teeTimeId() + "' is neither in the event nor in the database",
                        event.id(), event.type().wireName()));
        ObjectNode m = ClientMessages.message("feed:new-tee-time");
        m.putObject("data").set("teeTime", ClientMessages.teeTime(teeTime));
        return List.of(FanoutEnvelope.toRooms(FeedRouting.feedRooms(teeTime.industry(), teeTime.openToAll()),
                m.toString(), event.receivedAtMicros()).at(teeTime.course().lat(), teeTime.course().lng()));
    }
}
