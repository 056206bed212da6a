package golf.linkup.engine.missed;

import com.fasterxml.jackson.databind.JsonNode;
import golf.linkup.engine.gateway.history.RoomHistory;
import golf.linkup.engine.gateway.history.RoomMessage;
import golf.linkup.engine.gateway.history.StreamPosition;
import golf.linkup.engine.gateway.rooms.Rooms;
import golf.linkup.engine.json.Json;
import golf.linkup.engine.notifications.NotificationRules;
import golf.linkup.engine.notifications.intake.NotificationService;
import golf.linkup.engine.storage.MatchingStore;
import golf.linkup.engine.storage.Participants;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The timed job behind missed-message digests (once per cluster, like every timed job): for each
 * tee time whose chat room or tee-time room has a look due, the chat messages and room changes
 * ({@link RoomChanges}) at least {@code delay} old that a player saw on no socket (and did not send
 * or make) become one {@code missed_messages} notification per player ("3 new messages and 2
 * changes"), through the normal notification path (their settings, limits, quiet hours, the outbox).
 *
 * <p>After a look, each told player's seen position and the room's look position move to the last
 * message counted, so nothing is counted twice; messages too recent to count yet schedule the next
 * look. The outbox key (tee time, player, last chat message and last change counted) makes a
 * repeated run queue nothing twice.
 * A room whose history no longer reaches back to the look position (expired, epoch changed) is
 * skipped and logged.
 */
public final class MissedMessageDigests {

    private static final Logger LOG = LoggerFactory.getLogger(MissedMessageDigests.class);
    /** Rooms looked at per run; the rest stay due for the next run. */
    static final int ROOMS_PER_RUN = 500;

    /** What one run did. */
    public record Result(int rooms, int digests) {
        @Override
        public String toString() {
            return digests + " digests for " + rooms + " chat rooms";
        }
    }

    private final MissedMessageStore store;
    private final RoomHistory history;
    private final Participants participants;
    private final MatchingStore teeTimes;
    private final NotificationRules rules;
    private final NotificationService notifications;
    private final Clock clock;
    private final long delayMillis;

    public MissedMessageDigests(MissedMessageStore store, RoomHistory history, Participants participants,
            MatchingStore teeTimes, NotificationRules rules, NotificationService notifications, Clock clock,
            Duration delay) {
        this.store = store;
        this.history = history;
        this.participants = participants;
        this.teeTimes = teeTimes;
        this.rules = rules;
        this.notifications = notifications;
        this.clock = clock;
        this.delayMillis = delay.toMillis();
    }

    public Result run() {
        long now = clock.millis();
        int rooms = 0;
        int digests = 0;
        // a tee time's two rooms are looked at together, so a player gets one digest of both
        Map<String, Set<String>> byTeeTime = new LinkedHashMap<>();
        for (String room : store.takeDue(now, ROOMS_PER_RUN)) {
            byTeeTime.computeIfAbsent(teeTimeIdOf(room), id -> new LinkedHashSet<>()).add(room);
        }
        for (var entry : byTeeTime.entrySet()) {
            rooms += entry.getValue().size();
            try {
                digests += look(entry.getKey(), entry.getValue(), now);
            } catch (RuntimeException e) {
                LOG.warn("missed-message look at {} failed; looking again after the delay: {}", entry.getValue(),
                        e.toString());
                for (String room : entry.getValue()) {
                    store.looked(room, store.lookedThrough(room), now + delayMillis);
                }
            }
        }
        if (digests > 0) {
            LOG.info("missed messages: {} digests for {} rooms", digests, rooms);
        }
        return new Result(rooms, digests);
    }

    /** The tee time of a chat room or a tee-time room. */
    static String teeTimeIdOf(String room) {
        return room.startsWith(Rooms.CHAT_PREFIX) ? room.substring(Rooms.CHAT_PREFIX.length())
                : room.substring(Rooms.TEE_TIME_PREFIX.length());
    }

    /** What one look at one room found: per player the count, and the last message counted. */
    private record RoomLook(String room, Map<String, Integer> counts, StreamPosition through, long nextLook) {
    }

    /**
     * Looks at the due rooms of one tee time, and at its other room too when that one has a look
     * pending (its ripe messages join this digest; the rest wait for its own look).
     */
    private int look(String teeTimeId, Set<String> due, long now) {
        String chat = Rooms.chat(teeTimeId);
        String changes = Rooms.teeTime(teeTimeId);
        var teeTime = teeTimes.findTeeTime(teeTimeId);
        // the host may also hold a slot: once each
        List<String> players = teeTime.isPresent() ? List.copyOf(new LinkedHashSet<>(participants.of(teeTimeId)))
                : List.of();
        String host = players.isEmpty() ? null : players.get(0); // Participants lists the host first
        if (players.isEmpty()) {
            // nobody to tell (an unknown tee time, or one only followed): no history read
            for (String room : due) {
                store.looked(room, history.position(room), 0);
            }
            return 0;
        }
        Map<String, RoomLook> looks = new HashMap<>();
        for (String room : List.of(chat, changes)) {
            StreamPosition from = store.lookedThrough(room);
            if (due.contains(room) || !from.equals(StreamPosition.NONE)) {
                lookAt(room, from, players, host, now, due.contains(room)).ifPresent(l -> looks.put(room, l));
            }
        }
        int digests = 0;
        if (teeTime.isPresent()) {
            RoomLook messages = looks.get(chat);
            RoomLook roomChanges = looks.get(changes);
            Map<String, Map<String, StreamPosition>> told = new HashMap<>();
            for (String player : players) {
                int m = messages == null ? 0 : messages.counts().getOrDefault(player, 0);
                int c = roomChanges == null ? 0 : roomChanges.counts().getOrDefault(player, 0);
                if (m + c == 0) {
                    continue;
                }
                notifications.enqueue(rules.missedMessages(teeTime.get(), player, m, c,
                        messages == null ? 0 : messages.through().offset(),
                        roomChanges == null ? 0 : roomChanges.through().offset()));
                if (m > 0) {
                    told.computeIfAbsent(chat, r -> new HashMap<>()).put(player, messages.through());
                }
                if (c > 0) {
                    told.computeIfAbsent(changes, r -> new HashMap<>()).put(player, roomChanges.through());
                }
                digests++;
            }
            told.forEach(store::seen);
        }
        for (RoomLook l : looks.values()) {
            store.looked(l.room(), l.through(), l.nextLook());
        }
        return digests;
    }

    /**
     * One room's messages after {@code from} that are at least the delay old, counted per player
     * (not their own); empty when there is nothing to record for the room.
     */
    private java.util.Optional<RoomLook> lookAt(String room, StreamPosition from, List<String> players, String host,
            long now, boolean wasDue) {
        RoomHistory.Recovery found = history.since(room, from);
        if (!found.recovered()) {
            LOG.info("missed messages: history of {} no longer reaches back to {}; skipped", room, from);
            store.looked(room, found.position(), 0);
            return java.util.Optional.empty();
        }
        boolean chat = room.startsWith(Rooms.CHAT_PREFIX);
        long cutoff = now - delayMillis;
        List<Counted> ripe = new ArrayList<>();
        long nextLook = 0;
        StreamPosition through = from;
        for (RoomMessage m : found.messages()) {
            Counted c = chat ? Counted.of(m, now) : Counted.change(m, now, host);
            if (c != null && c.sentAtMillis() > cutoff) {
                nextLook = c.sentAtMillis() + delayMillis;
                break;
            }
            through = m.position(); // what is not counted (holds, an openSlots update) is passed over
            if (c != null) {
                ripe.add(c);
            }
        }
        if (ripe.isEmpty() && through.equals(from) && !wasDue) {
            return java.util.Optional.empty(); // the other room of a tee time, with nothing ripe yet
        }
        Map<String, StreamPosition> seen = ripe.isEmpty() ? Map.of() : store.seen(room);
        Map<String, Integer> counts = new HashMap<>();
        for (String player : players) {
            int count = unseen(ripe, player, seen.getOrDefault(player, StreamPosition.NONE));
            if (count > 0) {
                counts.put(player, count);
            }
        }
        return java.util.Optional.of(new RoomLook(room, counts, through, nextLook));
    }

    /** Messages after {@code seen} that {@code player} did not send (or make). */
    static int unseen(List<Counted> messages, String player, StreamPosition seen) {
        int count = 0;
        for (Counted c : messages) {
            RoomMessage m = c.message();
            boolean alreadySeen = seen.epoch().equals(m.epoch()) && m.offset() <= seen.offset();
            if (!alreadySeen && !player.equals(c.senderId())) {
                count++;
            }
        }
        return count;
    }

    /** A chat message or a room change with what counting needs: when it was sent and by whom. */
    record Counted(RoomMessage message, long sentAtMillis, String senderId) {

        /** A room change, or null when the message is not one ({@code host}: who made updates). */
        static Counted change(RoomMessage m, long now, String host) {
            RoomChanges.Change c = RoomChanges.of(m, now);
            if (c == null) {
                return null;
            }
            return new Counted(m, c.occurredAtMillis(), c.actorId() != null ? c.actorId() : host == null ? "" : host);
        }

        static Counted of(RoomMessage m, long now) {
            try {
                JsonNode message = Json.MAPPER.readTree(m.text()).path("data").path("message");
                long sentAt = message.hasNonNull("sentAt") ? Instant.parse(message.get("sentAt").asText()).toEpochMilli()
                        : now;
                return new Counted(m, Math.min(sentAt, now), message.path("senderId").asText(""));
            } catch (IOException | DateTimeParseException e) {
                return new Counted(m, now, "");
            }
        }
    }
}
