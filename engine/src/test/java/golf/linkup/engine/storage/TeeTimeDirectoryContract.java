package golf.linkup.engine.storage;

import static golf.linkup.testing.TestDatabase.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import golf.linkup.engine.events.PersonSnapshot;
import golf.linkup.engine.events.TeeTimeSnapshot;
import golf.linkup.engine.storage.TeeTimeDirectory.TeeTimeRouting;
import golf.linkup.testing.TestDatabase;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link JdbcTeeTimeDirectory} promises on every database the engine runs on. Subclasses say
 * which database; each test gets a fresh, migrated one.
 */
abstract class TeeTimeDirectoryContract {

    static final Instant STARTS_AT = at("2025-06-14T12:30:00Z");

    TestDatabase db;
    TeeTimeDirectory directory;

    abstract TestDatabase openDatabase();

    @BeforeEach
    void openDirectory() {
        db = openDatabase();
        directory = new JdbcTeeTimeDirectory(db.dataSource());
        db.insertCourse("c-bethpage", "Bethpage Black", "Farmingdale", "US", 40.7448, -73.4540, "America/New_York");
        db.insertUser("u-host", "Ada Host", "Acme Capital", "FINANCE");
        db.insertUser("u-2", "Bo Player", null, "TECH");
        db.insertUser("u-3", "Cy Player", "Globex", "LEGAL");
    }

    @AfterEach
    void closeDatabase() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void migrationsApplyOnAFreshDatabase() {
        assertEquals(1, db.queryLong(
                "select count(*) from \"flyway_schema_history\" where \"version\" = '1' and \"success\""));
        assertEquals(0, db.queryLong("select count(*) from dead_letters"));
        assertEquals(0, db.queryLong("select count(*) from messages"));
    }

    @Test
    void aTeeTimeIsFoundWithItsCourseHostAndOpenSlots() {
        db.insertTeeTime("tt-1", "u-host", "c-bethpage", STARTS_AT, "FINANCE", false, 4, "u-2");

        TeeTimeSnapshot t = directory.findTeeTime("tt-1").orElseThrow();

        assertEquals("tt-1", t.id());
        assertEquals(STARTS_AT, t.startsAt());
        assertEquals("FINANCE", t.industry());
        assertFalse(t.openToAll());
        assertEquals("ANY", t.skillLevel());
        assertEquals("OPEN", t.status());
        assertEquals(4, t.totalSlots());
        assertEquals(2, t.openSlots(), "4 slots, taken by the host and one player");
        assertEquals(new PersonSnapshot("u-host", "Ada Host", "Acme Capital", "FINANCE"), t.host());
        assertEquals(new TeeTimeSnapshot.CourseSnapshot("c-bethpage", "Bethpage Black", "Farmingdale", "US", 40.7448,
                -73.4540, ZoneId.of("America/New_York")), t.course());
    }

    @Test
    void aFullTeeTimeHasNoOpenSlots() {
        db.insertTeeTime("tt-full", "u-host", "c-bethpage", STARTS_AT, "FINANCE", true, 3, "u-2", "u-3");

        assertEquals(0, directory.findTeeTime("tt-full").orElseThrow().openSlots());
        assertEquals(0, directory.findRouting("tt-full").orElseThrow().openSlots());
    }

    @Test
    void openSlotsCountOnlyThatTeeTimesSlots() {
        db.insertTeeTime("tt-1", "u-host", "c-bethpage", STARTS_AT, "FINANCE", false, 4, "u-2", "u-3");
        db.insertTeeTime("tt-2", "u-host", "c-bethpage", STARTS_AT, "FINANCE", false, 4);

        assertEquals(1, directory.findTeeTime("tt-1").orElseThrow().openSlots());
        assertEquals(3, directory.findTeeTime("tt-2").orElseThrow().openSlots());
    }

    @Test
    void theRoutingOfATeeTimeIsFound() {
        db.insertTeeTime("tt-1", "u-host", "c-bethpage", STARTS_AT, "TECH", true, 4, "u-2");

        assertEquals(new TeeTimeRouting("tt-1", "TECH", true, 40.7448, -73.4540, 2),
                directory.findRouting("tt-1").orElseThrow());
    }

    @Test
    void aPersonIsFound() {
        assertEquals(Optional.of(new PersonSnapshot("u-host", "Ada Host", "Acme Capital", "FINANCE")),
                directory.findPerson("u-host"));
    }

    @Test
    void aPersonWithoutCompanyIsFoundWithANullCompany() {
        PersonSnapshot p = directory.findPerson("u-2").orElseThrow();

        assertEquals("Bo Player", p.name());
        assertNull(p.company());
    }

    @Test
    void unknownIdsAreEmpty() {
        assertTrue(directory.findTeeTime("tt-nope").isEmpty());
        assertTrue(directory.findRouting("tt-nope").isEmpty());
        assertTrue(directory.findPerson("u-nope").isEmpty());
    }

    @Test
    void idsThatLookLikeSqlAreJustUnknownIds() {
        assertTrue(directory.findPerson("u-host' or '1'='1").isEmpty());
    }

    @Test
    void aDatabaseThatCannotAnswerIsAStorageException() {
        db.database().close();

        assertThrows(StorageException.class, () -> directory.findPerson("u-host"));
        assertThrows(StorageException.class, () -> directory.findTeeTime("tt-1"));
        assertThrows(StorageException.class, () -> directory.findRouting("tt-1"));
    }
}
