package golf.linkup.engine.admin.queues;

import golf.linkup.engine.admin.EventPublication;
import golf.linkup.engine.notifications.outbox.OutboxStore;
import golf.linkup.engine.storage.DeadLetter;
import golf.linkup.engine.storage.DeadLetterStore;
import golf.linkup.engine.storage.Sql;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * What operators see of the durable queues and what they may do to them: the notification outbox
 * ({@code notification_queue}) by channel and status with the age of its oldest rows, its failed,
 * cancelled and pending rows, and the refused events ({@code dead_letters}).
 *
 * <p>Actions: <b>retry</b> puts a failed or cancelled outbox row back in the queue now; <b>cancel</b>
 * closes a pending row no instance is working on; <b>requeue</b> publishes a dead letter's raw payload
 * on the events channel again (after the cause was fixed), where it is handled as any event — or
 * refused again, which records a new dead letter; the old one stays as history.
 */
public final class QueueAdmin {

    /** One channel and status of the outbox. */
    public record Depth(String channel, String status, long rows, double oldestAgeSeconds, double oldestDueSeconds) {
    }

    /** The outbox at a glance. */
    public record Summary(List<Depth> depths, long pending, long failed, double oldestDueSeconds) {
    }

    /**
     * An outbox row as the Queues view lists it.
     *
     * @param batchKey set when the row waits to be folded with others into one notification (digests)
     */
    public record QueueRow(long id, String notificationKey, String userId, String type, String channel, String title,
            String status, int retries, String error, Instant scheduledFor, Instant createdAt, String claimedBy,
            String priority, String batchKey) {
    }

    private final DataSource dataSource;
    private final DeadLetterStore deadLetters;
    private final OutboxStore outbox;
    private final EventPublication events;
    private final Runnable wakeDelivery;
    private final Clock clock;

    /** @param wakeDelivery tells the delivery routes that rows are due (after a retry) */
    public QueueAdmin(DataSource dataSource, DeadLetterStore deadLetters, OutboxStore outbox, EventPublication events,
            Runnable wakeDelivery, Clock clock) {
        this.dataSource = dataSource;
        this.deadLetters = deadLetters;
        this.outbox = outbox;
        this.events = events;
        this.wakeDelivery = wakeDelivery;
        this.clock = clock;
    }

    /** Row counts by channel and status with the age of the oldest row of each, and of the oldest due pending row. */
    public Summary summary() {
        Instant now = clock.instant();
        Map<String, Double> oldestDue = new TreeMap<>();
        List<Depth> depths = new ArrayList<>();
        long pending = 0;
        long failed = 0;
        double oldestDueOverall = 0;
        String what = "read the outbox summary";
        for (Map.Entry<String, Double> due : Sql.list(dataSource, what, "select channel, min(scheduled_for)"
                + " from notification_queue where status = 'pending' and scheduled_for <= ? group by channel",
                rs -> Map.entry(rs.getString(1), seconds(Sql.instant(rs, 2), now)), now)) {
            oldestDue.put(due.getKey(), due.getValue());
            oldestDueOverall = Math.max(oldestDueOverall, due.getValue());
        }
        record Count(String channel, String status, long rows, Instant oldest) {
        }
        for (Count n : Sql.list(dataSource, what, "select channel, status, count(*), min(created_at)"
                + " from notification_queue group by channel, status order by channel, status",
                rs -> new Count(rs.getString(1), rs.getString(2), rs.getLong(3), Sql.instant(rs, 4)))) {
            depths.add(new Depth(n.channel(), n.status(), n.rows(), seconds(n.oldest(), now),
                    "pending".equals(n.status()) ? oldestDue.getOrDefault(n.channel(), 0.0) : 0));
            if ("pending".equals(n.status())) {
                pending += n.rows();
            } else if ("failed".equals(n.status())) {
                failed += n.rows();
            }
        }
        return new Summary(depths, pending, failed, oldestDueOverall);
    }

