package golf.linkup.engine.liveupdates;

import golf.linkup.engine.events.DomainEvent;
import golf.linkup.engine.events.EventPayload.TeeTimeUpdated;
import golf.linkup.engine.events.EventType;
import golf.linkup.engine.gateway.fanout.FanoutEnvelope;
import golf.linkup.engine.gateway.rooms.Rooms;
import golf.linkup.engine.storage.TeeTimeDirectory;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code tee-time.updated} → {@code feed:tee-time-updated} to {@code tee-time:{id}} and the feeds.
 * With {@code industry} in the event there is no database read. A tee time unknown to both still
 * reaches its own room (its subscribers know it), just not the feeds.
 */
public final class TeeTimeUpdatedHandler implements LiveUpdateHandler {

    private static final Logger LOG = LoggerFactory.getLogger(TeeTimeUpdatedHandler.class);

    private final TeeTimeDirectory directory;

    public TeeTimeUpdatedHandler(TeeTimeDirectory directory) {
        this.directory = directory;
    }

    @Override
    public EventType type() {
        return EventType.TEE_TIME_UPDATED;
    }

    @Override
    public List<FanoutEnvelope> handle(DomainEvent event) {
        var p = (TeeTimeUpdated) event.payload();
        String message = ClientMessages.feedTeeTimeUpdated(p.teeTimeId(), p.changes(), event.occurredAt());
        var routing = FeedRouting.route(directory, p.teeTimeId(), p.industry(), p.openToAll());
        if (routing.isEmpty()) {
            LOG.warn("event {}: tee time {} has no industry in the event or the database; "
                    + "only its room hears the update", event.id(), p.teeTimeId());
            return List.of(FanoutEnvelope.toRooms(List.of(Rooms.teeTime(p.teeTimeId())), message,
                    event.receivedAtMicros()));
        }
        return List.of(FeedRouting.envelope(p.teeTimeId(), routing.get(), message, event.receivedAtMicros()));
    }
}
