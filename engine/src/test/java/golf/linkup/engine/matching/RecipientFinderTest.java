package golf.linkup.engine.matching;

import golf.linkup.engine.domain.GeoPoint;
import golf.linkup.engine.domain.Industry;
import golf.linkup.engine.domain.TeeTimeStatus;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;

import static golf.linkup.engine.matching.Fixtures.aTeeTime;
import static golf.linkup.engine.matching.Fixtures.aUser;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RecipientFinderTest {

    private final Clock clock = Clock.fixed(Fixtures.NOW, ZoneOffset.UTC);
    private final Scorer scorer = new Scorer(RelatednessMap.DEFAULT);

    /** Every user of the audience within 100 km, scored, best first (ineligible ones score -1). */
    private static List<ScoredUser> bruteForce(RandomWorld world, Scorer scorer, ScoringTeeTime t) {
        GeoPoint course = new GeoPoint(t.courseLat(), t.courseLng());
        return world.scoringUsers.stream()
                .filter(u -> u.located() && (t.openToAll() || u.industry() == t.industry()))
                .filter(u -> u.location().distanceKm(course) <= 100)
                .map(u -> new ScoredUser(u.id(), scorer.score(u, t, Fixtures.NOW_MILLIS, world.graph)))
                .sorted(RandomWorld.USER_ORDER)
                .toList();
    }

    private static List<ScoredUser> keep(List<ScoredUser> ranked, int minScore, int max) {
        return ranked.stream().filter(s -> s.score() >= minScore).limit(max).toList();
    }

    @Test
    void recipients_are_the_brute_force_scans_result_in_the_same_order() {
        RandomWorld world = new RandomWorld(21, 30_000, 400, 25);
        UserSpatialIndex users = new UserSpatialIndex();
        users.upsertAll(world.scoringUsers);
        RecipientFinder finder = new RecipientFinder(scorer, users, world.graph, clock, MatchingSettings.DEFAULTS);
        int nonEmpty = 0;
        int openToAll = 0;
        for (ScoringTeeTime t : world.teeTimes) {
            List<ScoredUser> ranked = bruteForce(world, scorer, t);
            for (int[] limits : new int[][] {{60, 5}, {0, Integer.MAX_VALUE}, {75, 3}, {50, 40}}) {
                List<ScoredUser> expected = keep(ranked, limits[0], limits[1]);
                assertEquals(expected, finder.recipientsOf(t, limits[0], limits[1]), t.toString());
                nonEmpty += expected.isEmpty() ? 0 : 1;
                openToAll += t.openToAll() && !expected.isEmpty() ? 1 : 0;
            }
        }
        assertTrue(nonEmpty > 400, "the random data finds recipients: " + nonEmpty);
        assertTrue(openToAll > 50, "and recipients of open-to-all tee times: " + openToAll);
    }

    @Test
    void the_defaults_keep_the_best_five_scoring_60_or_more() {
        RandomWorld world = new RandomWorld(22, 20_000, 200, 10);
        UserSpatialIndex users = new UserSpatialIndex();
        users.upsertAll(world.scoringUsers);
        RecipientFinder finder = new RecipientFinder(scorer, users, world.graph, clock, MatchingSettings.DEFAULTS);
        for (ScoringTeeTime t : world.teeTimes) {
            assertEquals(keep(bruteForce(world, scorer, t), 60, 5), finder.recipientsOf(t));
        }
    }

    @Test
    void related_industries_the_host_and_players_are_not_recipients_but_everyone_is_when_open_to_all() {
        UserSpatialIndex users = new UserSpatialIndex();
        users.upsert(aUser().id("host").build());
        users.upsert(aUser().id("player").build());
        users.upsert(aUser().id("peer").build());
        users.upsert(aUser().id("related").industry(Industry.PRIVATE_CAPITAL).build());
        users.upsert(aUser().id("far").at(37.8, -122.4).build());
        RecipientFinder finder = new RecipientFinder(scorer, users, SocialGraph.EMPTY, clock, MatchingSettings.DEFAULTS);
        assertEquals(List.of("peer"), ids(finder.recipientsOf(aTeeTime().host("host").players("player").build(), 0, 100)));
        assertEquals(List.of("peer", "related"),
                ids(finder.recipientsOf(aTeeTime().host("host").players("player").openToAll(true).build(), 0, 100)));
    }

    @Test
    void a_tee_time_that_is_not_open_has_no_recipients() {
        UserSpatialIndex users = new UserSpatialIndex();
        users.upsert(aUser().id("peer").build());
        RecipientFinder finder = new RecipientFinder(scorer, users, SocialGraph.EMPTY, clock, MatchingSettings.DEFAULTS);
        assertEquals(List.of("peer"), ids(finder.recipientsOf(aTeeTime().build())));
        assertEquals(List.of(), finder.recipientsOf(aTeeTime().status(TeeTimeStatus.CANCELLED).build()));
        assertEquals(List.of(), finder.recipientsOf(aTeeTime().openSlots(0).build()));
        assertEquals(List.of(), finder.recipientsOf(aTeeTime().startsAt(Fixtures.NOW).build()));
    }

    private static List<String> ids(List<ScoredUser> users) {
        return users.stream().map(ScoredUser::userId).toList();
    }
}
