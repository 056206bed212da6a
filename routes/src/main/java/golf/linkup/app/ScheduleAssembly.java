package golf.linkup.app;

import golf.linkup.engine.schedules.DailyCleanup;
import golf.linkup.engine.schedules.JobRunLog;
import golf.linkup.engine.schedules.Reminders;
import golf.linkup.engine.schedules.ScheduleSettings;
import golf.linkup.engine.schedules.ScheduledJobs;
import golf.linkup.engine.schedules.WeeklyDigests;
import golf.linkup.schedules.ClusteredScheduler;
import golf.linkup.schedules.QuartzScheduledJobs;
import golf.linkup.schedules.ScheduledJob;
import java.util.List;
import java.util.function.Supplier;

/**
 * The timed jobs (reminders, weekly digests, the daily clean-up, the matching reconciler, booking's
 * sweeps, missed-message digests, the push fallback of unacknowledged notifications, the event stream's trim), each plain engine work; one Quartz scheduler per instance,
 * clustered through the shared database, fires them through the schedule routes.
 */
public final class ScheduleAssembly {

    private final ScheduleSettings settings;
    private final JobRunLog jobRunLog;
    private final ClusteredScheduler scheduler;
    private final List<ScheduledJob> jobs;
    private final ScheduledJobs scheduledJobs;

    ScheduleAssembly(InfrastructureAssembly infrastructure, IntakeAssembly intake, NotificationAssembly notifications,
            MatchingAssembly matching, BookingAssembly booking, FollowUpAssembly followUp,
            ReceiptsAssembly receipts, ScheduleSettings settings) {
        this.settings = settings;
        var engineSettings = infrastructure.settings();
        var dataSource = infrastructure.database().dataSource();
        var clock = infrastructure.clock();
        jobRunLog = new JobRunLog(dataSource, clock, engineSettings.instanceId());
        scheduler = infrastructure.closer().add(ClusteredScheduler.create(dataSource,
                infrastructure.database().isPostgres(), engineSettings.instanceId(), settings));
        var users = infrastructure.users();
        var rules = notifications.rules();
        var outbox = notifications.service();
        var matchingService = matching.service();
        var bookingService = booking.service();
        Reminders reminders = new Reminders(dataSource, users, rules, outbox, clock);
        WeeklyDigests digests = new WeeklyDigests(dataSource, users,
                userId -> matchingService.recommendations(userId, matching.settings().recommendationLimit()),
                matching.settings(), rules, outbox, clock);
        DailyCleanup cleanUp = new DailyCleanup(dataSource, clock, settings.cleanUpBatch());
        jobs = List.of(
                job(ScheduleSettings.REMINDERS, "remind players 24 h and 2 h before their tee time", reminders::run),
                job(ScheduleSettings.WEEKLY_DIGESTS, "weekly digest e-mail at Sunday 18:00 in each user's zone",
                        digests::run),
                job(ScheduleSettings.DAILY_CLEAN_UP, "complete past tee times, archive old ones, delete orphaned"
                        + " notifications", cleanUp::run),
                job(ScheduleSettings.MATCHING_RECONCILER, "match tee times that no matching run has looked at",
                        () -> matchingService.reconcile() + " tee times matched"),
                job(ScheduleSettings.EXPIRE_HOLDS, "release expired slot holds; their slots go to the waitlist first",
                        bookingService::expireHolds),
                job(ScheduleSettings.EXPIRE_OFFERS, "pass expired waitlist offers on; promote waiting entries into"
                        + " free slots", bookingService::expireOffers),
                job(ScheduleSettings.DETECT_NO_SHOWS, "players without a check-in after the round's end become"
                        + " no-shows", bookingService::detectNoShows),
                job(ScheduleSettings.MISSED_DIGESTS, "one digest per player of the chat messages they saw on no"
                        + " socket within the delay", followUp::runDigests),
                job(ScheduleSettings.RECEIPT_FALLBACKS, "push once the high-priority in-app notifications no"
                        + " connection acknowledged in time", receipts.fallback()::run),
                job(ScheduleSettings.TRIM_EVENT_STREAM, "trim the event stream: entries past retention that every"
                        + " reader has finished", intake.intakeMonitor()::trim));
        scheduledJobs = new QuartzScheduledJobs(scheduler.scheduler(), jobs, settings.zone(), jobRunLog);
    }

    private ScheduledJob job(String name, String description, Supplier<?> work) {
        return new ScheduledJob(name, description, settings.cron(name), work::get);
    }

    public ScheduleSettings settings() {
        return settings;
    }

    /** The jobs the schedule routes fire, in {@link ScheduleSettings#JOBS} order. */
    public List<ScheduledJob> jobs() {
        return jobs;
    }

    /** The timed jobs as operators see them: schedules, next and last runs; fire one now. */
    public ScheduledJobs scheduledJobs() {
        return scheduledJobs;
    }

    public JobRunLog jobRunLog() {
        return jobRunLog;
    }

    public ClusteredScheduler scheduler() {
        return scheduler;
    }
}
