package golf.linkup.engine.matching;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class InMemoryRecommendationCacheTest extends RecommendationCacheContract {

    @Override
    protected RecommendationCache newCache(Clock clock, Duration ttl) {
        return new InMemoryRecommendationCache(clock, ttl);
    }

    @Test
    void evicting_drops_expired_entries_and_their_listings() {
        InMemoryRecommendationCache memory = (InMemoryRecommendationCache) cache;
        memory.put("ann", List.of(new Recommendation("t1", 80)));
        clock.advance(Duration.ofMinutes(3));
        memory.put("bob", List.of(new Recommendation("t1", 80)));
        clock.advance(Duration.ofMinutes(2));
        assertEquals(1, memory.evictExpired());
        assertEquals(1, memory.size());
    }
}
