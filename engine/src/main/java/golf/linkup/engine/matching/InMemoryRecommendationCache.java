package golf.linkup.engine.matching;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@link RecommendationCache} in one JVM's memory: entries by user id with their expiry, and a
 * reverse index tee time id &rarr; users whose entry lists it, kept exact on every put and removal.
 * One lock guards both (calls are short: O(list size), or O(users) for a bulk invalidation).
 * Expired entries are dropped when read and by {@link #evictExpired()}, which a scheduled job calls.
 */
public final class InMemoryRecommendationCache implements RecommendationCache {

    private record Entry(List<Recommendation> list, long expiresAtMillis) {
    }

    private final Clock clock;
    private final long ttlMillis;
    private final Map<String, Entry> entries = new HashMap<>();
    private final Map<String, Set<String>> usersByTeeTime = new HashMap<>();

    public InMemoryRecommendationCache(Clock clock, Duration ttl) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive, got " + ttl);
        }
        this.ttlMillis = ttl.toMillis();
    }

    @Override
    public synchronized Optional<List<Recommendation>> get(String userId) {
        Objects.requireNonNull(userId, "userId");
        Entry entry = entries.get(userId);
        if (entry == null) {
            return Optional.empty();
        }
        if (clock.millis() >= entry.expiresAtMillis) {
            removeEntry(userId);
            return Optional.empty();
        }
        return Optional.of(entry.list);
    }

    @Override
    public synchronized void put(String userId, List<Recommendation> recommendations) {
        Objects.requireNonNull(userId, "userId");
        List<Recommendation> copy = List.copyOf(recommendations);
        removeEntry(userId);
        entries.put(userId, new Entry(copy, clock.millis() + ttlMillis));
        for (Recommendation r : copy) {
            usersByTeeTime.computeIfAbsent(r.teeTimeId(), k -> new HashSet<>()).add(userId);
        }
    }

    @Override
    public synchronized void invalidateUsers(Collection<String> userIds) {
        for (String userId : userIds) {
            removeEntry(userId);
        }
    }

    @Override
    public synchronized void invalidateListing(String teeTimeId) {
        Set<String> users = usersByTeeTime.get(teeTimeId);
        if (users != null) {
            for (String userId : List.copyOf(users)) {
                removeEntry(userId);
            }
        }
    }

    /** Drops every expired entry; returns how many. */
    public synchronized int evictExpired() {
        long now = clock.millis();
        int removed = 0;
        Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Entry> e = it.next();
            if (now >= e.getValue().expiresAtMillis) {
                unlist(e.getKey(), e.getValue());
                it.remove();
                removed++;
            }
        }
        return removed;
    }

    /** Entries held, expired ones not yet dropped included. */
    public synchronized int size() {
        return entries.size();
    }

    private void removeEntry(String userId) {
        Entry old = entries.remove(userId);
        if (old != null) {
            unlist(userId, old);
        }
    }

    private void unlist(String userId, Entry entry) {
        for (Recommendation r : entry.list) {
            Set<String> users = usersByTeeTime.get(r.teeTimeId());
            if (users != null) {
                users.remove(userId);
                if (users.isEmpty()) {
                    usersByTeeTime.remove(r.teeTimeId());
                }
            }
        }
    }
}
