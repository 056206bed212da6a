package golf.linkup.engine.liveupdates;

import com.fasterxml.jackson.databind.node.ObjectNode;
import golf.linkup.engine.events.DomainEvent;
import golf.linkup.engine.events.EventPayload;
import golf.linkup.engine.events.EventPayload.SlotJoined;
import golf.linkup.engine.events.EventPayload.SlotLeft;
import golf.linkup.engine.events.EventType;
import golf.linkup.engine.events.PersonSnapshot;
import golf.linkup.engine.gateway.fanout.FanoutEnvelope;
import golf.linkup.engine.gateway.rooms.Rooms;
import golf.linkup.engine.json.Json;
import golf.linkup.engine.storage.TeeTimeDirectory;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code slot.joined} → {@code tee-time:slot-joined} (the slot and the player: name, company,
 * industry) and {@code slot.left} → {@code tee-time:slot-left}, both to {@code tee-time:{id}}.
 * The feeds of the tee time also get {@code feed:tee-time-updated} with the new {@code openSlots}
 * (a tee time is updated when a slot fills or frees), positioned at the course.
 */
public final class SlotChangeHandler implements LiveUpdateHandler {

    private final EventType type;
    private final TeeTimeDirectory directory;

    private SlotChangeHandler(EventType type, TeeTimeDirectory directory) {
        this.type = type;
        this.directory = directory;
    }

    public static SlotChangeHandler joined(TeeTimeDirectory directory) {
        return new SlotChangeHandler(EventType.SLOT_JOINED, directory);
    }

    public static SlotChangeHandler left(TeeTimeDirectory directory) {
        return new SlotChangeHandler(EventType.SLOT_LEFT, directory);
    }

    @Override
    public EventType type() {
        return type;
    }

    @Override
    public List<FanoutEnvelope> handle(DomainEvent event) {
        EventPayload payload = event.payload();
        String teeTimeId = payload.teeTimeId();
        ObjectNode m;
        if (payload instanceof SlotJoined joined) {
            m = ClientMessages.message("tee-time:slot-joined");
            ObjectNode data = m.putObject("data");
            data.put("teeTimeId", teeTimeId);
            ObjectNode slot = data.putObject("slot");
            slot.put("slotNumber", joined.slotNumber());
            slot.put("userId", joined.userId());
            PersonSnapshot user = directory.findPerson(joined.userId())
                    .orElse(new PersonSnapshot(joined.userId(), null, null, null));
            slot.set("user", ClientMessages.person(user));
            ClientMessages.occurredAt(data, event.occurredAt());
        } else {
            SlotLeft left = (SlotLeft) payload;
            m = ClientMessages.message("tee-time:slot-left");
            ObjectNode data = m.putObject("data");
            data.put("teeTimeId", teeTimeId);
            data.put("slotNumber", left.slotNumber());
            data.put("userId", left.userId());
            ClientMessages.occurredAt(data, event.occurredAt());
        }
        List<FanoutEnvelope> out = new ArrayList<>(2);
        out.add(FanoutEnvelope.toRooms(List.of(Rooms.teeTime(teeTimeId)), m.toString(), event.receivedAtMicros()));
        directory.findRouting(teeTimeId).ifPresent(r -> {
            ObjectNode changes = Json.MAPPER.createObjectNode().put("openSlots", r.openSlots());
            out.add(FanoutEnvelope.toRooms(FeedRouting.feedRooms(r.industry(), r.openToAll()),
                    ClientMessages.feedTeeTimeUpdated(teeTimeId, changes), event.receivedAtMicros())
                    .at(r.lat(), r.lng()));
        });
        return out;
    }
}
