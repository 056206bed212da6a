package golf.linkup.engine.notifications.intake;

import golf.linkup.engine.domain.User;
import golf.linkup.engine.json.Json;
import golf.linkup.engine.notifications.Channel;
import golf.linkup.engine.notifications.NotificationIntent;
import golf.linkup.engine.notifications.NotificationType;
import golf.linkup.engine.notifications.Priority;
import golf.linkup.engine.notifications.outbox.OutboxRow;
import golf.linkup.engine.notifications.outbox.OutboxStore;
import golf.linkup.engine.notifications.policy.PreferencesStore;
import golf.linkup.engine.notifications.policy.TypeSettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The policy step: decides which channels of an intent are queued, when, and whether into a held
 * summary, in this order (it reads the outbox and the user's preferences, and writes nothing):
 * <ol>
 *   <li>the user's settings for the type: disabled → nothing; push and e-mail only when enabled;
 *       in-app always (when the type is enabled);</li>
 *   <li>frequency limits on the interrupting channels (push, e-mail): at most 10 notifications a day
 *       per user and 3 an hour per type; critical and {@linkplain NotificationType#transactional()
 *       transactional} ones (the user's own booking) are exempt and not counted; over the limit those
 *       channels are dropped;</li>
 *   <li>quiet hours in the user's time zone: non-critical push and e-mail are held until the window
 *       ends (scheduled then, not dropped); in-app goes at once; a transactional e-mail about a tee
 *       time that starts within {@link #URGENT_EMAIL_WITHIN} goes at once (an e-mail wakes nobody);</li>
 *   <li>batching (never for transactional ones): with a batch key, push and e-mail within
 *       {@link #BATCH_WINDOW} of an earlier one are folded into one held summary ("3 new tee times in
 *       Finance near you"); a notification already queued or folded is not folded again (DUPLICATE).</li>
 * </ol>
 * Each channel left out is counted in {@code linkup.notifications.suppressed{channel, reason}}.
 */
public final class NotificationPlanner {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationPlanner.class);

    public static final Duration BATCH_WINDOW = Duration.ofMinutes(5);
    public static final int DAILY_LIMIT = 10;
    public static final int HOURLY_LIMIT_PER_TYPE = 3;
    /** A transactional e-mail about a tee time starting within this is not held by quiet hours. */
    public static final Duration URGENT_EMAIL_WITHIN = Duration.ofHours(24);
    /** Model key of a held summary: the notification keys folded into it (so a replay is not folded twice). */
    static final String BATCHED_KEYS = "batchedKeys";
    private static final Set<Channel> INTERRUPTING = EnumSet.of(Channel.PUSH, Channel.EMAIL);

    private final OutboxStore outbox;
    private final PreferencesStore preferences;
    private final Function<String, Optional<User>> users;
    private final Clock clock;
    private final MeterRegistry meters;

    public NotificationPlanner(OutboxStore outbox, PreferencesStore preferences,
            Function<String, Optional<User>> users, Clock clock, MeterRegistry meters) {
        this.outbox = outbox;
        this.preferences = preferences;
        this.users = users;
        this.clock = clock;
        this.meters = meters;
    }

    public NotificationPlan plan(NotificationIntent intent) {
        Map<Channel, String> suppressed = new HashMap<>();
        Optional<User> found = users.apply(intent.userId());
        if (found.isEmpty()) {
            intent.channels().forEach(c -> suppressed.put(c, "UNKNOWN_USER"));
            return planned(intent, List.of(), suppressed);
        }
        User user = found.get();
        TypeSettings settings = preferences.settings(user.id(), intent.type());
        if (!settings.enabled()) {
            intent.channels().forEach(c -> suppressed.put(c, "NOTIFICATION_DISABLED"));
            return planned(intent, List.of(), suppressed);
        }
        Set<Channel> channels = EnumSet.noneOf(Channel.class);
        for (Channel c : intent.channels()) {
            boolean allowed = c == Channel.IN_APP || (c == Channel.PUSH && settings.push())
                    || (c == Channel.EMAIL && settings.email() && user.email() != null);
            if (allowed) {
                channels.add(c);
            } else {
                suppressed.put(c, "NOTIFICATION_DISABLED");
            }
        }
        Instant now = clock.instant();
        boolean critical = intent.priority() == Priority.CRITICAL;
        boolean transactional = intent.type().transactional();
        if (!critical && !transactional && channels.stream().anyMatch(INTERRUPTING::contains)) {
            String limit = null;
            if (outbox.interruptingCountSince(user.id(), null, now.minus(Duration.ofDays(1))) >= DAILY_LIMIT) {
                limit = "RATE_LIMIT_EXCEEDED: " + DAILY_LIMIT + " a day";
            } else if (outbox.interruptingCountSince(user.id(), intent.type(), now.minus(Duration.ofHours(1)))
                    >= HOURLY_LIMIT_PER_TYPE) {
                limit = "RATE_LIMIT_EXCEEDED: " + HOURLY_LIMIT_PER_TYPE + " an hour of " + intent.type().key();
            }
            if (limit != null) {
                for (Channel c : INTERRUPTING) {
                    if (channels.remove(c)) {
                        suppressed.put(c, limit);
                    }
                }
            }
        }
        Optional<Instant> quietUntil = critical ? Optional.empty()
                : preferences.quietHours(user.id(), user.timeZone()).holdUntil(now);
        List<PlannedNotification> planned = new ArrayList<>();
        boolean urgentEmail = transactional && startsWithin(intent, now, URGENT_EMAIL_WITHIN);
        for (Channel channel : channels) {
            boolean hold = channel != Channel.IN_APP && quietUntil.isPresent()
                    && !(channel == Channel.EMAIL && urgentEmail);
            Instant scheduled = hold ? quietUntil.get() : now;
            Instant heldUntil = hold ? quietUntil.get() : null;
            Map<String, Object> model = new HashMap<>(intent.model());
            model.put("count", 1);
            if (intent.batchKey() != null && channel != Channel.IN_APP && !transactional) {
                Optional<OutboxRow> summary = outbox.heldBatch(intent.batchKey(), channel, now);
                if (summary.isPresent()) {
                    OutboxRow row = summary.get();
                    List<String> batched = batchedKeys(row);
                    String key = intent.notificationKey();
                    if (batched.contains(key) || outbox.contains(key + ":" + channel.key())) {
                        suppressed.put(channel, "DUPLICATE"); // handled before: queued or folded already
                        continue;
                    }
                    batched.add(key);
                    int count = row.batchCount() + 1;
                    model.put("count", count);
                    model.put(BATCHED_KEYS, batched);
                    planned.add(new PlannedNotification(intent, user, channel, scheduled, heldUntil, model, row, count));
                    continue;
                }
                if (outbox.batchStartedSince(intent.batchKey(), channel, now.minus(BATCH_WINDOW))) {
                    Instant windowEnd = now.plus(BATCH_WINDOW);
                    scheduled = scheduled.isAfter(windowEnd) ? scheduled : windowEnd;
                }
            }
            planned.add(new PlannedNotification(intent, user, channel, scheduled, heldUntil, model, null, 1));
        }
        return planned(intent, planned, suppressed);
    }

    private NotificationPlan planned(NotificationIntent intent, List<PlannedNotification> channels,
            Map<Channel, String> suppressed) {
        suppressed.forEach((c, why) -> meters.counter("linkup.notifications.suppressed", "channel", c.key(), "reason",
                why.split(":")[0]).increment());
        return new NotificationPlan(intent, channels, suppressed);
    }

    /** True when the intent's tee time ({@code startsAt} in its model) starts before {@code now + within}. */
    private static boolean startsWithin(NotificationIntent intent, Instant now, Duration within) {
        Object startsAt = intent.model().get("startsAt");
        if (startsAt == null) {
            return false;
        }
        try {
            return Instant.parse(startsAt.toString()).isBefore(now.plus(within));
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }

    /** The notification keys folded into a held summary, kept in its model under {@link #BATCHED_KEYS}. */
    private static List<String> batchedKeys(OutboxRow summary) {
        List<String> keys = new ArrayList<>();
        if (summary.model() != null && !summary.model().isBlank()) {
            try {
                Json.MAPPER.readTree(summary.model()).path(BATCHED_KEYS).forEach(k -> keys.add(k.asText()));
            } catch (java.io.IOException e) {
                LOG.warn("unreadable model of notification {}: {}", summary.id(), e.toString());
            }
        }
        return keys;
    }
}
