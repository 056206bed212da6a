package golf.linkup.engine.notifications;

import golf.linkup.engine.domain.User;
import golf.linkup.engine.events.DomainEvent;
import golf.linkup.engine.events.EventPayload;
import golf.linkup.engine.matching.ScoredUser;
import golf.linkup.engine.storage.MatchingStore;
import golf.linkup.engine.storage.MatchingStore.MatchableTeeTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The notification rules: who is told what about an event, on which channels.
 * <ul>
 *   <li>new tee time → the matching users (push + in-app), batched per user and industry;</li>
 *   <li>slot joined → the host and current participants (push + in-app);</li>
 *   <li>slot left → the host and participants (in-app);</li>
 *   <li>tee time cancelled → all participants (push + e-mail + in-app), high priority.</li>
 * </ul>
 * Nobody is told of their own action (the joiner, the leaver, the host who cancelled).
 * The model handed to the templates (keys as {@code templates/README.md} names them):
 * {@code teeTimeId, courseName, courseCity, industry, industryLabel, startsAt} (an instant)
 * {@code , courseTimeZone, openSlots, totalSlots, hostName, hostCompany, recipientName, action},
 * plus per rule {@code playerId, playerName, playerCompany, slotNumber, reason, score}.
 */
public final class NotificationRules {

    private final MatchingStore store;

    public NotificationRules(MatchingStore store) {
        this.store = store;
    }

    /** The intents an event causes (new tee times are told through {@link #newTeeTime}). */
    public List<NotificationIntent> intentsFor(DomainEvent event) {
        EventPayload p = event.payload();
        if (p instanceof EventPayload.SlotJoined joined) {
            return toGroup(event, joined.teeTimeId(), joined.userId(), NotificationType.SLOT_JOINED, Priority.HIGH,
                    EnumSet.of(Channel.PUSH, Channel.IN_APP), model -> {
                        model.put("slotNumber", joined.slotNumber());
                        actor(model, joined.userId());
                    });
        }
        if (p instanceof EventPayload.SlotLeft left) {
            return toGroup(event, left.teeTimeId(), left.userId(), NotificationType.SLOT_LEFT, Priority.NORMAL,
                    EnumSet.of(Channel.IN_APP), model -> {
                        model.put("slotNumber", left.slotNumber());
                        actor(model, left.userId());
                    });
        }
        if (p instanceof EventPayload.TeeTimeCancelled cancelled) {
            Optional<MatchableTeeTime> teeTime = store.findTeeTime(cancelled.teeTimeId());
            String actor = teeTime.map(t -> t.teeTime().hostId()).orElse(null);
            return toGroup(event, cancelled.teeTimeId(), actor, NotificationType.TEE_TIME_CANCELLED, Priority.HIGH,
                    EnumSet.of(Channel.PUSH, Channel.EMAIL, Channel.IN_APP),
                    model -> model.put("reason", cancelled.reason().orElse("")));
        }
        return List.of();
    }

    /** A matching user hears of a new or re-opened tee time (push + in-app, batched by industry). */
    public Optional<NotificationIntent> newTeeTime(String teeTimeId, ScoredUser user, String cause) {
        return store.findTeeTime(teeTimeId).map(t -> {
            Map<String, Object> model = model(t);
            model.put("score", user.score());
            model.put("action", "open_tee_time");
            store.findUser(user.userId()).ifPresent(u -> model.put("recipientName", u.name()));
            return new NotificationIntent("new_tee_time:" + teeTimeId + ":" + cause + ":" + user.userId(),
                    user.userId(), NotificationType.NEW_TEE_TIME, Priority.NORMAL,
                    EnumSet.of(Channel.PUSH, Channel.IN_APP), model,
                    "new_tee_time:" + user.userId() + ":" + t.teeTime().industry().name());
        });
    }

    /**
     * The reminder to the host and every player of a tee time: {@code reminder_24h} (push +
     * e-mail, with who else plays) or {@code reminder_2h} (push). The key is per tee time, kind and
     * player, with no run or event in it: however often the reminder job looks, each player is
     * reminded once per kind.
     */
    public List<NotificationIntent> reminders(MatchableTeeTime t, NotificationType kind) {
        if (kind != NotificationType.REMINDER_24H && kind != NotificationType.REMINDER_2H) {
            throw new IllegalArgumentException(kind + " is not a reminder");
        }
        List<String> group = new ArrayList<>();
        group.add(t.teeTime().hostId());
        t.playerIds().stream().filter(id -> !group.contains(id)).forEach(group::add);
        List<Map<String, Object>> players = new ArrayList<>();
        Map<String, User> users = new HashMap<>();
        for (String id : group) {
            store.findUser(id).ifPresent(u -> {
                users.put(id, u);
                Map<String, Object> player = new HashMap<>();
                player.put("userId", id);
                player.put("name", u.name());
                if (u.company() != null) {
                    player.put("company", u.company());
                }
                players.add(player);
            });
        }
        Set<Channel> channels = kind == NotificationType.REMINDER_24H ? EnumSet.of(Channel.PUSH, Channel.EMAIL)
                : EnumSet.of(Channel.PUSH);
        List<NotificationIntent> intents = new ArrayList<>();
        for (String userId : group) {
            Map<String, Object> model = model(t);
            model.put("action", "open_tee_time");
            if (kind == NotificationType.REMINDER_24H) {
                model.put("players", players.stream().filter(p -> !userId.equals(p.get("userId"))).toList());
            }
            User recipient = users.get(userId);
            if (recipient != null) {
                model.put("recipientName", recipient.name());
            }
            intents.add(new NotificationIntent(kind.key() + ":" + t.teeTime().id() + ":" + userId, userId, kind,
                    Priority.HIGH, channels, model, null));
        }
        return intents;
    }

