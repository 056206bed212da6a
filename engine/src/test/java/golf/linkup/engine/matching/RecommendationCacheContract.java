package golf.linkup.engine.matching;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The {@link RecommendationCache} contract. Every implementation's test extends this class and
 * says how to make a cache on a clock the test moves (the Redis implementation too: freshness is
 * judged by the injected clock, so its entries carry their expiry besides any Redis EXPIRE).
 * Lifecycle and test methods are public or protected so that subclasses in other packages (the
 * Redis implementation's test, through the engine's test-jar) inherit them.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
public abstract class RecommendationCacheContract {

    protected static final Duration TTL = Duration.ofMinutes(5);

    protected MutableClock clock;
    protected RecommendationCache cache;

    /** A new, empty cache with this clock and TTL. */
    protected abstract RecommendationCache newCache(Clock clock, Duration ttl);

    @BeforeEach
    protected void makeCache() {
        clock = new MutableClock(Fixtures.NOW);
        cache = newCache(clock, TTL);
    }

    private static List<Recommendation> list(String... teeTimeIds) {
        List<Recommendation> list = new ArrayList<>();
        int score = 90;
        for (String id : teeTimeIds) {
            list.add(new Recommendation(id, score--));
        }
        return list;
    }

    @Test
    public void a_user_with_no_entry_is_a_miss() {
        assertEquals(Optional.empty(), cache.get("ann"));
    }

    @Test
    public void get_returns_the_list_as_put_in_the_same_order() {
        cache.put("ann", list("t3", "t1", "t2"));
        assertEquals(Optional.of(list("t3", "t1", "t2")), cache.get("ann"));
    }

    @Test
    public void an_empty_list_is_an_entry_not_a_miss() {
        cache.put("ann", List.of());
        assertEquals(Optional.of(List.of()), cache.get("ann"));
    }

    @Test
    public void changing_the_list_after_put_does_not_change_the_entry() {
        List<Recommendation> mine = list("t1");
        cache.put("ann", mine);
        mine.add(new Recommendation("t9", 1));
        assertEquals(Optional.of(list("t1")), cache.get("ann"));
    }

    @Test
    public void an_entry_is_fresh_until_the_ttl_has_passed_and_gone_from_then_on() {
        cache.put("ann", list("t1"));
        clock.advance(TTL.minusMillis(1));
        assertEquals(Optional.of(list("t1")), cache.get("ann"));
        clock.advance(Duration.ofMillis(1));
        assertEquals(Optional.empty(), cache.get("ann"));
    }

    @Test
    public void a_put_replaces_the_previous_entry_and_restarts_its_ttl() {
        cache.put("ann", list("t1"));
        clock.advance(Duration.ofMinutes(3));
        cache.put("ann", list("t2"));
        clock.advance(Duration.ofMinutes(3));
        assertEquals(Optional.of(list("t2")), cache.get("ann"));
    }

    @Test
    public void invalidating_users_removes_their_entries_only() {
        cache.put("ann", list("t1"));
        cache.put("bob", list("t1"));
        cache.put("cat", list("t1"));
        cache.invalidateUsers(Set.of("ann", "cat", "nobody"));
        assertEquals(Optional.empty(), cache.get("ann"));
        assertEquals(Optional.of(list("t1")), cache.get("bob"));
        assertEquals(Optional.empty(), cache.get("cat"));
    }

    @Test
    public void invalidating_a_listing_removes_exactly_the_entries_that_contain_the_tee_time() {
        cache.put("ann", list("t1", "t2"));
        cache.put("bob", list("t2", "t3"));
        cache.put("cat", list("t3"));
        cache.invalidateListing("t2");
        assertEquals(Optional.empty(), cache.get("ann"));
        assertEquals(Optional.empty(), cache.get("bob"));
        assertEquals(Optional.of(list("t3")), cache.get("cat"));
        cache.invalidateListing("t2");
        cache.invalidateListing("never-listed");
        assertEquals(Optional.of(list("t3")), cache.get("cat"));
    }

    @Test
    public void after_a_replacement_only_the_new_list_decides_what_invalidates_the_entry() {
        cache.put("ann", list("t1"));
        cache.put("ann", list("t2"));
        cache.invalidateListing("t1");
        assertEquals(Optional.of(list("t2")), cache.get("ann"));
        cache.invalidateListing("t2");
        assertEquals(Optional.empty(), cache.get("ann"));
    }

    @Test
    public void an_entry_put_again_after_invalidation_is_listed_again() {
        cache.put("ann", list("t1"));
        cache.invalidateUsers(Set.of("ann"));
        cache.put("ann", list("t1"));
        cache.invalidateListing("t1");
        assertEquals(Optional.empty(), cache.get("ann"));
    }

    @Test
    public void a_tee_time_impact_removes_the_lists_containing_it_and_the_users_who_could_now_see_it() {
        cache.put("ann", list("t1"));
        cache.put("bob", list("t2"));
        cache.put("cat", list("t3"));
        cache.invalidate(new TeeTimeImpact("t1", List.of("bob")));
        assertEquals(Optional.empty(), cache.get("ann"));
        assertEquals(Optional.empty(), cache.get("bob"));
        assertEquals(Optional.of(list("t3")), cache.get("cat"));
    }

    @Test
    public void a_null_user_id_is_refused() {
        assertThrows(NullPointerException.class, () -> cache.get(null));
        assertThrows(NullPointerException.class, () -> cache.put(null, List.of()));
    }
}
