package golf.linkup.engine.storage;

import golf.linkup.engine.events.PersonSnapshot;
import golf.linkup.engine.events.TeeTimeSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Remembers people for a short time so chat fan-out does not read the sender on every message.
 * Tee times are not cached: their open slots change with every join. Bounded (least recently used
 * out); a person unknown to the database is not remembered (they may be created any moment).
 */
public final class CachingTeeTimeDirectory implements TeeTimeDirectory {

    private final TeeTimeDirectory delegate;
    private final Clock clock;
    private final Duration ttl;
    private final Map<String, Entry> people;

    private record Entry(PersonSnapshot person, Instant expiresAt) {
    }

    public CachingTeeTimeDirectory(TeeTimeDirectory delegate, Clock clock, Duration ttl, int maxPeople) {
        this.delegate = delegate;
        this.clock = clock;
        this.ttl = ttl;
        this.people = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > maxPeople;
            }
        };
    }

    @Override
    public Optional<TeeTimeSnapshot> findTeeTime(String teeTimeId) {
        return delegate.findTeeTime(teeTimeId);
    }

    @Override
    public Optional<TeeTimeRouting> findRouting(String teeTimeId) {
        return delegate.findRouting(teeTimeId);
    }

    @Override
    public Optional<PersonSnapshot> findPerson(String userId) {
        Instant now = clock.instant();
        synchronized (people) {
            Entry e = people.get(userId);
            if (e != null && e.expiresAt().isAfter(now)) {
                return Optional.of(e.person());
            }
        }
        Optional<PersonSnapshot> person = delegate.findPerson(userId);
        person.ifPresent(p -> {
            synchronized (people) {
                people.put(userId, new Entry(p, now.plus(ttl)));
            }
        });
        return person;
    }
}
