package golf.linkup.engine.matching;

import golf.linkup.engine.config.InvalidSettingException;
import golf.linkup.engine.config.SettingsReader;
import golf.linkup.engine.domain.Industry;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class MatchingSettingsTest {

    @Test
    void an_empty_configuration_gives_the_defaults() {
        assertEquals(MatchingSettings.DEFAULTS, read(Map.of("other.key", "x")));
        assertEquals(60, MatchingSettings.DEFAULTS.recipientMinScore());
        assertEquals(100, MatchingSettings.DEFAULTS.recipientRadiusKm());
        assertEquals(50, MatchingSettings.DEFAULTS.recommendationLimit());
        assertEquals(Duration.ofMinutes(5), MatchingSettings.DEFAULTS.cacheTtl());
    }

    @Test
    void operators_override_the_relatedness_map_and_the_limits_without_a_rebuild() {
        MatchingSettings s = read(Map.of(
                "matching.relatedness", "TECH~FINANCE=HIGH",
                "matching.recipients.min-score", "70",
                "matching.recipients.max-count", "500",
                "matching.cache.ttl", "PT2M"));
        assertEquals(25, s.relatedness().points(Industry.FINANCE, Industry.TECH));
        assertEquals(0, s.relatedness().points(Industry.FINANCE, Industry.PRIVATE_CAPITAL));
        assertEquals(70, s.recipientMinScore());
        assertEquals(500, s.recipientMaxCount());
        assertEquals(Duration.ofMinutes(2), s.cacheTtl());
        assertEquals(Duration.ofSeconds(90), read(Map.of("matching.cache.ttl", "90")).cacheTtl());
    }

    @Test
    void a_bad_value_is_refused_naming_the_key() {
        assertRefused(Map.of("matching.recipients.min-score", "101"), "'matching.recipients.min-score'",
                "101 is outside 0..100");
        assertRefused(Map.of("matching.recipients.max-count", "lots"), "'matching.recipients.max-count'",
                "'lots' is not a whole number");
        assertRefused(Map.of("matching.relatedness", "TECH~TECH=LOW"), "'matching.relatedness'",
                "relatedness entry 1 \"TECH~TECH=LOW\": an industry cannot be related to itself");
        assertRefused(Map.of("matching.cache.ttl", "five minutes"), "'matching.cache.ttl'", "is not a duration");
        assertRefused(Map.of("matching.recipients.radius-km", "30000"), "'matching.recipients.radius-km'",
                "is outside");
    }

    @Test
    void an_unknown_matching_key_is_refused_so_typos_do_not_pass_silently() {
        assertRefused(Map.of("matching.recipient.min-score", "70"), "'matching.recipient.min-score'",
                "unknown matching setting");
    }

    @Test
    void every_bad_key_is_named_in_one_message() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> read(Map.of(
                "matching.recipients.min-score", "101", "matching.cache.ttl", "soon", "matching.typo", "1")));
        assertTrue(e.getMessage().startsWith("3 configuration keys cannot be used"), e.getMessage());
        for (String key : new String[] {"matching.recipients.min-score", "matching.cache.ttl", "matching.typo"}) {
            assertTrue(e.getMessage().contains("'" + key + "'"), e.getMessage());
        }
    }

    /** What start-up does: read through a collecting reader, then refuse what it noted. */
    private static MatchingSettings read(Map<String, String> config) {
        SettingsReader in = SettingsReader.of(config);
        MatchingSettings settings = MatchingSettings.read(in);
        in.throwIfRefused();
        return settings;
    }

    private static void assertRefused(Map<String, String> config, String key, String why) {
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> read(config));
        assertTrue(e.getMessage().contains(key), e.getMessage());
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }
}
