package golf.linkup.engine.missed;

import golf.linkup.engine.gateway.connections.ClientConnection;
import golf.linkup.engine.gateway.connections.ConnectionRegistry;
import golf.linkup.engine.gateway.fanout.SequencedEnvelope;
import golf.linkup.engine.gateway.history.RoomMessage;
import golf.linkup.engine.gateway.history.StreamPosition;
import golf.linkup.engine.gateway.rooms.Rooms;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's half of missed-message digests: which messages of chat rooms ({@code chat:{id}})
 * and tee-time rooms ({@code tee-time:{id}}) its sockets took, and which of those rooms got a chat
 * message or a room change ({@link RoomChanges}; each schedules a look after the delay).
 *
 * <p>A connection has <em>seen</em> a chat message once it was handed to the socket: {@link #flush}
 * writes a position one flush after it was noted (deliveries reach a socket's queue on its I/O
 * thread, a moment after the batch), only when the connection's send queue is empty, never for a room in which it
 * dropped a message and has not recovered since ({@link ClientConnection#hasUnrecoveredLoss}), and
 * forgets them when the connection closed first (unknown: counted as missed). In a tee-time room
 * only players' connections (those also in its chat room) are noted. Work on the delivery
 * and gateway threads is a map update; Redis is written by {@link #flush}, on one timer thread.
 */
public final class SeenTracker {

    private static final Logger LOG = LoggerFactory.getLogger(SeenTracker.class);

    private final ConnectionRegistry registry;
    private final MissedMessageStore store;
    private final Clock clock;
    private final long delayMillis;
    private final Map<ClientConnection, Map<String, StreamPosition>> pending = new ConcurrentHashMap<>();
    /** Positions noted before the last flush; touched by the flush thread only. */
    private final Map<ClientConnection, Map<String, StreamPosition>> settling = new HashMap<>();
    private final Map<String, MissedMessageStore.Pending> looks = new ConcurrentHashMap<>();

    public SeenTracker(ConnectionRegistry registry, MissedMessageStore store, Clock clock, Duration delay) {
        this.registry = registry;
        this.store = store;
        this.clock = clock;
        this.delayMillis = delay.toMillis();
    }

    /** On the delivery thread, after a batch was handed to this instance's sockets. */
    public void delivered(List<SequencedEnvelope> batch) {
        long due = clock.millis() + delayMillis;
        for (SequencedEnvelope envelope : batch) {
            for (RoomMessage m : envelope.messages()) {
                if (!m.hasPosition() || !tracked(m.room())) {
                    continue;
                }
                if (m.room().startsWith(Rooms.CHAT_PREFIX) || RoomChanges.mayBeChange(m.text())) {
                    StreamPosition before = new StreamPosition(m.offset() - 1, m.epoch());
                    looks.merge(m.room(), new MissedMessageStore.Pending(m.room(), before, due),
                            (old, fresh) -> old.before().epoch().equals(fresh.before().epoch()) ? old : fresh);
                }
                for (ClientConnection c : readers(m.room())) {
                    caughtUp(c, m.room(), m.position());
                }
            }
        }
    }

    /** A connection stands at {@code position} in {@code room} (a delivery, a subscribe, a recovery). */
    public void caughtUp(ClientConnection connection, String room, StreamPosition position) {
        if (!tracked(room) || position.offset() <= 0 || !participantIn(connection, room)) {
            return;
        }
        pending.computeIfAbsent(connection, c -> new ConcurrentHashMap<>()).merge(room, position, SeenTracker::later);
    }

    /** Writes the looks to schedule and what sockets took; run about twice a second, on one thread. */
    public void flush() {
        if (!looks.isEmpty()) {
            List<MissedMessageStore.Pending> due = new ArrayList<>();
            for (String room : List.copyOf(looks.keySet())) {
                MissedMessageStore.Pending p = looks.remove(room);
                if (p != null) {
                    due.add(p);
                }
            }
            store.schedule(due);
        }
        Map<String, Map<String, StreamPosition>> seen = new HashMap<>();
        for (var it = settling.entrySet().iterator(); it.hasNext();) {
            var entry = it.next();
            ClientConnection c = entry.getKey();
            if (c.isClosed()) {
                it.remove();
            } else if (c.queued() == 0) {
                it.remove();
                entry.getValue().forEach((room, p) -> {
                    if (!c.hasUnrecoveredLoss(room)) {
                        seen.computeIfAbsent(room, r -> new HashMap<>()).merge(c.userId(), p, SeenTracker::later);
                    }
                });
            } // else: not written yet, looked at again next flush
        }
        for (ClientConnection c : List.copyOf(pending.keySet())) {
            Map<String, StreamPosition> positions = pending.remove(c);
            if (positions != null) {
                Map<String, StreamPosition> into = settling.computeIfAbsent(c, k -> new HashMap<>());
                positions.forEach((room, p) -> into.merge(room, p, SeenTracker::later));
            }
        }
        seen.forEach(store::seen);
        if (!seen.isEmpty()) {
            LOG.debug("seen positions written for {} chat rooms", seen.size());
        }
    }

    /**
     * The connections whose position in {@code room} digests need: every member of a chat room; of
     * a tee-time room (anyone may follow one, thousands may), only the members of its chat room,
     * which only the tee time's players join. So the work per message is bounded by the players'
     * connections, not the room's followers.
     */
    private java.util.Collection<ClientConnection> readers(String room) {
        if (room.startsWith(Rooms.CHAT_PREFIX)) {
            return registry.members(room);
        }
        String chat = Rooms.chat(room.substring(Rooms.TEE_TIME_PREFIX.length()));
        List<ClientConnection> out = new ArrayList<>();
        for (ClientConnection c : registry.members(chat)) {
            if (c.rooms().contains(room)) {
                out.add(c);
            }
        }
        return out;
    }

    /** A chat member, or a tee-time room member who is also in its chat room (a player). */
    private static boolean participantIn(ClientConnection connection, String room) {
        return room.startsWith(Rooms.CHAT_PREFIX)
                || connection.rooms().contains(Rooms.chat(room.substring(Rooms.TEE_TIME_PREFIX.length())));
    }

    /** A room whose messages digests count: a tee time's chat or its room (changes). */
    static boolean tracked(String room) {
        return room.startsWith(Rooms.CHAT_PREFIX) || room.startsWith(Rooms.TEE_TIME_PREFIX);
    }

    /** The later of two positions: the higher offset in one epoch, else the newer epoch ({@code b}). */
    static StreamPosition later(StreamPosition a, StreamPosition b) {
        return a.epoch().equals(b.epoch()) && a.offset() >= b.offset() ? a : b;
    }
}
