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
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The timed job behind missed-message digests (once per cluster, like every timed job): for each
 * chat room whose look is due, the messages sent at least {@code delay} ago that a player saw on no
 * socket (and did not send) become one {@code missed_messages} notification per player, through the
 * normal notification path (their settings, limits, quiet hours, the outbox).
 *
 * <p>After a look, each told player's seen position and the room's look position move to the last
 * message counted, so nothing is counted twice; messages too recent to count yet schedule the next
 * look. The outbox key (chat, player, last message counted) makes a repeated run queue nothing twice.
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
        for (String room : store.takeDue(now, ROOMS_PER_RUN)) {
            rooms++;
            try {
                digests += look(room, now);
            } catch (RuntimeException e) {
                LOG.warn("missed-message look at {} failed; looking again after the delay: {}", room, e.toString());
                store.looked(room, store.lookedThrough(room), now + delayMillis);
            }
        }
        if (digests > 0) {
            LOG.info("missed messages: {} digests for {} chat rooms", digests, rooms);
        }
        return new Result(rooms, digests);
    }

    private int look(String room, long now) {
        StreamPosition from = store.lookedThrough(room);
        RoomHistory.Recovery found = history.since(room, from);
        if (!found.recovered()) {
            LOG.info("missed messages: history of {} no longer reaches back to {}; skipped", room, from);
            store.looked(room, found.position(), 0);
            return 0;
        }
        long cutoff = now - delayMillis;
        List<Counted> ripe = new ArrayList<>();
        long nextLook = 0;
        for (RoomMessage m : found.messages()) {
            Counted c = Counted.of(m, now);
            if (c.sentAtMillis() > cutoff) {
                nextLook = c.sentAtMillis() + delayMillis;
                break;
            }
            ripe.add(c);
        }
        if (ripe.isEmpty()) {
            store.looked(room, from, nextLook);
            return 0;
        }
        StreamPosition through = ripe.get(ripe.size() - 1).message().position();
        String teeTimeId = room.substring(Rooms.CHAT_PREFIX.length());
        var teeTime = teeTimes.findTeeTime(teeTimeId);
        int digests = 0;
        if (teeTime.isPresent()) {
            Map<String, StreamPosition> seen = store.seen(room);
            Map<String, StreamPosition> told = new HashMap<>();
            for (String player : participants.of(teeTimeId)) {
                int count = unseen(ripe, player, seen.getOrDefault(player, StreamPosition.NONE));
                if (count > 0) {
                    notifications.enqueue(rules.missedMessages(teeTime.get(), player, count, through.offset()));
                    told.put(player, through);
                    digests++;
                }
            }
            if (!told.isEmpty()) {
                store.seen(room, told);
            }
        }
        store.looked(room, through, nextLook);
        return digests;
    }

    /** Messages after {@code seen} that {@code player} did not send. */
    private static int unseen(List<Counted> messages, String player, StreamPosition seen) {
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

    /** A chat message with what counting needs: when it was sent and by whom. */
    private record Counted(RoomMessage message, long sentAtMillis, String senderId) {

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
