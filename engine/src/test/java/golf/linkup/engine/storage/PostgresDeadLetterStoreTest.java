package golf.linkup.engine.storage;

import golf.linkup.testing.PostgresProbe;
import golf.linkup.testing.TestDatabase;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

class PostgresDeadLetterStoreTest extends DeadLetterStoreContract {

    @BeforeAll
    static void requirePostgres() {
        Assumptions.assumeTrue(PostgresProbe.available(), PostgresProbe.SKIP_MESSAGE);
    }

    @Override
    TestDatabase openDatabase() {
        return TestDatabase.postgres();
    }
}
