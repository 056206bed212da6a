package golf.linkup.engine.notifications.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Quiet hours are a wall-clock window in the user's zone: a local time {@code t} is quiet when
 * {@code start <= t < end} (past midnight when {@code end < start}). The rule across DST, asserted
 * below: a notification is held until <b>the first instant at which the wall clock shows {@code end}
 * or later</b>. So
 * <ul>
 *   <li>when the clocks spring forward over {@code end} (end in the gap), the window ends at the
 *       moment of the jump: the clock goes from before {@code end} to after it;</li>
 *   <li>when the clocks fall back and {@code end} is shown twice, the window ends at the first
 *       showing; when the wall clock shows the repeated hour again the window does not start over.</li>
 * </ul>
 * Consequently a held-until instant H is always after now, the window is still on one second
 * before H and is over at H.
 */
class QuietHoursTest {

    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
    static final ZoneId LORD_HOWE = ZoneId.of("Australia/Lord_Howe");

    private static Instant utc(String iso) {
        return Instant.parse(iso);
    }

    private static Instant local(String localDateTime, ZoneId zone) {
        return ZonedDateTime.of(LocalDateTime.parse(localDateTime), zone).toInstant();
    }

    private static QuietHours window(String start, String end, ZoneId zone) {
        return new QuietHours(LocalTime.parse(start), LocalTime.parse(end), zone);
    }

    // ---- the default window and its boundaries -------------------------------------------------

    @Test
    void theDefaultWindowRunsFromTenAtNightToEightInTheMorning() {
        QuietHours q = QuietHours.defaultsIn(NEW_YORK);

        assertEquals(LocalTime.of(22, 0), q.start());
        assertEquals(LocalTime.of(8, 0), q.end());
        assertEquals(NEW_YORK, q.zone());
    }

    @Test
    void tenAtNightExactlyIsInsideAndHeldUntilEightTheNextMorning() {
        QuietHours q = QuietHours.defaultsIn(NEW_YORK);

        assertEquals(Optional.of(utc("2026-06-11T12:00:00Z")), q.holdUntil(local("2026-06-10T22:00:00", NEW_YORK)));
    }

    @Test
    void oneSecondBeforeTenAtNightIsOutside() {
        assertEquals(Optional.empty(), QuietHours.defaultsIn(NEW_YORK).holdUntil(local("2026-06-10T21:59:59", NEW_YORK)));
    }

    @Test
    void midnightIsInsideAndHeldUntilEightThatMorning() {
        assertEquals(Optional.of(utc("2026-06-11T12:00:00Z")),
                QuietHours.defaultsIn(NEW_YORK).holdUntil(local("2026-06-11T00:00:00", NEW_YORK)));
    }

    @Test
    void oneSecondBeforeEightIsInsideAndHeldUntilEight() {
        assertEquals(Optional.of(utc("2026-06-11T12:00:00Z")),
                QuietHours.defaultsIn(NEW_YORK).holdUntil(local("2026-06-11T07:59:59", NEW_YORK)));
    }

    @Test
    void eightInTheMorningExactlyIsOutside() {
        assertEquals(Optional.empty(), QuietHours.defaultsIn(NEW_YORK).holdUntil(local("2026-06-11T08:00:00", NEW_YORK)));
    }

    @Test
    void noonIsOutside() {
        assertEquals(Optional.empty(), QuietHours.defaultsIn(NEW_YORK).holdUntil(local("2026-06-11T12:00:00", NEW_YORK)));
    }

    // ---- other windows ---------------------------------------------------------------------------

    @Test
    void aSameDayWindowIsQuietFromItsStartUpToItsEnd() {
        QuietHours q = window("13:00", "15:00", NEW_YORK);

        assertEquals(Optional.empty(), q.holdUntil(local("2026-06-10T12:59:59", NEW_YORK)));
        assertEquals(Optional.of(local("2026-06-10T15:00:00", NEW_YORK)), q.holdUntil(local("2026-06-10T13:00:00", NEW_YORK)));
        assertEquals(Optional.of(local("2026-06-10T15:00:00", NEW_YORK)), q.holdUntil(local("2026-06-10T14:59:59", NEW_YORK)));
        assertEquals(Optional.empty(), q.holdUntil(local("2026-06-10T15:00:00", NEW_YORK)));
        assertEquals(Optional.empty(), q.holdUntil(local("2026-06-10T23:30:00", NEW_YORK)));
        assertEquals(Optional.empty(), q.holdUntil(local("2026-06-10T03:00:00", NEW_YORK)));
    }

