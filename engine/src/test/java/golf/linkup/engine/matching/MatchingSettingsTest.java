package golf.linkup.engine.matching;

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
        assertEquals(MatchingSettings.DEFAULTS, MatchingSettings.from(Map.of("other.key", "x")));
        assertEquals(60, MatchingSettings.DEFAULTS.recipientMinScore());
        assertEquals(100, MatchingSettings.DEFAULTS.recipientRadiusKm());
        assertEquals(50, MatchingSettings.DEFAULTS.recommendationLimit());
        assertEquals(Duration.ofMinutes(5), MatchingSettings.DEFAULTS.cacheTtl());
    }

    @Test
    void operators_override_the_relatedness_map_and_the_limits_without_a_rebuild() {
        MatchingSettings s = MatchingSettings.from(Map.of(
                "matching.relatedness", "TECH~FINANCE=HIGH",
                "matching.recipients.min-score", "70",
                "matching.recipients.max-count", "500",
                "matching.cache.ttl", "PT2M"));
        assertEquals(25, s.relatedness().points(Industry.FINANCE, Industry.TECH));
        assertEquals(0, s.relatedness().points(Industry.FINANCE, Industry.PRIVATE_CAPITAL));
        assertEquals(70, s.recipientMinScore());
        assertEquals(500, s.recipientMaxCount());
        assertEquals(Duration.ofMinutes(2), s.cacheTtl());
        assertEquals(Duration.ofSeconds(90), MatchingSettings.from(Map.of("matching.cache.ttl", "90")).cacheTtl());
    }

    @Test
    void a_bad_value_is_refused_naming_the_key() {
        assertMessage("matching.recipients.min-score must be between 0 and 100, got 101",
                Map.of("matching.recipients.min-score", "101"));
        assertMessage("matching.recipients.max-count is not a whole number: \"lots\"",
                Map.of("matching.recipients.max-count", "lots"));
        assertMessage("matching.relatedness: relatedness entry 1 \"TECH~TECH=LOW\": an industry cannot be related to itself",
                Map.of("matching.relatedness", "TECH~TECH=LOW"));
        assertMessage("matching.cache.ttl is not a duration", Map.of("matching.cache.ttl", "five minutes"));
    }

    @Test
    void an_unknown_matching_key_is_refused_so_typos_do_not_pass_silently() {
        assertMessage("unknown matching setting(s) [matching.recipient.min-score]",
                Map.of("matching.recipient.min-score", "70"));
    }

    private static void assertMessage(String start, Map<String, String> config) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MatchingSettings.from(config));
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
    }
}
