package golf.linkup.schedules;

import golf.linkup.engine.schedules.JobRunLog;
import golf.linkup.routes.EventErrorHandling;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import org.apache.camel.builder.RouteBuilder;

/**
 * One route per timed job, {@code job-<name>}, fired by the cluster-wide Quartz scheduler
 * ({@link ClusteredScheduler}): once per firing in the whole cluster. Each run is written to the
 * run log (start, end, outcome, summary) by whichever instance ran it.
 * <p>
 * Endpoint options, and why: {@code deleteJob=false} (a node that stops cleanly must not delete the
 * shared trigger), {@code stateful=true} (a job never overlaps itself anywhere in the cluster),
 * {@code recoverableJob=true} (a job that was running on an instance that died is run again by
 * another; every job here is idempotent).
 */
public final class ScheduleRoutes extends RouteBuilder {

    /** The Quartz group of every job and trigger. */
    public static final String GROUP = "linkup";

    private final List<ScheduledJob> jobs;
    private final ZoneId zone;
    private final JobRunLog runLog;

    public ScheduleRoutes(List<ScheduledJob> jobs, ZoneId zone, JobRunLog runLog) {
        this.jobs = List.copyOf(jobs);
        this.zone = zone;
        this.runLog = runLog;
    }

    public static String routeId(String job) {
        return "job-" + job;
    }

    static String endpointUri(ScheduledJob job, ZoneId zone) {
        return "quartz://" + GROUP + "/" + job.name() + "?cron=" + URLEncoder.encode(job.cron(), StandardCharsets.UTF_8)
                + "&trigger.timeZone=" + zone.getId() + "&deleteJob=false&stateful=true&recoverableJob=true";
    }

    @Override
    public void configure() {
        for (ScheduledJob job : jobs) {
            from(endpointUri(job, zone))
                    .routeId(routeId(job.name()))
                    .routeConfigurationId(EventErrorHandling.JOB_ERRORS)
                    .routeDescription(job.description() + " (" + job.cron() + " " + zone.getId() + ")")
                    .process(exchange -> {
                        Date due = exchange.getMessage().getHeader("scheduledFireTime", Date.class);
                        Object summary = runLog.record(job.name(), due == null ? null : due.toInstant(), job.work());
                        exchange.getMessage().setBody(summary);
                    });
        }
    }
}
