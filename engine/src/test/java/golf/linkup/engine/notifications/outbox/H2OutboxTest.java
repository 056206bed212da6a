package golf.linkup.engine.notifications.outbox;

import golf.linkup.testing.TestDatabase;

class H2OutboxTest extends OutboxContract {

    @Override
    TestDatabase openDatabase() {
        return TestDatabase.h2();
    }
}