    /**
     * The newest rows of a status ({@code failed}, {@code cancelled}, {@code pending}, {@code sent}),
     * of one channel or all ({@code channel} null).
     */
    public List<QueueRow> rows(String status, String channel, int limit) {
        String sql = "select id, notification_key, user_id, notification_type, channel, title, status, retry_count,"
                + " error_message, scheduled_for, created_at, claimed_by, priority, batch_key from notification_queue"
                + " where status = ?"
                + (channel == null ? "" : " and channel = ?") + " order by id desc fetch first ? rows only";
        Object[] params = channel == null ? new Object[] {status, limit} : new Object[] {status, channel, limit};
        return Sql.list(dataSource, "list " + status + " outbox rows", sql,
                rs -> new QueueRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getInt(8), rs.getString(9), Sql.instant(rs, 10),
                        Sql.instant(rs, 11), rs.getString(12), rs.getString(13), rs.getString(14)), params);
    }

    /**
     * A search of the whole outbox, run in the database: every field is optional, and given fields must
     * all match. {@code eventId} finds the rows an event caused (their notification keys name it).
     */
    public record Search(String eventId, String userId, String type, String channel, String status, Instant from,
            Instant to, int offset, int limit) {
    }

    /** One page of a search: the rows (newest first) and how many match in all. */
    public record Page(List<QueueRow> rows, long total, int offset, int limit) {
    }

    public Page search(Search q) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        List<Object> args = new ArrayList<>();
        if (q.eventId() != null) {
            where.append(" and notification_key like ? escape '!'");
            args.add("%:" + likeEscaped(q.eventId()) + ":%");
        }
        if (q.userId() != null) {
            where.append(" and user_id = ?");
            args.add(q.userId());
        }
        if (q.type() != null) {
            where.append(" and notification_type = ?");
            args.add(q.type());
        }
        if (q.channel() != null) {
            where.append(" and channel = ?");
            args.add(q.channel());
        }
        if (q.status() != null) {
            where.append(" and status = ?");
            args.add(q.status());
        }
        if (q.from() != null) {
            where.append(" and created_at >= ?");
            args.add(q.from());
        }
        if (q.to() != null) {
            where.append(" and created_at < ?");
            args.add(q.to());
        }
        long total = Sql.first(dataSource, "count the outbox search", "select count(*) from notification_queue"
                + where, rs -> rs.getLong(1), args.toArray()).orElse(0L);
        List<Object> paged = new ArrayList<>(args);
        paged.add(q.offset());
        paged.add(q.limit());
        List<QueueRow> rows = Sql.list(dataSource, "search the outbox", "select id, notification_key, user_id,"
                + " notification_type, channel, title, status, retry_count, error_message, scheduled_for, created_at,"
                + " claimed_by, priority, batch_key from notification_queue" + where
                + " order by id desc offset ? rows fetch next ? rows only",
                rs -> new QueueRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getInt(8), rs.getString(9), Sql.instant(rs, 10),
                        Sql.instant(rs, 11), rs.getString(12), rs.getString(13), rs.getString(14)),
                paged.toArray());
        return new Page(rows, total, q.offset(), q.limit());
    }

    private static String likeEscaped(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    /** Puts a failed or cancelled row back in the queue, due now; false when the row is in neither state. */
    public boolean retry(long id) {
        boolean requeued = outbox.requeue(id, clock.instant());
        if (requeued) {
            wakeDelivery.run();
        }
        return requeued;
    }

    /** Cancels a pending row that no instance holds a live claim on; false otherwise. */
    public boolean cancel(long id) {
        return Sql.update(dataSource, "cancel outbox row " + id,
                "update notification_queue set status = 'cancelled', error_message = 'cancelled by an operator',"
                        + " claimed_by = null, claimed_until = null where id = ? and status = 'pending'"
                        + " and (claimed_until is null or claimed_until < ?)", id, clock.instant()) == 1;
    }

    /** Whether the outbox has a row with this id (any status). */
    public boolean exists(long id) {
        return Sql.first(dataSource, "look up outbox row " + id, "select 1 from notification_queue where id = ?",
                rs -> true, id).isPresent();
    }

    /** The newest dead letters. */
    public List<DeadLetter> deadLetters(int limit) {
        return deadLetters.recent(limit);
    }

    public long deadLetterCount() {
        return deadLetters.count();
    }

    public Optional<DeadLetter> deadLetter(long id) {
        return deadLetters.find(id);
    }

    /** Publishes the dead letter's payload on the events channel again; empty when there is no such dead letter. */
    public Optional<Long> requeueDeadLetter(long id) {
        return deadLetter(id).map(letter -> events.publish(letter.payload()));
    }

    private static double seconds(Instant oldest, Instant now) {
        return oldest == null ? 0 : Math.max(0, Duration.between(oldest, now).toMillis() / 1000.0);
    }

    /** What became of a requeued event, as far as this instance can see. */
    public interface RequeueProbes {
        /** Events this instance dropped as duplicates of an id it had seen, since start. */
        long duplicatesDropped();

        /** Connections this instance delivered the event's messages to (0 when none, or not yet). */
        int connectionsReached(String eventId);

        /**
         * Forgets that the cluster already recorded this refused event, so that, refused again, it is
         * recorded again (an invalid event is dead-lettered once per cluster otherwise, and a requeue of
         * a still-bad event would vanish without a trace).
         */
        default void allowRefusalAgain(DeadLetter letter) {
        }
    }

    /**
     * Requeues a dead letter and watches, for up to {@code wait}, what became of it: refused again (a
     * new dead letter for the same event), dropped as a duplicate of an id this instance had already
     * seen, or delivered here. Empty when there is no such dead letter.
     */
    public Optional<ActionOutcome> requeueAndWatch(long id, Duration wait, RequeueProbes probes) {
        Optional<DeadLetter> found = deadLetter(id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        DeadLetter letter = found.get();
        long newestBefore = deadLetters.recent(1).stream().mapToLong(DeadLetter::id).max().orElse(0);
        long duplicatesBefore = probes.duplicatesDropped();
        probes.allowRefusalAgain(letter);
        events.publish(letter.payload());
        String eventId = letter.eventId();
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            for (DeadLetter newer : deadLetters.recent(20)) {
                if (newer.id() > newestBefore && sameEvent(letter, newer)) {
                    return Optional.of(new ActionOutcome("refused-again", "refused again as dead letter " + newer.id()
                            + ": " + newer.reasonCode() + (newer.reason() == null ? "" : " (" + newer.reason() + ")"),
                            newer.id()));
                }
            }
            if (probes.duplicatesDropped() > duplicatesBefore && eventId != null) {
                return Optional.of(ActionOutcome.of("duplicate", "dropped as a duplicate of event " + eventId
                        + ": this instance had already seen that id (the requeue is not handled again)"));
            }
            int reached = eventId == null ? 0 : probes.connectionsReached(eventId);
            if (reached > 0) {
                return Optional.of(ActionOutcome.of("delivered", "handled: event " + eventId + " reached " + reached
                        + (reached == 1 ? " connection" : " connections") + " here"));
            }
            if (System.nanoTime() >= deadline) {
                return Optional.of(ActionOutcome.of("waiting", "published again; within " + wait.toSeconds()
                        + " s it was neither refused again nor delivered to a connection here"
                        + (eventId == null ? "" : " (trace " + eventId + " in the Inspector)")));
            }
            sleep();
        }
    }

    private static boolean sameEvent(DeadLetter a, DeadLetter b) {
        return a.eventId() != null ? a.eventId().equals(b.eventId()) : a.payload().equals(b.payload());
    }

    /**
     * Retries a failed or cancelled row and watches it for up to {@code wait}: sent, failed again
     * (with the error) or still waiting (and why). Empty when the row is in neither state.
     */
    public Optional<ActionOutcome> retryAndWatch(long id, Duration wait) {
        if (!retry(id)) {
            return Optional.empty();
        }
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            Optional<golf.linkup.engine.notifications.outbox.OutboxRow> row = outbox.find(id);
            String status = row.map(r -> String.valueOf(r.status()).toLowerCase(java.util.Locale.ROOT)).orElse("gone");
            if (status.equals("sent")) {
                return Optional.of(ActionOutcome.of("sent", "row " + id + " sent"));
            }
            if (status.equals("failed")) {
                return Optional.of(ActionOutcome.of("failed-again", "row " + id + " failed again: "
                        + row.map(r -> String.valueOf(r.errorMessage())).orElse("")));
            }
            if (System.nanoTime() >= deadline) {
                return Optional.of(ActionOutcome.of("waiting", "row " + id + " is pending again; not sent within "
                        + wait.toSeconds() + " s" + row.map(r -> r.scheduledFor() != null && r.scheduledFor()
                                .isAfter(clock.instant()) ? " (due " + r.scheduledFor() + ")" : "").orElse("")));
            }
            sleep();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while watching an operator's action", e);
        }
    }

}
