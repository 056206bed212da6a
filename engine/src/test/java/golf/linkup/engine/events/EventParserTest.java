package golf.linkup.engine.events;

import static golf.linkup.engine.events.TestEvents.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import golf.linkup.engine.events.EventPayload.MessageSent;
import golf.linkup.engine.events.EventPayload.SlotJoined;
import golf.linkup.engine.events.EventPayload.SlotLeft;
import golf.linkup.engine.events.EventPayload.TeeTimeCancelled;
import golf.linkup.engine.events.EventPayload.TeeTimeCreated;
import golf.linkup.engine.events.EventPayload.TeeTimeUpdated;
import golf.linkup.engine.events.InvalidEventException.Code;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EventParserTest {

    private static final long RECEIVED = 1_732_400_000_000_000L;
    private final EventParser parser = new EventParser();

    static final String COMPLETE_TEE_TIME = """
            {"startsAt":"2025-06-14T12:30:00Z","industry":"finance","openToAll":true,"skillLevel":"intermediate",
             "totalSlots":4,"openSlots":2,"status":"OPEN",
             "host":{"id":"u-host","name":"Ada Host","company":"Acme Capital","industry":"FINANCE"},
             "course":{"id":"c-1","name":"Bethpage Black","city":"Farmingdale","country":"US",
                       "lat":40.7448,"lng":-73.4540,"timeZone":"America/New_York"}}""";

    private DomainEvent parse(String raw) {
        return parser.parse(raw, RECEIVED);
    }

    private InvalidEventException refusal(String raw) {
        return assertThrows(InvalidEventException.class, () -> parse(raw));
    }

    @Test
    void envelopeFieldsAreCarriedIntoTheDomainEvent() {
        DomainEvent e = parse(event("slot.joined", """
                {"teeTimeId":"tt-1","slotNumber":2,"userId":"u-2"}"""));

        assertEquals("evt-1", e.id());
        assertEquals(EventType.SLOT_JOINED, e.type());
        assertEquals(Instant.parse("2025-06-01T12:00:00Z"), e.occurredAt());
        assertEquals(RECEIVED, e.receivedAtMicros());
    }

    @Test
    void occurredAtWithAnOffsetIsReadAsTheSameInstant() {
        DomainEvent e = parse("""
                {"id":"evt-1","type":"slot.left","occurredAt":"2025-06-01T08:00:00-04:00",
                 "data":{"teeTimeId":"tt-1","slotNumber":3,"userId":"u-3"}}""");

        assertEquals(Instant.parse("2025-06-01T12:00:00Z"), e.occurredAt());
    }

    @Test
    void teeTimeCreatedWithoutACopyParsesWithAnEmptyTeeTime() {
        var p = assertInstanceOf(TeeTimeCreated.class, parse(event("tee-time.created", """
                {"teeTimeId":"tt-1"}""")).payload());

        assertEquals("tt-1", p.teeTimeId());
        assertEquals(Optional.empty(), p.teeTime());
    }

    @Test
    void teeTimeCreatedWithACompleteCopyUsesTheCopy() {
        var p = assertInstanceOf(TeeTimeCreated.class, parse(event("tee-time.created",
                "{\"teeTimeId\":\"tt-1\",\"teeTime\":" + COMPLETE_TEE_TIME + "}")).payload());

        TeeTimeSnapshot t = p.teeTime().orElseThrow();
        assertEquals("tt-1", t.id());
        assertEquals(Instant.parse("2025-06-14T12:30:00Z"), t.startsAt());
        assertEquals("FINANCE", t.industry(), "industry is normalized to the enum name");
        assertEquals("INTERMEDIATE", t.skillLevel());
        assertTrue(t.openToAll());
        assertEquals(4, t.totalSlots());
        assertEquals(2, t.openSlots());
        assertEquals("OPEN", t.status());
        assertEquals(new PersonSnapshot("u-host", "Ada Host", "Acme Capital", "FINANCE"), t.host());
        assertEquals(new TeeTimeSnapshot.CourseSnapshot("c-1", "Bethpage Black", "Farmingdale", "US", 40.7448,
                -73.4540, ZoneId.of("America/New_York")), t.course());
    }

    @Test
    void teeTimeCreatedWithACopyMissingFieldsIgnoresTheCopy() {
        String withoutCourseZone = COMPLETE_TEE_TIME.replace(",\"timeZone\":\"America/New_York\"", "");
        String withoutOpenSlots = COMPLETE_TEE_TIME.replace("\"openSlots\":2,", "");
        String withoutHostName = COMPLETE_TEE_TIME.replace("\"name\":\"Ada Host\",", "");

        for (String copy : new String[] {withoutCourseZone, withoutOpenSlots, withoutHostName}) {
            assertFalse(copy.equals(COMPLETE_TEE_TIME), "the fixture edit must remove something");
            var p = assertInstanceOf(TeeTimeCreated.class, parse(event("tee-time.created",
                    "{\"teeTimeId\":\"tt-1\",\"teeTime\":" + copy + "}")).payload());
            assertEquals(Optional.empty(), p.teeTime(), copy);
        }
    }

    @Test
    void teeTimeCreatedWithACopyInAnUnknownTimeZoneIsRefused() {
        String copy = COMPLETE_TEE_TIME.replace("America/New_York", "Mars/Olympus_Mons");

        var e = refusal(event("tee-time.created", "{\"teeTimeId\":\"tt-1\",\"teeTime\":" + copy + "}"));

        assertEquals(Code.INVALID_FIELD, e.code());
        assertTrue(e.getMessage().contains("data.teeTime.course.timeZone"), e.getMessage());
    }

    @Test
    void teeTimeCreatedWithACopyWhoseOpenSlotsExceedTotalIsRefused() {
        String copy = COMPLETE_TEE_TIME.replace("\"openSlots\":2", "\"openSlots\":5");

        var e = refusal(event("tee-time.created", "{\"teeTimeId\":\"tt-1\",\"teeTime\":" + copy + "}"));

        assertEquals(Code.INVALID_FIELD, e.code());
        assertTrue(e.getMessage().contains("data.teeTime.openSlots"), e.getMessage());
    }

    @Test
    void teeTimeUpdatedCarriesChangesAndOptionalRouting() {
        var p = assertInstanceOf(TeeTimeUpdated.class, parse(event("tee-time.updated", """
                {"teeTimeId":"tt-1","industry":"tech","openToAll":false,"changes":{"skillLevel":"ADVANCED"}}"""))
                .payload());

        assertEquals("tt-1", p.teeTimeId());
        assertEquals(Optional.of("TECH"), p.industry());
        assertEquals(Optional.of(false), p.openToAll());
        assertEquals("ADVANCED", p.changes().get("skillLevel").asText());
    }

    @Test
    void teeTimeUpdatedWithoutRoutingHasEmptyOptionals() {
        var p = assertInstanceOf(TeeTimeUpdated.class, parse(event("tee-time.updated", """
                {"teeTimeId":"tt-1","changes":{}}""")).payload());

        assertEquals(Optional.empty(), p.industry());
        assertEquals(Optional.empty(), p.openToAll());
    }

    @Test
    void teeTimeCancelledCarriesTheReason() {
        var p = assertInstanceOf(TeeTimeCancelled.class, parse(event("tee-time.cancelled", """
                {"teeTimeId":"tt-1","industry":"LEGAL","reason":"course closed for frost"}""")).payload());

        assertEquals("tt-1", p.teeTimeId());
        assertEquals(Optional.of("LEGAL"), p.industry());
        assertEquals(Optional.of("course closed for frost"), p.reason());
    }

    @Test
    void slotJoinedCarriesSlotAndUser() {
        var p = assertInstanceOf(SlotJoined.class, parse(event("slot.joined", """
                {"teeTimeId":"tt-1","slotNumber":8,"userId":"u-2"}""")).payload());

        assertEquals(new SlotJoined("tt-1", 8, "u-2"), p);
    }

    @Test
    void slotLeftCarriesSlotAndUser() {
        var p = assertInstanceOf(SlotLeft.class, parse(event("slot.left", """
                {"teeTimeId":"tt-1","slotNumber":1,"userId":"u-2"}""")).payload());

        assertEquals(new SlotLeft("tt-1", 1, "u-2"), p);
    }

    @Test
    void messageSentCarriesTheMessageAndTheSenderCopy() {
        var p = assertInstanceOf(MessageSent.class, parse(event("message.sent", """
                {"teeTimeId":"tt-1","industry":"tech","message":{"id":"m-1","senderId":"u-2","body":"See you at 8",
                 "sentAt":"2025-06-01T12:00:01Z","sender":{"name":"Bo","company":"Initech","industry":"tech"}}}"""))
                .payload());

        assertEquals("tt-1", p.teeTimeId());
        assertEquals(Optional.of("TECH"), p.industry());
        assertEquals("m-1", p.messageId());
        assertEquals("u-2", p.senderId());
        assertEquals("See you at 8", p.body());
        assertEquals(Instant.parse("2025-06-01T12:00:01Z"), p.sentAt());
        assertEquals(Optional.of(new PersonSnapshot("u-2", "Bo", "Initech", "TECH")), p.sender());
    }

    @Test
    void messageSentWithoutASenderCopyHasAnEmptySender() {
        var p = assertInstanceOf(MessageSent.class, parse(event("message.sent", """
                {"teeTimeId":"tt-1","message":{"id":"m-1","senderId":"u-2","body":"hi",
                 "sentAt":"2025-06-01T12:00:01Z"}}""")).payload());

        assertEquals(Optional.empty(), p.sender());
        assertEquals(Optional.empty(), p.industry());
    }

    @Test
    void unknownFieldsAreIgnored() {
        var e = parse("""
                {"id":"evt-1","type":"slot.joined","occurredAt":"2025-06-01T12:00:00Z","version":7,
                 "data":{"teeTimeId":"tt-1","slotNumber":2,"userId":"u-2","extra":{"a":1}}}""");

        assertInstanceOf(SlotJoined.class, e.payload());
    }

    @Test
    void anIdOfExactlyTheMaximumLengthIsAccepted() {
        String id = "e".repeat(EventParser.MAX_ID_LENGTH);

        var e = parse(event("slot.joined", "{\"teeTimeId\":\"tt-1\",\"slotNumber\":2,\"userId\":\"u-2\"}")
                .replace("\"evt-1\"", "\"" + id + "\""));

        assertEquals(id, e.id());
    }

    static Stream<Arguments> badEvents() {
        String slot = "{\"teeTimeId\":\"tt-1\",\"slotNumber\":%s,\"userId\":\"u-2\"}";
        String msg = "{\"teeTimeId\":\"tt-1\",\"message\":{%s}}";
        String fullMsg = "\"id\":\"m-1\",\"senderId\":\"u-2\",\"body\":\"hi\",\"sentAt\":\"2025-06-01T12:00:01Z\"";
        return Stream.of(
                Arguments.of("not JSON", "{\"id\":", Code.NOT_JSON, "not JSON"),
                Arguments.of("a JSON array", "[1,2,3]", Code.NOT_AN_OBJECT, "JSON object"),
                Arguments.of("a JSON string", "\"tee-time.created\"", Code.NOT_AN_OBJECT, "JSON object"),
                Arguments.of("missing id", """
                        {"type":"slot.joined","occurredAt":"2025-06-01T12:00:00Z","data":{}}""",
                        Code.MISSING_FIELD, "'id'"),
                Arguments.of("id is a number", """
                        {"id":42,"type":"slot.joined","occurredAt":"2025-06-01T12:00:00Z","data":{}}""",
                        Code.INVALID_FIELD, "'id'"),
                Arguments.of("over-long id", event("slot.joined", slot.formatted("2"))
                        .replace("\"evt-1\"", "\"" + "e".repeat(EventParser.MAX_ID_LENGTH + 1) + "\""),
                        Code.INVALID_FIELD, "'id'"),
                Arguments.of("missing type", """
                        {"id":"evt-1","occurredAt":"2025-06-01T12:00:00Z","data":{}}""",
                        Code.MISSING_FIELD, "'type'"),
                Arguments.of("unknown type", event("tee-time.exploded", "{}"), Code.UNKNOWN_TYPE,
                        "'tee-time.exploded'"),
                Arguments.of("missing occurredAt", """
                        {"id":"evt-1","type":"slot.joined","data":{}}""", Code.MISSING_FIELD, "'occurredAt'"),
                Arguments.of("occurredAt not ISO", """
                        {"id":"evt-1","type":"slot.joined","occurredAt":"01/06/2025 12:00","data":{}}""",
                        Code.INVALID_FIELD, "'occurredAt'"),
                Arguments.of("occurredAt without offset", """
                        {"id":"evt-1","type":"slot.joined","occurredAt":"2025-06-01T12:00:00","data":{}}""",
                        Code.INVALID_FIELD, "'occurredAt'"),
                Arguments.of("missing data", """
                        {"id":"evt-1","type":"slot.joined","occurredAt":"2025-06-01T12:00:00Z"}""",
                        Code.MISSING_FIELD, "'data'"),
                Arguments.of("data not an object", event("slot.joined", "[\"tt-1\"]"), Code.INVALID_FIELD,
                        "'data'"),
                Arguments.of("created without teeTimeId", event("tee-time.created", "{}"), Code.MISSING_FIELD,
                        "'data.teeTimeId'"),
                Arguments.of("created with a blank teeTimeId", event("tee-time.created", "{\"teeTimeId\":\" \"}"),
                        Code.INVALID_FIELD, "'data.teeTimeId'"),
                Arguments.of("updated without teeTimeId", event("tee-time.updated", "{\"changes\":{}}"),
                        Code.MISSING_FIELD, "'data.teeTimeId'"),
                Arguments.of("updated without changes", event("tee-time.updated", "{\"teeTimeId\":\"tt-1\"}"),
                        Code.MISSING_FIELD, "'data.changes'"),
                Arguments.of("updated with changes not an object",
                        event("tee-time.updated", "{\"teeTimeId\":\"tt-1\",\"changes\":\"all\"}"),
                        Code.INVALID_FIELD, "'data.changes'"),
                Arguments.of("updated with an unknown industry",
                        event("tee-time.updated", "{\"teeTimeId\":\"tt-1\",\"industry\":\"ASTROLOGY\",\"changes\":{}}"),
                        Code.INVALID_FIELD, "'data.industry'"),
                Arguments.of("updated with openToAll not a boolean",
                        event("tee-time.updated", "{\"teeTimeId\":\"tt-1\",\"openToAll\":\"yes\",\"changes\":{}}"),
                        Code.INVALID_FIELD, "'data.openToAll'"),
                Arguments.of("cancelled without teeTimeId", event("tee-time.cancelled", "{\"reason\":\"rain\"}"),
                        Code.MISSING_FIELD, "'data.teeTimeId'"),
                Arguments.of("cancelled with an unknown industry",
                        event("tee-time.cancelled", "{\"teeTimeId\":\"tt-1\",\"industry\":\"PIRACY\"}"),
                        Code.INVALID_FIELD, "'data.industry'"),
                Arguments.of("slot joined without teeTimeId",
                        event("slot.joined", "{\"slotNumber\":2,\"userId\":\"u-2\"}"),
                        Code.MISSING_FIELD, "'data.teeTimeId'"),
                Arguments.of("slot joined without slotNumber",
                        event("slot.joined", "{\"teeTimeId\":\"tt-1\",\"userId\":\"u-2\"}"),
                        Code.MISSING_FIELD, "'data.slotNumber'"),
                Arguments.of("slot joined without userId",
                        event("slot.joined", "{\"teeTimeId\":\"tt-1\",\"slotNumber\":2}"),
                        Code.MISSING_FIELD, "'data.userId'"),
                Arguments.of("slot left without userId",
                        event("slot.left", "{\"teeTimeId\":\"tt-1\",\"slotNumber\":2}"),
                        Code.MISSING_FIELD, "'data.userId'"),
                Arguments.of("slotNumber 0", event("slot.joined", slot.formatted("0")), Code.INVALID_FIELD,
                        "'data.slotNumber'"),
                Arguments.of("slotNumber 9", event("slot.left", slot.formatted("9")), Code.INVALID_FIELD,
                        "'data.slotNumber'"),
                Arguments.of("slotNumber \"2\"", event("slot.joined", slot.formatted("\"2\"")),
                        Code.INVALID_FIELD, "'data.slotNumber'"),
                Arguments.of("slotNumber 2.5", event("slot.joined", slot.formatted("2.5")), Code.INVALID_FIELD,
                        "'data.slotNumber'"),
                Arguments.of("message sent without teeTimeId",
                        event("message.sent", "{\"message\":{" + fullMsg + "}}"),
                        Code.MISSING_FIELD, "'data.teeTimeId'"),
                Arguments.of("message sent without message", event("message.sent", "{\"teeTimeId\":\"tt-1\"}"),
                        Code.MISSING_FIELD, "'data.message'"),
                Arguments.of("message sent without message.id",
                        event("message.sent", msg.formatted(fullMsg.replace("\"id\":\"m-1\",", ""))),
                        Code.MISSING_FIELD, "'data.message.id'"),
                Arguments.of("message sent without message.senderId",
                        event("message.sent", msg.formatted(fullMsg.replace("\"senderId\":\"u-2\",", ""))),
                        Code.MISSING_FIELD, "'data.message.senderId'"),
                Arguments.of("message sent without message.body",
                        event("message.sent", msg.formatted(fullMsg.replace("\"body\":\"hi\",", ""))),
                        Code.MISSING_FIELD, "'data.message.body'"),
                Arguments.of("message sent without message.sentAt",
                        event("message.sent", msg.formatted(fullMsg.replace(",\"sentAt\":\"2025-06-01T12:00:01Z\"", ""))),
                        Code.MISSING_FIELD, "'data.message.sentAt'"),
                Arguments.of("message sent with sentAt not ISO",
                        event("message.sent", msg.formatted(fullMsg.replace("2025-06-01T12:00:01Z", "yesterday"))),
                        Code.INVALID_FIELD, "'data.message.sentAt'"),
                Arguments.of("message sent with a sender of an unknown industry",
                        event("message.sent", msg.formatted(fullMsg
                                + ",\"sender\":{\"name\":\"Bo\",\"industry\":\"ALCHEMY\"}")),
                        Code.INVALID_FIELD, "'data.message.sender.industry'"));
    }

    @ParameterizedTest(name = "{0} is refused with {2}")
    @MethodSource("badEvents")
    void aBadEventIsRefusedWithItsCodeAndTheFieldPath(String description, String raw, Code code,
            String mentioned) {
        var e = refusal(raw);

        assertEquals(code, e.code(), e.getMessage());
        assertTrue(e.getMessage().contains(mentioned),
                "message '" + e.getMessage() + "' should mention " + mentioned);
    }

    @Test
    void theEventIdAndTypeAreCarriedWhenReadable() {
        var e = refusal(event("slot.joined", "{\"teeTimeId\":\"tt-1\",\"slotNumber\":9,\"userId\":\"u-2\"}"));

        assertEquals("evt-1", e.eventId());
        assertEquals("slot.joined", e.eventType());
    }

    @Test
    void anUnknownTypeIsCarriedAsSent() {
        var e = refusal(event("tee-time.exploded", "{}"));

        assertEquals("evt-1", e.eventId());
        assertEquals("tee-time.exploded", e.eventType());
    }

    @Test
    void theTypeIsCarriedEvenWhenTheIdIsMissing() {
        var e = refusal("""
                {"type":"slot.joined","occurredAt":"2025-06-01T12:00:00Z","data":{}}""");

        assertNull(e.eventId());
        assertEquals("slot.joined", e.eventType());
    }

    @Test
    void nothingIsCarriedWhenTheTextIsNotJson() {
        var e = refusal("id=evt-1&type=slot.joined");

        assertEquals(Code.NOT_JSON, e.code());
        assertNull(e.eventId());
        assertNull(e.eventType());
    }
}
