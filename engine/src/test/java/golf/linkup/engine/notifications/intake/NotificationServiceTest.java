package golf.linkup.engine.notifications.intake;

import static golf.linkup.engine.notifications.Channel.EMAIL;
import static golf.linkup.engine.notifications.Channel.IN_APP;
import static golf.linkup.engine.notifications.Channel.PUSH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import golf.linkup.engine.domain.User;
import golf.linkup.engine.notifications.Channel;
import golf.linkup.engine.notifications.CountingRenderer;
import golf.linkup.engine.notifications.NotificationIntent;
import golf.linkup.engine.notifications.NotificationType;
import golf.linkup.engine.notifications.NotificationUsers;
import golf.linkup.engine.notifications.Priority;
import golf.linkup.engine.notifications.intake.NotificationService.Result;
import golf.linkup.engine.notifications.outbox.JdbcOutboxStore;
import golf.linkup.engine.notifications.outbox.OutboxRow;
import golf.linkup.engine.notifications.policy.JdbcPreferencesStore;
import golf.linkup.engine.notifications.policy.QuietHours;
import golf.linkup.engine.notifications.policy.TypeSettings;
import golf.linkup.testing.AdjustableClock;
import golf.linkup.testing.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The enqueue rules on a real H2 outbox and preferences store, in their documented order. */
class NotificationServiceTest {

    /** 12:00 EDT in New York, 21:30 in Kolkata, 02:00 the next day on Lord Howe (quiet there). */
    static final Instant NOON_IN_NEW_YORK = Instant.parse("2026-06-10T16:00:00Z");

    static final User NY = NotificationUsers.NEW_YORK;
    static final User IN = NotificationUsers.KOLKATA;
    static final User LH = NotificationUsers.LORD_HOWE;

    /**
     * The limited types that go by push by default, for filling the daily limit without the hourly one
     * (transactional types are never limited).
     */
    static final List<NotificationType> PUSHED_BY_DEFAULT = List.of(NotificationType.NEW_TEE_TIME,
            NotificationType.SLOT_JOINED, NotificationType.NEW_MESSAGE, NotificationType.SYSTEM_ANNOUNCEMENT);

    TestDatabase db;
    JdbcOutboxStore outbox;
    JdbcPreferencesStore preferences;
    AdjustableClock clock;
    CountingRenderer renderer;
    AtomicInteger wakeUps;
    NotificationService service;

    @BeforeEach
    void open() {
        db = TestDatabase.h2();
        outbox = new JdbcOutboxStore(db.dataSource());
        preferences = new JdbcPreferencesStore(db.dataSource());
        clock = new AdjustableClock(NOON_IN_NEW_YORK);
        renderer = new CountingRenderer();
        wakeUps = new AtomicInteger();
        service = new NotificationService(outbox, preferences, NotificationUsers.lookup(), renderer, clock,
                new SimpleMeterRegistry(), wakeUps::incrementAndGet);
    }

    @AfterEach
    void close() {
        db.close();
    }

    static NotificationIntent intent(String key, User user, NotificationType type, Priority priority, String batchKey,
            Channel... channels) {
        return new NotificationIntent(key, user.id(), type, priority, EnumSet.copyOf(List.of(channels)),
                Map.of("teeTimeId", "tt-1", "action", "open_tee_time"), batchKey);
    }

    static NotificationIntent normal(String key, User user, NotificationType type, Channel... channels) {
        return intent(key, user, type, Priority.NORMAL, null, channels);
    }

    List<OutboxRow> rows(User user, Channel channel) {
        return outbox.forUser(user.id()).stream().filter(r -> r.channel() == channel).toList();
    }

    OutboxRow onlyRow(User user, Channel channel) {
        List<OutboxRow> rows = rows(user, channel);
        assertEquals(1, rows.size(), () -> "one " + channel + " row expected: " + rows);
        return rows.get(0);
    }

    static void assertQueued(Result result, Channel... channels) {
        assertEquals(Set.of(channels), Set.copyOf(result.queued()), () -> "queued: " + result);
    }

    static void assertSuppressed(Result result, Channel channel, String reasonPrefix) {
        String reason = result.suppressed().get(channel);
        assertTrue(reason != null && reason.startsWith(reasonPrefix),
                () -> channel + " suppressed with " + reasonPrefix + " expected: " + result);
    }

    // ---- settings ---------------------------------------------------------------------------------

