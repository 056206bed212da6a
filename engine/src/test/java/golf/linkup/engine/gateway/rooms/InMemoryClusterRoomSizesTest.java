package golf.linkup.engine.gateway.rooms;

class InMemoryClusterRoomSizesTest extends ClusterRoomSizesContract {

    @Override
    protected ClusterRoomSizes sizes() {
        return new InMemoryClusterRoomSizes();
    }
}
