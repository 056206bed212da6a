package golf.linkup.engine.liveupdates;

import com.fasterxml.jackson.databind.node.ObjectNode;
import golf.linkup.engine.events.DomainEvent;
import golf.linkup.engine.events.EventPayload.MessageSent;
import golf.linkup.engine.events.EventType;
import golf.linkup.engine.events.PersonSnapshot;
import golf.linkup.engine.gateway.fanout.FanoutEnvelope;
import golf.linkup.engine.gateway.rooms.Rooms;
import golf.linkup.engine.storage.TeeTimeDirectory;
import java.util.List;

/**
 * {@code message.sent} → {@code tee-time:message} with the sender to {@code chat:{id}} (only the tee
 * time's host and players are in that room). The tee
 * time is never read. The sender comes from the event's {@code message.sender} when present, else
 * from {@code TeeTimeDirectory.findPerson} (wrap it in {@code CachingTeeTimeDirectory} so a busy chat
 * reads each sender about once a minute).
 */
public final class MessageSentHandler implements LiveUpdateHandler {

    private final TeeTimeDirectory directory;

    public MessageSentHandler(TeeTimeDirectory directory) {
        this.directory = directory;
    }

    @Override
    public EventType type() {
        return EventType.MESSAGE_SENT;
    }

    @Override
    public List<FanoutEnvelope> handle(DomainEvent event) {
        var p = (MessageSent) event.payload();
        PersonSnapshot sender = p.sender()
                .or(() -> directory.findPerson(p.senderId()))
                .orElse(new PersonSnapshot(p.senderId(), null, null, null));
        ObjectNode m = ClientMessages.message("tee-time:message");
        ObjectNode data = m.putObject("data");
        data.put("teeTimeId", p.teeTimeId());
        ObjectNode message = data.putObject("message");
        message.put("id", p.messageId());
        message.put("teeTimeId", p.teeTimeId());
        message.put("senderId", p.senderId());
        message.put("body", p.body());
        message.put("sentAt", p.sentAt().toString());
        message.set("sender", ClientMessages.person(sender));
        return List.of(FanoutEnvelope.toRooms(List.of(Rooms.chat(p.teeTimeId())), m.toString(),
                event.receivedAtMicros()));
    }
}
