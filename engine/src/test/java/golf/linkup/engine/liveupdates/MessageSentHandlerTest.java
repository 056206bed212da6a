package golf.linkup.engine.liveupdates;

import static golf.linkup.engine.liveupdates.LiveUpdateFixtures.PLAYER;
import static golf.linkup.engine.liveupdates.LiveUpdateFixtures.event;
import static golf.linkup.engine.liveupdates.LiveUpdateFixtures.only;
import static golf.linkup.engine.liveupdates.LiveUpdateFixtures.payloadOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import golf.linkup.engine.events.EventPayload.MessageSent;
import golf.linkup.engine.events.EventType;
import golf.linkup.engine.events.PersonSnapshot;
import golf.linkup.engine.gateway.fanout.FanoutEnvelope;
import golf.linkup.testing.InMemoryTeeTimeDirectory;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MessageSentHandlerTest {

    private static final Instant SENT_AT = Instant.parse("2025-06-01T12:00:01Z");

    private final InMemoryTeeTimeDirectory directory = new InMemoryTeeTimeDirectory();
    private final MessageSentHandler handler = new MessageSentHandler(directory);

    private FanoutEnvelope handle(Optional<PersonSnapshot> sender) {
        return only(handler.handle(event(EventType.MESSAGE_SENT, new MessageSent("tt-1", Optional.of("TECH"), "m-1",
                "u-2", "See you at 8 ⛳", SENT_AT, sender))));
    }

    @Test
    void handlesMessageSentEvents() {
        assertEquals(EventType.MESSAGE_SENT, handler.type());
    }

    @Test
    void aMessageGoesToTheTeeTimeRoomOnly() {
        FanoutEnvelope e = handle(Optional.of(PLAYER));

        assertEquals(List.of("chat:tt-1"), e.rooms());
        assertFalse(e.hasPosition());
        assertNull(e.excludeUserId());
    }

    @Test
    void withTheSenderInTheEventTheDirectoryIsNotRead() {
        JsonNode m = payloadOf(handle(Optional.of(new PersonSnapshot("u-2", "Bo (from event)", "Initech", "TECH"))));

        assertEquals(0, directory.calls());
        assertEquals("Bo (from event)", m.path("data").path("message").path("sender").path("name").asText());
    }

    @Test
    void theMessageCarriesItsFieldsAndTheSender() {
        JsonNode m = payloadOf(handle(Optional.of(PLAYER)));

        assertEquals("tee-time:message", m.path("type").asText());
        assertEquals("tt-1", m.path("data").path("teeTimeId").asText());
        JsonNode msg = m.path("data").path("message");
        assertEquals("m-1", msg.path("id").asText());
        assertEquals("tt-1", msg.path("teeTimeId").asText());
        assertEquals("u-2", msg.path("senderId").asText());
        assertEquals("See you at 8 ⛳", msg.path("body").asText());
        assertEquals(SENT_AT, Instant.parse(msg.path("sentAt").asText()));
        assertEquals("Bo Player", msg.path("sender").path("name").asText());
        assertEquals("Initech", msg.path("sender").path("company").asText());
        assertEquals("TECH", msg.path("sender").path("industry").asText());
    }

    @Test
    void withoutTheSenderInTheEventTheSenderIsReadFromTheDirectory() {
        directory.withPerson(new PersonSnapshot("u-2", "Bo (from database)", null, "TECH"));

        JsonNode sender = payloadOf(handle(Optional.empty())).path("data").path("message").path("sender");

        assertEquals(1, directory.personReads());
        assertEquals("Bo (from database)", sender.path("name").asText());
        assertFalse(sender.has("company"), "a null company is left out: " + sender);
    }

    @Test
    void anUnknownSenderIsShownByIdOnly() {
        JsonNode sender = payloadOf(handle(Optional.empty())).path("data").path("message").path("sender");

        assertEquals("u-2", sender.path("id").asText());
        assertFalse(sender.has("name"), sender.toString());
    }
}
