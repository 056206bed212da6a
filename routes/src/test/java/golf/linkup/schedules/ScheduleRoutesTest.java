package golf.linkup.schedules;

import static org.assertj.core.api.Assertions.assertThat;

import golf.linkup.engine.schedules.JobRunLog;
import golf.linkup.routes.RouteTestSupport;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code job-<name>} routes with the real run log on H2; the Quartz trigger (the edge) is replaced
 * by a direct endpoint that fires with the header Quartz sets. A run is logged with its outcome and
 * summary; a failing job is logged as failed, counted per job, and does not fail its firing.
 */
class ScheduleRoutesTest extends RouteTestSupport {

    private final JobRunLog runLog = new JobRunLog(db.dataSource(), Clock.systemUTC(), "instance-a");

    ScheduleRoutesTest() {
        super(true);
    }

    @Override
    protected RoutesBuilder[] routes() {
        return new RoutesBuilder[] {
            new ScheduleRoutes(List.of(
                    new ScheduledJob("reminders", "remind players", "0 0 * * * ?", () -> "3 reminders queued"),
                    new ScheduledJob("broken", "always fails", "0 0 * * * ?", () -> {
                        throw new IllegalStateException("the course list is unreadable");
                    })), ZoneOffset.UTC, runLog)
        };
    }

    @BeforeEach
    void replaceTheTriggersAndStart() throws Exception {
        for (String job : List.of("reminders", "broken")) {
            AdviceWith.adviceWith(context, ScheduleRoutes.routeId(job), route -> route.replaceFromWith("direct:" + job));
        }
        context.start();
    }

    @Test
    void aFiringRunsTheJobAndLogsItsSummaryAndDueTime() {
        Instant due = Instant.parse("2026-06-01T12:00:00Z");

        Exchange done = template.send("direct:reminders", e -> e.getMessage().setHeader("scheduledFireTime",
                Date.from(due)));

        assertThat(done.getException()).isNull();
        JobRunLog.Run run = runLog.recent("reminders", 1).get(0);
        assertThat(run.outcome()).isEqualTo("ok");
        assertThat(run.detail()).isEqualTo("3 reminders queued");
        assertThat(run.scheduledFor()).isEqualTo(due);
        assertThat(run.instanceId()).isEqualTo("instance-a");
    }

    @Test
    void aFailingJobIsLoggedAsFailedAndCountedAndItsFiringEndsNormally() {
        Exchange done = template.send("direct:broken", e -> e.getMessage().setBody("fire"));

        assertThat(done.getException()).as("handled: it runs again at its next firing").isNull();
        JobRunLog.Run run = runLog.recent("broken", 1).get(0);
        assertThat(run.outcome()).isEqualTo("failed");
        assertThat(run.detail()).contains("the course list is unreadable");
        assertThat(metrics.meterRegistry().counter("linkup.jobs.failures", "job", "job-broken").count()).isEqualTo(1);
    }
}
