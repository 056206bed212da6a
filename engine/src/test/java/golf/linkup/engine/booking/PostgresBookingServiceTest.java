package golf.linkup.engine.booking;

import golf.linkup.testing.PostgresProbe;
import golf.linkup.testing.TestDatabase;
import org.junit.jupiter.api.Assumptions;

class PostgresBookingServiceTest extends BookingServiceContract {

    /** Skips each test (reported as skipped) when no PostgreSQL answers. */
    @Override
    TestDatabase openDatabase() {
        Assumptions.assumeTrue(PostgresProbe.available(), PostgresProbe.SKIP_MESSAGE);
        return TestDatabase.postgres();
    }
}
