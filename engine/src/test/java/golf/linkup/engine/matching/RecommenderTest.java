package golf.linkup.engine.matching;

import golf.linkup.engine.domain.GeoPoint;
import golf.linkup.engine.domain.Industry;
import golf.linkup.engine.domain.TeeTimeStatus;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import static golf.linkup.engine.matching.Fixtures.aTeeTime;
import static golf.linkup.engine.matching.Fixtures.aUser;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RecommenderTest {

    private final Clock clock = Clock.fixed(Fixtures.NOW, ZoneOffset.UTC);
    private final Scorer scorer = new Scorer(RelatednessMap.DEFAULT);

    private static List<Recommendation> bruteForce(Scorer scorer, RandomWorld world, List<ScoringTeeTime> teeTimes,
                                                   ScoringUser u, int n) {
        return teeTimes.stream()
                .map(t -> new Recommendation(t.id(), scorer.score(u, t, Fixtures.NOW_MILLIS, world.graph)))
                .filter(r -> r.score() >= 0)
                .sorted(RandomWorld.TEE_TIME_ORDER)
                .limit(n)
                .toList();
    }

    @Test
    void the_top_n_is_the_brute_force_top_n_in_the_same_order() {
        RandomWorld world = new RandomWorld(31, 5_000, 20_000, 40);
        TeeTimeIndex teeTimes = new TeeTimeIndex();
        teeTimes.upsertAll(world.teeTimes);
        Recommender recommender = new Recommender(scorer, teeTimes, new UserSpatialIndex(), world.graph, clock,
                MatchingSettings.DEFAULTS);
        Random random = new Random(32);
        for (int i = 0; i < 150; i++) {
            ScoringUser u = world.randomUser();
            int n = new int[] {0, 1, 7, 50, 50, 50, 30_000}[random.nextInt(7)];
            assertEquals(bruteForce(scorer, world, world.teeTimes, u, n), recommender.recommend(u, n), u.toString());
        }
        ScoringUser u = world.randomUser();
        assertEquals(bruteForce(scorer, world, world.teeTimes, u, 50), recommender.recommend(u), "the default N is 50");
    }

    @Test
    void the_top_n_follows_updates_and_removals() {
        RandomWorld world = new RandomWorld(33, 2_000, 3_000, 10);
        TeeTimeIndex teeTimes = new TeeTimeIndex();
        world.teeTimes.forEach(teeTimes::upsert);
        Recommender recommender = new Recommender(scorer, teeTimes, new UserSpatialIndex(), world.graph, clock,
                MatchingSettings.DEFAULTS);
        for (int i = 0; i < 500; i++) {
            ScoringTeeTime changed = world.teeTime("tt-" + String.format("%05d", world.random().nextInt(3_000)));
            teeTimes.upsert(changed);
        }
        for (int i = 0; i < 300; i++) {
            teeTimes.remove("tt-" + String.format("%05d", world.random().nextInt(3_000)));
        }
        List<ScoringTeeTime> current = teeTimes.all();
        for (int i = 0; i < 50; i++) {
            ScoringUser u = world.randomUser();
            assertEquals(bruteForce(scorer, world, current, u, 50), recommender.recommend(u, 50));
        }
    }

    @Test
    void suggested_players_are_the_related_audience_within_250_km_ranked_by_score() {
        RandomWorld world = new RandomWorld(34, 20_000, 200, 20);
        UserSpatialIndex users = new UserSpatialIndex();
        users.upsertAll(world.scoringUsers);
        Recommender recommender = new Recommender(scorer, new TeeTimeIndex(), users, world.graph, clock, MatchingSettings.DEFAULTS);
        int nonEmpty = 0;
        for (ScoringTeeTime t : world.teeTimes) {
            Set<Industry> audience = t.openToAll() ? Set.of(Industry.values())
                    : union(t.industry(), RelatednessMap.DEFAULT.relatedTo(t.industry()));
            GeoPoint course = new GeoPoint(t.courseLat(), t.courseLng());
            List<ScoredUser> expected = world.scoringUsers.stream()
                    .filter(u -> u.located() && audience.contains(u.industry()) && u.location().distanceKm(course) <= 250)
                    .map(u -> new ScoredUser(u.id(), scorer.score(u, t, Fixtures.NOW_MILLIS, world.graph)))
                    .filter(s -> s.score() >= 0)
                    .sorted(RandomWorld.USER_ORDER)
                    .limit(20)
                    .toList();
            assertEquals(expected, recommender.suggestPlayers(t), t.toString());
            nonEmpty += expected.isEmpty() ? 0 : 1;
        }
        assertTrue(nonEmpty > 50, "suggestions were found: " + nonEmpty);
    }

    private static Set<Industry> union(Industry one, Set<Industry> more) {
        Set<Industry> all = new java.util.HashSet<>(more);
        all.add(one);
        return all;
    }

    @Test
    void a_cached_list_is_served_until_invalidated() {
        TeeTimeIndex teeTimes = new TeeTimeIndex();
        teeTimes.upsert(aTeeTime().id("t1").build());
        UserSpatialIndex users = new UserSpatialIndex();
        users.upsert(aUser().build());
        Recommender recommender = new Recommender(scorer, teeTimes, users, SocialGraph.EMPTY, clock,
                MatchingSettings.DEFAULTS);
        InMemoryRecommendationCache cache = new InMemoryRecommendationCache(clock, Duration.ofMinutes(5));
        ScoringUser u = aUser().build();
        List<Recommendation> first = recommender.recommendCached(u, cache);
        assertEquals(List.of("t1"), first.stream().map(Recommendation::teeTimeId).toList());
        ScoringTeeTime t2 = aTeeTime().id("t2").build();
        teeTimes.upsert(t2);
        assertEquals(first, recommender.recommendCached(u, cache), "a hit does not rescan (t2 is not seen)");
        cache.invalidate(recommender.impactOf(null, t2));
        assertEquals(List.of("t1", "t2"), recommender.recommendCached(u, cache).stream().map(Recommendation::teeTimeId).toList());
    }

    // ---------------------------------------------------------------- impactOf

    private Recommender impactRecommender() {
        UserSpatialIndex users = new UserSpatialIndex();
        users.upsert(aUser().id("peer").build());
        users.upsert(aUser().id("related").industry(Industry.LEGAL).build());
        users.upsert(aUser().id("unrelated").industry(Industry.HEALTHCARE).build());
        users.upsert(aUser().id("far-peer").at(40.7, -74.0).build());
        users.upsert(aUser().id("near-peer").at(37.77, -121.4).build()); // ~120 km
        users.upsert(aUser().id("host").build());
        users.upsert(aUser().id("player").build());
        return new Recommender(scorer, new TeeTimeIndex(), users, SocialGraph.EMPTY, clock, MatchingSettings.DEFAULTS);
    }

    /** The impact's users as a set, checking each is listed once. */
    private static Set<String> usersOf(TeeTimeImpact impact) {
        Set<String> set = Set.copyOf(impact.usersWhoCouldNowSeeIt());
        assertEquals(impact.usersWhoCouldNowSeeIt().size(), set.size(), "each user once");
        return set;
    }

    @Test
    void a_new_tee_time_affects_its_related_audience_near_the_course_except_its_players() {
        TeeTimeImpact impact = impactRecommender().impactOf(null, aTeeTime().host("host").players("player").build());
        assertEquals("t1", impact.teeTimeId());
        assertEquals(Set.of("peer", "related", "near-peer"), usersOf(impact));
    }

    @Test
    void a_new_tee_time_open_to_all_affects_every_industry_near_the_course() {
        TeeTimeImpact impact = impactRecommender().impactOf(null, aTeeTime().host("host").openToAll(true).build());
        assertEquals(Set.of("peer", "related", "unrelated", "near-peer", "player"), usersOf(impact));
    }

    @Test
    void changes_that_only_lower_scores_affect_only_the_lists_that_contain_the_tee_time() {
        Recommender r = impactRecommender();
        ScoringTeeTime before = aTeeTime().host("host").openSlots(3).build();
        assertEquals(Set.of(), usersOf(r.impactOf(before, aTeeTime().host("host").openSlots(2).players("player").build())), "a slot was taken");
        assertEquals(Set.of(), usersOf(r.impactOf(before, aTeeTime().host("host").openSlots(0).status(TeeTimeStatus.FULL).build())), "it is full");
        assertEquals(Set.of(), usersOf(r.impactOf(before, aTeeTime().host("host").status(TeeTimeStatus.CANCELLED).build())), "it was cancelled");
        assertEquals(Set.of(), usersOf(r.impactOf(before, null)), "it was removed");
    }

    @Test
    void a_freed_slot_affects_the_audience_and_the_player_who_left() {
        Recommender r = impactRecommender();
        ScoringTeeTime before = aTeeTime().host("host").openSlots(1).players("player", "gone-far-away").build();
        ScoringTeeTime after = aTeeTime().host("host").openSlots(3).build();
        assertEquals(Set.of("peer", "related", "near-peer", "player", "gone-far-away"),
                usersOf(r.impactOf(before, after)));
    }

    @Test
    void a_reopened_or_moved_tee_time_affects_the_audience_of_its_new_state() {
        Recommender r = impactRecommender();
        ScoringTeeTime full = aTeeTime().host("host").openSlots(0).status(TeeTimeStatus.FULL).build();
        assertEquals(Set.of("peer", "related", "near-peer", "player"),
                usersOf(r.impactOf(full, aTeeTime().host("host").build())));
        assertEquals(Set.of("far-peer"), usersOf(r.impactOf(aTeeTime().host("host").build(),
                aTeeTime().host("host").at(40.75, -73.9).build())));
    }
}