    @Test
    void anOvernightWindowHeldBeforeMidnightEndsTheNextDayAndAfterMidnightTheSameDay() {
        QuietHours q = window("23:30", "06:15", KOLKATA);

        assertEquals(Optional.of(local("2026-06-11T06:15:00", KOLKATA)), q.holdUntil(local("2026-06-10T23:45:00", KOLKATA)));
        assertEquals(Optional.of(local("2026-06-11T06:15:00", KOLKATA)), q.holdUntil(local("2026-06-11T01:00:00", KOLKATA)));
        assertEquals(Optional.empty(), q.holdUntil(local("2026-06-11T06:15:00", KOLKATA)));
        assertEquals(Optional.empty(), q.holdUntil(local("2026-06-10T23:29:59", KOLKATA)));
    }

    @Test
    void equalStartAndEndMeansNoQuietHoursAtAnyTimeOfDay() {
        QuietHours q = window("22:00", "22:00", NEW_YORK);
        Instant t = local("2026-06-10T00:00:00", NEW_YORK);
        for (int i = 0; i < 24 * 12; i++, t = t.plus(Duration.ofMinutes(5))) {
            assertEquals(Optional.empty(), q.holdUntil(t), "no quiet hours at " + t.atZone(NEW_YORK));
        }
    }

    // ---- Asia/Kolkata: +05:30 all year -----------------------------------------------------------

    @Test
    void kolkataHasNoDstSoTheDefaultWindowIsTheSameUtcSpanInWinterAndSummer() {
        assertNull(KOLKATA.getRules().nextTransition(utc("2026-01-01T00:00:00Z")), "no transitions ahead");
        QuietHours q = QuietHours.defaultsIn(KOLKATA);

        for (String day : List.of("2026-01-15", "2026-07-15")) {
            Instant tenPm = utc(day + "T16:30:00Z"); // 22:00 +05:30
            Instant eightAmNext = LocalDateTime.parse(day + "T02:30:00").plusDays(1).toInstant(ZoneOffset.UTC); // 08:00 +05:30
            assertEquals(Optional.empty(), q.holdUntil(tenPm.minusSeconds(1)), day);
            assertEquals(Optional.of(eightAmNext), q.holdUntil(tenPm), day);
            assertEquals(Optional.of(eightAmNext), q.holdUntil(eightAmNext.minusSeconds(1)), day);
            assertEquals(Optional.empty(), q.holdUntil(eightAmNext), day);
        }
    }

    // ---- America/New_York: spring forward 2026-03-08 02:00 EST -> 03:00 EDT ----------------------

    @Test
    void newYorkSpringsForwardAtTwoOnMarchEighth() {
        ZoneOffsetTransition t = NEW_YORK.getRules().getTransition(LocalDateTime.parse("2026-03-08T02:30:00"));

        assertTrue(t != null && t.isGap(), "02:30 does not exist on 2026-03-08: " + t);
        assertEquals(utc("2026-03-08T07:00:00Z"), t.getInstant());
        assertEquals(ZoneOffset.ofHours(-5), t.getOffsetBefore());
        assertEquals(ZoneOffset.ofHours(-4), t.getOffsetAfter());
    }

    @Test
    void aWindowEndingInsideTheSpringGapEndsWhenTheClocksJump() {
        // 22:00-02:30: 02:30 is never shown on 2026-03-08; the clock goes 01:59:59 EST -> 03:00 EDT (07:00Z)
        QuietHours q = window("22:00", "02:30", NEW_YORK);
        Instant jump = utc("2026-03-08T07:00:00Z");

        assertEquals(Optional.of(jump), q.holdUntil(local("2026-03-07T22:00:00", NEW_YORK)));
        assertEquals(Optional.of(jump), q.holdUntil(utc("2026-03-08T06:59:59Z")), "01:59:59 EST is quiet");
        assertEquals(Optional.empty(), q.holdUntil(jump), "03:00 EDT is after 02:30");
        assertEquals(Optional.empty(), q.holdUntil(utc("2026-03-08T07:15:00Z")), "03:15 EDT is after 02:30");
    }

    @Test
    void aWindowFromOneToThreeLastsOneRealHourOnTheSpringNight() {
        // 01:00 EST (06:00Z) to 03:00 EDT (07:00Z): 03:00 exists, it is the first instant after the jump
        QuietHours q = window("01:00", "03:00", NEW_YORK);

        assertEquals(Optional.empty(), q.holdUntil(utc("2026-03-08T05:59:59Z")));
        assertEquals(Optional.of(utc("2026-03-08T07:00:00Z")), q.holdUntil(utc("2026-03-08T06:00:00Z")));
        assertEquals(Optional.of(utc("2026-03-08T07:00:00Z")), q.holdUntil(utc("2026-03-08T06:59:59Z")));
        assertEquals(Optional.empty(), q.holdUntil(utc("2026-03-08T07:00:00Z")));
    }

