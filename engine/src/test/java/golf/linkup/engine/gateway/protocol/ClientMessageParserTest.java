package golf.linkup.engine.gateway.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import golf.linkup.engine.domain.Industry;
import golf.linkup.engine.gateway.protocol.ClientCommand.LocationFilter;
import golf.linkup.engine.gateway.protocol.ClientCommand.Ping;
import golf.linkup.engine.gateway.protocol.ClientCommand.SubscribeFeed;
import golf.linkup.engine.gateway.protocol.ClientCommand.SubscribeTeeTime;
import golf.linkup.engine.gateway.protocol.ClientCommand.UnsubscribeFeed;
import golf.linkup.engine.gateway.protocol.ClientCommand.UnsubscribeTeeTime;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ClientMessageParserTest {

    private final ClientMessageParser parser = new ClientMessageParser();

    private ProtocolException refusal(String frame) {
        return assertThrows(ProtocolException.class, () -> parser.parse(frame));
    }

    @Test
    void pingParsesWithItsIdAsRef() throws ProtocolException {
        assertEquals(new Ping("p-1"), parser.parse("{\"type\":\"ping\",\"id\":\"p-1\"}"));
    }

    @Test
    void ackParsesItsNotificationIdsInOrderWithoutRepeats() throws ProtocolException {
        var c = assertInstanceOf(ClientCommand.Ack.class, parser.parse("""
                {"type":"ack","id":"a-1","data":{"notificationIds":[124,123,124]}}"""));

        assertEquals("a-1", c.ref());
        assertEquals(java.util.List.of(124L, 123L), c.notificationIds());
    }

    @ParameterizedTest
    @MethodSource("badAcks")
    void aMalformedAckIsATypedRefusalThatKeepsItsRef(String frame, ErrorCode code) {
        ProtocolException e = refusal(frame);

        assertEquals(code, e.code());
        assertEquals("a-2", e.ref());
    }

    static Stream<Arguments> badAcks() {
        String many = "[" + String.join(",", java.util.Collections.nCopies(ClientMessageParser.MAX_ACK_IDS + 1, "7"))
                + "]";
        return Stream.of(
                Arguments.of("{\"type\":\"ack\",\"id\":\"a-2\"}", ErrorCode.MISSING_FIELD),
                Arguments.of("{\"type\":\"ack\",\"id\":\"a-2\",\"data\":{\"notificationIds\":\"12\"}}",
                        ErrorCode.INVALID_FIELD),
                Arguments.of("{\"type\":\"ack\",\"id\":\"a-2\",\"data\":{\"notificationIds\":[]}}",
                        ErrorCode.INVALID_FIELD),
                Arguments.of("{\"type\":\"ack\",\"id\":\"a-2\",\"data\":{\"notificationIds\":[1.5]}}",
                        ErrorCode.INVALID_FIELD),
                Arguments.of("{\"type\":\"ack\",\"id\":\"a-2\",\"data\":{\"notificationIds\":[0]}}",
                        ErrorCode.INVALID_FIELD),
                Arguments.of("{\"type\":\"ack\",\"id\":\"a-2\",\"data\":{\"notificationIds\":[\"12\"]}}",
                        ErrorCode.INVALID_FIELD),
                Arguments.of("{\"type\":\"ack\",\"id\":\"a-2\",\"data\":{\"notificationIds\":"
                        + "[99999999999999999999]}}", ErrorCode.INVALID_FIELD),
                Arguments.of("{\"type\":\"ack\",\"id\":\"a-2\",\"data\":{\"notificationIds\":" + many + "}}",
                        ErrorCode.INVALID_FIELD));
    }

    @Test
    void aNumericIdIsEchoedAsText() throws ProtocolException {
        assertEquals("17", parser.parse("{\"type\":\"ping\",\"id\":17}").ref());
    }

    @Test
    void aMessageWithoutIdHasNoRef() throws ProtocolException {
        assertNull(parser.parse("{\"type\":\"ping\"}").ref());
    }

    @Test
    void subscribeFeedParsesIndustriesCaseInsensitively() throws ProtocolException {
        var c = assertInstanceOf(SubscribeFeed.class, parser.parse("""
                {"type":"subscribe:feed","id":"s-1","data":{"industries":["finance","TECH"," Legal "]}}"""));

        assertEquals("s-1", c.ref());
        assertEquals(EnumSet.of(Industry.FINANCE, Industry.TECH, Industry.LEGAL), c.industries());
        assertEquals(Optional.empty(), c.location());
    }

    @Test
    void subscribeFeedWithoutDataMeansMyOwnIndustry() throws ProtocolException {
        var c = assertInstanceOf(SubscribeFeed.class, parser.parse("{\"type\":\"subscribe:feed\"}"));

        assertEquals(Set.of(), c.industries());
    }

    @Test
    void subscribeFeedParsesALocationFilter() throws ProtocolException {
        var c = assertInstanceOf(SubscribeFeed.class, parser.parse("""
                {"type":"subscribe:feed","data":{"industries":["FINANCE"],
                 "location":{"lat":40.7448,"lng":-73.454,"radiusKm":50}}}"""));

        assertEquals(Optional.of(new LocationFilter(40.7448, -73.454, 50)), c.location());
    }

    @Test
    void unsubscribeFeedParses() throws ProtocolException {
        assertEquals(new UnsubscribeFeed("u-1"), parser.parse("{\"type\":\"unsubscribe:feed\",\"id\":\"u-1\"}"));
    }

    @Test
    void subscribeTeeTimeParses() throws ProtocolException {
        assertEquals(new SubscribeTeeTime(null, "tt-42", java.util.Map.of()),
                parser.parse("{\"type\":\"subscribe:tee-time\",\"data\":{\"teeTimeId\":\"tt-42\"}}"));
    }

    @Test
    void subscribeWithSinceCarriesThePositionOfEachRoom() throws ProtocolException {
        assertEquals(new SubscribeTeeTime("s", "tt-42", java.util.Map.of(
                        "tee-time:tt-42", new golf.linkup.engine.gateway.history.StreamPosition(7, "ab12"))),
                parser.parse("{\"id\":\"s\",\"type\":\"subscribe:tee-time\",\"data\":{\"teeTimeId\":\"tt-42\","
                        + "\"since\":{\"tee-time:tt-42\":{\"offset\":7,\"epoch\":\"ab12\"}}}}"));
    }

    @Test
    void aBadSinceIsRefusedNamingTheRoom() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(ProtocolException.class, () -> parser.parse(
                "{\"type\":\"recover\",\"data\":{\"since\":{\"tee-time:x\":{\"offset\":-1,\"epoch\":\"e\"}}}}"));
        assertEquals(ErrorCode.INVALID_FIELD, e.code());
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("tee-time:x"), e.getMessage());
        var missing = org.junit.jupiter.api.Assertions.assertThrows(ProtocolException.class,
                () -> parser.parse("{\"type\":\"recover\"}"));
        assertEquals(ErrorCode.MISSING_FIELD, missing.code());
    }

    @Test
    void typingAndPresenceAndRefreshParse() throws ProtocolException {
        assertEquals(new golf.linkup.engine.gateway.protocol.ClientCommand.Typing(null, "tt-1", false),
                parser.parse("{\"type\":\"typing\",\"data\":{\"teeTimeId\":\"tt-1\",\"typing\":false}}"));
        assertEquals(new golf.linkup.engine.gateway.protocol.ClientCommand.PresenceUpdate(null, "away"),
                parser.parse("{\"type\":\"presence:update\",\"data\":{\"status\":\"away\"}}"));
        assertEquals(ErrorCode.INVALID_FIELD, org.junit.jupiter.api.Assertions.assertThrows(ProtocolException.class,
                () -> parser.parse("{\"type\":\"presence:update\",\"data\":{\"status\":\"busy\"}}")).code());
        assertEquals(new golf.linkup.engine.gateway.protocol.ClientCommand.RefreshToken(null, "a.b.c"),
                parser.parse("{\"type\":\"refresh-token\",\"data\":{\"token\":\"a.b.c\"}}"));
    }

    @Test
    void unsubscribeTeeTimeParses() throws ProtocolException {
        assertEquals(new UnsubscribeTeeTime("x", "tt-42"),
                parser.parse("{\"type\":\"unsubscribe:tee-time\",\"id\":\"x\",\"data\":{\"teeTimeId\":\"tt-42\"}}"));
    }

    @Test
    void aTeeTimeIdOfTheMaximumLengthIsAccepted() throws ProtocolException {
        String id = "t".repeat(ClientMessageParser.MAX_ID_LENGTH);

        var c = assertInstanceOf(SubscribeTeeTime.class,
                parser.parse("{\"type\":\"subscribe:tee-time\",\"data\":{\"teeTimeId\":\"" + id + "\"}}"));

        assertEquals(id, c.teeTimeId());
    }

    static Stream<Arguments> badFrames() {
        String sub = "{\"type\":\"subscribe:feed\",\"id\":\"r-1\",\"data\":%s}";
        String tee = "{\"type\":\"subscribe:tee-time\",\"id\":\"r-1\",\"data\":{\"teeTimeId\":%s}}";
        return Stream.of(
                Arguments.of("not JSON", "{\"type\":", ErrorCode.INVALID_JSON, null, "not JSON"),
                Arguments.of("a JSON array", "[{\"type\":\"ping\"}]", ErrorCode.INVALID_MESSAGE, null, "JSON object"),
                Arguments.of("text after the object", "{\"type\":\"ping\"} {\"type\":\"ping\"}", ErrorCode.INVALID_JSON,
                        null, "not JSON"),
                Arguments.of("a key given twice", "{\"type\":\"ping\",\"type\":\"subscribe:feed\"}",
                        ErrorCode.INVALID_JSON, null, "Duplicate field 'type'"),
                Arguments.of("teeTimeId a room name", tee.formatted("\"user:user-0003\""), ErrorCode.INVALID_FIELD, "r-1",
                        "data.teeTimeId"),
                Arguments.of("teeTimeId with a slash", tee.formatted("\"tt/1\""), ErrorCode.INVALID_FIELD, "r-1",
                        "data.teeTimeId"),
                Arguments.of("teeTimeId starting with a dash", tee.formatted("\"-tt\""), ErrorCode.INVALID_FIELD, "r-1",
                        "data.teeTimeId"),
                Arguments.of("a JSON number", "42", ErrorCode.INVALID_MESSAGE, null, "JSON object"),
                Arguments.of("missing type", "{\"id\":\"r-1\",\"data\":{}}", ErrorCode.INVALID_MESSAGE, "r-1", "'type'"),
                Arguments.of("type not a string", "{\"id\":\"r-1\",\"type\":7}", ErrorCode.INVALID_MESSAGE, "r-1",
                        "'type'"),
                Arguments.of("unknown type", "{\"id\":\"r-1\",\"type\":\"subscribe:weather\"}",
                        ErrorCode.UNKNOWN_TYPE, "r-1", "'subscribe:weather'"),
                Arguments.of("subscribe:tee-time without teeTimeId",
                        "{\"type\":\"subscribe:tee-time\",\"id\":\"r-1\",\"data\":{}}",
                        ErrorCode.MISSING_FIELD, "r-1", "data.teeTimeId"),
                Arguments.of("unsubscribe:tee-time without data",
                        "{\"type\":\"unsubscribe:tee-time\",\"id\":\"r-1\"}",
                        ErrorCode.MISSING_FIELD, "r-1", "data.teeTimeId"),
                Arguments.of("teeTimeId a number", tee.formatted("42"), ErrorCode.INVALID_FIELD, "r-1",
                        "data.teeTimeId"),
                Arguments.of("teeTimeId blank", tee.formatted("\"\""), ErrorCode.INVALID_FIELD, "r-1",
                        "data.teeTimeId"),
                Arguments.of("teeTimeId with a space", tee.formatted("\"tt 1\""), ErrorCode.INVALID_FIELD, "r-1",
                        "data.teeTimeId"),
                Arguments.of("teeTimeId with a control character", tee.formatted("\"tt\\u0007\""),
                        ErrorCode.INVALID_FIELD, "r-1", "data.teeTimeId"),
                Arguments.of("teeTimeId non-ASCII", tee.formatted("\"tt-é\""), ErrorCode.INVALID_FIELD, "r-1",
                        "data.teeTimeId"),
                Arguments.of("teeTimeId over-long",
                        tee.formatted("\"" + "t".repeat(ClientMessageParser.MAX_ID_LENGTH + 1) + "\""),
                        ErrorCode.INVALID_FIELD, "r-1", "data.teeTimeId"),
                Arguments.of("industries not an array", sub.formatted("{\"industries\":\"FINANCE\"}"),
                        ErrorCode.INVALID_FIELD, "r-1", "data.industries"),
                Arguments.of("an unknown industry", sub.formatted("{\"industries\":[\"FINANCE\",\"WIZARDRY\"]}"),
                        ErrorCode.INVALID_FIELD, "r-1", "'WIZARDRY'"),
                Arguments.of("an industry that is not a string", sub.formatted("{\"industries\":[3]}"),
                        ErrorCode.INVALID_FIELD, "r-1", "data.industries"),
                Arguments.of("location not an object", sub.formatted("{\"location\":[40,-73,10]}"),
                        ErrorCode.INVALID_FIELD, "r-1", "data.location"),
                Arguments.of("location without radius", sub.formatted("{\"location\":{\"lat\":40,\"lng\":-73}}"),
                        ErrorCode.MISSING_FIELD, "r-1", "data.location.radiusKm"),
                Arguments.of("latitude out of range",
                        sub.formatted("{\"location\":{\"lat\":90.5,\"lng\":-73,\"radiusKm\":10}}"),
                        ErrorCode.INVALID_FIELD, "r-1", "data.location.lat"),
                Arguments.of("longitude out of range",
                        sub.formatted("{\"location\":{\"lat\":40,\"lng\":-181,\"radiusKm\":10}}"),
                        ErrorCode.INVALID_FIELD, "r-1", "data.location.lng"),
                Arguments.of("radius zero", sub.formatted("{\"location\":{\"lat\":40,\"lng\":-73,\"radiusKm\":0}}"),
                        ErrorCode.INVALID_FIELD, "r-1", "data.location.radiusKm"),
                Arguments.of("radius as text",
                        sub.formatted("{\"location\":{\"lat\":40,\"lng\":-73,\"radiusKm\":\"10\"}}"),
                        ErrorCode.INVALID_FIELD, "r-1", "data.location.radiusKm"));
    }

    @ParameterizedTest(name = "{0} is refused with {2}")
    @MethodSource("badFrames")
    void aBadFrameIsRefusedWithItsCodeAndTheClientsRef(String description, String frame, ErrorCode code, String ref,
            String mentioned) {
        var e = refusal(frame);

        assertEquals(code, e.code(), e.getMessage());
        assertEquals(ref, e.ref());
        assertTrue(e.getMessage().contains(mentioned), "message '" + e.getMessage() + "' should mention " + mentioned);
    }
}
