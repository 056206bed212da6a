package golf.linkup.engine.matching;

import golf.linkup.engine.domain.GeoPoint;
import golf.linkup.engine.domain.Industry;
import golf.linkup.engine.domain.SkillLevel;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class UserSpatialIndexTest {

    private static ScoringUser user(String id, Industry industry, double lat, double lng) {
        return ScoringUser.of(id, industry, "X", new GeoPoint(lat, lng), SkillLevel.ADVANCED);
    }

    private static Set<String> bruteForce(List<ScoringUser> users, int mask, double lat, double lng, double km) {
        GeoPoint centre = new GeoPoint(lat, lng);
        return users.stream()
                .filter(u -> u.located() && (mask & (1 << u.industry().ordinal())) != 0)
                .filter(u -> u.location().distanceKm(centre) <= km)
                .map(ScoringUser::id)
                .collect(Collectors.toSet());
    }

    @Test
    void a_query_finds_exactly_the_users_a_brute_force_scan_finds() {
        RandomWorld world = new RandomWorld(11, 20_000, 0, 40);
        UserSpatialIndex index = new UserSpatialIndex();
        index.upsertAll(world.scoringUsers);
        Random random = new Random(12);
        double[] radii = {0, 25, 100, 250, 1_000, 5_000, 25_000};
        int found = 0;
        for (int i = 0; i < 300; i++) {
            GeoPoint centre = world.near(i % 3 == 0 ? random.nextInt(3) : random.nextInt(40));
            double km = radii[random.nextInt(radii.length)];
            int mask = random.nextInt(4) == 0 ? UserSpatialIndex.ALL_INDUSTRIES : 1 + random.nextInt(UserSpatialIndex.ALL_INDUSTRIES);
            Set<String> expected = bruteForce(world.scoringUsers, mask, centre.lat(), centre.lng(), km);
            assertEquals(expected, index.idsWithin(mask, centre.lat(), centre.lng(), km), centre + " within " + km);
            found += expected.size();
        }
        assertTrue(found > 10_000, "queries found users: " + found);
    }

    @Test
    void queries_reach_across_the_antimeridian_and_over_the_pole() {
        UserSpatialIndex index = new UserSpatialIndex();
        index.upsert(user("west", Industry.TECH, -17.7, 179.99));
        index.upsert(user("east", Industry.TECH, -17.7, -179.99));
        index.upsert(user("across-the-pole", Industry.TECH, 89.8, -160));
        assertEquals(Set.of("west", "east"), index.idsWithin(UserSpatialIndex.ALL_INDUSTRIES, -17.7, -179.95, 50));
        assertEquals(Set.of("across-the-pole"), index.idsWithin(UserSpatialIndex.ALL_INDUSTRIES, 89.8, 20, 50));
    }

    @Test
    void an_updated_user_is_found_where_they_moved_and_in_their_new_industry_only() {
        UserSpatialIndex index = new UserSpatialIndex();
        index.upsert(user("u", Industry.TECH, 40, -74));
        index.upsert(user("u", Industry.FINANCE, 51.5, -0.12));
        assertEquals(1, index.size());
        assertEquals(Set.of(), index.idsWithin(UserSpatialIndex.ALL_INDUSTRIES, 40, -74, 100));
        assertEquals(Set.of(), index.idsWithin(UserSpatialIndex.mask(Industry.TECH), 51.5, -0.12, 100));
        assertEquals(Set.of("u"), index.idsWithin(UserSpatialIndex.mask(Industry.FINANCE), 51.5, -0.12, 100));
    }

    @Test
    void loading_the_same_user_twice_keeps_the_last_one_once() {
        UserSpatialIndex index = new UserSpatialIndex();
        index.upsert(user("u", Industry.TECH, 40, -74));
        index.upsertAll(List.of(user("u", Industry.TECH, 40.01, -74), user("v", Industry.TECH, 40, -74),
                user("u", Industry.TECH, 40.02, -74)));
        List<String> found = new ArrayList<>();
        index.query(UserSpatialIndex.ALL_INDUSTRIES, 40, -74, 100, new UserSpatialIndex.Visitor() {
            @Override
            public void reset() {
                found.clear();
            }

            @Override
            public void accept(ScoringUser u) {
                found.add(u.id() + "@" + u.location().lat());
            }
        });
        found.sort(null);
        assertEquals(List.of("u@40.02", "v@40.0"), found);
        assertEquals(2, index.size());
    }

    @Test
    void a_removed_user_is_no_longer_found() {
        UserSpatialIndex index = new UserSpatialIndex();
        index.upsert(user("u", Industry.TECH, 40, -74));
        assertTrue(index.remove("u"));
        assertTrue(!index.remove("u"));
        assertNull(index.get("u"));
        assertEquals(Set.of(), index.idsWithin(UserSpatialIndex.ALL_INDUSTRIES, 40, -74, 100));
    }

    @Test
    void a_user_without_a_location_is_held_but_never_found_by_position() {
        UserSpatialIndex index = new UserSpatialIndex();
        ScoringUser nowhere = ScoringUser.of("n", Industry.TECH, "Paris", null, SkillLevel.BEGINNER);
        index.upsert(nowhere);
        assertSame(nowhere, index.get("n"));
        assertEquals(Set.of(), index.idsWithin(UserSpatialIndex.ALL_INDUSTRIES, 0, 0, 25_000));
        index.upsert(user("n", Industry.TECH, 48.85, 2.35));
        assertEquals(Set.of("n"), index.idsWithin(UserSpatialIndex.ALL_INDUSTRIES, 48.85, 2.35, 1));
    }

    @Test
    void a_concurrent_query_sees_a_moving_user_exactly_once_and_a_switching_pair_consistently() throws Exception {
        UserSpatialIndex index = new UserSpatialIndex();
        List<ScoringUser> crowd = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            crowd.add(user("c" + i, Industry.values()[i % 9], 40 + (i % 40) * 0.02, -74 + (i / 40) * 0.02));
        }
        index.upsertAll(crowd);
        // "mover" hops between two cells (and industries) inside the query. "a" and "b" take turns
        // inside it, each move made of two writes ordered so that every state has one or both in
        // range; b's cell is scanned before a's, so a reader mixing two states could see neither.
        ScoringUser moverA = user("mover", Industry.TECH, 40.1, -74.1);
        ScoringUser moverB = user("mover", Industry.FINANCE, 40.6, -73.6);
        ScoringUser aNear = user("a", Industry.LEGAL, 40.8, -74.0);
        ScoringUser bNear = user("b", Industry.LEGAL, 40.05, -74.0);
        index.upsert(moverA);
        index.upsert(aNear);
        index.upsert(user("b", Industry.LEGAL, 10, 10));
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<String> failure = new AtomicReference<>();
        AtomicInteger queries = new AtomicInteger();
        Thread writer = new Thread(() -> {
            for (int i = 0; i < 20_000 && failure.get() == null; i++) {
                index.upsert(i % 2 == 0 ? moverB : moverA);
                if (i % 2 == 0) {
                    index.upsert(bNear);
                    index.upsert(user("a", Industry.LEGAL, 10, 10));
                } else {
                    index.upsert(aNear);
                    index.upsert(user("b", Industry.LEGAL, 10, 10));
                }
            }
            stop.set(true);
        });
        Runnable reader = () -> {
            while (!stop.get()) {
                Map<String, Integer> seen = new HashMap<>();
                index.query(UserSpatialIndex.ALL_INDUSTRIES, 40.35, -73.85, 100, new UserSpatialIndex.Visitor() {
                    @Override
                    public void reset() {
                        seen.clear();
                    }

                    @Override
                    public void accept(ScoringUser u) {
                        seen.merge(u.id(), 1, Integer::sum);
                    }
                });
                queries.incrementAndGet();
                int ab = seen.getOrDefault("a", 0) + seen.getOrDefault("b", 0);
                if (seen.getOrDefault("mover", 0) != 1 || ab < 1 || seen.getOrDefault("a", 0) > 1
                        || seen.getOrDefault("b", 0) > 1 || seen.size() != 2_000 + 1 + ab) {
                    failure.compareAndSet(null, "inconsistent snapshot: mover " + seen.get("mover") + ", a+b " + ab
                            + ", size " + seen.size());
                }
            }
        };
        Thread r1 = new Thread(reader);
        Thread r2 = new Thread(reader);
        r1.start();
        r2.start();
        writer.start();
        writer.join();
        r1.join();
        r2.join();
        assertNull(failure.get(), failure.get());
        assertTrue(queries.get() > 0);
    }
}
