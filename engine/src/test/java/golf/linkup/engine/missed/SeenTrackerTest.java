package golf.linkup.engine.missed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import golf.linkup.engine.auth.Identity;
import golf.linkup.engine.gateway.connections.ClientConnection;
import golf.linkup.engine.gateway.connections.ConnectionRegistry;
import golf.linkup.engine.gateway.fanout.FanoutEnvelope;
import golf.linkup.engine.gateway.fanout.SequencedEnvelope;
import golf.linkup.engine.gateway.history.RoomMessage;
import golf.linkup.engine.gateway.history.StreamPosition;
import golf.linkup.testing.RecordingOutbound;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Which deliveries schedule a look and whose positions are noted: chat messages and room changes
 * schedule looks, holds do not; in a tee-time room only players (members of its chat room) are
 * noted, never the room's other followers.
 */
class SeenTrackerTest {

    final ConnectionRegistry registry = new ConnectionRegistry();
    final RecordingStore store = new RecordingStore();
    final Clock clock = Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC);
    final SeenTracker tracker = new SeenTracker(registry, store, clock, Duration.ofSeconds(3));
    int ids;

    @Test
    void aRoomChangeSchedulesALookAndNotesOnlyThePlayersPositions() {
        ClientConnection player = connection("olly", "tee-time:tt-1", "chat:tt-1");
        ClientConnection follower = connection("fan", "tee-time:tt-1");
        ClientConnection otherGame = connection("rita", "chat:tt-2", "tee-time:tt-1");

        tracker.delivered(List.of(batch("tee-time:tt-1", 4,
                "{\"type\":\"tee-time:slot-joined\",\"data\":{\"teeTimeId\":\"tt-1\",\"slot\":{\"userId\":\"max\"}}}")));
        tracker.caughtUp(follower, "tee-time:tt-1", new StreamPosition(4, "e1"));
        tracker.flush(); // looks written; positions settle
        tracker.flush(); // positions of drained connections written

        assertEquals(List.of("tee-time:tt-1"), store.scheduled);
        assertEquals(Map.of("olly", new StreamPosition(4, "e1")), store.seen.get("tee-time:tt-1"));
        assertTrue(player.rooms().contains("tee-time:tt-1") && otherGame.rooms().contains("tee-time:tt-1"));
    }

    @Test
    void aHoldIsNoChangeAndSchedulesNothing() {
        connection("olly", "tee-time:tt-1", "chat:tt-1");

        tracker.delivered(List.of(batch("tee-time:tt-1", 5,
                "{\"type\":\"tee-time:slot-held\",\"data\":{\"teeTimeId\":\"tt-1\",\"slotNumber\":3}}")));
        tracker.flush();
        tracker.flush();

        assertEquals(List.of(), store.scheduled);
        assertEquals(Map.of("olly", new StreamPosition(5, "e1")), store.seen.get("tee-time:tt-1"),
                "a player's position still moves: later changes are counted after it");
    }

    @Test
    void aChatMessageStillNotesEveryChatMember() {
        connection("olly", "chat:tt-1");
        connection("hal", "chat:tt-1");

        tracker.delivered(List.of(batch("chat:tt-1", 2,
                "{\"type\":\"tee-time:message\",\"data\":{\"message\":{\"senderId\":\"hal\"}}}")));
        tracker.flush();
        tracker.flush();

        assertEquals(List.of("chat:tt-1"), store.scheduled);
        assertEquals(Set.of("olly", "hal"), store.seen.get("chat:tt-1").keySet());
    }

    // ---- helpers

    ClientConnection connection(String userId, String... rooms) {
        ClientConnection c = new ClientConnection("c-" + ++ids,
                new Identity(userId, Set.of(), Instant.parse("2030-01-01T00:00:00Z"), Optional.empty()),
                RecordingOutbound.immediate(), 100, Instant.EPOCH, () -> { });
        registry.register(c);
        for (String room : rooms) {
            registry.join(c, room);
        }
        return c;
    }

    static SequencedEnvelope batch(String room, long offset, String payload) {
        return new SequencedEnvelope(FanoutEnvelope.toRooms(List.of(room), payload, 0),
                List.of(RoomMessage.stamp(room, "m-" + offset, offset, "e1", payload)));
    }

    /** Records what the tracker writes. */
    static final class RecordingStore implements MissedMessageStore {
        final List<String> scheduled = new ArrayList<>();
        final Map<String, Map<String, StreamPosition>> seen = new HashMap<>();

        @Override
        public void schedule(Collection<Pending> pending) {
            pending.forEach(p -> scheduled.add(p.room()));
        }

        @Override
        public List<String> takeDue(long nowMillis, int limit) {
            return List.of();
        }

        @Override
        public void seen(String room, Map<String, StreamPosition> byUser) {
            seen.computeIfAbsent(room, r -> new HashMap<>()).putAll(byUser);
        }

        @Override
        public Map<String, StreamPosition> seen(String room) {
            return seen.getOrDefault(room, Map.of());
        }

        @Override
        public StreamPosition lookedThrough(String room) {
            return StreamPosition.NONE;
        }

        @Override
        public long dueAt(String room) {
            return 0;
        }

        @Override
        public void looked(String room, StreamPosition through, long dueMillis) {
        }
    }
}
