package golf.linkup.engine.storage;

import golf.linkup.testing.TestDatabase;

class H2TeeTimeDirectoryTest extends TeeTimeDirectoryContract {

    @Override
    TestDatabase openDatabase() {
        return TestDatabase.h2();
    }
}
