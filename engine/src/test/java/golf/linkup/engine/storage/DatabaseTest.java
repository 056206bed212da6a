package golf.linkup.engine.storage;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import golf.linkup.testing.TestDatabase;
import org.junit.jupiter.api.Test;

class DatabaseTest {

    @Test
    void anOpenDatabaseIsAliveAndAClosedOneIsNot() {
        try (TestDatabase db = TestDatabase.h2()) {
            assertTrue(db.database().isAlive(1));
            assertFalse(db.database().isPostgres());

            db.database().close();

            assertFalse(db.database().isAlive(1));
        }
    }

    @Test
    void theDescriptionHidesAPasswordInTheUrl() {
        String url = "jdbc:h2:mem:describe" + System.nanoTime() + ";USER=sa;PASSWORD=hunter2";
        try (Database db = Database.open(url, null, null, 2, null)) {
            assertTrue(db.isAlive(1));
            assertFalse(db.describe().contains("hunter2"), db.describe());
            assertTrue(db.describe().contains("PASSWORD=***"), db.describe());
        }
    }

    @Test
    void aPoolOfOneConnectionIsRefusedBecauseMigrationsNeedTwo() {
        String url = "jdbc:h2:mem:pool" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";

        var e = assertThrows(IllegalArgumentException.class, () -> Database.open(url, "sa", "", 1, null));

        assertTrue(e.getMessage().contains("at least 2"), e.getMessage());
    }

    @Test
    void aPoolOfTwoConnectionsMigrates() {
        String url = "jdbc:h2:mem:pool" + System.nanoTime() + ";DB_CLOSE_DELAY=0";
        try (Database db = Database.open(url, "sa", "", 2, null)) {
            assertTrue(db.isAlive(1));
        }
    }

    @Test
    void anUnreachableDatabaseFailsToOpen() {
        assertThrows(RuntimeException.class,
                () -> Database.open("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=1", "nobody", "", 1, null));
    }
}
