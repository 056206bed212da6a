package golf.linkup.engine.schedules;

import golf.linkup.engine.storage.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every run of a scheduled job on any instance, in {@code scheduled_job_runs}: when it was due,
 * which instance ran it, how long it took and what it did (or why it failed). Shared by the cluster,
 * so "last fire" and "last outcome" are the cluster's, not one instance's.
 */
public final class JobRunLog {

    private static final Logger LOG = LoggerFactory.getLogger(JobRunLog.class);
    private static final int MAX_DETAIL = 2000;

    /** One finished (or still running) run. */
    public record Run(long id, String jobName, String instanceId, Instant scheduledFor, Instant startedAt,
                      Instant finishedAt, String outcome, String detail) {

        public Optional<Duration> duration() {
            return finishedAt == null ? Optional.empty() : Optional.of(Duration.between(startedAt, finishedAt));
        }
    }

    private final DataSource dataSource;
    private final Clock clock;
    private final String instanceId;

    public JobRunLog(DataSource dataSource, Clock clock, String instanceId) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.instanceId = instanceId;
    }

    /**
     * Runs {@code job}, recording its start, then its outcome: {@code ok} with the job's summary, or
     * {@code failed} with the exception's message, which is then rethrown (the caller's error handling
     * logs and counts it).
     */
    public <T> T record(String jobName, Instant scheduledFor, Supplier<T> job) {
        long id = started(jobName, scheduledFor);
        try {
            T result = job.get();
            finished(id, "ok", String.valueOf(result));
            return result;
        } catch (RuntimeException e) {
            finished(id, "failed", e.getClass().getSimpleName() + ": " + e.getMessage());
            throw e;
        }
    }

    long started(String jobName, Instant scheduledFor) {
        return Sql.insertReturningKey(dataSource, "record the start of job " + jobName,
                "insert into scheduled_job_runs (job_name, instance_id, scheduled_for, started_at) values (?, ?, ?, ?)",
                "id", jobName, instanceId, scheduledFor, clock.instant());
    }

    void finished(long runId, String outcome, String detail) {
        try {
            Sql.update(dataSource, "record the end of job run " + runId,
                    "update scheduled_job_runs set finished_at = ?, outcome = ?, detail = ? where id = ?",
                    clock.instant(), outcome, cut(detail), runId);
        } catch (RuntimeException e) {
            // the job's own work is done (or failed on its own); a lost log row must not turn it into a failure
            LOG.warn("could not record the outcome of job run {} ({}): {}", runId, outcome, e.toString());
        }
    }

    /** The latest run of each job that ever ran, by job name. */
    public Map<String, Run> latestRuns() {
        Map<String, Run> latest = new LinkedHashMap<>();
        Sql.list(dataSource, "read the latest job runs",
                "select r.* from scheduled_job_runs r join (select job_name, max(id) as id from scheduled_job_runs"
                        + " group by job_name) l on r.id = l.id order by r.job_name",
                JobRunLog::run).forEach(r -> latest.put(r.jobName(), r));
        return latest;
    }

    /** The most recent runs of one job, newest first. */
    public java.util.List<Run> recent(String jobName, int limit) {
        return Sql.list(dataSource, "read runs of job " + jobName,
                "select * from scheduled_job_runs where job_name = ? order by id desc fetch first ? rows only",
                JobRunLog::run, jobName, limit);
    }

    private static Run run(ResultSet r) throws SQLException {
        return new Run(r.getLong("id"), r.getString("job_name"), r.getString("instance_id"),
                Sql.instant(r, "scheduled_for"), Sql.instant(r, "started_at"), Sql.instant(r, "finished_at"),
                r.getString("outcome"), r.getString("detail"));
    }

    private static String cut(String detail) {
        return detail == null || detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL);
    }
}