    @Test
    void theDefaultWindowOnTheSpringNightEndsAtEightEdt() {
        QuietHours q = QuietHours.defaultsIn(NEW_YORK);

        assertEquals(Optional.of(utc("2026-03-08T12:00:00Z")), q.holdUntil(utc("2026-03-08T03:00:00Z")), "22:00 EST");
        assertEquals(Optional.empty(), q.holdUntil(utc("2026-03-08T12:00:00Z")), "08:00 EDT");
    }

    // ---- America/New_York: fall back 2026-11-01 02:00 EDT -> 01:00 EST ---------------------------

    @Test
    void newYorkFallsBackAtTwoOnNovemberFirst() {
        ZoneOffsetTransition t = NEW_YORK.getRules().getTransition(LocalDateTime.parse("2026-11-01T01:30:00"));

        assertTrue(t != null && t.isOverlap(), "01:30 is shown twice on 2026-11-01: " + t);
        assertEquals(utc("2026-11-01T06:00:00Z"), t.getInstant());
    }

    @Test
    void aWindowEndingInTheRepeatedHourEndsAtItsFirstShowingAndDoesNotStartOver() {
        // 22:00-01:30: 01:30 is shown at 05:30Z (EDT) and again at 06:30Z (EST); the first one ends it
        QuietHours q = window("22:00", "01:30", NEW_YORK);
        Instant firstShowing = utc("2026-11-01T05:30:00Z");

        assertEquals(Optional.of(firstShowing), q.holdUntil(local("2026-10-31T22:00:00", NEW_YORK)));
        assertEquals(Optional.of(firstShowing), q.holdUntil(utc("2026-11-01T05:29:59Z")), "01:29:59 EDT is quiet");
        assertEquals(Optional.empty(), q.holdUntil(firstShowing), "01:30 EDT ends it");
        assertEquals(Optional.empty(), q.holdUntil(utc("2026-11-01T06:10:00Z")),
                "01:10 EST: the wall clock is back before 01:30 but the window is over");
        assertEquals(Optional.empty(), q.holdUntil(utc("2026-11-01T06:30:00Z")), "01:30 EST");
    }

    @Test
    void aWindowFromOneToThreeLastsThreeRealHoursOnTheAutumnNight() {
        // 01:00 EDT (05:00Z) to 03:00 EST (08:00Z), quiet through the repeated hour
        QuietHours q = window("01:00", "03:00", NEW_YORK);
        Instant end = utc("2026-11-01T08:00:00Z");

        assertEquals(Optional.empty(), q.holdUntil(utc("2026-11-01T04:59:59Z")));
        assertEquals(Optional.of(end), q.holdUntil(utc("2026-11-01T05:00:00Z")), "01:00 EDT");
        assertEquals(Optional.of(end), q.holdUntil(utc("2026-11-01T06:30:00Z")), "01:30 EST");
        assertEquals(Optional.of(end), q.holdUntil(utc("2026-11-01T07:59:59Z")), "02:59:59 EST");
        assertEquals(Optional.empty(), q.holdUntil(end));
    }

    @Test
    void theDefaultWindowOnTheAutumnNightEndsAtEightEst() {
        QuietHours q = QuietHours.defaultsIn(NEW_YORK);

        assertEquals(Optional.of(utc("2026-11-01T13:00:00Z")), q.holdUntil(utc("2026-11-01T02:00:00Z")), "22:00 EDT");
        assertEquals(Optional.empty(), q.holdUntil(utc("2026-11-01T13:00:00Z")), "08:00 EST");
    }

    // ---- Australia/Lord_Howe: half-hour DST --------------------------------------------------------

    @Test
    void lordHoweShiftsItsClocksByHalfAnHourOnTheDatesJavaTimeKnows() {
        ZoneOffsetTransition autumn = LORD_HOWE.getRules().nextTransition(utc("2026-01-01T00:00:00Z"));
        ZoneOffsetTransition spring = LORD_HOWE.getRules().nextTransition(autumn.getInstant());

        assertTrue(autumn.isOverlap(), autumn.toString());
        assertEquals(LocalDateTime.parse("2026-04-05T02:00:00"), autumn.getDateTimeBefore());
        assertEquals(Duration.ofMinutes(-30), autumn.getDuration());
        assertTrue(spring.isGap(), spring.toString());
        assertEquals(LocalDateTime.parse("2026-10-04T02:00:00"), spring.getDateTimeBefore());
        assertEquals(Duration.ofMinutes(30), spring.getDuration());
    }

