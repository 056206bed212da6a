package golf.linkup.engine.gateway.connections;

import golf.linkup.engine.gateway.rooms.Rooms;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * This instance's connections: by id, by user (several tabs and devices) and by room.
 *
 * <p>Thread-safe. Joining and leaving a room are atomic per room, and a room with no members is
 * removed, so a closed connection leaves nothing behind ({@link #unregister}).
 */
public final class ConnectionRegistry {

    private final Map<String, ClientConnection> byId = new ConcurrentHashMap<>();
    private final Map<String, Set<ClientConnection>> byRoom = new ConcurrentHashMap<>();
    private final AtomicInteger users = new AtomicInteger();

    /** Adds a connection and puts it in its user's room. */
    public void register(ClientConnection connection) {
        byId.put(connection.id(), connection);
        join(connection, Rooms.user(connection.userId()));
    }

    /** Removes a connection from every room it is in. Safe to call twice. */
    public void unregister(ClientConnection connection) {
        if (byId.remove(connection.id()) == null) {
            return;
        }
        for (String room : List.copyOf(connection.rooms())) {
            leave(connection, room);
        }
    }

    /**
     * Joins a room; returns the room's member count after joining. A join that races with the
     * connection closing undoes itself: closing marks the connection closed before unregistering, so
     * either unregister sees this room or this check sees the close.
     */
    public int join(ClientConnection connection, String room) {
        int[] size = new int[1];
        byRoom.compute(room, (name, members) -> {
            Set<ClientConnection> set = members == null ? ConcurrentHashMap.newKeySet() : members;
            set.add(connection);
            size[0] = set.size();
            if (members == null && isUserRoom(name)) {
                users.incrementAndGet();
            }
            return set;
        });
        connection.rooms().add(room);
        if (connection.isClosed()) {
            leave(connection, room);
            return 0;
        }
        return size[0];
    }

    /** Leaves a room; true when the connection was in it. */
    public boolean leave(ClientConnection connection, String room) {
        boolean[] removed = new boolean[1];
        byRoom.computeIfPresent(room, (name, members) -> {
            removed[0] = members.remove(connection);
            if (!members.isEmpty()) {
                return members;
            }
            if (isUserRoom(name)) {
                users.decrementAndGet();
            }
            return null;
        });
        connection.rooms().remove(room);
        return removed[0];
    }

    /** A user's room exists while they have a connection here: its creation and removal count users. */
    private static boolean isUserRoom(String room) {
        return room.startsWith(Rooms.USER_PREFIX);
    }

    /** Members of a room; an empty set when nobody is in it. The set is live: do not modify it. */
    public Set<ClientConnection> members(String room) {
        Set<ClientConnection> members = byRoom.get(room);
        return members == null ? Set.of() : members;
    }

    public Collection<ClientConnection> connections() {
        return byId.values();
    }

    public ClientConnection connection(String id) {
        return byId.get(id);
    }

    public int connectionCount() {
        return byId.size();
    }

    /** Distinct users with at least one connection here. */
    public int userCount() {
        return users.get();
    }

    /** Room name → member count, for stats and the console. */
    public Map<String, Integer> roomSizes() {
        Map<String, Integer> sizes = new java.util.TreeMap<>();
        byRoom.forEach((room, members) -> sizes.put(room, members.size()));
        return sizes;
    }

    public int roomCount() {
        return byRoom.size();
    }

    /**
     * Connections that are behind right now: their send queue overflowed and they have not yet been
     * told what they missed ({@link ClientConnection#isSlow()}). For the console and metrics.
     */
    public List<ClientConnection> slowConnections() {
        return byId.values().stream().filter(ClientConnection::isSlow).toList();
    }

    public int slowConnectionCount() {
        int n = 0;
        for (ClientConnection c : byId.values()) {
            if (c.isSlow()) {
                n++;
            }
        }
        return n;
    }

    /** A user's connections on this instance (several tabs and devices). */
    public Set<ClientConnection> connectionsOf(String userId) {
        return members(Rooms.user(userId));
    }
}
