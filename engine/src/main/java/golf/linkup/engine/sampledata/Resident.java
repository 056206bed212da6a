package golf.linkup.engine.sampledata;

import golf.linkup.engine.domain.User;

/** A generated user and the metro area they were placed in (the generator's view; not written out). */
record Resident(User user, MetroArea metro) {

    String id() {
        return user.id();
    }
}