    @Test
    void byDefaultANewTeeTimeGoesByPushAndInAppButNotByEmail() {
        Result r = service.enqueue(normal("new_tee_time:tt-1:created:u-ny", NY, NotificationType.NEW_TEE_TIME,
                PUSH, EMAIL, IN_APP));

        assertQueued(r, PUSH, IN_APP);
        assertEquals(Map.of(EMAIL, "NOTIFICATION_DISABLED"), r.suppressed());
        assertEquals(Map.of(), r.heldUntil());
        OutboxRow push = onlyRow(NY, PUSH);
        assertEquals("new_tee_time:tt-1:created:u-ny:push", push.idempotencyKey());
        assertEquals("new_tee_time:tt-1:created:u-ny", push.notificationKey());
        assertEquals("new_tee_time x1", push.title());
        assertEquals("push for en-US: new_tee_time x1", push.body());
        assertEquals("en-US", push.locale());
        assertEquals(Priority.NORMAL, push.priority());
        assertEquals("pending", push.status());
        assertEquals(NOON_IN_NEW_YORK, push.scheduledFor());
        assertEquals(NOON_IN_NEW_YORK, push.createdAt());
        assertEquals(NOON_IN_NEW_YORK, onlyRow(NY, IN_APP).scheduledFor());
        assertEquals(List.of(), rows(NY, EMAIL));
        assertEquals(1, wakeUps.get(), "delivery is woken once");
    }

    @Test
    void byDefaultACancellationGoesByEmailToo() {
        Result r = service.enqueue(intent("tee_time_cancelled:e-1:u-ny", NY, NotificationType.TEE_TIME_CANCELLED,
                Priority.HIGH, null, PUSH, EMAIL, IN_APP));

        assertQueued(r, PUSH, EMAIL, IN_APP);
        assertEquals(Map.of(), r.suppressed());
        OutboxRow email = onlyRow(NY, EMAIL);
        assertEquals("<p>tee_time_cancelled x1</p>", email.html());
        assertEquals(Priority.HIGH, email.priority());
        assertNull(onlyRow(NY, PUSH).html(), "html is for e-mail only");
    }

    @Test
    void aDisabledTypeQueuesNothingOnAnyChannel() {
        preferences.save(NY.id(), List.of(new TypeSettings(NotificationType.SLOT_JOINED, false, true, true)));

        Result r = service.enqueue(normal("slot_joined:e-1:u-ny", NY, NotificationType.SLOT_JOINED, PUSH, EMAIL, IN_APP));

        assertQueued(r);
        assertEquals(Map.of(PUSH, "NOTIFICATION_DISABLED", EMAIL, "NOTIFICATION_DISABLED", IN_APP,
                "NOTIFICATION_DISABLED"), r.suppressed());
        assertEquals(List.of(), outbox.forUser(NY.id()));
        assertEquals(0, wakeUps.get(), "nothing to deliver, nobody woken");
    }

    @Test
    void withPushTurnedOffOnlyTheInAppNotificationIsQueued() {
        preferences.save(NY.id(), List.of(new TypeSettings(NotificationType.SLOT_JOINED, true, false, false)));

        Result r = service.enqueue(normal("slot_joined:e-1:u-ny", NY, NotificationType.SLOT_JOINED, PUSH, IN_APP));

        assertQueued(r, IN_APP);
        assertEquals(Map.of(PUSH, "NOTIFICATION_DISABLED"), r.suppressed());
        assertEquals(List.of(), rows(NY, PUSH));
        onlyRow(NY, IN_APP);
    }

    @Test
    void aUserWithoutAnEmailAddressGetsNoEmail() {
        User noEmail = NotificationUsers.NO_EMAIL;

        Result r = service.enqueue(intent("tee_time_cancelled:e-1:" + noEmail.id(), noEmail,
                NotificationType.TEE_TIME_CANCELLED, Priority.HIGH, null, PUSH, EMAIL, IN_APP));

        assertQueued(r, PUSH, IN_APP);
        assertEquals(Map.of(EMAIL, "NOTIFICATION_DISABLED"), r.suppressed());
    }

    @Test
    void anUnknownUserGetsNothing() {
        Result r = service.enqueue(new NotificationIntent("slot_joined:e-1:ghost", "ghost", NotificationType.SLOT_JOINED,
                Priority.HIGH, EnumSet.of(PUSH, IN_APP), Map.of(), null));

        assertQueued(r);
        assertEquals(Map.of(PUSH, "UNKNOWN_USER", IN_APP, "UNKNOWN_USER"), r.suppressed());
        assertEquals(0, db.queryLong("select count(*) from notification_queue"));
        assertEquals(0, wakeUps.get());
    }

