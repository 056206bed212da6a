package golf.linkup.engine.schedules;

import golf.linkup.testing.PostgresProbe;
import golf.linkup.testing.TestDatabase;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Scheduled jobs' work on PostgreSQL (127.0.0.1:5432/test)")
class PostgresScheduledWorkTest extends ScheduledWorkContract {

    @Override
    TestDatabase openDatabase() {
        Assumptions.assumeTrue(PostgresProbe.available(), PostgresProbe.SKIP_MESSAGE);
        return TestDatabase.postgres();
    }
}
