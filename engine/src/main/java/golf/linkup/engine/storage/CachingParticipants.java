package golf.linkup.engine.storage;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Remembers each tee time's participants, so a reconnect storm's {@code subscribe:tee-time}s (every
 * client of a room asking at once) do not each read the database. Participants change only with the
 * events {@code slot.joined}, {@code slot.left}, {@code tee-time.created}, {@code tee-time.updated}
 * and {@code tee-time.cancelled}: every instance reads every event, and the live path calls
 * {@link #forget} for each before its handler runs. A read that was under way while a tee time was
 * forgotten is not remembered (it may hold the state before the change). Entries also expire after
 * {@code ttl}, for rows the API server changes without an event. Unknown tee times are remembered as
 * empty too (a subscribe to an invented id then costs nothing; {@code tee-time.created} forgets it).
 * Bounded: the least recently used goes first. Thread-safe.
 *
 * <p>A user who is not among the remembered participants is never told so from memory
 * ({@link #askedBy}, {@link #includes}): the database is read again, since a client that has just
 * joined (through the booking API or the API server) subscribes at once, before the join's event
 * has reached this instance. So the cache saves the reads of players (the reconnect storm's
 * subscribes), never changes an answer to "not a player".
 */
public final class CachingParticipants implements Participants {

    private final Participants delegate;
    private final Clock clock;
    private final long ttlMillis;
    private final Map<String, Entry> entries;
    /** Bumped by every {@link #forget}: a read that saw another value started before a change. */
    private long forgets;

    private record Entry(List<String> participants, long expiresAtMillis) {
    }

    public CachingParticipants(Participants delegate, Clock clock, java.time.Duration ttl, int maxTeeTimes) {
        this.delegate = delegate;
        this.clock = clock;
        this.ttlMillis = ttl.toMillis();
        this.entries = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > maxTeeTimes;
            }
        };
    }

    @Override
    public List<String> of(String teeTimeId) {
        long now = clock.millis();
        long forgetsBefore;
        synchronized (this) {
            Entry e = entries.get(teeTimeId);
            if (e != null && e.expiresAtMillis() > now) {
                return e.participants();
            }
            forgetsBefore = forgets;
        }
        List<String> read = List.copyOf(delegate.of(teeTimeId));
        synchronized (this) {
            if (forgets == forgetsBefore) {
                entries.put(teeTimeId, new Entry(read, now + ttlMillis));
            }
        }
        return read;
    }

    @Override
    public List<String> askedBy(String teeTimeId, String userId) {
        List<String> remembered = of(teeTimeId);
        if (remembered.contains(userId)) {
            return remembered;
        }
        forget(teeTimeId);
        return of(teeTimeId);
    }

    @Override
    public boolean includes(String teeTimeId, String userId) {
        return askedBy(teeTimeId, userId).contains(userId);
    }

    /** The tee time's participants may have changed: the next read goes to the database. */
    public synchronized void forget(String teeTimeId) {
        forgets++;
        entries.remove(teeTimeId);
    }

    /** Tee times remembered now (for tests and figures). */
    public synchronized int size() {
        return entries.size();
    }
}