    // ---- quiet hours --------------------------------------------------------------------------------

    @Test
    void quietHoursHoldPushAndEmailUntilTheWindowEndsInEachUsersZoneWhileInAppGoesNow() {
        // 17:00Z: 13:00 EDT in New York, 22:30 IST in Kolkata, 03:00 +10:30 (June 11) on Lord Howe
        Instant now = Instant.parse("2026-06-10T17:00:00Z");
        clock.set(now);
        Map<User, Instant> expectedEnd = Map.of(
                IN, Instant.parse("2026-06-11T02:30:00Z"), // 08:00 +05:30 on June 11
                LH, Instant.parse("2026-06-10T21:30:00Z")); // 08:00 +10:30 on June 11

        for (User u : List.of(NY, IN, LH)) {
            Result r = service.enqueue(intent("tee_time_cancelled:e-1:" + u.id(), u, NotificationType.TEE_TIME_CANCELLED,
                    Priority.HIGH, null, PUSH, EMAIL, IN_APP));

            assertQueued(r, PUSH, EMAIL, IN_APP);
            Instant end = expectedEnd.get(u);
            if (end == null) {
                assertEquals(Map.of(), r.heldUntil(), u.id() + " is not in quiet hours");
                assertEquals(now, onlyRow(u, PUSH).scheduledFor());
                assertEquals(now, onlyRow(u, EMAIL).scheduledFor());
            } else {
                assertEquals(Map.of(PUSH, end, EMAIL, end), r.heldUntil(), u.id());
                assertEquals(end, onlyRow(u, PUSH).scheduledFor(), u.id() + " push held until the window ends");
                assertEquals(end, onlyRow(u, EMAIL).scheduledFor(), u.id() + " e-mail held until the window ends");
            }
            assertEquals(now, onlyRow(u, IN_APP).scheduledFor(), u.id() + " in-app goes at once");
        }
    }

    @Test
    void theUsersOwnQuietHoursReplaceTheDefault() {
        preferences.saveQuietHours(NY.id(), new QuietHours(LocalTime.of(11, 0), LocalTime.of(14, 0),
                ZoneId.of("America/New_York")));

        Result r = service.enqueue(normal("slot_joined:e-1:u-ny", NY, NotificationType.SLOT_JOINED, PUSH, IN_APP));

        assertEquals(Map.of(PUSH, Instant.parse("2026-06-10T18:00:00Z")), r.heldUntil(), "held until 14:00 EDT");
        assertEquals(Instant.parse("2026-06-10T18:00:00Z"), onlyRow(NY, PUSH).scheduledFor());
    }

    @Test
    void criticalIgnoresQuietHoursAndFrequencyLimits() {
        clock.set(Instant.parse("2026-06-10T17:00:00Z")); // 22:30 in Kolkata: quiet
        for (int i = 0; i < NotificationService.DAILY_LIMIT; i++) {
            assertQueued(service.enqueue(normal("n-" + i, IN, PUSHED_BY_DEFAULT.get(i % PUSHED_BY_DEFAULT.size()), PUSH, IN_APP)), PUSH, IN_APP);
            clock.advance(Duration.ofMinutes(1));
        }
        assertSuppressed(service.enqueue(normal("over", IN, NotificationType.SLOT_JOINED, PUSH)), PUSH,
                "RATE_LIMIT_EXCEEDED");

        Instant now = clock.instant();
        Result r = service.enqueue(intent("announcement-1", IN, NotificationType.SYSTEM_ANNOUNCEMENT, Priority.CRITICAL,
                null, PUSH, IN_APP));

        assertQueued(r, PUSH, IN_APP);
        assertEquals(Map.of(), r.suppressed());
        assertEquals(Map.of(), r.heldUntil());
        OutboxRow push = rows(IN, PUSH).stream().filter(x -> x.notificationKey().equals("announcement-1")).findFirst()
                .orElseThrow();
        assertEquals(now, push.scheduledFor(), "critical goes now, quiet hours or not");
        assertEquals(Priority.CRITICAL, push.priority());
    }

