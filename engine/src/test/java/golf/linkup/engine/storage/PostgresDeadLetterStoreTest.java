package golf.linkup.engine.storage;

import golf.linkup.testing.PostgresProbe;
import golf.linkup.testing.TestDatabase;
import org.junit.jupiter.api.Assumptions;

class PostgresDeadLetterStoreTest extends DeadLetterStoreContract {

    /** Skips each test (reported as skipped) when no PostgreSQL answers. */
    @Override
    TestDatabase openDatabase() {
        Assumptions.assumeTrue(PostgresProbe.available(), "PostgreSQL at 127.0.0.1:5432 not answering: skipped");
        return TestDatabase.postgres();
    }
}
