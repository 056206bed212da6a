package golf.linkup.engine.schedules;

import golf.linkup.engine.notifications.NotificationIntent;
import golf.linkup.engine.notifications.NotificationRules;
import golf.linkup.engine.notifications.intake.NotificationService;
import golf.linkup.engine.notifications.NotificationType;
import golf.linkup.engine.storage.MatchingStore;
import golf.linkup.engine.storage.Sql;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tee-time reminders, run hourly: participants of tee times starting in 24 h ± 30 min
 * get {@code reminder_24h}; those starting in about 2 h get {@code reminder_2h}.
 * <p>
 * The windows are wider than the hour between runs ({@link #WINDOW_24H}, {@link #WINDOW_2H}) so a
 * run that is late or missed (a restart, a take-over in the cluster) is caught by the next one;
 * the notification key (tee time, kind, player) in the outbox makes a second look a no-op, so a
 * run repeated or overlapping another never reminds anyone twice. Cancelled and completed tee
 * times are skipped.
 */
public final class Reminders {

    private static final Logger LOG = LoggerFactory.getLogger(Reminders.class);

    /** Starts between 23 h and 24 h 30 min from now: the reminder's 24 h ± 30 min, plus one missed run. */
    public static final Window WINDOW_24H = new Window(Duration.ofHours(23), Duration.ofMinutes(24 * 60 + 30));
    /** Starts between 1 h and 2 h 30 min from now. */
    public static final Window WINDOW_2H = new Window(Duration.ofHours(1), Duration.ofMinutes(150));

    /** Tee times starting in {@code [now + from, now + to)}. */
    public record Window(Duration from, Duration to) {
    }

    /** What one run did: tee times looked at and reminders newly queued, per kind. */
    public record Result(int teeTimes24h, int queued24h, int teeTimes2h, int queued2h) {
        @Override
        public String toString() {
            return "24h: " + queued24h + " reminders for " + teeTimes24h + " tee times; 2h: " + queued2h
                    + " reminders for " + teeTimes2h + " tee times";
        }
    }

    private final DataSource dataSource;
    private final MatchingStore store;
    private final NotificationRules rules;
    private final NotificationService notifications;
    private final Clock clock;

    public Reminders(DataSource dataSource, MatchingStore store, NotificationRules rules,
            NotificationService notifications, Clock clock) {
        this.dataSource = dataSource;
        this.store = store;
        this.rules = rules;
        this.notifications = notifications;
        this.clock = clock;
    }

    public Result run() {
        Instant now = clock.instant();
        List<String> day = startingWithin(now, WINDOW_24H);
        List<String> soon = startingWithin(now, WINDOW_2H);
        Result result = new Result(day.size(), remind(day, NotificationType.REMINDER_24H), soon.size(),
                remind(soon, NotificationType.REMINDER_2H));
        if (result.queued24h() + result.queued2h() > 0) {
            LOG.info("reminders: {}", result);
        }
        return result;
    }

    private int remind(List<String> teeTimeIds, NotificationType kind) {
        int queued = 0;
        for (String id : teeTimeIds) {
            var teeTime = store.findTeeTime(id);
            if (teeTime.isEmpty()) {
                continue; // cancelled or archived since the query
            }
            for (NotificationIntent intent : rules.reminders(teeTime.get(), kind)) {
                if (!notifications.enqueue(intent).queued().isEmpty()) {
                    queued++;
                }
            }
        }
        return queued;
    }

    private List<String> startingWithin(Instant now, Window window) {
        return Sql.list(dataSource, "find tee times to remind",
                "select id from tee_times where status in ('OPEN', 'FULL') and starts_at >= ? and starts_at < ?"
                        + " order by starts_at, id",
                row -> row.getString(1), now.plus(window.from()), now.plus(window.to()));
    }
}
