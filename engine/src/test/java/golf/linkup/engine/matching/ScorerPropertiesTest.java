package golf.linkup.engine.matching;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Properties over 10,000 seeded random (user, tee time, now, link) cases. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ScorerPropertiesTest {

    private static final int CASES = 10_000;
    private final RandomWorld world = new RandomWorld(42, 2_000, 2_000, 30);
    private final Scorer scorer = new Scorer(RelatednessMap.DEFAULT);

    @Test
    void every_score_is_ineligible_or_within_0_to_100_and_equals_its_explanation() {
        Random random = new Random(7);
        int eligible = 0;
        for (int i = 0; i < CASES; i++) {
            ScoringUser u = world.scoringUsers.get(random.nextInt(world.scoringUsers.size()));
            ScoringTeeTime t = world.teeTimes.get(random.nextInt(world.teeTimes.size()));
            long now = Fixtures.NOW_MILLIS + random.nextInt(3) * 86_400_000L;
            boolean link = random.nextBoolean();
            int score = scorer.score(u, t, now, link);
            ScoreExplanation e = scorer.explain(u, t, now, link);  // the record checks total == sum of factors
            String pair = u + " / " + t;
            assertTrue(score == Scorer.INELIGIBLE || (score >= 0 && score <= 100), pair);
            assertEquals(score, e.scoreOrIneligible(), pair);
            assertEquals(e.factors().stream().mapToInt(FactorScore::points).sum(), e.total(), pair);
            if (score >= 0) {
                eligible++;
                assertEquals(score, scorer.scoreBeforeSocial(u, t, now) + Scorer.socialPoints(t, link), pair);
            }
        }
        assertTrue(eligible > CASES / 2, "the random data exercises eligible pairs: " + eligible);
    }

    @Test
    void scoring_with_the_graph_equals_scoring_with_the_graphs_answer() {
        Random random = new Random(8);
        int linked = 0;
        for (int i = 0; i < CASES; i++) {
            ScoringUser u = world.randomUser();
            ScoringTeeTime t = world.randomTeeTime();
            boolean link = world.graph.connectedOrShareConnection(u.id(), t.hostId());
            linked += link ? 1 : 0;
            assertEquals(scorer.score(u, t, Fixtures.NOW_MILLIS, link), scorer.score(u, t, Fixtures.NOW_MILLIS, world.graph));
            assertEquals(link, world.graph.circleOf(u.id()).contains(t.hostId()));
            assertEquals(link, world.graph.circleOf(t.hostId()).contains(u.id()), "the relation is symmetric");
        }
        assertTrue(linked > 0, "the random graph links some pairs");
    }

    @Test
    void proximity_agrees_with_the_reference_distance_for_random_positions() {
        Random random = new Random(9);
        for (int i = 0; i < CASES; i++) {
            ScoringUser u = world.randomUser();
            ScoringTeeTime t = world.randomTeeTime();
            if (!u.located()) {
                continue;
            }
            double km = u.location().distanceKm(new golf.linkup.engine.domain.GeoPoint(t.courseLat(), t.courseLng()));
            int expected = km <= 25 ? 20 : km <= 50 ? 15 : km <= 100 ? 10 : km <= 250 ? 5 : 2;
            boolean sameCity = km <= 50 && CityNames.normalize(u.city()) != null
                    && CityNames.normalize(u.city()).equals(CityNames.normalize(t.courseCity()));
            assertEquals(sameCity ? 25 : expected, Scorer.proximityPoints(u, t), u + " / " + t + " at " + km + " km");
        }
    }
}
