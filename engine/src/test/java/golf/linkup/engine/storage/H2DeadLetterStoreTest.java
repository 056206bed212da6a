package golf.linkup.engine.storage;

import golf.linkup.testing.TestDatabase;

class H2DeadLetterStoreTest extends DeadLetterStoreContract {

    @Override
    TestDatabase openDatabase() {
        return TestDatabase.h2();
    }
}
