package golf.linkup.engine.missed;

import golf.linkup.engine.gateway.history.RoomHistory;
import golf.linkup.engine.gateway.history.RoomMessage;
import golf.linkup.engine.gateway.history.StreamPosition;
import golf.linkup.engine.gateway.rooms.Rooms;
import golf.linkup.engine.storage.Participants;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What operators see of missed-message digests, read from the shared state ({@link MissedMessageStore},
 * room history): a user's rooms with messages or changes they have not seen and when their digest
 * is due, and for one message who has it unseen. Reads only; never moves a position or a look.
 */
public final class MissedDigestStatus {

    /** How far back a message is looked for in its room's history, newest first, widening. */
    private static final int[] WINDOWS = {100, 1_000, 10_000};

    /**
     * One room of one of the user's tee times with something they have not seen.
     *
     * @param kind   {@code messages} (the chat room) or {@code changes} (the tee-time room)
     * @param unseen messages or changes after their seen position that a digest would count (not their own)
     * @param dueAt  when the room's next look is due (null: none scheduled, so nothing will be sent)
     */
    public record PendingRoom(String teeTimeId, String room, String kind, int unseen, Instant dueAt,
            long seenThrough, long roomOffset) {
    }

    /**
     * One participant and one message: {@code state} is {@code own} (they sent or made it),
     * {@code seen} (a socket of theirs took it, or a digest told them) or {@code unseen}.
     */
    public record Reader(String userId, String state, long seenThrough) {
    }

    /** A chat message or room change, where it stands in its room and each participant's state. */
    public record MessageReaders(String teeTimeId, String room, String kind, long offset, boolean counted,
            Instant dueAt, long lookedThrough, List<Reader> readers) {
    }

    private final MissedMessageStore store;
    private final RoomHistory history;
    private final Participants participants;
    private final Clock clock;

    public MissedDigestStatus(MissedMessageStore store, RoomHistory history, Participants participants, Clock clock) {
        this.store = store;
        this.history = history;
        this.participants = participants;
        this.clock = clock;
    }

    /** The rooms of {@code teeTimeIds} where {@code userId} has something unseen that a look is pending for. */
    public List<PendingRoom> pending(String userId, Collection<String> teeTimeIds) {
        long now = clock.millis();
        List<PendingRoom> out = new ArrayList<>();
        for (String teeTimeId : teeTimeIds) {
            String host = participants.of(teeTimeId).stream().findFirst().orElse("");
            for (String room : List.of(Rooms.chat(teeTimeId), Rooms.teeTime(teeTimeId))) {
                StreamPosition looked = store.lookedThrough(room);
                if (looked.equals(StreamPosition.NONE)) {
                    continue; // no look pending: nothing will be sent for this room
                }
                StreamPosition seen = store.seen(room).getOrDefault(userId, StreamPosition.NONE);
                StreamPosition from = seen.epoch().equals(looked.epoch()) && seen.offset() > looked.offset() ? seen : looked;
                RoomHistory.Recovery found = history.since(room, from);
                if (!found.recovered()) {
                    continue;
                }
                List<MissedMessageDigests.Counted> counted = counted(room, found.messages(), host, now);
                int unseen = MissedMessageDigests.unseen(counted, userId, seen);
                if (unseen > 0) {
                    long due = store.dueAt(room);
                    out.add(new PendingRoom(teeTimeId, room, kind(room), unseen,
                            due == 0 ? null : Instant.ofEpochMilli(due), seen.epoch().equals(found.position().epoch())
                                    ? seen.offset() : 0, found.position().offset()));
                }
            }
        }
        return out;
    }

    /**
     * Who has message {@code messageId} of {@code room} (a chat or tee-time room) unseen; empty when
     * the room is neither or its history no longer holds the message.
     */
    public Optional<MessageReaders> readers(String room, String messageId) {
        if (!SeenTracker.tracked(room)) {
            return Optional.empty();
        }
        Optional<RoomMessage> found = find(room, messageId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        RoomMessage m = found.get();
        String teeTimeId = MissedMessageDigests.teeTimeIdOf(room);
        List<String> players = List.copyOf(new LinkedHashSet<>(participants.of(teeTimeId)));
        String host = players.isEmpty() ? "" : players.get(0);
        long now = clock.millis();
        MissedMessageDigests.Counted c = room.startsWith(Rooms.CHAT_PREFIX) ? MissedMessageDigests.Counted.of(m, now)
                : MissedMessageDigests.Counted.change(m, now, host);
        Map<String, StreamPosition> seen = store.seen(room);
        List<Reader> readers = new ArrayList<>();
        for (String player : players) {
            StreamPosition p = seen.getOrDefault(player, StreamPosition.NONE);
            boolean sawIt = p.epoch().equals(m.epoch()) && p.offset() >= m.offset();
            String state = c != null && player.equals(c.senderId()) ? "own" : sawIt ? "seen" : "unseen";
            readers.add(new Reader(player, state, p.epoch().equals(m.epoch()) ? p.offset() : 0));
        }
        long due = store.dueAt(room);
        StreamPosition looked = store.lookedThrough(room);
        return Optional.of(new MessageReaders(teeTimeId, room, kind(room), m.offset(), c != null,
                due == 0 ? null : Instant.ofEpochMilli(due), looked.epoch().equals(m.epoch()) ? looked.offset() : 0,
                readers));
    }

    private Optional<RoomMessage> find(String room, String messageId) {
        StreamPosition current = history.position(room);
        for (int window : WINDOWS) {
            long from = Math.max(0, current.offset() - window);
            RoomHistory.Recovery r = history.since(room, from == 0 ? StreamPosition.NONE
                    : new StreamPosition(from, current.epoch()));
            if (!r.recovered()) {
                return Optional.empty();
            }
            Optional<RoomMessage> hit = r.messages().stream().filter(m -> m.id().equals(messageId)).findFirst();
            if (hit.isPresent() || from == 0) {
                return hit;
            }
        }
        return Optional.empty();
    }

    private static List<MissedMessageDigests.Counted> counted(String room, List<RoomMessage> messages, String host,
            long now) {
        boolean chat = room.startsWith(Rooms.CHAT_PREFIX);
        List<MissedMessageDigests.Counted> out = new ArrayList<>();
        for (RoomMessage m : messages) {
            MissedMessageDigests.Counted c = chat ? MissedMessageDigests.Counted.of(m, now)
                    : MissedMessageDigests.Counted.change(m, now, host);
            if (c != null) {
                out.add(c);
            }
        }
        return out;
    }

    private static String kind(String room) {
        return room.startsWith(Rooms.CHAT_PREFIX) ? "messages" : "changes";
    }
}
