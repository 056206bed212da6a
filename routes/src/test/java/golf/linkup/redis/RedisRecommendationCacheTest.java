package golf.linkup.redis;

import golf.linkup.engine.matching.Recommendation;
import golf.linkup.engine.matching.RecommendationCache;
import golf.linkup.engine.matching.RecommendationCacheContract;
import golf.linkup.sandbox.EmbeddedRedis;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cache contract on a real Redis, plus what only the Redis implementation can get wrong. */
class RedisRecommendationCacheTest extends RecommendationCacheContract {

    private static EmbeddedRedis redis;
    private static RedisConnections connections;

    /** This test's key prefix: every test has its own keys. */
    private String prefix;

    @BeforeAll
    static void startRedis() {
        redis = EmbeddedRedis.start();
        connections = new RedisConnections(redis.uri());
    }

    @AfterAll
    static void stopRedis() {
        if (connections != null) {
            connections.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Override
    protected RecommendationCache newCache(Clock clock, Duration ttl) {
        prefix = "test:reco:" + UUID.randomUUID() + ":";
        return new RedisRecommendationCache(template(), clock, ttl, prefix);
    }

    private static StringRedisTemplate template() {
        return connections.template();
    }

    private RedisRecommendationCache redisCache() {
        return (RedisRecommendationCache) cache;
    }

    private static List<Recommendation> list(String... teeTimeIds) {
        List<Recommendation> list = new ArrayList<>();
        int score = 90;
        for (String id : teeTimeIds) {
            list.add(new Recommendation(id, score--));
        }
        return list;
    }

    private Set<String> listed(String teeTimeId) {
        return template().opsForSet().members(redisCache().listingKey(teeTimeId));
    }

    @Test
    void entries_and_their_listings_carry_a_redis_expiry_of_the_ttl() {
        cache.put("ann", list("t1", "t2"));
        for (String key : List.of(redisCache().userKey("ann"), redisCache().listingKey("t1"), redisCache().listingKey("t2"))) {
            Long pttl = template().getExpire(key, TimeUnit.MILLISECONDS);
            assertTrue(pttl != null && pttl > 0 && pttl <= TTL.toMillis(), key + " PTTL " + pttl);
        }
    }

    @Test
    void redis_drops_an_entry_when_its_real_time_ttl_has_passed_even_if_the_clock_has_not_moved() {
        var shortLived = new RedisRecommendationCache(template(), clock, Duration.ofMillis(50), prefix);
        shortLived.put("ann", list("t1"));
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
                .until(() -> !template().hasKey(shortLived.userKey("ann")));
        assertEquals(Optional.empty(), shortLived.get("ann"));
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
                .until(() -> !template().hasKey(shortLived.listingKey("t1")));
    }

    @Test
    void a_replacement_takes_the_user_out_of_the_listings_only_the_old_list_had() {
        cache.put("ann", list("t1", "t2"));
        cache.put("ann", list("t2", "t3"));
        assertEquals(Set.of(), listed("t1"));
        assertEquals(Set.of("ann"), listed("t2"));
        assertEquals(Set.of("ann"), listed("t3"));
    }

    @Test
    void a_stale_listing_left_by_invalidating_users_does_not_remove_the_users_new_list() {
        cache.put("ann", list("t1"));
        cache.invalidateUsers(List.of("ann"));
        cache.put("ann", list("t2"));
        assertEquals(Set.of("ann"), listed("t1"), "invalidateUsers leaves the listing; the test relies on it");
        cache.invalidateListing("t1");
        assertEquals(Optional.of(list("t2")), cache.get("ann"));
        assertFalse(template().hasKey(redisCache().listingKey("t1")));
        cache.invalidateListing("t2");
        assertEquals(Optional.empty(), cache.get("ann"));
    }

    @Test
    void a_list_of_fifty_with_awkward_tee_time_ids_round_trips_and_invalidates_by_exact_id() {
        List<String> ids = new ArrayList<>(List.of("a:b", "x,y", "q\"t", "b\\s", "[1,2]", "{k:v}", "sp ace", "'%s'",
                "~!@#$^&*()_+=-`|<>?/.;", "a"));
        for (int i = ids.size(); i < 50; i++) {
            ids.add(String.format("tt-%03d", i));
        }
        List<Recommendation> fifty = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            fifty.add(new Recommendation(ids.get(i), 100 - i));
        }
        cache.put("ann", fifty);
        cache.put("bob", list("a:b:c"));
        assertEquals(Optional.of(fifty), cache.get("ann"));

        cache.invalidateListing("a:b:c");
        assertEquals(Optional.of(fifty), cache.get("ann"));
        assertEquals(Optional.empty(), cache.get("bob"));
        cache.invalidateListing("q\"t");
        assertEquals(Optional.empty(), cache.get("ann"));

        cache.put("ann", list("a:b", "b"));
        cache.invalidateListing("a");
        assertEquals(Optional.of(list("a:b", "b")), cache.get("ann"), "a stale listing of a must not remove it");
        cache.invalidateListing("a:b");
        assertEquals(Optional.empty(), cache.get("ann"));
    }

    @Test
    void instances_sharing_a_redis_and_prefix_share_entries_and_invalidations() {
        var other = new RedisRecommendationCache(template(), clock, TTL, prefix);
        cache.put("ann", list("t1"));
        assertEquals(Optional.of(list("t1")), other.get("ann"));
        other.invalidateListing("t1");
        assertEquals(Optional.empty(), cache.get("ann"));
    }

    @Test
    void invalidating_more_users_than_one_delete_batch_removes_them_all() {
        int n = RedisRecommendationCache.DELETE_BATCH * 2 + 7;
        for (int i = 0; i <= n; i++) {
            cache.put("u" + i, List.of());
        }
        cache.invalidateUsers(IntStream.range(0, n).mapToObj(i -> "u" + i).toList());
        assertEquals(Optional.empty(), cache.get("u0"));
        assertEquals(Optional.empty(), cache.get("u" + (n - 1)));
        assertEquals(Optional.of(List.of()), cache.get("u" + n));
    }

    @Test
    void an_unreadable_value_is_a_miss_and_an_invalidation_of_its_listing_removes_it() {
        cache.put("ann", list("t1"));
        template().opsForValue().set(redisCache().userKey("ann"), "not json");
        assertEquals(Optional.empty(), cache.get("ann"));
        cache.invalidateListing("t1");
        assertFalse(template().hasKey(redisCache().userKey("ann")));
    }

    /**
     * Phases of concurrent work: writers put random lists while others invalidate tee times and
     * users. After each phase, at rest, every entry is in the listing set of each tee time it lists
     * (an entry unknown to a listing would survive its invalidation). At the end, invalidating a
     * listing removes exactly the entries that list it. Meanwhile each checker owns one user and
     * checks that a concurrent invalidation of a tee time its current list lacks never removes it,
     * and that its own invalidation removes its list.
     */
    @Test
    void concurrent_puts_and_invalidations_leave_no_entry_unknown_to_its_listings() throws Exception {
        List<String> teeTimes = List.of("hot", "t0", "t1", "t2", "t3", "t4", "t5");
        List<String> users = IntStream.range(0, 40).mapToObj(i -> "u" + i).toList();
        int writers = 4;
        int invalidators = 2;
        int checkers = 2;
        int phases = 40;
        int opsPerPhase = 20;
        ExecutorService pool = Executors.newFixedThreadPool(writers + invalidators + checkers);
        Random seeds = new Random(42);
        try {
            for (int phase = 0; phase < phases; phase++) {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<?>> done = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    Random random = new Random(seeds.nextLong());
                    done.add(pool.submit(() -> {
                        start.await();
                        for (int i = 0; i < opsPerPhase; i++) {
                            List<String> shuffled = new ArrayList<>(teeTimes.subList(1, teeTimes.size()));
                            java.util.Collections.shuffle(shuffled, random);
                            List<String> ids = new ArrayList<>(shuffled.subList(0, random.nextInt(3)));
                            if (random.nextInt(4) != 0) {
                                ids.add(random.nextInt(ids.size() + 1), "hot");
                            }
                            cache.put(users.get(random.nextInt(users.size())), list(ids.toArray(String[]::new)));
                        }
                        return null;
                    }));
                }
                for (int v = 0; v < invalidators; v++) {
                    Random random = new Random(seeds.nextLong());
                    done.add(pool.submit(() -> {
                        start.await();
                        for (int i = 0; i < opsPerPhase; i++) {
                            int what = random.nextInt(5);
                            if (what <= 2) {
                                cache.invalidateListing("hot");
                            } else if (what == 3) {
                                cache.invalidateListing(teeTimes.get(random.nextInt(teeTimes.size())));
                            } else {
                                cache.invalidateUsers(List.of(users.get(random.nextInt(users.size())),
                                        users.get(random.nextInt(users.size()))));
                            }
                        }
                        return null;
                    }));
                }
                for (int c = 0; c < checkers; c++) {
                    String own = "own" + c;
                    String safe = "safe" + c; // a tee time nobody else lists or invalidates
                    Random random = new Random(seeds.nextLong());
                    int p = phase;
                    done.add(pool.submit(() -> {
                        start.await();
                        for (int i = 0; i < opsPerPhase / 4; i++) {
                            cache.put(own, list("hot", safe));
                            if (random.nextBoolean()) {
                                cache.invalidateUsers(List.of(own)); // leaves a stale member in "hot"
                            }
                            cache.put(own, list(safe));
                            assertEquals(Optional.of(list(safe)), cache.get(own), "phase " + p);
                            cache.put(own, list(safe, "hot"));
                            cache.invalidateListing(safe);
                            assertEquals(Optional.empty(), cache.get(own), "phase " + p);
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> f : done) {
                    f.get(60, TimeUnit.SECONDS);
                }
                for (String user : users) {
                    for (Recommendation r : cache.get(user).orElse(List.of())) {
                        assertTrue(listed(r.teeTimeId()).contains(user),
                                "phase " + phase + ": " + user + "'s entry lists " + r.teeTimeId() + " unknown to its listing");
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }

        Map<String, List<Recommendation>> atRest = new HashMap<>();
        for (String user : users) {
            cache.get(user).ifPresent(l -> atRest.put(user, l));
        }
        cache.invalidateListing("hot");
        for (String user : users) {
            List<Recommendation> before = atRest.get(user);
            boolean listsHot = before != null && before.stream().anyMatch(r -> r.teeTimeId().equals("hot"));
            assertEquals(listsHot || before == null ? Optional.empty() : Optional.of(before), cache.get(user), user);
        }
        for (String teeTime : teeTimes) {
            cache.invalidateListing(teeTime);
        }
        for (String user : users) {
            cache.get(user).ifPresent(l -> assertEquals(List.of(), l, user));
        }
    }
}
