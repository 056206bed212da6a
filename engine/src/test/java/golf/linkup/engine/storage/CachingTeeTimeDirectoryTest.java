package golf.linkup.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import golf.linkup.engine.events.PersonSnapshot;
import golf.linkup.engine.events.TeeTimeSnapshot;
import golf.linkup.engine.events.TeeTimeSnapshot.CourseSnapshot;
import golf.linkup.testing.AdjustableClock;
import golf.linkup.testing.InMemoryTeeTimeDirectory;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CachingTeeTimeDirectoryTest {

    private static final Duration TTL = Duration.ofSeconds(60);
    private static final PersonSnapshot ADA = new PersonSnapshot("u-1", "Ada", "Acme", "FINANCE");
    private static final PersonSnapshot BO = new PersonSnapshot("u-2", "Bo", null, "TECH");
    private static final PersonSnapshot CY = new PersonSnapshot("u-3", "Cy", "Globex", "LEGAL");

    private final AdjustableClock clock = new AdjustableClock(Instant.parse("2025-06-01T12:00:00Z"));
    private final InMemoryTeeTimeDirectory database = new InMemoryTeeTimeDirectory()
            .withPerson(ADA).withPerson(BO).withPerson(CY);
    private final CachingTeeTimeDirectory cache = new CachingTeeTimeDirectory(database, clock, TTL, 1_000);

    @Test
    void aPersonIsReadOnceWithinTheTtl() {
        assertEquals(Optional.of(ADA), cache.findPerson("u-1"));
        clock.advance(TTL.minusMillis(1));
        assertEquals(Optional.of(ADA), cache.findPerson("u-1"));
        assertEquals(Optional.of(ADA), cache.findPerson("u-1"));

        assertEquals(1, database.personReads());
    }

    @Test
    void aPersonIsReadAgainOnceTheTtlHasPassed() {
        cache.findPerson("u-1");

        clock.advance(TTL);
        cache.findPerson("u-1");
        assertEquals(2, database.personReads(), "an entry expires at exactly its TTL");

        clock.advance(TTL.minusSeconds(1));
        cache.findPerson("u-1");
        assertEquals(2, database.personReads(), "the re-read is cached for a new TTL");
    }

    @Test
    void aChangedPersonIsSeenAfterTheTtl() {
        cache.findPerson("u-1");
        database.withPerson(new PersonSnapshot("u-1", "Ada Lovelace", "Acme", "FINANCE"));

        assertEquals("Ada", cache.findPerson("u-1").orElseThrow().name());
        clock.advance(TTL.plusSeconds(1));
        assertEquals("Ada Lovelace", cache.findPerson("u-1").orElseThrow().name());
    }

    @Test
    void anUnknownPersonIsNotCached() {
        assertEquals(Optional.empty(), cache.findPerson("u-new"));
        assertEquals(Optional.empty(), cache.findPerson("u-new"));
        assertEquals(2, database.personReads());

        database.withPerson(new PersonSnapshot("u-new", "Dee", null, "TECH"));
        assertEquals("Dee", cache.findPerson("u-new").orElseThrow().name(), "found as soon as the database has them");
    }

    @Test
    void theLeastRecentlyUsedPersonIsForgottenWhenTheCacheIsFull() {
        var small = new CachingTeeTimeDirectory(database, clock, TTL, 2);
        small.findPerson("u-1");
        small.findPerson("u-2");
        small.findPerson("u-1"); // u-1 is now the most recently used

        small.findPerson("u-3"); // evicts u-2
        assertEquals(3, database.personReads());

        small.findPerson("u-1");
        assertEquals(3, database.personReads(), "u-1 is still cached");
        small.findPerson("u-2");
        assertEquals(4, database.personReads(), "u-2 was evicted");
    }

    @Test
    void teeTimesAndRoutingAreNeverCached() {
        database.withTeeTime(new TeeTimeSnapshot("tt-1", ADA, new CourseSnapshot("c-1", "Bethpage Black", null, null,
                40.7448, -73.454, ZoneId.of("America/New_York")), Instant.parse("2025-06-14T12:30:00Z"), "FINANCE",
                false, "ANY", 4, 3, "OPEN"));

        cache.findTeeTime("tt-1");
        cache.findTeeTime("tt-1");
        cache.findRouting("tt-1");
        cache.findRouting("tt-1");

        assertEquals(2, database.teeTimeReads());
        assertEquals(2, database.routingReads());
    }

    @Test
    void aFailedReadIsNotCachedAndFailsAgain() {
        database.failWith(new StorageException("database down", null));

        assertThrows(StorageException.class, () -> cache.findPerson("u-1"));
        database.failWith(null);

        assertEquals(Optional.of(ADA), cache.findPerson("u-1"));
        assertEquals(2, database.personReads());
    }
}
