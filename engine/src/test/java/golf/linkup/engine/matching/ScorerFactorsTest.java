package golf.linkup.engine.matching;

import golf.linkup.engine.domain.GeoPoint;
import golf.linkup.engine.domain.Industry;
import golf.linkup.engine.domain.SkillLevel;
import golf.linkup.engine.domain.TeeTimeStatus;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static golf.linkup.engine.matching.Fixtures.NOW_MILLIS;
import static golf.linkup.engine.matching.Fixtures.PEBBLE_BEACH;
import static golf.linkup.engine.matching.Fixtures.aTeeTime;
import static golf.linkup.engine.matching.Fixtures.aUser;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every factor at and around each boundary, through both score() and explain(). */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ScorerFactorsTest {

    private final Scorer scorer = new Scorer(RelatednessMap.DEFAULT);

    private ScoreExplanation explain(ScoringUser u, ScoringTeeTime t) {
        ScoreExplanation e = scorer.explain(u, t, NOW_MILLIS, false);
        assertEquals(scorer.score(u, t, NOW_MILLIS, false), e.scoreOrIneligible(), "score() and explain() agree");
        return e;
    }

    private int points(Factor factor, ScoringUser u, ScoringTeeTime t) {
        return explain(u, t).points(factor);
    }

    // ---------------------------------------------------------------- INDUSTRY

    @ParameterizedTest(name = "a {0} user gets {3} INDUSTRY points for a {1} tee time (open to all: {2})")
    @CsvSource({
            "FINANCE, FINANCE, false, 30, exact industry match (FINANCE)",
            "FINANCE, FINANCE, true, 30, exact industry match (FINANCE)",
            "PRIVATE_CAPITAL, FINANCE, false, 25, 'related industry, high (yours PRIVATE_CAPITAL, tee time''s FINANCE)'",
            "FINANCE, PRIVATE_CAPITAL, false, 25, 'related industry, high (yours FINANCE, tee time''s PRIVATE_CAPITAL)'",
            "CONSULTING, FINANCE, false, 20, 'related industry, medium (yours CONSULTING, tee time''s FINANCE)'",
            "TECH, CONSULTING, false, 20, 'related industry, medium (yours TECH, tee time''s CONSULTING)'",
            "REAL_ESTATE, PRIVATE_CAPITAL, false, 20, 'related industry, medium (yours REAL_ESTATE, tee time''s PRIVATE_CAPITAL)'",
            "LEGAL, FINANCE, false, 20, 'related industry, medium (yours LEGAL, tee time''s FINANCE)'",
            "REAL_ESTATE, LEGAL, false, 20, 'related industry, medium (yours REAL_ESTATE, tee time''s LEGAL)'",
            "EDUCATION, HEALTHCARE, false, 15, 'related industry, low (yours EDUCATION, tee time''s HEALTHCARE)'",
            "TECH, MEDIA_ENTERTAINMENT, false, 15, 'related industry, low (yours TECH, tee time''s MEDIA_ENTERTAINMENT)'",
            "EDUCATION, HEALTHCARE, true, 15, 'related industry, low (yours EDUCATION, tee time''s HEALTHCARE)'",
            "HEALTHCARE, FINANCE, true, 10, 'open to all industries (tee time''s FINANCE, yours HEALTHCARE)'",
            "HEALTHCARE, FINANCE, false, 0, 'industry mismatch (tee time reserved for FINANCE, yours HEALTHCARE)'",
            "TECH, FINANCE, false, 0, 'industry mismatch (tee time reserved for FINANCE, yours TECH)'",
    })
    void industry_points_follow_exact_match_then_relatedness_then_openness(
            Industry user, Industry teeTime, boolean openToAll, int expected, String reason) {
        ScoreExplanation e = explain(aUser().industry(user).build(),
                aTeeTime().industry(teeTime).openToAll(openToAll).build());
        assertEquals(expected, e.points(Factor.INDUSTRY));
        assertEquals(reason, e.reason(Factor.INDUSTRY));
    }

    @Test
    void industry_points_come_from_the_configured_relatedness_map() {
        Scorer custom = new Scorer(RelatednessMap.parse("HEALTHCARE~FINANCE=HIGH"));
        ScoringUser u = aUser().industry(Industry.HEALTHCARE).build();
        assertEquals(25, custom.explain(u, aTeeTime().build(), NOW_MILLIS, false).points(Factor.INDUSTRY));
        assertEquals(0, custom.explain(aUser().industry(Industry.PRIVATE_CAPITAL).build(), aTeeTime().build(),
                NOW_MILLIS, false).points(Factor.INDUSTRY));
    }

    // ---------------------------------------------------------------- PROXIMITY

    @ParameterizedTest(name = "exactly {0} km gives {1} points, a hair over gives {2}")
    @CsvSource({"25, 20, 15", "50, 15, 10", "100, 10, 5", "250, 5, 2"})
    void proximity_boundaries_are_inclusive_to_the_last_representable_point(double km, int at, int over) {
        GeoPoint[] boundary = Fixtures.boundaryNorthOf(PEBBLE_BEACH, km);
        assertTrue(PEBBLE_BEACH.distanceKm(boundary[0]) <= km);
        assertTrue(PEBBLE_BEACH.distanceKm(boundary[1]) > km);
        ScoringUser user = aUser().city("Elsewhere").at(PEBBLE_BEACH).build();
        assertEquals(at, points(Factor.PROXIMITY, user, aTeeTime().at(boundary[0]).build()));
        assertEquals(over, points(Factor.PROXIMITY, user, aTeeTime().at(boundary[1]).build()));
    }

    @ParameterizedTest(name = "{0} km from the course gives {1} points")
    @CsvSource({"0, 20", "10, 20", "24.999, 20", "25.001, 15", "49.999, 15", "50.001, 10", "99.999, 10",
            "100.001, 5", "249.999, 5", "250.001, 2", "5000, 2"})
    void proximity_points_by_distance_when_cities_differ(double km, int expected) {
        GeoPoint course = new GeoPoint(PEBBLE_BEACH.lat() + km / 111.19492664455873, PEBBLE_BEACH.lng());
        ScoringUser user = aUser().city("Carmel").build();
        assertEquals(expected, points(Factor.PROXIMITY, user, aTeeTime().at(course).build()));
    }

    @Test
    void the_same_city_within_50_km_gives_25_points_even_beyond_25_km() {
        GeoPoint[] at50 = Fixtures.boundaryNorthOf(PEBBLE_BEACH, 50);
        ScoringUser user = aUser().city("Pebble Beach").build();
        ScoreExplanation e = explain(user, aTeeTime().courseCity("PEBBLE  beach").at(at50[0]).build());
        assertEquals(25, e.points(Factor.PROXIMITY));
        assertEquals("same city (PEBBLE  beach), 50.0 km from the course", e.reason(Factor.PROXIMITY));
        assertEquals(10, points(Factor.PROXIMITY, user, aTeeTime().courseCity("Pebble Beach").at(at50[1]).build()));
    }

    @Test
    void city_names_are_compared_ignoring_case_accents_and_punctuation() {
        ScoringUser user = aUser().city("Saint-Étienne").at(45.43, 4.39).build();
        assertEquals(25, points(Factor.PROXIMITY, user, aTeeTime().courseCity("saint etienne").at(45.45, 4.40).build()));
        assertEquals(20, points(Factor.PROXIMITY, user, aTeeTime().courseCity("Lyon").at(45.45, 4.40).build()));
    }

    @Test
    void portland_oregon_is_not_the_same_city_as_portland_maine() {
        ScoringUser oregon = aUser().city("Portland").at(45.5152, -122.6784).build();
        ScoreExplanation e = explain(oregon, aTeeTime().courseCity("Portland").at(43.6591, -70.2568).build());
        assertEquals(2, e.points(Factor.PROXIMITY));
        assertTrue(e.reason(Factor.PROXIMITY).endsWith("km from the course"), e.reason(Factor.PROXIMITY));
    }

    @Test
    void a_user_without_a_location_gets_2_proximity_points_as_location_unknown() {
        ScoringUser user = aUser().city("Pebble Beach").at(null).build();
        ScoreExplanation e = explain(user, aTeeTime().build());
        assertEquals(2, e.points(Factor.PROXIMITY));
        assertEquals("location unknown", e.reason(Factor.PROXIMITY));
    }

    @Test
    void the_proximity_reason_gives_the_distance_to_one_decimal() {
        GeoPoint course = new GeoPoint(PEBBLE_BEACH.lat() + 18.4 / 111.19492664455873, PEBBLE_BEACH.lng());
        ScoreExplanation e = explain(aUser().city("Carmel").build(), aTeeTime().at(course).build());
        assertEquals("18.4 km from the course", e.reason(Factor.PROXIMITY));
    }

    @Test
    void proximity_works_across_the_antimeridian() {
        ScoringUser user = aUser().city("A").at(-16.5, 179.95).build();
        assertEquals(20, points(Factor.PROXIMITY, user, aTeeTime().at(-16.5, -179.95).build()));
    }

    // ---------------------------------------------------------------- SKILL

    @ParameterizedTest(name = "a {0} user and a {1} tee time give {2} SKILL points")
    @CsvSource({
            "BEGINNER, BEGINNER, 15", "INTERMEDIATE, INTERMEDIATE, 15", "ADVANCED, ADVANCED, 15",
            "BEGINNER, INTERMEDIATE, 10", "INTERMEDIATE, BEGINNER, 10",
            "INTERMEDIATE, ADVANCED, 10", "ADVANCED, INTERMEDIATE, 10",
            "BEGINNER, ADVANCED, 3", "ADVANCED, BEGINNER, 3",
            "BEGINNER, ANY, 12", "INTERMEDIATE, ANY, 12", "ADVANCED, ANY, 12",
            "ANY, ADVANCED, 12", "ANY, ANY, 12",
    })
    void skill_points_for_every_combination(SkillLevel user, SkillLevel teeTime, int expected) {
        assertEquals(expected, points(Factor.SKILL, aUser().skill(user).build(), aTeeTime().skill(teeTime).build()));
    }

    @Test
    void skill_reasons_name_both_levels() {
        ScoreExplanation e = explain(aUser().skill(SkillLevel.BEGINNER).build(), aTeeTime().skill(SkillLevel.ADVANCED).build());
        assertEquals("skill levels two apart (yours BEGINNER, tee time ADVANCED)", e.reason(Factor.SKILL));
        assertEquals("tee time open to any skill level",
                explain(aUser().build(), aTeeTime().skill(SkillLevel.ANY).build()).reason(Factor.SKILL));
    }

    // ---------------------------------------------------------------- TIME

    @ParameterizedTest(name = "starting in {0} gives {1} TIME points")
    @CsvSource({
            "PT0.001S, 15", "PT1H, 15", "PT48H, 15", "PT48H0.001S, 12", "PT48H1S, 12",
            "P7D, 12", "P7DT1S, 8", "P14D, 8", "P14DT1S, 4", "P30D, 4", "P30DT1S, 0", "P90D, 0",
    })
    void time_points_by_how_soon_the_tee_time_starts(Duration untilStart, int expected) {
        ScoreExplanation e = explain(aUser().build(), aTeeTime().startsIn(untilStart).build());
        assertTrue(e.eligible());
        assertEquals(expected, e.points(Factor.TIME));
    }

    @ParameterizedTest(name = "a tee time that started {0} ago is never recommended")
    @CsvSource({"PT0S", "PT0.001S", "PT1S", "P1D"})
    void tee_times_that_have_started_are_ineligible(Duration ago) {
        ScoringTeeTime t = aTeeTime().startsIn(ago.negated()).build();
        ScoreExplanation e = explain(aUser().build(), t);
        assertFalse(e.eligible());
        assertEquals("tee time has started", e.ineligibility());
        assertEquals(0, e.points(Factor.TIME));
        assertEquals(Scorer.INELIGIBLE, scorer.score(aUser().build(), t, NOW_MILLIS, true));
    }

    @Test
    void time_reasons_say_how_soon() {
        assertEquals("starts in 36.0 hours",
                explain(aUser().build(), aTeeTime().startsIn(Duration.ofHours(36)).build()).reason(Factor.TIME));
        assertEquals("starts in 5.5 days",
                explain(aUser().build(), aTeeTime().startsIn(Duration.ofHours(132)).build()).reason(Factor.TIME));
    }

    // ---------------------------------------------------------------- AVAILABILITY

    @ParameterizedTest(name = "{0} open slots give {1} AVAILABILITY points")
    @CsvSource({"7, 10, 7 open slots", "3, 10, 3 open slots", "2, 7, 2 open slots", "1, 4, 1 open slot"})
    void availability_points_by_open_slots(int open, int expected, String reason) {
        ScoreExplanation e = explain(aUser().build(), aTeeTime().openSlots(open).build());
        assertEquals(expected, e.points(Factor.AVAILABILITY));
        assertEquals(reason, e.reason(Factor.AVAILABILITY));
    }

    @Test
    void a_tee_time_with_no_open_slot_is_never_recommended() {
        ScoreExplanation e = explain(aUser().build(), aTeeTime().openSlots(0).build());
        assertFalse(e.eligible());
        assertEquals("tee time is full", e.ineligibility());
        assertEquals(0, e.points(Factor.AVAILABILITY));
    }

    // ---------------------------------------------------------------- SOCIAL

    @ParameterizedTest(name = "linked {0}, host rated {1} with {2} completed tee times: {3} SOCIAL points")
    @CsvSource({
            "true, 0.0, 0, 5", "true, 5.0, 10, 5", "true, 3.0, 10, 5",
            "false, 4.5, 10, 3", "false, 5.0, 0, 3", "false, 4.49, 10, 0", "false, 4.49, 0, 2",
            "false, 0.0, 0, 2", "false, 4.0, 1, 0",
    })
    void social_points_prefer_a_link_then_a_high_rating_then_a_new_host(boolean linked, double rating, int completed, int expected) {
        ScoringUser u = aUser().build();
        ScoringTeeTime t = aTeeTime().hostRating(rating).hostCompleted(completed).build();
        ScoreExplanation e = scorer.explain(u, t, NOW_MILLIS, linked);
        assertEquals(expected, e.points(Factor.SOCIAL));
        assertEquals(e.total(), scorer.score(u, t, NOW_MILLIS, linked));
    }

    @Test
    void social_links_come_from_the_graph_connected_or_sharing_a_connection() {
        InMemorySocialGraph graph = InMemorySocialGraph.of(java.util.List.of(
                new String[] {"u1", "friend"}, new String[] {"friend", "host"}));
        ScoringUser u = aUser().build();
        ScoringTeeTime t = aTeeTime().hostRating(0).hostCompleted(5).build();
        ScoreExplanation e = scorer.explain(u, t, java.time.Clock.fixed(Fixtures.NOW, java.time.ZoneOffset.UTC), graph);
        assertEquals(5, e.points(Factor.SOCIAL));
        assertEquals("you and the host are connected or share a connection", e.reason(Factor.SOCIAL));
        assertEquals(e.total(), scorer.score(u, t, NOW_MILLIS, graph));
    }

    // ---------------------------------------------------------------- eligibility and totals

    @ParameterizedTest(name = "a {0} tee time is never recommended")
    @CsvSource({"FULL", "CANCELLED", "COMPLETED", "ARCHIVED"})
    void only_open_tee_times_are_eligible(TeeTimeStatus status) {
        ScoreExplanation e = explain(aUser().build(), aTeeTime().status(status).build());
        assertFalse(e.eligible());
        assertEquals("tee time is " + status, e.ineligibility());
    }

    @Test
    void a_host_is_never_recommended_their_own_tee_time() {
        ScoreExplanation e = explain(aUser().id("host").build(), aTeeTime().host("host").build());
        assertFalse(e.eligible());
        assertEquals("you are the host", e.ineligibility());
    }

    @Test
    void a_player_is_never_recommended_a_tee_time_they_already_play_in() {
        ScoreExplanation e = explain(aUser().id("p2").build(), aTeeTime().players("host", "p2").build());
        assertFalse(e.eligible());
        assertEquals("you already play in this tee time", e.ineligibility());
        assertTrue(explain(aUser().id("p3").build(), aTeeTime().players("host", "p2").build()).eligible());
    }

    @Test
    void a_perfect_pair_scores_100_and_lists_six_reasons() {
        ScoringUser u = aUser().build();
        ScoringTeeTime t = aTeeTime().startsIn(Duration.ofHours(20)).build();
        ScoreExplanation e = scorer.explain(u, t, NOW_MILLIS, true);
        assertEquals(100, e.total());
        assertEquals(100, scorer.score(u, t, NOW_MILLIS, true));
        assertEquals(java.util.List.of("exact industry match (FINANCE)",
                "same city (Pebble Beach), 0.0 km from the course",
                "same skill level (INTERMEDIATE)",
                "starts in 20.0 hours",
                "3 open slots",
                "you and the host are connected or share a connection"),
                e.factors().stream().map(FactorScore::reason).toList());
    }

    @Test
    void the_worst_eligible_pair_scores_2() {
        ScoringUser u = aUser().industry(Industry.HEALTHCARE).skill(SkillLevel.BEGINNER).at(-33.9, 151.2).build();
        ScoringTeeTime t = aTeeTime().skill(SkillLevel.ADVANCED).startsIn(Duration.ofDays(60)).openSlots(1)
                .hostRating(1).hostCompleted(9).build();
        assertEquals(0 + 2 + 3 + 0 + 4 + 0, scorer.score(u, t, NOW_MILLIS, false));
    }
}
