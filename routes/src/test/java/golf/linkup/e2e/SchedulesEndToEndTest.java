package golf.linkup.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import golf.linkup.engine.schedules.ScheduledJobs.JobStatus;
import golf.linkup.notifications.email.SandboxMailServer;
import golf.linkup.testing.AdjustableClock;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.camel.builder.RouteBuilder;
import golf.linkup.testing.PostgresProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Timed jobs on two engine instances that share one database (and so one clustered Quartz job
 * store): each firing runs on exactly one instance, none is lost when an instance stops, and the
 * real jobs, fired on demand, do what their users see (a reminder e-mail, once).
 */
class SchedulesEndToEndTest {

    /** Noon in New York on a Tuesday: nobody's quiet hours, no digest due. */
    static final Instant NOW = Instant.parse("2026-06-09T16:00:00Z");

    static AdjustableClock clock = new AdjustableClock(NOW);
    static EngineInstance a;
    static EngineInstance b;
    static SandboxMailServer mail;

    @BeforeAll
    static void startTwoEngines() throws Exception {
        Map<String, String> common = EngineInstance.defaults(SharedRedis.uri());
        common.put("linkup.db.url", "jdbc:h2:mem:schedules-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Map<String, String> first = new HashMap<>(common);
        first.put("linkup.instance-id", "sched-a");
        a = EngineInstance.start(first, clock);
        mail = a.engine().notifications().sandboxMail().orElseThrow();
        Map<String, String> second = new HashMap<>(common);
        second.put("linkup.instance-id", "sched-b");
        second.put("linkup.smtp.url", "smtp://127.0.0.1:" + mail.smtpPort()); // one inbox for the test to read
        b = EngineInstance.start(second, clock);
    }

    @AfterAll
    static void stop() throws Exception {
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
    }

    @Test
    void aThousandFiringsRunOnceEachAcrossTwoInstancesAndNoneIsLostWhenTheBusyOneStops() throws Exception {
        firingsAcrossTwoInstances(Map.of("linkup.db.url", "jdbc:h2:mem:ticker-" + UUID.randomUUID()
                + ";DB_CLOSE_DELAY=-1"), 1000);
    }

    @Test
    void onPostgresqlToo() throws Exception {
        Assumptions.assumeTrue(PostgresProbe.available(), PostgresProbe.SKIP_MESSAGE);
        String schema = PostgresProbe.createSchema();
        try {
            firingsAcrossTwoInstances(Map.of("linkup.db.url", PostgresProbe.url(schema),
                    "linkup.db.user", PostgresProbe.user()), 300);
        } finally {
            PostgresProbe.dropSchema(schema);
        }
    }

    /** {@code count} firings of a 10 ms trigger on two instances; the one firing at a third of them stops. */
    static void firingsAcrossTwoInstances(Map<String, String> database, int count) throws Exception {
        Queue<String> firings = new ConcurrentLinkedQueue<>();
        Map<String, EngineInstance> cluster = new java.util.LinkedHashMap<>();
        try {
            for (String name : List.of("ticker-c", "ticker-d")) {
                Map<String, String> overrides = EngineInstance.defaults(SharedRedis.uri());
                overrides.putAll(database);
                overrides.put("linkup.instance-id", name);
                cluster.put(name, EngineInstance.start(overrides, clock));
            }
            // like the engine's own jobs, the route exists on every instance before the trigger first fires
            // (an instance without it would take firings and find no consumer); the engine's scheduler and
            // component, with a fast simple trigger instead of a cron
            cluster.forEach((name, instance) -> {
                try {
                    instance.camel().addRoutes(new RouteBuilder() {
                        @Override
                        public void configure() {
                            from("quartz://linkup/test-ticker?trigger.repeatInterval=10&trigger.repeatCount="
                                    + (count - 1)
                                    // a loaded machine may fall behind by more than the misfire threshold
                                    // (60 s): every firing still runs, late, instead of being skipped
                                    + "&trigger.misfireInstruction=-1"
                                    + "&triggerStartDelay=3000&deleteJob=false&stateful=true")
                                    .routeId("test-ticker")
                                    .process(e -> firings.add(name + " " + e.getMessage()
                                            .getHeader("scheduledFireTime", java.util.Date.class).getTime()));
                        }
                    });
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            await().atMost(Duration.ofSeconds(60)).until(() -> firings.size() >= count / 3);
            String busy = new ArrayList<>(firings).get(firings.size() - 1).split(" ")[0];
            cluster.remove(busy).close(); // the instance firing right now leaves: the other goes on
            EngineInstance survivor = cluster.values().iterator().next();
            try {
                await().atMost(Duration.ofSeconds(90)).until(() -> distinctFireTimes(firings) >= count);
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError(distinctFireTimes(firings) + " of " + count + " firings after " + busy
                        + " stopped; the job store says: " + jobStoreState(survivor), e);
            }

            List<String> all = new ArrayList<>(firings);
            assertThat(distinctFireTimes(all)).as("every one of the firings").isEqualTo(count);
            assertThat(all).as("no firing ran twice").hasSize(count);
            Map<String, Long> perInstance = new java.util.TreeMap<>();
            all.forEach(f -> perInstance.merge(f.substring(0, f.indexOf(' ')), 1L, Long::sum));
            assertThat(perInstance).as("firings per instance").containsKeys(busy)
                    .containsKeys(cluster.keySet().toArray(String[]::new));
        } finally {
            for (EngineInstance instance : cluster.values()) {
                instance.close();
            }
        }
    }

    /** The shared trigger's state and any fired-trigger records, for a failure message. */
    static String jobStoreState(EngineInstance instance) {
        var ds = instance.engine().database().dataSource();
        return golf.linkup.engine.storage.Sql.list(ds, "read triggers", "select trigger_name, trigger_state,"
                + " next_fire_time from qrtz_triggers", r -> r.getString(1) + "=" + r.getString(2) + "@"
                + r.getLong(3)) + " fired " + golf.linkup.engine.storage.Sql.list(ds, "read fired triggers",
                "select instance_name, trigger_name, state from qrtz_fired_triggers",
                r -> r.getString(1) + ":" + r.getString(2) + ":" + r.getString(3)) + " instances "
                + golf.linkup.engine.storage.Sql.list(ds, "read scheduler state",
                "select instance_name, last_checkin_time from qrtz_scheduler_state",
                r -> r.getString(1) + "@" + r.getLong(2));
    }

    static long distinctFireTimes(Iterable<String> firings) {
        var times = new HashSet<String>();
        firings.forEach(f -> times.add(f.substring(f.indexOf(' ') + 1)));
        return times.size();
    }

    @Test
    void everyJobIsListedWithItsScheduleAndNextFireTimeOnEveryInstance() {
        for (EngineInstance instance : List.of(a, b)) {
            List<JobStatus> jobs = instance.engine().schedules().scheduledJobs().jobs();
            assertThat(jobs).extracting(JobStatus::name)
                    .contains("reminders", "weekly-digests", "daily-clean-up", "matching-reconciler");
            assertThat(jobs).allSatisfy(job -> {
                assertThat(job.nextFireAt()).as(job.name()).isPresent();
                assertThat(job.schedule()).as(job.name()).endsWith("(UTC)");
            });
            JobStatus cleanUp = jobs.stream().filter(j -> j.name().equals("daily-clean-up")).findFirst().orElseThrow();
            assertThat(cleanUp.nextFireAt().get().atZone(java.time.ZoneOffset.UTC).toLocalTime())
                    .hasToString("03:00");
        }
        assertThatThrownBy(() -> a.engine().schedules().scheduledJobs().fireNow("no-such-job"))
                .isInstanceOf(NoSuchElementException.class).hasMessageContaining("no-such-job");
    }

    @Test
    void theReminderJobFiredTwiceSendsTheTwentyFourHourReminderOnceByEmail() throws Exception {
        new Fixtures(a.engine().database().dataSource())
                .course("bethpage", "Bethpage Black", "Farmingdale", 40.7448, -73.4540, "America/New_York")
                .user("host-1", "Hana Host", "Harbor Capital", "FINANCE", "en", "America/New_York")
                .user("rita", "Rita Reyes", "Reyes Partners", "FINANCE", "en", "America/New_York")
                .teeTime("tt-tomorrow", "host-1", "bethpage", NOW.plus(Duration.ofHours(24)), "FINANCE", false, 4,
                        "rita");
        int before = mail.receivedMessages().size();

        b.engine().schedules().scheduledJobs().fireNow("reminders");
        await().atMost(Duration.ofSeconds(20)).until(() -> lastOutcome("reminders").startsWith("ok"));
        await().atMost(Duration.ofSeconds(20)).until(() -> toRita().size() == 1);
        MimeMessage reminder = toRita().get(0);
        assertThat(reminder.getSubject()).containsIgnoringCase("tomorrow");
        assertThat(lastOutcome("reminders")).contains("24h: 2 reminders for 1 tee times");

        a.engine().schedules().scheduledJobs().fireNow("reminders");
        await().atMost(Duration.ofSeconds(20)).until(() -> a.engine().schedules().jobRunLog().recent("reminders", 10).size() >= 2
                && lastOutcome("reminders").startsWith("ok"));
        assertThat(lastOutcome("reminders")).as("the second run finds nothing new").contains("24h: 0 reminders");
        assertThat(mail.receivedMessages().size() - before).as("one e-mail to the host, one to Rita").isEqualTo(2);
    }

    static String lastOutcome(String job) {
        return a.engine().schedules().scheduledJobs().jobs().stream().filter(j -> j.name().equals(job)).findFirst()
                .flatMap(JobStatus::lastOutcome).orElse("");
    }

    static List<MimeMessage> toRita() throws Exception {
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage m : mail.receivedMessages()) {
            if (m.getAllRecipients()[0].toString().contains("rita")) {
                out.add(m);
            }
        }
        return out;
    }
}
