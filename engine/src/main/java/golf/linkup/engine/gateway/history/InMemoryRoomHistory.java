package golf.linkup.engine.gateway.history;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@link RoomHistory} in this process's memory: for a single instance and for tests. A room's
 * epoch lasts as long as the process (rooms are never forgotten: tests and sandboxes are small).
 */
public final class InMemoryRoomHistory implements RoomHistory {

    private final Clock clock;
    private final int size;
    private final Duration ttl;
    private final Map<String, Room> rooms = new HashMap<>();

    public InMemoryRoomHistory(Clock clock, int size, Duration ttl) {
        this.clock = clock;
        this.size = size;
        this.ttl = ttl;
    }

    private record Entry(long offset, long atMillis, String id, String payload) {
    }

    private static final class Room {
        final String epoch = UUID.randomUUID().toString().substring(0, 8);
        final ArrayDeque<Entry> entries = new ArrayDeque<>();
        final Map<String, Long> offsets = new HashMap<>();
        final ArrayDeque<String> remembered = new ArrayDeque<>();
        long top;
    }

    @Override
    public synchronized List<StreamPosition> append(String messageId, List<String> names, String payload) {
        long now = clock.millis();
        List<StreamPosition> out = new ArrayList<>(names.size());
        for (String name : names) {
            Room room = rooms.computeIfAbsent(name, n -> new Room());
            Long known = room.offsets.get(messageId);
            if (known == null) {
                known = ++room.top;
                room.entries.addLast(new Entry(known, now, messageId, payload));
                room.offsets.put(messageId, known);
                room.remembered.addLast(messageId);
                if (room.remembered.size() > RoomHistory.idsRemembered(size)) {
                    room.offsets.remove(room.remembered.pollFirst());
                }
                trim(room, now);
            }
            out.add(new StreamPosition(known, room.epoch));
        }
        return out;
    }

    private void trim(Room room, long now) {
        while (!room.entries.isEmpty() && (room.entries.size() > size
                || room.entries.peekFirst().atMillis() < now - ttl.toMillis())) {
            room.entries.pollFirst(); // its id stays remembered (see idsRemembered)
        }
    }

    @Override
    public synchronized Recovery since(String name, StreamPosition since) {
        Room room = rooms.get(name);
        if (room == null) {
            return new Recovery(RoomHistory.recoverable(since, StreamPosition.NONE, 0), StreamPosition.NONE, List.of());
        }
        trim(room, clock.millis());
        StreamPosition current = new StreamPosition(room.top, room.epoch);
        long oldest = room.entries.isEmpty() ? 0 : room.entries.peekFirst().offset();
        if (!RoomHistory.recoverable(since, current, oldest)) {
            return new Recovery(false, current, List.of());
        }
        List<RoomMessage> messages = new ArrayList<>();
        for (Entry e : room.entries) {
            if (e.offset() > since.offset()) {
                messages.add(RoomMessage.stamp(name, e.id(), e.offset(), room.epoch, e.payload()));
            }
        }
        return new Recovery(true, current, messages);
    }

    @Override
    public synchronized StreamPosition position(String name) {
        Room room = rooms.get(name);
        return room == null ? StreamPosition.NONE : new StreamPosition(room.top, room.epoch);
    }
}
