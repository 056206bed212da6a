package golf.linkup.engine.schedules;

import golf.linkup.testing.TestDatabase;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Scheduled jobs' work on H2")
class H2ScheduledWorkTest extends ScheduledWorkContract {

    @Override
    TestDatabase openDatabase() {
        return TestDatabase.h2();
    }
}