    @Test
    void criticalNotificationsDoNotCountTowardsTheLimits() {
        for (int i = 0; i < NotificationService.DAILY_LIMIT + 2; i++) {
            assertQueued(service.enqueue(intent("critical-" + i, NY, NotificationType.SYSTEM_ANNOUNCEMENT,
                    Priority.CRITICAL, null, PUSH)), PUSH);
        }

        assertQueued(service.enqueue(normal("normal-1", NY, NotificationType.SYSTEM_ANNOUNCEMENT, PUSH)), PUSH);
    }

    // ---- transactional notifications (the user's own booking) -------------------------------------

    /** Fills the user's daily limit with ten limited notifications. */
    void fillTheDailyLimit(User user) {
        for (int i = 1; i <= NotificationService.DAILY_LIMIT; i++) {
            assertQueued(service.enqueue(normal("fill-" + i, user, PUSHED_BY_DEFAULT.get(i % PUSHED_BY_DEFAULT.size()),
                    PUSH, IN_APP)), PUSH, IN_APP);
            clock.advance(Duration.ofMinutes(1));
        }
        assertSuppressed(service.enqueue(normal("over", user, NotificationType.SLOT_JOINED, PUSH)), PUSH,
                "RATE_LIMIT_EXCEEDED");
    }

    static NotificationIntent aboutTeeTimeStarting(String key, User user, NotificationType type, Instant startsAt,
            String batchKey, Channel... channels) {
        return new NotificationIntent(key, user.id(), type, Priority.HIGH, EnumSet.copyOf(List.of(channels)),
                Map.of("teeTimeId", "tt-1", "action", "open_tee_time", "startsAt", startsAt.toString()), batchKey);
    }

    @Test
    void aCancellationOfTheUsersTeeTimeIsPushedAndMailedAfterTheDailyLimitIsReached() {
        fillTheDailyLimit(NY);

        Result r = service.enqueue(aboutTeeTimeStarting("tee_time_cancelled:e-9:u-ny", NY,
                NotificationType.TEE_TIME_CANCELLED, clock.instant().plus(Duration.ofDays(3)), null, PUSH, EMAIL, IN_APP));

        assertQueued(r, PUSH, EMAIL, IN_APP);
        assertEquals(Map.of(), r.suppressed());
    }

    @Test
    void everyTransactionalTypeEscapesTheLimitsAndDoesNotCountTowardsThem() {
        List<NotificationType> transactional = java.util.Arrays.stream(NotificationType.values())
                .filter(NotificationType::transactional).toList();
        assertEquals(Set.of(NotificationType.TEE_TIME_CANCELLED, NotificationType.REMINDER_24H,
                NotificationType.REMINDER_2H, NotificationType.WAITLIST_OFFER, NotificationType.WAITLIST_AUTO_BOOKED,
                NotificationType.WAITLIST_OFFER_EXPIRED), Set.copyOf(transactional));
        for (NotificationType type : transactional) {
            preferences.save(NY.id(), List.of(new TypeSettings(type, true, true, true)));
            for (int i = 0; i < NotificationService.HOURLY_LIMIT_PER_TYPE + 2; i++) {
                assertQueued(service.enqueue(intent(type.key() + ":" + i, NY, type, Priority.HIGH, null, PUSH, IN_APP)),
                        PUSH, IN_APP);
            }
        }
        for (int i = 1; i <= NotificationService.DAILY_LIMIT; i++) {
            assertQueued(service.enqueue(normal("limited-" + i, NY, PUSHED_BY_DEFAULT.get(i % PUSHED_BY_DEFAULT.size()),
                    PUSH)), PUSH);
            clock.advance(Duration.ofMinutes(1));
        }
    }

    @Test
    void aTransactionalNotificationIsNeverFoldedIntoABatch() {
        Instant startsAt = clock.instant().plus(Duration.ofDays(2));
        assertQueued(service.enqueue(aboutTeeTimeStarting("waitlist_offer:1", NY, NotificationType.WAITLIST_OFFER,
                startsAt, "waitlist:u-ny", PUSH, IN_APP)), PUSH, IN_APP);
        clock.advance(Duration.ofMinutes(1));
        assertQueued(service.enqueue(aboutTeeTimeStarting("waitlist_offer:2", NY, NotificationType.WAITLIST_OFFER,
                startsAt, "waitlist:u-ny", PUSH, IN_APP)), PUSH, IN_APP);

        List<OutboxRow> pushes = rows(NY, PUSH);
        assertEquals(2, pushes.size(), "two pushes, no summary");
        pushes.forEach(p -> {
            assertEquals(1, p.batchCount());
            assertEquals(null, p.batchKey());
            assertTrue(!p.scheduledFor().isAfter(clock.instant()), "not held for a batch window");
        });
    }

