package golf.linkup.engine.schedules;

import static org.assertj.core.api.Assertions.assertThat;

import golf.linkup.engine.matching.InMemoryRecommendationCache;
import golf.linkup.engine.matching.MatchingService;
import golf.linkup.engine.matching.MatchingSettings;
import golf.linkup.engine.notifications.Channel;
import golf.linkup.engine.notifications.NotificationRules;
import golf.linkup.engine.notifications.intake.NotificationService;
import golf.linkup.engine.notifications.NotificationType;
import golf.linkup.engine.notifications.outbox.JdbcOutboxStore;
import golf.linkup.engine.notifications.outbox.OutboxRow;
import golf.linkup.engine.notifications.policy.JdbcPreferencesStore;
import golf.linkup.engine.notifications.templates.MustacheTemplateRenderer;
import golf.linkup.engine.storage.JdbcMatchingStore;
import golf.linkup.engine.storage.Sql;
import golf.linkup.testing.AdjustableClock;
import golf.linkup.testing.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The scheduled jobs' work (reminders, weekly digests, clean-up, run log) on a real migrated
 * database, with the real notification pipeline and templates, the clock driven by the test.
 * Runs against H2 and PostgreSQL.
 */
abstract class ScheduledWorkContract {

    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    TestDatabase db;
    AdjustableClock clock;
    JdbcOutboxStore outbox;
    JdbcMatchingStore store;
    NotificationRules rules;
    NotificationService notifications;
    MatchingService matching;

    abstract TestDatabase openDatabase();

    @BeforeEach
    void open() {
        db = openDatabase();
        clock = new AdjustableClock(Instant.parse("2026-06-01T12:00:00Z"));
        outbox = new JdbcOutboxStore(db.dataSource());
        store = new JdbcMatchingStore(db.dataSource());
        rules = new NotificationRules(store);
        notifications = new NotificationService(outbox, new JdbcPreferencesStore(db.dataSource()), store::findUser,
                new MustacheTemplateRenderer(Path.of("../templates")), clock, new SimpleMeterRegistry(), () -> { });
        db.insertCourse("c-ny", "Bethpage Black", "Farmingdale", "US", 40.7448, -73.4540, "America/New_York");
        db.insertUser("u-host", "Ada Host", "Acme Capital", "FINANCE");
        db.insertUser("u-p2", "Ben Player", "Blue Fund", "FINANCE");
        db.insertUser("u-p3", "Cy Player", null, "FINANCE");
    }

    @AfterEach
    void close() {
        db.close();
    }

    Reminders reminders() {
        return new Reminders(db.dataSource(), store, rules, notifications, clock);
    }

    List<OutboxRow> rows(String userId, NotificationType type, Channel channel) {
        return outbox.forUser(userId).stream().filter(r -> r.type() == type && r.channel() == channel).toList();
    }

    // ---- reminders ---------------------------------------------------------------------------

    @Test
    void hourlyRemindersOverTwoDaysRemindEveryParticipantOncePerKindAtTheRightTime() {
        Instant start = LocalDateTime.parse("2026-06-03T08:00").atZone(NEW_YORK).toInstant();
        db.insertTeeTime("tt-1", "u-host", "c-ny", start, "FINANCE", false, 4, "u-p2", "u-p3");
        Map<String, Instant> firstQueuedAt = new HashMap<>();
        for (Instant t = start.minus(Duration.ofHours(48)); t.isBefore(start); t = t.plus(Duration.ofHours(1))) {
            clock.set(t);
            reminders().run();
            for (NotificationType kind : List.of(NotificationType.REMINDER_24H, NotificationType.REMINDER_2H)) {
                if (!rows("u-p2", kind, Channel.PUSH).isEmpty()) {
                    firstQueuedAt.putIfAbsent(kind.key(), t);
                }
            }
        }
        for (String user : List.of("u-host", "u-p2", "u-p3")) {
            assertThat(rows(user, NotificationType.REMINDER_24H, Channel.PUSH)).as(user + " 24h push").hasSize(1);
            assertThat(rows(user, NotificationType.REMINDER_24H, Channel.EMAIL)).as(user + " 24h e-mail").hasSize(1);
            assertThat(rows(user, NotificationType.REMINDER_2H, Channel.PUSH)).as(user + " 2h push").hasSize(1);
            assertThat(rows(user, NotificationType.REMINDER_2H, Channel.EMAIL)).as("2h is push only").isEmpty();
        }
        assertThat(Duration.between(firstQueuedAt.get("reminder_24h"), start)).isEqualTo(Duration.ofHours(24));
        assertThat(Duration.between(firstQueuedAt.get("reminder_2h"), start)).isEqualTo(Duration.ofHours(2));
        OutboxRow push = rows("u-p2", NotificationType.REMINDER_24H, Channel.PUSH).get(0);
        assertThat(push.body()).as("what the player reads").contains("Tee time tomorrow at 8:00 AM at Bethpage");
        OutboxRow email = rows("u-p2", NotificationType.REMINDER_24H, Channel.EMAIL).get(0);
        assertThat(email.body()).as("the e-mail names who else plays").contains("Ada H. (Acme Capital), Cy P.")
                .doesNotContain("Ben P.");
    }

