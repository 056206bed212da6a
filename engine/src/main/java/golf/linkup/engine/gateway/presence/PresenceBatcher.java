package golf.linkup.engine.gateway.presence;

import golf.linkup.engine.gateway.connections.ClientConnection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bulk presence updates: updates for one connection are held for up to one batch window
 * and sent as one {@code presence} message (a later update of the same user replaces an earlier
 * one). Only connections with pending updates cost anything.
 */
public final class PresenceBatcher {

    private final Map<ClientConnection, Map<String, String>> pending = new ConcurrentHashMap<>();

    /** Queues one user's update (a JSON object with {@code userId}) for {@code connection}. */
    public void offer(ClientConnection connection, String userId, String update) {
        Map<String, String> updates = pending.computeIfAbsent(connection, c -> new LinkedHashMap<>());
        synchronized (updates) {
            updates.put(userId, update);
        }
    }

    /** Sends every pending batch (called once per batch window). */
    public void flush() {
        for (ClientConnection c : pending.keySet()) {
            Map<String, String> updates = pending.remove(c);
            if (updates == null || c.isClosed()) {
                continue;
            }
            StringBuilder m = new StringBuilder("{\"type\":\"presence\",\"data\":{\"users\":[");
            synchronized (updates) {
                boolean first = true;
                for (String u : updates.values()) {
                    if (!first) {
                        m.append(',');
                    }
                    m.append(u);
                    first = false;
                }
            }
            c.send(m.append("]}}").toString());
        }
    }

    public int pendingConnections() {
        return pending.size();
    }
}
