package golf.linkup.testing;

import golf.linkup.engine.events.PersonSnapshot;
import golf.linkup.engine.events.TeeTimeSnapshot;
import golf.linkup.engine.storage.TeeTimeDirectory;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link TeeTimeDirectory} over maps, for tests of what reads the database. Counts every call (to
 * prove a code path does not read), and can be told to fail every read with a given exception.
 * Routing is derived from the stored tee time (its industry, openToAll, course position, open slots).
 */
public final class InMemoryTeeTimeDirectory implements TeeTimeDirectory {

    private final Map<String, TeeTimeSnapshot> teeTimes = new ConcurrentHashMap<>();
    private final Map<String, PersonSnapshot> people = new ConcurrentHashMap<>();
    private final AtomicInteger teeTimeReads = new AtomicInteger();
    private final AtomicInteger routingReads = new AtomicInteger();
    private final AtomicInteger personReads = new AtomicInteger();
    private volatile RuntimeException failure;

    public InMemoryTeeTimeDirectory withTeeTime(TeeTimeSnapshot teeTime) {
        teeTimes.put(teeTime.id(), teeTime);
        return this;
    }

    public InMemoryTeeTimeDirectory withPerson(PersonSnapshot person) {
        people.put(person.id(), person);
        return this;
    }

    /** Every later read throws {@code failure} (null: reads work again). */
    public void failWith(RuntimeException failure) {
        this.failure = failure;
    }

    @Override
    public Optional<TeeTimeSnapshot> findTeeTime(String teeTimeId) {
        teeTimeReads.incrementAndGet();
        failIfTold();
        return Optional.ofNullable(teeTimes.get(teeTimeId));
    }

    @Override
    public Optional<TeeTimeRouting> findRouting(String teeTimeId) {
        routingReads.incrementAndGet();
        failIfTold();
        return Optional.ofNullable(teeTimes.get(teeTimeId)).map(t -> new TeeTimeRouting(t.id(), t.industry(),
                t.openToAll(), t.course().lat(), t.course().lng(), t.openSlots()));
    }

    @Override
    public Optional<PersonSnapshot> findPerson(String userId) {
        personReads.incrementAndGet();
        failIfTold();
        return Optional.ofNullable(people.get(userId));
    }

    /** Reads of any kind so far. */
    public int calls() {
        return teeTimeReads.get() + routingReads.get() + personReads.get();
    }

    public int personReads() {
        return personReads.get();
    }

    public int routingReads() {
        return routingReads.get();
    }

    public int teeTimeReads() {
        return teeTimeReads.get();
    }

    private void failIfTold() {
        RuntimeException f = failure;
        if (f != null) {
            throw f;
        }
    }
}
