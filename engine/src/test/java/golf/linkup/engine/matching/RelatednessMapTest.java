package golf.linkup.engine.matching;

import golf.linkup.engine.domain.Industry;
import golf.linkup.engine.matching.RelatednessMap.Strength;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.EnumSet;
import java.util.Optional;

import static golf.linkup.engine.domain.Industry.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RelatednessMapTest {

    @ParameterizedTest(name = "{0} and {1} are related, {2}")
    @CsvSource({
            "FINANCE, PRIVATE_CAPITAL, HIGH", "FINANCE, CONSULTING, MEDIUM", "TECH, CONSULTING, MEDIUM",
            "PRIVATE_CAPITAL, REAL_ESTATE, MEDIUM", "LEGAL, FINANCE, MEDIUM", "LEGAL, REAL_ESTATE, MEDIUM",
            "HEALTHCARE, EDUCATION, LOW", "MEDIA_ENTERTAINMENT, TECH, LOW",
    })
    void the_default_map_is_the_seeds_map_both_ways(Industry a, Industry b, Strength strength) {
        assertEquals(Optional.of(strength), RelatednessMap.DEFAULT.strength(a, b));
        assertEquals(Optional.of(strength), RelatednessMap.DEFAULT.strength(b, a));
    }

    @Test
    void the_default_map_relates_nothing_else() {
        int pairs = 0;
        for (Industry a : Industry.values()) {
            for (Industry b : Industry.values()) {
                if (RelatednessMap.DEFAULT.strength(a, b).isPresent()) {
                    pairs++;
                }
            }
        }
        assertEquals(16, pairs, "eight pairs, each both ways");
        assertEquals(EnumSet.of(PRIVATE_CAPITAL, CONSULTING, LEGAL), RelatednessMap.DEFAULT.relatedTo(FINANCE));
    }

    @Test
    void relatedness_is_symmetric_for_every_pair_of_any_parsed_map() {
        RelatednessMap map = RelatednessMap.parse("tech~finance=low; HEALTHCARE ~ LEGAL = high\nEDUCATION~MEDIA_ENTERTAINMENT=Medium");
        for (Industry a : Industry.values()) {
            for (Industry b : Industry.values()) {
                assertEquals(map.strength(a, b), map.strength(b, a), a + "~" + b);
                assertEquals(map.points(a, b), map.points(b, a));
            }
            assertTrue(map.strength(a, a).isEmpty(), "no industry is related to itself");
        }
        assertEquals(15, map.points(FINANCE, TECH));
        assertEquals(25, map.points(LEGAL, HEALTHCARE));
        assertEquals(20, map.points(MEDIA_ENTERTAINMENT, EDUCATION));
    }

    @Test
    void the_text_form_round_trips() {
        assertEquals(RelatednessMap.DEFAULT, RelatednessMap.parse(RelatednessMap.DEFAULT.toSpec()));
        assertEquals(RelatednessMap.NONE, RelatednessMap.parse("  , ,"));
    }

    @ParameterizedTest(name = "\"{0}\" is refused: {1}")
    @CsvSource(delimiter = '|', value = {
            "FINANCE~BANKING=HIGH | relatedness entry 1 \"FINANCE~BANKING=HIGH\": unknown industry \"BANKING\"",
            "FINANCE~TECH=LOW, FINANCE~LEGAL=STRONG | relatedness entry 2 \"FINANCE~LEGAL=STRONG\": unknown strength \"STRONG\"",
            "FINANCE~FINANCE=HIGH | relatedness entry 1 \"FINANCE~FINANCE=HIGH\": an industry cannot be related to itself",
            "FINANCE~TECH=LOW, TECH~FINANCE=HIGH | relatedness entry 2 \"TECH~FINANCE=HIGH\": the pair TECH~FINANCE is listed twice",
            "FINANCE-TECH=LOW | relatedness entry 1 \"FINANCE-TECH=LOW\": expected INDUSTRY~INDUSTRY=HIGH|MEDIUM|LOW",
            "FINANCE~TECH | relatedness entry 1 \"FINANCE~TECH\": expected",
    })
    void mistakes_are_refused_with_a_message_naming_the_entry(String spec, String messageStart) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RelatednessMap.parse(spec));
        assertTrue(e.getMessage().startsWith(messageStart.trim()), e.getMessage());
    }
}
