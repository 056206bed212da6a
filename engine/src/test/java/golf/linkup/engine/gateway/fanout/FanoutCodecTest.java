package golf.linkup.engine.gateway.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class FanoutCodecTest {

    private static final String PAYLOAD = "{\"type\":\"feed:tee-time-updated\",\"data\":{\"teeTimeId\":\"tt-1\"}}";

    private static FanoutEnvelope roundTrip(FanoutEnvelope e) {
        return FanoutCodec.decode(FanoutCodec.encode(e));
    }

    @Test
    void aPlainEnvelopeSurvivesTheRoundTrip() {
        var e = FanoutEnvelope.toRooms(List.of("tee-time:tt-1", "feed:FINANCE"), PAYLOAD, 0);

        var back = roundTrip(e);

        assertEquals(e, back);
        assertFalse(back.hasPosition());
        assertNull(back.excludeUserId());
        assertEquals(0, back.ingestMicros());
    }

    @Test
    void positionExclusionAndTimestampSurviveTheRoundTrip() {
        var e = FanoutEnvelope.toRooms(List.of("feed:TECH"), PAYLOAD, 1_732_400_000_123_456L)
                .at(40.7448, -73.454).excluding("u-7");

        var back = roundTrip(e);

        assertEquals(e, back);
        assertTrue(back.hasPosition());
        assertEquals(40.7448, back.lat());
        assertEquals(-73.454, back.lng());
        assertEquals("u-7", back.excludeUserId());
        assertEquals(1_732_400_000_123_456L, back.ingestMicros());
    }

    @Test
    void aPositionAtZeroZeroIsStillAPosition() {
        var back = roundTrip(FanoutEnvelope.toRooms(List.of("feed:TECH"), PAYLOAD, 0).at(0, 0));

        assertTrue(back.hasPosition());
    }

    @Test
    void theHeaderIsOneLineAndThePayloadFollowsVerbatim() {
        String wire = FanoutCodec.encode(FanoutEnvelope.toRooms(List.of("user:a\nb"), PAYLOAD, 5).excluding("x\ny"));

        int nl = wire.indexOf('\n');
        assertEquals(PAYLOAD, wire.substring(nl + 1));
        assertTrue(wire.substring(0, nl).startsWith("{\"v\":1"), wire);
    }

    @Test
    void roomNamesAndExclusionsWithNewlinesSurvive() {
        var e = FanoutEnvelope.toRooms(List.of("user:a\nb"), PAYLOAD, 5).excluding("x\ny");

        assertEquals(e, roundTrip(e));
    }

    @Test
    void aPayloadWithNewlinesAndUnicodeSurvivesUnchanged() {
        String payload = "{\"type\":\"tee-time:message\",\"body\":\"line 1\nline 2\r\n⛳ Grüße 🏌️‍♀️ 東京\"}\n\n";

        var back = roundTrip(FanoutEnvelope.toRooms(List.of("tee-time:tt-1"), payload, 0));

        assertEquals(payload, back.payload());
    }

    @Test
    void anEmptyPayloadSurvives() {
        assertEquals("", roundTrip(FanoutEnvelope.toRooms(List.of("feed:TECH"), "", 0)).payload());
    }

    @Test
    void roomOrderIsKept() {
        var rooms = List.of("tee-time:tt-9", "feed:LEGAL", "feed:FINANCE", "feed:CONSULTING");

        assertEquals(rooms, roundTrip(FanoutEnvelope.toRooms(rooms, PAYLOAD, 0)).rooms());
    }

    @ParameterizedTest(name = "\"{0}\" is refused")
    @ValueSource(strings = {
            "",
            "no header line at all",
            "not json\n{}",
            "\n{}",
            "null\n{}",
            "[1,2]\n{}",
            "{\"v\":2,\"r\":[\"feed:TECH\"]}\n{}",
            "{\"r\":[\"feed:TECH\"]}\n{}",
            "{\"v\":1}\n{}",
            "{\"v\":1,\"r\":\"feed:TECH\"}\n{}"})
    void malformedInputIsRefusedWithIllegalArgument(String wire) {
        assertThrows(IllegalArgumentException.class, () -> FanoutCodec.decode(wire));
    }
}
