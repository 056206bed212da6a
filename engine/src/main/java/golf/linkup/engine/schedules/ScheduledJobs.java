package golf.linkup.engine.schedules;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The engine's timed jobs as operators see them (reminders, clean-up, digests, holds, waitlist
 * offers, no-shows, the matching reconciler). Implemented over the clustered scheduler; the admin
 * API and the console read it and fire jobs on demand.
 */
public interface ScheduledJobs {

    /** One job: its schedule in words, when it fires next, and how its last run on any instance went. */
    record JobStatus(String name, String description, String schedule, Optional<Instant> nextFireAt,
                     Optional<Instant> lastFiredAt, Optional<String> lastOutcome, Optional<Duration> lastDuration,
                     boolean paused) {
    }

    /** Every job, in a stable order. */
    List<JobStatus> jobs();

    /**
     * Runs the job now, once in the cluster, without changing its schedule.
     *
     * @throws java.util.NoSuchElementException when no job has that name
     */
    void fireNow(String name);
}