    @Test
    void lordHoweDefaultWindowAcrossTheSpringJumpEndsAtEightPlusEleven() {
        ZoneOffsetTransition spring = LORD_HOWE.getRules().getTransition(LocalDateTime.parse("2026-10-04T02:15:00"));
        assertTrue(spring != null && spring.isGap());
        QuietHours q = QuietHours.defaultsIn(LORD_HOWE);

        // 22:00 +10:30 on 10-03 is 11:30Z; 08:00 +11:00 on 10-04 is 21:00Z (10 real hours instead of 10.5)
        assertEquals(Optional.of(utc("2026-10-03T21:00:00Z")), q.holdUntil(utc("2026-10-03T11:30:00Z")));
        assertEquals(Optional.empty(), q.holdUntil(utc("2026-10-03T21:00:00Z")));
    }

    @Test
    void lordHoweWindowEndingInTheHalfHourGapEndsWhenTheClocksJump() {
        ZoneOffsetTransition spring = LORD_HOWE.getRules().getTransition(LocalDateTime.parse("2026-10-04T02:15:00"));
        QuietHours q = window("22:00", "02:15", LORD_HOWE);

        assertEquals(utc("2026-10-03T15:30:00Z"), spring.getInstant(), "02:00 +10:30 becomes 02:30 +11:00");
        assertEquals(Optional.of(spring.getInstant()), q.holdUntil(utc("2026-10-03T11:30:00Z")));
        assertEquals(Optional.of(spring.getInstant()), q.holdUntil(spring.getInstant().minusSeconds(1)));
        assertEquals(Optional.empty(), q.holdUntil(spring.getInstant()));
    }

    @Test
    void lordHoweDefaultWindowAcrossTheAutumnShiftEndsAtEightPlusTenThirty() {
        QuietHours q = QuietHours.defaultsIn(LORD_HOWE);

        // 22:00 +11:00 on 04-04 is 11:00Z; 08:00 +10:30 on 04-05 is 21:30Z (10.5 real hours instead of 10)
        assertEquals(Optional.of(utc("2026-04-04T21:30:00Z")), q.holdUntil(utc("2026-04-04T11:00:00Z")));
        assertEquals(Optional.empty(), q.holdUntil(utc("2026-04-04T21:30:00Z")));
    }

    @Test
    void lordHoweWindowEndingInTheRepeatedHalfHourEndsAtItsFirstShowing() {
        // 01:45 is shown at 14:45Z (+11:00) and again at 15:15Z (+10:30)
        QuietHours q = window("22:00", "01:45", LORD_HOWE);

        assertEquals(Optional.of(utc("2026-04-04T14:45:00Z")), q.holdUntil(utc("2026-04-04T11:00:00Z")));
        assertEquals(Optional.empty(), q.holdUntil(utc("2026-04-04T14:45:00Z")));
        assertEquals(Optional.empty(), q.holdUntil(utc("2026-04-04T15:05:00Z")), "01:35 +10:30: over");
    }

    // ---- the invariant, swept over every DST night above ---------------------------------------

    @Test
    void everyHeldUntilIsLaterThanNowStillQuietOneSecondBeforeAndOverAtItself() {
        List<QuietHours> windows = List.of(QuietHours.defaultsIn(NEW_YORK), window("22:00", "02:30", NEW_YORK),
                window("01:00", "03:00", NEW_YORK), window("22:00", "01:30", NEW_YORK), window("02:15", "02:45", NEW_YORK),
                QuietHours.defaultsIn(LORD_HOWE), window("22:00", "02:15", LORD_HOWE),
                window("22:00", "01:45", LORD_HOWE), QuietHours.defaultsIn(KOLKATA));
        List<Instant> nights = List.of(utc("2026-03-07T12:00:00Z"), utc("2026-10-31T12:00:00Z"),
                utc("2026-04-03T12:00:00Z"), utc("2026-10-02T12:00:00Z"));
        int held = 0;
        for (QuietHours q : windows) {
            for (Instant from : nights) {
                for (Instant now = from; now.isBefore(from.plus(Duration.ofHours(48))); now = now.plus(Duration.ofMinutes(5))) {
                    Optional<Instant> until = q.holdUntil(now);
                    if (until.isEmpty()) {
                        continue;
                    }
                    held++;
                    Instant h = until.get();
                    String what = q + " at " + now + " held until " + h;
                    assertTrue(h.isAfter(now), what + ": not after now");
                    assertEquals(Optional.of(h), q.holdUntil(h.minusSeconds(1)), what + ": one second before");
                    assertEquals(Optional.empty(), q.holdUntil(h), what + ": at the end");
                }
            }
        }
        assertTrue(held > 1000, "the sweep held notifications " + held + " times");
    }
}
