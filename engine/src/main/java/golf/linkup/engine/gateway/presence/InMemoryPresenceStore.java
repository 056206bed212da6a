package golf.linkup.engine.gateway.presence;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@link PresenceStore} in this process's memory: one instance, and tests. */
public final class InMemoryPresenceStore implements PresenceStore {

    private static final class User {
        final Set<String> connections = new HashSet<>();
        long active;
        long seen;
        boolean away;
        boolean hidden;
        String published;
    }

    private final Map<String, User> users = new HashMap<>();
    private final Map<String, Long> instances = new HashMap<>();
    private final Map<String, Set<String>> byInstance = new HashMap<>();
    private final Map<String, Long> disconnected = new HashMap<>();

    private User user(String id) {
        return users.computeIfAbsent(id, k -> new User());
    }

    @Override
    public synchronized void addConnection(String userId, String instanceId, String connectionId, long now) {
        User u = user(userId);
        u.connections.add(instanceId + "|" + connectionId);
        u.active = now;
        byInstance.computeIfAbsent(instanceId, k -> new HashSet<>()).add(userId + "|" + connectionId);
        disconnected.remove(userId);
    }

    @Override
    public synchronized void removeConnection(String userId, String instanceId, String connectionId, long now) {
        User u = user(userId);
        u.connections.remove(instanceId + "|" + connectionId);
        Set<String> mine = byInstance.get(instanceId);
        if (mine != null) {
            mine.remove(userId + "|" + connectionId);
        }
        if (u.connections.isEmpty()) {
            u.seen = now;
            disconnected.put(userId, now);
        }
    }

    @Override
    public synchronized void touch(String userId, long now) {
        user(userId).active = now;
    }

    @Override
    public synchronized void declare(String userId, boolean away, long now) {
        User u = user(userId);
        u.away = away;
        if (!away) {
            u.active = now;
        }
    }

    @Override
    public synchronized void setHidden(String userId, boolean hidden) {
        user(userId).hidden = hidden;
    }

    @Override
    public synchronized Map<String, UserPresence> read(Collection<String> userIds, long aliveSince) {
        Map<String, UserPresence> out = new LinkedHashMap<>();
        for (String id : userIds) {
            User u = users.get(id);
            if (u == null) {
                out.put(id, new UserPresence(id, 0, 0, 0, false, false, null));
                continue;
            }
            int live = 0;
            for (String c : u.connections) {
                Long beat = instances.get(c.substring(0, c.indexOf('|')));
                if (beat != null && beat >= aliveSince) {
                    live++;
                }
            }
            out.put(id, new UserPresence(id, live, u.active, u.seen, u.away, u.hidden, u.published));
        }
        return out;
    }

    @Override
    public synchronized boolean announce(String userId, String expected, String announced) {
        User u = user(userId);
        if (!java.util.Objects.equals(u.published, expected)) {
            return false;
        }
        u.published = announced;
        return true;
    }

    @Override
    public synchronized void heartbeat(String instanceId, long now) {
        instances.put(instanceId, now);
    }

    @Override
    public synchronized List<String> reapDeadInstances(long deadBefore) {
        List<String> affected = new ArrayList<>();
        for (var e : List.copyOf(instances.entrySet())) {
            if (e.getValue() < deadBefore) {
                instances.remove(e.getKey());
                affected.addAll(drop(e.getKey(), e.getValue()));
            }
        }
        return affected;
    }

    @Override
    public synchronized List<String> removeInstance(String instanceId, long now) {
        instances.remove(instanceId);
        return drop(instanceId, now);
    }

    private List<String> drop(String instanceId, long seenAt) {
        List<String> affected = new ArrayList<>();
        Set<String> mine = byInstance.remove(instanceId);
        if (mine == null) {
            return affected;
        }
        for (String member : mine) {
            String userId = member.substring(0, member.indexOf('|'));
            User u = user(userId);
            u.connections.remove(instanceId + member.substring(member.indexOf('|')));
            if (u.connections.isEmpty()) {
                u.seen = Math.max(u.seen, seenAt);
                disconnected.put(userId, u.seen);
            }
            if (!affected.contains(userId)) {
                affected.add(userId);
            }
        }
        return affected;
    }

    @Override
    public synchronized List<String> claimLongDisconnected(long seenBefore, int max) {
        List<String> out = new ArrayList<>();
        for (var e : List.copyOf(disconnected.entrySet())) {
            if (out.size() < max && e.getValue() < seenBefore) {
                disconnected.remove(e.getKey());
                out.add(e.getKey());
            }
        }
        return out;
    }
}