    @Test
    void aReminderRunMissedIsMadeUpByTheNextOne() {
        Instant start = Instant.parse("2026-06-03T12:00:00Z");
        db.insertTeeTime("tt-1", "u-host", "c-ny", start, "FINANCE", false, 4, "u-p2");
        clock.set(start.minus(Duration.ofMinutes(23 * 60 + 10))); // the run at 24 h was missed
        assertThat(reminders().run().queued24h()).isEqualTo(2);
    }

    @Test
    void overlappingRunsQueueEachReminderOnce() throws Exception {
        Instant start = Instant.parse("2026-06-02T12:00:00Z");
        for (int i = 0; i < 20; i++) {
            db.insertUser("u-x" + i, "Player " + i, null, "FINANCE");
            db.insertTeeTime("tt-" + i, "u-host", "c-ny", start.plusSeconds(i), "FINANCE", false, 4, "u-x" + i);
        }
        List<CompletableFuture<Reminders.Result>> runs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            runs.add(CompletableFuture.supplyAsync(() -> reminders().run()));
        }
        for (var run : runs) {
            assertThat(run.get().teeTimes24h()).isEqualTo(20);
        }
        for (int i = 0; i < 20; i++) {
            assertThat(rows("u-x" + i, NotificationType.REMINDER_24H, Channel.PUSH)).as("u-x" + i).hasSize(1);
            assertThat(rows("u-x" + i, NotificationType.REMINDER_24H, Channel.EMAIL)).as("u-x" + i).hasSize(1);
        }
    }

    @Test
    void cancelledAndCompletedTeeTimesAreNotReminded() {
        Instant start = Instant.parse("2026-06-02T12:00:00Z");
        db.insertTeeTime("tt-c", "u-host", "c-ny", start, "FINANCE", false, 4, "u-p2");
        db.update("update tee_times set status = 'CANCELLED' where id = 'tt-c'");
        assertThat(reminders().run().teeTimes24h()).isZero();
        assertThat(outbox.forUser("u-p2")).isEmpty();
    }

    @Test
    void theTwentyFourHourReminderAcrossTheSpringForwardNightSaysTheLocalTime() {
        // US clocks go forward at 02:00 on Sunday 2026-03-08: 24 h before 08:00 EDT is 07:00 EST the day before
        Instant start = LocalDateTime.parse("2026-03-08T08:00").atZone(NEW_YORK).toInstant();
        db.insertTeeTime("tt-dst", "u-host", "c-ny", start, "FINANCE", false, 4, "u-p2");
        Instant firstRun = null;
        for (Instant t = start.minus(Duration.ofHours(30)); t.isBefore(start); t = t.plus(Duration.ofHours(1))) {
            clock.set(t);
            if (reminders().run().queued24h() > 0 && firstRun == null) {
                firstRun = t;
            }
        }
        assertThat(firstRun).isEqualTo(start.minus(Duration.ofHours(24)));
        assertThat(firstRun.atZone(NEW_YORK).toLocalTime()).as("wall clock the day before").hasToString("07:00");
        assertThat(rows("u-p2", NotificationType.REMINDER_24H, Channel.PUSH)).singleElement()
                .satisfies(r -> assertThat(r.body()).contains("8:00 AM"));
    }

    // ---- weekly digests ----------------------------------------------------------------------

    void startMatching() {
        matching = new MatchingService(store, MatchingSettings.DEFAULTS,
                new InMemoryRecommendationCache(clock, Duration.ofMinutes(5)), clock, new SimpleMeterRegistry(),
                "test", (teeTime, user, cause) -> { });
        matching.loadAll();
    }

    WeeklyDigests digests() {
        return new WeeklyDigests(db.dataSource(), store, userId -> matching.recommendations(userId, 50),
                MatchingSettings.DEFAULTS, rules, notifications, clock);
    }

    void placeUser(String id, String industry, String zone, double lat, double lng) {
        db.insertUser(id, "User " + id, "Co " + id, industry);
        db.update("update users set time_zone = ?, lat = ?, lng = ?, city = 'Farmingdale' where id = ?",
                zone, lat, lng, id);
    }

    /** Runs the digest job every 15 minutes through {@code [from, to)}; when each user's digest was queued. */
    Map<String, Instant> digestsQueuedWhileRunningEvery15Minutes(Instant from, Instant to) {
        Map<String, Instant> queuedAt = new HashMap<>();
        for (Instant t = from; t.isBefore(to); t = t.plus(Duration.ofMinutes(15))) {
            clock.set(t);
            digests().run();
            Sql.list(db.dataSource(), "read queued digests", "select user_id, created_at from notification_queue"
                    + " where notification_type = 'weekly_digest' and created_at >= ?", r -> Map.entry(r.getString(1),
                    Sql.instant(r, "created_at")), from).forEach(e -> queuedAt.putIfAbsent(e.getKey(), e.getValue()));
        }
        return queuedAt;
    }

    @Test
    void everyUserGetsOneDigestAtSixInTheEveningOnSundayInTheirOwnZone() {
        Map<String, String> zones = Map.of("u-ny", "America/New_York", "u-kolkata", "Asia/Kolkata",
                "u-kathmandu", "Asia/Kathmandu", "u-auckland", "Pacific/Auckland", "u-honolulu", "Pacific/Honolulu");
        // everyone near Bethpage so one tee time matches them all
        zones.forEach((user, zone) -> placeUser(user, "FINANCE", zone, 40.75, -73.45));
        Instant now = Instant.parse("2026-06-04T12:00:00Z"); // a Thursday
        clock.set(now);
        db.insertTeeTime("tt-week", "u-host", "c-ny", Instant.parse("2026-06-09T12:00:00Z"), "FINANCE", false, 4);
        db.insertTeeTime("tt-later", "u-host", "c-ny", Instant.parse("2026-06-30T12:00:00Z"), "FINANCE", false, 4);
        startMatching();

        Map<String, Instant> queuedAt = digestsQueuedWhileRunningEvery15Minutes(now, now.plus(Duration.ofDays(7)));

        zones.forEach((user, zone) -> {
            assertThat(queuedAt).as(user).containsKey(user);
            var local = queuedAt.get(user).atZone(ZoneId.of(zone));
            assertThat(local.getDayOfWeek()).as(user).isEqualTo(java.time.DayOfWeek.SUNDAY);
            assertThat(local.toLocalTime()).as(user + " local time").hasToString("18:00");
        });
        List<OutboxRow> digests = outbox.forUser("u-kathmandu").stream()
                .filter(r -> r.type() == NotificationType.WEEKLY_DIGEST).toList();
        assertThat(digests).as("one digest a week, however many runs").hasSize(1);
        assertThat(digests.get(0).html()).as("the week's tee time, not the one after").contains("Bethpage")
                .contains("3 slots open").doesNotContain("tt-later");
    }

    @Test
    void theDigestFollowsTheUsersClockAcrossDaylightSavingChanges() {
        placeUser("u-ny", "FINANCE", "America/New_York", 40.75, -73.45);
        placeUser("u-london", "FINANCE", "Europe/London", 40.75, -73.45);
        clock.set(Instant.parse("2026-03-01T00:00:00Z"));
        db.insertTeeTime("tt-1", "u-host", "c-ny", Instant.parse("2026-03-10T12:00:00Z"), "FINANCE", false, 4);
        db.insertTeeTime("tt-2", "u-host", "c-ny", Instant.parse("2026-03-31T12:00:00Z"), "FINANCE", false, 4);
        db.insertTeeTime("tt-3", "u-host", "c-ny", Instant.parse("2026-11-03T12:00:00Z"), "FINANCE", false, 4);
        startMatching();
        // New York springs forward on Sunday 8 March: 18:00 EDT is 22:00 UTC (a week earlier, 23:00 UTC)
        assertThat(digestsQueuedWhileRunningEvery15Minutes(Instant.parse("2026-03-08T20:00:00Z"),
                Instant.parse("2026-03-09T02:00:00Z")).get("u-ny")).isEqualTo(Instant.parse("2026-03-08T22:00:00Z"));
        // London springs forward on Sunday 29 March: 18:00 BST is 17:00 UTC
        assertThat(digestsQueuedWhileRunningEvery15Minutes(Instant.parse("2026-03-29T15:00:00Z"),
                Instant.parse("2026-03-29T20:00:00Z")).get("u-london")).isEqualTo(Instant.parse("2026-03-29T17:00:00Z"));
        // New York falls back on Sunday 1 November: 18:00 EST is 23:00 UTC
        matching.loadAll();
        assertThat(digestsQueuedWhileRunningEvery15Minutes(Instant.parse("2026-11-01T20:00:00Z"),
                Instant.parse("2026-11-02T02:00:00Z")).get("u-ny")).isEqualTo(Instant.parse("2026-11-01T23:00:00Z"));
    }

    @Test
    void aDigestMissedAtSixIsSentLaterThatEveningButNotOnMonday() {
        placeUser("u-ny", "FINANCE", "America/New_York", 40.75, -73.45);
        clock.set(Instant.parse("2026-06-04T12:00:00Z"));
        db.insertTeeTime("tt-1", "u-host", "c-ny", Instant.parse("2026-06-09T12:00:00Z"), "FINANCE", false, 4);
        startMatching();
        clock.set(LocalDateTime.parse("2026-06-08T00:10").atZone(NEW_YORK).toInstant()); // Monday: too late
        assertThat(digests().run().queued()).isZero();
        clock.set(LocalDateTime.parse("2026-06-07T21:40").atZone(NEW_YORK).toInstant()); // Sunday evening: made up
        assertThat(digests().run().queued()).isEqualTo(1);
        assertThat(digests().run().queued()).as("and only once").isZero();
    }

    @Test
    void aUserWithoutMatchesGetsNoEmptyDigest() {
        placeUser("u-far", "FINANCE", "America/New_York", -33.87, 151.21); // lives in Sydney
        clock.set(LocalDateTime.parse("2026-06-07T18:00").atZone(NEW_YORK).toInstant());
        db.insertTeeTime("tt-1", "u-host", "c-ny", Instant.parse("2026-06-09T12:00:00Z"), "FINANCE", false, 4);
        startMatching();
        WeeklyDigests.Result result = digests().run();
        assertThat(result.withoutMatches()).as(result.toString()).isEqualTo(1);
        assertThat(outbox.forUser("u-far")).isEmpty();
    }

    // ---- clean-up ----------------------------------------------------------------------------

    @Test
    void cleanUpCompletesPastTeeTimesArchivesOldOnesAndDeletesOrphanedNotificationsInBatches() {
        Instant now = Instant.parse("2026-06-01T03:00:00Z");
        clock.set(now);
        db.insertTeeTime("tt-5h", "u-host", "c-ny", now.minus(Duration.ofHours(5)), "FINANCE", false, 4, "u-p2");
        for (int i = 0; i < 7; i++) {
            db.insertTeeTime("tt-7h-" + i, "u-host", "c-ny", now.minus(Duration.ofHours(7)), "FINANCE", false, 4);
        }
        db.insertTeeTime("tt-cancelled", "u-host", "c-ny", now.minus(Duration.ofHours(7)), "FINANCE", false, 4);
        db.update("update tee_times set status = 'CANCELLED' where id = 'tt-cancelled'");
        for (int i = 0; i < 5; i++) {
            db.insertTeeTime("tt-old-" + i, "u-host", "c-ny", now.minus(Duration.ofDays(91)), "FINANCE", false, 4,
                    "u-p2");
        }
        db.update("insert into messages (id, tee_time_id, sender_id, body, sent_at) values ('m-1', 'tt-old-0',"
                + " 'u-host', 'see you there', ?)", java.sql.Timestamp.from(now.minus(Duration.ofDays(92))));
        // notifications: old and finished, old but in someone's in-app centre, old but pending, recent
        long oldSent = queued("k-old-sent", "sent", now.minus(Duration.ofDays(31)));
        long oldInCentre = queued("k-old-centre", "sent", now.minus(Duration.ofDays(31)));
        db.update("insert into notifications (queue_id, user_id, notification_type, title, body, created_at)"
                + " values (?, 'u-p2', 'slot_joined', 't', 'b', ?)", oldInCentre,
                java.sql.Timestamp.from(now.minus(Duration.ofDays(31))));
        long oldPending = queued("k-old-pending", "pending", now.minus(Duration.ofDays(31)));
        long recent = queued("k-recent", "sent", now.minus(Duration.ofDays(2)));

        DailyCleanup.Result result = new DailyCleanup(db.dataSource(), clock, 3).run();

        assertThat(result.completed()).as("7 h past and still open, old ones included").isEqualTo(12);
        assertThat(status("tt-5h")).isEqualTo("OPEN");
        assertThat(status("tt-7h-0")).isEqualTo("COMPLETED");
        assertThat(status("tt-cancelled")).isEqualTo("CANCELLED");
        assertThat(result.archived()).isEqualTo(5);
        assertThat(db.queryLong("select count(*) from tee_times where id like 'tt-old-%'")).isZero();
        assertThat(db.queryLong("select count(*) from tee_times_archive where status = 'COMPLETED'")).isEqualTo(5);
        assertThat(db.queryLong("select count(*) from tee_time_slots_archive where user_id = 'u-p2'")).isEqualTo(5);
        assertThat(db.queryLong("select count(*) from messages")).isZero();
        assertThat(result.outboxRowsDeleted()).isEqualTo(1);
        assertThat(db.queryLong("select count(*) from notification_queue where id = " + oldSent)).isZero();
        assertThat(db.queryLong("select count(*) from notification_queue where id in (" + oldInCentre + ", "
                + oldPending + ", " + recent + ")")).isEqualTo(3);
        assertThat(result.batches()).as("batches of 3 rows").isGreaterThan(6);

        DailyCleanup.Result again = new DailyCleanup(db.dataSource(), clock, 3).run();
        assertThat(again.completed() + again.archived() + again.outboxRowsDeleted()).as("a second run").isZero();
    }

    long queued(String key, String status, Instant createdAt) {
        db.update("insert into notification_queue (idempotency_key, notification_key, user_id, notification_type,"
                + " channel, title, body, priority, priority_rank, scheduled_for, status, created_at)"
                + " values (?, ?, 'u-p2', 'slot_joined', 'push', 't', 'b', 'normal', 1, ?, ?, ?)",
                key + ":push", key, java.sql.Timestamp.from(createdAt), status, java.sql.Timestamp.from(createdAt));
        return db.queryLong("select id from notification_queue where notification_key = '" + key + "'");
    }

    String status(String teeTimeId) {
        return Sql.first(db.dataSource(), "read status", "select status from tee_times where id = ?",
                r -> r.getString(1), teeTimeId).orElseThrow();
    }

    // ---- run log -----------------------------------------------------------------------------

    @Test
    void theRunLogKeepsEachJobsLatestOutcomeForTheWholeCluster() {
        JobRunLog onA = new JobRunLog(db.dataSource(), clock, "instance-a");
        JobRunLog onB = new JobRunLog(db.dataSource(), clock, "instance-b");
        onA.record("reminders", clock.instant(), () -> "3 queued");
        clock.advance(Duration.ofHours(1));
        try {
            onB.record("reminders", clock.instant(), () -> {
                throw new IllegalStateException("database went away");
            });
        } catch (IllegalStateException expected) {
            // rethrown for the route's error handling
        }
        onA.record("clean-up", clock.instant(), () -> "nothing to do");

        Map<String, JobRunLog.Run> latest = onA.latestRuns();
        assertThat(latest.get("reminders").outcome()).isEqualTo("failed");
        assertThat(latest.get("reminders").instanceId()).isEqualTo("instance-b");
        assertThat(latest.get("reminders").detail()).contains("database went away");
        assertThat(latest.get("clean-up").detail()).isEqualTo("nothing to do");
        assertThat(onA.recent("reminders", 10)).extracting(JobRunLog.Run::outcome).containsExactly("failed", "ok");
    }
}