    /**
     * The weekly digest: the recipient's best tee times of the week ahead, by e-mail, at most
     * one per user and local week ({@code weekly_digest:<user>:<local Sunday>}).
     */
    public NotificationIntent weeklyDigest(String userId, List<MatchableTeeTime> teeTimes, java.time.LocalDate sunday) {
        Map<String, Object> model = new HashMap<>();
        List<Map<String, Object>> items = new ArrayList<>();
        teeTimes.stream().limit(5).forEach(t -> items.add(model(t)));
        model.put("teeTimes", items);
        model.put("teeTimesCount", items.size());
        model.put("action", "open_feed");
        store.findUser(userId).ifPresent(u -> model.put("recipientName", u.name()));
        return new NotificationIntent(NotificationType.WEEKLY_DIGEST.key() + ":" + userId + ":" + sunday, userId,
                NotificationType.WEEKLY_DIGEST, Priority.LOW, EnumSet.of(Channel.EMAIL), model, null);
    }

    private interface ModelExtras {
        void add(Map<String, Object> model);
    }

    /** The host and every player of the tee time except the actor. */
    private List<NotificationIntent> toGroup(DomainEvent event, String teeTimeId, String actorId,
            NotificationType type, Priority priority, Set<Channel> channels, ModelExtras extras) {
        Optional<MatchableTeeTime> found = store.findTeeTime(teeTimeId);
        if (found.isEmpty()) {
            return List.of();
        }
        MatchableTeeTime t = found.get();
        List<String> group = new ArrayList<>();
        group.add(t.teeTime().hostId());
        t.playerIds().stream().filter(id -> !group.contains(id)).forEach(group::add);
        List<NotificationIntent> intents = new ArrayList<>();
        for (String userId : group) {
            if (userId.equals(actorId)) {
                continue;
            }
            Map<String, Object> model = model(t);
            extras.add(model);
            model.put("action", "open_tee_time");
            store.findUser(userId).ifPresent(u -> model.put("recipientName", u.name()));
            intents.add(new NotificationIntent(type.key() + ":" + event.id() + ":" + userId, userId, type, priority,
                    channels, model, null));
        }
        return intents;
    }

    /** The player who joined or left, under the templates' keys ({@code templates/README.md}). */
    private void actor(Map<String, Object> model, String userId) {
        Optional<User> actor = store.findUser(userId);
        model.put("playerId", userId);
        model.put("playerName", actor.map(User::name).orElse("A player"));
        actor.map(User::company).ifPresent(c -> model.put("playerCompany", c));
    }

    /**
     * The digest of {@code count} chat messages of tee time {@code t} that {@code userId} did not
     * see, through the room offset {@code throughOffset}: push and e-mail (their settings decide),
     * the count and the tee time only, never a message's text. The key makes one digest per
     * (chat, player, last message counted). No batch key: the digest is already the summary
     * (folding two would count digests, not messages); limits and quiet hours apply.
     */
    /**
     * One digest of what a player saw on no socket in a tee time: {@code messages} chat messages and
     * {@code changes} room changes (updated, cancelled, a slot joined or left); never any text. The
     * key names the last chat message and the last change counted, so a repeated look adds nothing.
     */
    public NotificationIntent missedMessages(MatchableTeeTime t, String userId, int messages, int changes,
            long messagesThrough, long changesThrough) {
        Map<String, Object> model = model(t);
        model.put("messageCount", messages); // not "count": delivery sets that to the batch size
        model.put("countIsOne", messages == 1);
        model.put("hasMessages", messages > 0);
        model.put("changeCount", changes);
        model.put("changeCountIsOne", changes == 1);
        model.put("hasChanges", changes > 0);
        model.put("hasBoth", messages > 0 && changes > 0);
        model.put("action", "open_chat");
        store.findUser(userId).ifPresent(u -> model.put("recipientName", u.name()));
        String teeTimeId = t.teeTime().id();
        return new NotificationIntent(missedMessagesKey(teeTimeId, userId, messagesThrough, changesThrough), userId,
                NotificationType.MISSED_MESSAGES, Priority.NORMAL, EnumSet.of(Channel.PUSH, Channel.EMAIL), model,
                null);
    }

    /** {@code missed_messages:<tee time>:<user>:<last chat offset>:<last change offset>} (0: none counted). */
    public static String missedMessagesKey(String teeTimeId, String userId, long messagesThrough, long changesThrough) {
        return NotificationType.MISSED_MESSAGES.key() + ":" + teeTimeId + ":" + userId + ":" + messagesThrough + ":"
                + changesThrough;
    }

    private static Map<String, Object> model(MatchableTeeTime t) {
        Map<String, Object> model = new HashMap<>();
        model.put("teeTimeId", t.teeTime().id());
        model.put("courseName", t.course().name());
        model.put("courseCity", t.course().city());
        model.put("industry", t.teeTime().industry().name());
        model.put("industryLabel", label(t.teeTime().industry().name()));
        model.put("startsAt", t.teeTime().startsAt().toString());
        model.put("courseTimeZone", t.course().timeZone().getId());
        model.put("openSlots", t.teeTime().openSlots());
        model.put("totalSlots", t.teeTime().totalSlots());
        model.put("hostName", t.host().name());
        if (t.host().company() != null) {
            model.put("hostCompany", t.host().company());
        }
        return model;
    }

    /** FINANCE → Finance, PRIVATE_CAPITAL → Private Capital. */
    static String label(String industry) {
        StringBuilder b = new StringBuilder();
        for (String word : industry.toLowerCase(Locale.ROOT).split("_")) {
            if (!b.isEmpty()) {
                b.append(' ');
            }
            b.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return b.toString();
    }
}
