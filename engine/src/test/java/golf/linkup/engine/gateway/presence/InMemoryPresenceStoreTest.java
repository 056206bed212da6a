package golf.linkup.engine.gateway.presence;

class InMemoryPresenceStoreTest extends PresenceStoreContract {

    private final InMemoryPresenceStore store = new InMemoryPresenceStore();

    @Override
    protected PresenceStore store() {
        return store;
    }
}