    @Test
    void quietHoursHoldTheCancellationsPushButNotItsEmailWhenTheTeeTimeStartsWithin24Hours() {
        clock.set(Instant.parse("2026-06-10T17:00:00Z")); // 22:30 in Kolkata: quiet until 08:00
        Instant quietEnd = Instant.parse("2026-06-11T02:30:00Z");

        Result soon = service.enqueue(aboutTeeTimeStarting("tee_time_cancelled:e-1:u-in", IN,
                NotificationType.TEE_TIME_CANCELLED, Instant.parse("2026-06-11T03:30:00Z"), null, PUSH, EMAIL, IN_APP));
        assertEquals(Map.of(PUSH, quietEnd), soon.heldUntil(), "push waits for the morning, the e-mail does not");
        assertEquals(clock.instant(), onlyRow(IN, EMAIL).scheduledFor());

        Result later = service.enqueue(aboutTeeTimeStarting("tee_time_cancelled:e-2:u-lh", LH,
                NotificationType.TEE_TIME_CANCELLED, Instant.parse("2026-06-20T03:30:00Z"), null, PUSH, EMAIL));
        assertEquals(Set.of(PUSH, EMAIL), later.heldUntil().keySet(), "a week ahead: both wait for the morning");
    }

    // ---- frequency limits ---------------------------------------------------------------------------

    @Test
    void theTenthInterruptingNotificationOfTheDayIsQueuedAndTheEleventhIsNot() {
        for (int i = 1; i <= 10; i++) {
            Result r = service.enqueue(normal("n-" + i, NY, PUSHED_BY_DEFAULT.get(i % PUSHED_BY_DEFAULT.size()), PUSH, IN_APP));
            assertQueued(r, PUSH, IN_APP);
            clock.advance(Duration.ofMinutes(1));
        }

        Result eleventh = service.enqueue(normal("n-11", NY, NotificationType.SLOT_JOINED, PUSH, IN_APP));

        assertQueued(eleventh, IN_APP);
        assertEquals(Map.of(PUSH, "RATE_LIMIT_EXCEEDED: 10 a day"), eleventh.suppressed());
        assertEquals(10, rows(NY, PUSH).size());
        assertEquals(11, rows(NY, IN_APP).size(), "in-app is not limited");
    }

    @Test
    void anEmailCountsOnceWithItsPushTowardsTheDailyLimitAndIsSuppressedWithIt() {
        preferences.save(NY.id(), List.of(new TypeSettings(NotificationType.NEW_MESSAGE, true, true, true)));
        for (int i = 1; i <= 10; i++) {
            Result r = service.enqueue(intent("n-" + i, NY, NotificationType.NEW_MESSAGE, Priority.NORMAL, null,
                    PUSH, EMAIL, IN_APP));
            assertQueued(r, PUSH, EMAIL, IN_APP);
            clock.advance(Duration.ofMinutes(21)); // 3 an hour of one type at most
        }

        Result eleventh = service.enqueue(intent("n-11", NY, NotificationType.NEW_MESSAGE, Priority.NORMAL, null,
                PUSH, EMAIL, IN_APP));

        assertQueued(eleventh, IN_APP);
        assertSuppressed(eleventh, PUSH, "RATE_LIMIT_EXCEEDED");
        assertSuppressed(eleventh, EMAIL, "RATE_LIMIT_EXCEEDED");
    }

    @Test
    void theDailyLimitIsARolling24HoursCountedFromEachNotification() {
        Instant first = clock.instant();
        for (int i = 1; i <= 10; i++) {
            service.enqueue(normal("n-" + i, NY, PUSHED_BY_DEFAULT.get(i % PUSHED_BY_DEFAULT.size()), PUSH));
            clock.advance(Duration.ofMinutes(1));
        }

        clock.set(first.plus(Duration.ofDays(1)));
        assertSuppressed(service.enqueue(normal("at-24h", NY, NotificationType.NEW_MESSAGE, PUSH)), PUSH,
                "RATE_LIMIT_EXCEEDED");

        clock.set(first.plus(Duration.ofDays(1)).plusSeconds(1));
        assertQueued(service.enqueue(normal("after-24h", NY, NotificationType.NEW_MESSAGE, PUSH)), PUSH);
    }

