package golf.linkup.engine.liveupdates;

import com.fasterxml.jackson.databind.node.ObjectNode;
import golf.linkup.engine.events.DomainEvent;
import golf.linkup.engine.events.EventPayload.TeeTimeCancelled;
import golf.linkup.engine.events.EventType;
import golf.linkup.engine.gateway.fanout.FanoutEnvelope;
import golf.linkup.engine.gateway.rooms.Rooms;
import golf.linkup.engine.storage.TeeTimeDirectory;
import java.util.List;

/** {@code tee-time.cancelled} → {@code tee-time:cancelled} to {@code tee-time:{id}} and the feeds. */
public final class TeeTimeCancelledHandler implements LiveUpdateHandler {

    private final TeeTimeDirectory directory;

    public TeeTimeCancelledHandler(TeeTimeDirectory directory) {
        this.directory = directory;
    }

    @Override
    public EventType type() {
        return EventType.TEE_TIME_CANCELLED;
    }

    @Override
    public List<FanoutEnvelope> handle(DomainEvent event) {
        var p = (TeeTimeCancelled) event.payload();
        ObjectNode m = ClientMessages.message("tee-time:cancelled");
        ObjectNode data = m.putObject("data");
        data.put("teeTimeId", p.teeTimeId());
        p.reason().ifPresent(r -> data.put("reason", r));
        ClientMessages.occurredAt(data, event.occurredAt());
        return List.of(FeedRouting.route(directory, p.teeTimeId(), p.industry(), p.openToAll())
                .map(r -> FeedRouting.envelope(p.teeTimeId(), r, m.toString(), event.receivedAtMicros()))
                .orElseGet(() -> FanoutEnvelope.toRooms(List.of(Rooms.teeTime(p.teeTimeId())), m.toString(),
                        event.receivedAtMicros())));
    }
}
