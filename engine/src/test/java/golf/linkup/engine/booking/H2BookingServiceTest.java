package golf.linkup.engine.booking;

import golf.linkup.testing.TestDatabase;

class H2BookingServiceTest extends BookingServiceContract {

    @Override
    TestDatabase openDatabase() {
        return TestDatabase.h2();
    }
}
