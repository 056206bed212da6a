package golf.linkup.engine.gateway.rooms;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** {@link ClusterRoomSizes} for one process (tests). */
public final class InMemoryClusterRoomSizes implements ClusterRoomSizes {

    private record Report(long at, Map<String, Integer> sizes) {
    }

    private final Map<String, Report> reports = new HashMap<>();

    @Override
    public synchronized void publish(String instanceId, Map<String, Integer> sizes, long now) {
        reports.put(instanceId, new Report(now, Map.copyOf(sizes)));
    }

    @Override
    public synchronized Map<String, Integer> total(long since) {
        Map<String, Integer> out = new TreeMap<>();
        reports.values().stream().filter(r -> r.at() >= since)
                .forEach(r -> r.sizes().forEach((room, n) -> out.merge(room, n, Integer::sum)));
        return out;
    }

    @Override
    public synchronized Map<String, Integer> byInstance(String room, long since) {
        Map<String, Integer> out = new TreeMap<>();
        reports.forEach((instance, r) -> {
            if (r.at() >= since && r.sizes().containsKey(room)) {
                out.put(instance, r.sizes().get(room));
            }
        });
        return out;
    }

    @Override
    public synchronized void remove(String instanceId) {
        reports.remove(instanceId);
    }
}
