package golf.linkup.engine.admin.queues;

import golf.linkup.engine.admin.EventPublication;
import golf.linkup.engine.notifications.outbox.OutboxStore;
import golf.linkup.engine.storage.DeadLetter;
import golf.linkup.engine.storage.DeadLetterStore;
import golf.linkup.engine.storage.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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

    /** An outbox row as the Queues view lists it. */
    public record QueueRow(long id, String notificationKey, String userId, String type, String channel, String title,
            String status, int retries, String error, Instant scheduledFor, Instant createdAt, String claimedBy) {
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
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("select channel, min(scheduled_for) from notification_queue"
                    + " where status = 'pending' and scheduled_for <= ? group by channel")) {
                ps.setObject(1, utc(now));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        double age = seconds(rs.getObject(2, OffsetDateTime.class), now);
                        oldestDue.put(rs.getString(1), age);
                        oldestDueOverall = Math.max(oldestDueOverall, age);
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("select channel, status, count(*), min(created_at)"
                    + " from notification_queue group by channel, status order by channel, status");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String channel = rs.getString(1);
                    String status = rs.getString(2);
                    long rows = rs.getLong(3);
                    depths.add(new Depth(channel, status, rows, seconds(rs.getObject(4, OffsetDateTime.class), now),
                            "pending".equals(status) ? oldestDue.getOrDefault(channel, 0.0) : 0));
                    if ("pending".equals(status)) {
                        pending += rows;
                    } else if ("failed".equals(status)) {
                        failed += rows;
                    }
                }
            }
        } catch (SQLException e) {
            throw new StorageException("cannot read the outbox summary", e);
        }
        return new Summary(depths, pending, failed, oldestDueOverall);
    }

    /**
     * The newest rows of a status ({@code failed}, {@code cancelled}, {@code pending}, {@code sent}),
     * of one channel or all ({@code channel} null).
     */
    public List<QueueRow> rows(String status, String channel, int limit) {
        String sql = "select id, notification_key, user_id, notification_type, channel, title, status, retry_count,"
                + " error_message, scheduled_for, created_at, claimed_by from notification_queue where status = ?"
                + (channel == null ? "" : " and channel = ?") + " order by id desc fetch first ? rows only";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setString(i++, status);
            if (channel != null) {
                ps.setString(i++, channel);
            }
            ps.setInt(i, limit);
            List<QueueRow> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new QueueRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getInt(8), rs.getString(9),
                            instant(rs.getObject(10, OffsetDateTime.class)), instant(rs.getObject(11, OffsetDateTime.class)),
                            rs.getString(12)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StorageException("cannot list " + status + " outbox rows", e);
        }
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
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "update notification_queue set status = 'cancelled', error_message = 'cancelled by an operator',"
                        + " claimed_by = null, claimed_until = null where id = ? and status = 'pending'"
                        + " and (claimed_until is null or claimed_until < ?)")) {
            ps.setLong(1, id);
            ps.setObject(2, utc(clock.instant()));
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StorageException("cannot cancel outbox row " + id, e);
        }
    }

    /** Whether the outbox has a row with this id (any status). */
    public boolean exists(long id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select 1 from notification_queue where id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new StorageException("cannot look up outbox row " + id, e);
        }
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

    private static double seconds(OffsetDateTime oldest, Instant now) {
        return oldest == null ? 0 : Math.max(0, Duration.between(oldest.toInstant(), now).toMillis() / 1000.0);
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime utc(Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }
}
