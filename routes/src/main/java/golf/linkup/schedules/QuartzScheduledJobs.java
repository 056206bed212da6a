package golf.linkup.schedules;

import golf.linkup.engine.schedules.JobRunLog;
import golf.linkup.engine.schedules.ScheduledJobs;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerKey;

/**
 * {@link ScheduledJobs} over the clustered Quartz store and the run log: next fire times come from
 * the shared triggers, last runs from {@code scheduled_job_runs}, so every instance tells the same
 * story. "Fire now" adds a one-off trigger to the shared store: whichever instance is free runs it.
 */
public final class QuartzScheduledJobs implements ScheduledJobs {

    private final Scheduler scheduler;
    private final List<ScheduledJob> jobs;
    private final ZoneId zone;
    private final JobRunLog runLog;

    public QuartzScheduledJobs(Scheduler scheduler, List<ScheduledJob> jobs, ZoneId zone, JobRunLog runLog) {
        this.scheduler = scheduler;
        this.jobs = List.copyOf(jobs);
        this.zone = zone;
        this.runLog = runLog;
    }

    @Override
    public List<JobStatus> jobs() {
        Map<String, JobRunLog.Run> latest = runLog.latestRuns();
        List<JobStatus> out = new ArrayList<>();
        for (ScheduledJob job : jobs) {
            Optional<Instant> next = Optional.empty();
            boolean paused = false;
            try {
                TriggerKey key = TriggerKey.triggerKey(job.name(), ScheduleRoutes.GROUP);
                Trigger trigger = scheduler.getTrigger(key);
                if (trigger != null) {
                    next = Optional.ofNullable(trigger.getNextFireTime()).map(Date::toInstant);
                    paused = scheduler.getTriggerState(key) == Trigger.TriggerState.PAUSED;
                }
            } catch (SchedulerException e) {
                throw new IllegalStateException("could not read the trigger of job " + job.name(), e);
            }
            JobRunLog.Run last = latest.get(job.name());
            out.add(new JobStatus(job.name(), job.description(), job.cron() + " (" + zone.getId() + ")", next,
                    Optional.ofNullable(last).map(JobRunLog.Run::startedAt),
                    Optional.ofNullable(last).map(r -> r.outcome() + (r.detail() == null ? "" : ": " + r.detail())),
                    Optional.ofNullable(last).flatMap(JobRunLog.Run::duration), paused));
        }
        return out;
    }

    @Override
    public void fireNow(String name) {
        if (jobs.stream().noneMatch(j -> j.name().equals(name))) {
            throw new NoSuchElementException("no scheduled job named '" + name + "'");
        }
        try {
            scheduler.triggerJob(JobKey.jobKey(name, ScheduleRoutes.GROUP));
        } catch (SchedulerException e) {
            throw new IllegalStateException("could not fire job " + name + ": " + e.getMessage(), e);
        }
    }
}