    @Test
    void theFourthOfATypeWithinAnHourIsNotPushedButAnotherTypeStillIs() {
        for (int i = 1; i <= 3; i++) {
            assertQueued(service.enqueue(normal("ntt-" + i, NY, NotificationType.NEW_TEE_TIME, PUSH, IN_APP)), PUSH, IN_APP);
            clock.advance(Duration.ofMinutes(10));
        }

        Result fourth = service.enqueue(normal("ntt-4", NY, NotificationType.NEW_TEE_TIME, PUSH, IN_APP));
        Result otherType = service.enqueue(normal("sj-1", NY, NotificationType.SLOT_JOINED, PUSH, IN_APP));

        assertQueued(fourth, IN_APP);
        assertEquals(Map.of(PUSH, "RATE_LIMIT_EXCEEDED: 3 an hour of new_tee_time"), fourth.suppressed());
        assertQueued(otherType, PUSH, IN_APP);
    }

    @Test
    void theHourlyLimitMakesRoomOnceTheFirstIsMoreThanAnHourOld() {
        Instant first = clock.instant();
        for (int i = 1; i <= 3; i++) {
            service.enqueue(normal("ntt-" + i, NY, NotificationType.NEW_TEE_TIME, PUSH));
            clock.advance(Duration.ofMinutes(10));
        }

        clock.set(first.plus(Duration.ofHours(1)));
        assertSuppressed(service.enqueue(normal("ntt-4", NY, NotificationType.NEW_TEE_TIME, PUSH)), PUSH,
                "RATE_LIMIT_EXCEEDED");
        clock.set(first.plus(Duration.ofHours(1)).plusSeconds(1));
        assertQueued(service.enqueue(normal("ntt-5", NY, NotificationType.NEW_TEE_TIME, PUSH)), PUSH);
    }

    // ---- idempotency --------------------------------------------------------------------------------

    @Test
    void theSameNotificationKeyTwiceCreatesNothingTwice() {
        NotificationIntent i = normal("slot_joined:e-1:u-ny", NY, NotificationType.SLOT_JOINED, PUSH, IN_APP);
        assertQueued(service.enqueue(i), PUSH, IN_APP);
        clock.advance(Duration.ofMinutes(1));

        Result again = service.enqueue(i);

        assertQueued(again);
        assertEquals(Map.of(PUSH, "DUPLICATE", IN_APP, "DUPLICATE"), again.suppressed());
        assertEquals(2, outbox.forUser(NY.id()).size());
        assertEquals(1, wakeUps.get());
    }

    // ---- batching -------------------------------------------------------------------------------------

    @Test
    void notificationsOfOneBatchAreFoldedIntoOneHeldSummaryButInAppNever() {
        String batch = "new_tee_time:u-ny:FINANCE";
        Instant t0 = clock.instant();

        Result first = service.enqueue(intent("ntt-1", NY, NotificationType.NEW_TEE_TIME, Priority.NORMAL, batch,
                PUSH, IN_APP));
        clock.advance(Duration.ofMinutes(1));
        Result second = service.enqueue(intent("ntt-2", NY, NotificationType.NEW_TEE_TIME, Priority.NORMAL, batch,
                PUSH, IN_APP));
        clock.advance(Duration.ofMinutes(2));
        Result third = service.enqueue(intent("ntt-3", NY, NotificationType.NEW_TEE_TIME, Priority.NORMAL, batch,
                PUSH, IN_APP));

        assertQueued(first, PUSH, IN_APP);
        assertQueued(second, PUSH, IN_APP);
        assertQueued(third, PUSH, IN_APP);
        List<OutboxRow> push = rows(NY, PUSH);
        assertEquals(2, push.size(), () -> "the first alone, then one summary: " + push);
        OutboxRow alone = push.get(0);
        assertEquals(t0, alone.scheduledFor(), "the first of a batch goes at once");
        assertEquals(1, alone.batchCount());
        assertEquals(batch, alone.batchKey());
        OutboxRow summary = push.get(1);
        assertEquals("ntt-2", summary.notificationKey());
        assertEquals(t0.plus(Duration.ofMinutes(1)).plus(NotificationService.BATCH_WINDOW), summary.scheduledFor(),
                "held for the batch window from the second");
        assertEquals(2, summary.batchCount(), "the third is folded into the second");
        assertEquals("new_tee_time x2", summary.title(), "re-rendered with the count");
        assertEquals("push for en-US: new_tee_time x2", summary.body());
        assertTrue(summary.model().contains("\"count\":2"), summary.model());
        assertEquals(2, renderer.models.get(renderer.models.size() - 1).get("count"));

        List<OutboxRow> inApp = rows(NY, IN_APP);
        assertEquals(3, inApp.size(), "every in-app notification is its own");
        assertEquals(List.of(t0, t0.plus(Duration.ofMinutes(1)), t0.plus(Duration.ofMinutes(3))),
                inApp.stream().map(OutboxRow::scheduledFor).toList());
        assertTrue(inApp.stream().allMatch(r -> r.batchKey() == null && r.batchCount() == 1), inApp.toString());
    }

