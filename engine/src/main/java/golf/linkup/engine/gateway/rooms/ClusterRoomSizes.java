package golf.linkup.engine.gateway.rooms;

import java.util.Map;

/**
 * Room sizes across every instance (for stats and the console): each instance publishes its own
 * sizes now and then; the cluster's are the sum over instances that published recently. Eventually
 * consistent (within one publishing period). Redis in production; thread-safe.
 */
public interface ClusterRoomSizes {

    /** Replaces what {@code instanceId} reported. */
    void publish(String instanceId, Map<String, Integer> sizes, long nowMillis);

    /** Room → members over instances that published at or after {@code since}. */
    Map<String, Integer> total(long sinceMillis);

    /**
     * One room's members on each instance that published at or after {@code since} (instance id →
     * members; instances without the room are left out). The console's Users view reads the
     * {@code user:<id>} room this way: a user's connections on every instance.
     */
    Map<String, Integer> byInstance(String room, long sinceMillis);

    /** Forgets an instance (clean shutdown). */
    void remove(String instanceId);
}
