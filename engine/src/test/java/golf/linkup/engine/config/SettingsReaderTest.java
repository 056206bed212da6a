package golf.linkup.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SettingsReaderTest {

    private static SettingsReader with(String key, String value) {
        return new SettingsReader(Map.of(key, value)::get);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "500ms, PT0.5S",
            "30s, PT30S",
            "5m, PT5M",
            "24h, PT24H",
            "2d, PT48H",
            "PT1H, PT1H",
            "pt90s, PT1M30S",
            "P1D, PT24H",
            "' 45s ', PT45S",
            "10 s, PT10S"})
    void durationsAreReadWithAUnitOrAsIso8601(String text, String expected) {
        assertEquals(Duration.parse(expected), with("k.ttl", text).duration("k.ttl", Duration.ZERO));
    }

    @ParameterizedTest(name = "''{0}'' is not a duration")
    @ValueSource(strings = {"soon", "s", "ms", "5", "5x", "1.5h", "PT", "P1Y", "h5"})
    void aBadDurationIsRefusedNamingTheKey(String text) {
        var e = assertThrows(InvalidSettingException.class, () -> with("k.ttl", text).duration("k.ttl", Duration.ZERO));

        assertEquals("k.ttl", e.key());
        assertTrue(e.getMessage().contains("'" + text.trim() + "'"), e.getMessage());
    }

    @ParameterizedTest(name = "''{0}'' is refused")
    @ValueSource(strings = {"-5s", "-500ms", "PT-1H", "-P1D"})
    void aNegativeDurationIsRefusedNamingTheKey(String text) {
        // every duration key is a TTL, a staleness limit or an interval: a negative one would pass
        // start-up and fail (or silently never expire) later
        var e = assertThrows(InvalidSettingException.class, () -> with("k.ttl", text).duration("k.ttl", Duration.ZERO));

        assertEquals("k.ttl", e.key());
        assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
    }

    @Test
    void aZeroDurationIsAccepted() {
        assertEquals(Duration.ZERO, with("k.ttl", "0s").duration("k.ttl", Duration.ofSeconds(1)));
    }

    @Test
    void anAbsentDurationIsTheDefault() {
        assertEquals(Duration.ofSeconds(7), new SettingsReader(k -> null).duration("k", Duration.ofSeconds(7)));
    }

    @ParameterizedTest
    @CsvSource({"true, true", "YES, true", "on, true", "false, false", "No, false", "off, false"})
    void booleansAcceptTheUsualWords(String text, boolean expected) {
        assertEquals(expected, with("k", text).bool("k", !expected));
    }

    @Test
    void integersAtTheBoundsAreAccepted() {
        assertEquals(0, with("p", "0").integer("p", 5, 0, 65535));
        assertEquals(65535, with("p", "65535").integer("p", 5, 0, 65535));
    }

    @Test
    void valuesAreTrimmed() {
        assertEquals(Optional.of("x"), with("k", "  x\t").optional("k"));
        assertEquals(8080, with("p", " 8080 ").integer("p", 1, 0, 65535));
    }

    @Test
    void enumNamesAcceptDashesForUnderscores() {
        enum Mode { FAST_LANE, SLOW }
        assertEquals(Mode.FAST_LANE, with("m", "fast-lane").enumeration("m", Mode.class, Mode.SLOW));
    }

    @Test
    void aUriWithAnAllowedSchemeIsRead() {
        var uri = with("u", "rediss://cache.internal:6380").uri("u", "redis", "rediss").orElseThrow();

        assertEquals("cache.internal", uri.getHost());
        assertEquals(6380, uri.getPort());
    }

    @Test
    void anUnparseableUriIsRefusedNamingTheKey() {
        var e = assertThrows(InvalidSettingException.class, () -> with("u", "redis://bad host").uri("u", "redis"));

        assertEquals("u", e.key());
        assertFalse(e.getMessage().isBlank());
    }
}