    @Test
    void aNotificationAfterTheBatchWindowGoesAtOnce() {
        String batch = "new_tee_time:u-ny:FINANCE";
        service.enqueue(intent("ntt-1", NY, NotificationType.NEW_TEE_TIME, Priority.NORMAL, batch, PUSH));
        clock.advance(NotificationService.BATCH_WINDOW.plusSeconds(1));

        service.enqueue(intent("ntt-2", NY, NotificationType.NEW_TEE_TIME, Priority.NORMAL, batch, PUSH));

        assertEquals(clock.instant(), rows(NY, PUSH).get(1).scheduledFor());
    }

    @Test
    void otherBatchesAreNotFoldedTogether() {
        service.enqueue(intent("ntt-1", NY, NotificationType.NEW_TEE_TIME, Priority.NORMAL, "new_tee_time:u-ny:FINANCE",
                PUSH));
        clock.advance(Duration.ofMinutes(1));

        service.enqueue(intent("ntt-2", NY, NotificationType.NEW_TEE_TIME, Priority.NORMAL, "new_tee_time:u-ny:TECH",
                PUSH));

        assertEquals(List.of(clock.instant().minus(Duration.ofMinutes(1)), clock.instant()),
                rows(NY, PUSH).stream().map(OutboxRow::scheduledFor).toList());
    }

    @Test
    void duringQuietHoursABatchFoldsIntoTheRowHeldUntilMorning() {
        clock.set(Instant.parse("2026-06-10T17:00:00Z")); // 22:30 in Kolkata
        String batch = "new_tee_time:u-in:FINANCE";

        service.enqueue(intent("ntt-1", IN, NotificationType.NEW_TEE_TIME, Priority.NORMAL, batch, PUSH));
        clock.advance(Duration.ofMinutes(30));
        service.enqueue(intent("ntt-2", IN, NotificationType.NEW_TEE_TIME, Priority.NORMAL, batch, PUSH));

        OutboxRow held = onlyRow(IN, PUSH);
        assertEquals(Instant.parse("2026-06-11T02:30:00Z"), held.scheduledFor());
        assertEquals(2, held.batchCount());
        assertEquals("new_tee_time x2", held.title());
    }

    @Test
    void everyNotificationOfABatchHandledAgainWhileItsSummaryIsHeldIsADuplicate() {
        String batch = "new_tee_time:u-ny:FINANCE";
        List<NotificationIntent> intents = List.of(
                intent("ntt-1", NY, NotificationType.NEW_TEE_TIME, Priority.NORMAL, batch, PUSH, IN_APP),
                intent("ntt-2", NY, NotificationType.NEW_TEE_TIME, Priority.NORMAL, batch, PUSH, IN_APP),
                intent("ntt-3", NY, NotificationType.NEW_TEE_TIME, Priority.NORMAL, batch, PUSH, IN_APP));
        for (NotificationIntent i : intents) {
            service.enqueue(i);
            clock.advance(Duration.ofMinutes(1));
        }

        for (NotificationIntent i : intents) {
            Result again = service.enqueue(i);

            assertQueued(again);
            assertEquals(Map.of(PUSH, "DUPLICATE", IN_APP, "DUPLICATE"), again.suppressed(), i.notificationKey());
        }
        OutboxRow summary = rows(NY, PUSH).get(1);
        assertEquals(2, summary.batchCount(), "still the second and the third");
        assertEquals("new_tee_time x2", summary.title());
        assertEquals(2, rows(NY, PUSH).size());
    }
}
