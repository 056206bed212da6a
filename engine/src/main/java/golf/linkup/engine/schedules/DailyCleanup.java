package golf.linkup.engine.schedules;

import golf.linkup.engine.storage.Sql;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daily clean-up (at 03:00):
 * <ol>
 *   <li>tee times more than {@link #COMPLETE_AFTER} past their start that are still OPEN or FULL
 *       become COMPLETED;</li>
 *   <li>tee times that started more than {@link #ARCHIVE_AFTER} ago move, with their players, to
 *       {@code tee_times_archive} / {@code tee_time_slots_archive}; their chat, cooldown ledger and
 *       matching runs go with the live row;</li>
 *   <li>orphaned notifications older than {@link #NOTIFICATIONS_KEPT} are deleted: finished outbox
 *       rows (sent, cancelled, failed) that no in-app entry refers to, and in-app entries whose user no
 *       longer exists. Pending rows are live work and never touched; the audit log
 *       ({@code notification_log}) is kept;</li>
 *   <li>job runs older than {@link #JOB_RUNS_KEPT} (the latest run of each job stays; the hold sweep
 *       alone runs every 5 seconds) and digest records older than twice {@link #NOTIFICATIONS_KEPT}.</li>
 * </ol>
 * Every step works in batches of {@code batchSize} rows, each its own short transaction, so a
 * large table is never locked for long and other instances keep writing between batches. Running
 * it twice, or on two instances at once, is harmless: each batch only takes rows still to do.
 */
public final class DailyCleanup {

    private static final Logger LOG = LoggerFactory.getLogger(DailyCleanup.class);

    public static final Duration COMPLETE_AFTER = Duration.ofHours(6);
    public static final Duration ARCHIVE_AFTER = Duration.ofDays(90);
    public static final Duration NOTIFICATIONS_KEPT = Duration.ofDays(30);
    public static final Duration JOB_RUNS_KEPT = Duration.ofDays(7);

    /** What one run did. */
    public record Result(int completed, int archived, int outboxRowsDeleted, int inAppRowsDeleted, int runsPruned,
                         int batches) {
        @Override
        public String toString() {
            return completed + " completed, " + archived + " archived, " + outboxRowsDeleted + " outbox rows and "
                    + inAppRowsDeleted + " in-app rows deleted, " + runsPruned + " old job records pruned, in "
                    + batches + " batches";
        }
    }

    private final DataSource dataSource;
    private final Clock clock;
    private final int batchSize;

    public DailyCleanup(DataSource dataSource, Clock clock, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, not " + batchSize);
        }
        this.dataSource = dataSource;
        this.clock = clock;
        this.batchSize = batchSize;
    }

    public Result run() {
        Batches batches = new Batches();
        Instant now = clock.instant();
        int completed = batches.run(() -> Sql.update(dataSource, "mark past tee times completed",
                "update tee_times set status = 'COMPLETED', updated_at = ? where id in (select id from tee_times"
                        + " where status in ('OPEN', 'FULL') and starts_at < ? fetch first ? rows only)",
                now, now.minus(COMPLETE_AFTER), batchSize));
        int archived = batches.run(() -> archiveBatch(now));
        Instant notificationsBefore = now.minus(NOTIFICATIONS_KEPT);
        int outbox = batches.run(() -> Sql.update(dataSource, "delete orphaned outbox rows",
                "delete from notification_queue where id in (select q.id from notification_queue q"
                        + " where q.created_at < ? and q.status in ('sent', 'cancelled', 'failed')"
                        + " and not exists (select 1 from notifications n where n.queue_id = q.id)"
                        + " fetch first ? rows only)",
                notificationsBefore, batchSize));
        int inApp = batches.run(() -> Sql.update(dataSource, "delete in-app entries of users who are gone",
                "delete from notifications where id in (select n.id from notifications n where n.created_at < ?"
                        + " and not exists (select 1 from users u where u.id = n.user_id) fetch first ? rows only)",
                notificationsBefore, batchSize));
        int runs = batches.run(() -> Sql.update(dataSource, "prune old job runs",
                "delete from scheduled_job_runs where id in (select r.id from scheduled_job_runs r"
                        + " where r.started_at < ? and r.id < (select max(l.id) from scheduled_job_runs l"
                        + " where l.job_name = r.job_name) fetch first ? rows only)",
                now.minus(JOB_RUNS_KEPT), batchSize))
                + batches.run(() -> Sql.update(dataSource, "prune old digest records",
                "delete from weekly_digests where (user_id, local_sunday) in (select user_id, local_sunday"
                        + " from weekly_digests where queued_at < ? fetch first ? rows only)",
                now.minus(NOTIFICATIONS_KEPT.multipliedBy(2)), batchSize));
        Result result = new Result(completed, archived, outbox, inApp, runs, batches.count);
        LOG.info("clean-up: {}", result);
        return result;
    }

    private interface Batch {
        int run();
    }

    /** One run's batches: each step repeats its batch until one comes back short. */
    private final class Batches {
        int count;

        int run(Batch batch) {
            int total = 0;
            while (true) {
                int done = batch.run();
                count++;
                total += done;
                if (done < batchSize) {
                    return total;
                }
            }
        }
    }

    /** Moves one batch of old tee times (and their players) to the archive, in one transaction. */
    private int archiveBatch(Instant now) {
        List<String> ids = Sql.list(dataSource, "find tee times to archive",
                "select id from tee_times where starts_at < ? order by starts_at, id fetch first ? rows only",
                row -> row.getString(1), now.minus(ARCHIVE_AFTER), batchSize);
        if (ids.isEmpty()) {
            return 0;
        }
        String in = String.join(", ", Collections.nCopies(ids.size(), "?"));
        String what = "archive " + ids.size() + " tee times (first " + ids.get(0) + ")";
        return Sql.inTransaction(dataSource, what, c -> {
            Sql.update(c, what, "insert into tee_times_archive (id, host_id, course_id, starts_at, industry, open_to_all,"
                    + " skill_level, total_slots, status, created_at, updated_at, archived_at)"
                    + " select id, host_id, course_id, starts_at, industry, open_to_all, skill_level, total_slots,"
                    + " status, created_at, updated_at, ? from tee_times where id in (" + in + ")", concat(now, ids));
            Sql.update(c, what, "insert into tee_time_slots_archive (tee_time_id, slot_number, user_id, joined_at)"
                    + " select tee_time_id, slot_number, user_id, joined_at from tee_time_slots"
                    + " where tee_time_id in (" + in + ")", ids.toArray());
            Sql.update(c, what, "delete from match_notifications where tee_time_id in (" + in + ")", ids.toArray());
            Sql.update(c, what, "delete from matching_runs where tee_time_id in (" + in + ")", ids.toArray());
            // slots and messages go by their foreign keys' cascade
            return Sql.update(c, what, "delete from tee_times where id in (" + in + ")", ids.toArray());
        });
    }

    private static Object[] concat(Object first, List<String> rest) {
        Object[] all = new Object[rest.size() + 1];
        all[0] = first;
        for (int i = 0; i < rest.size(); i++) {
            all[i + 1] = rest.get(i);
        }
        return all;
    }
}
