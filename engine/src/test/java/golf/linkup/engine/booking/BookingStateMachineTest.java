package golf.linkup.engine.booking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import golf.linkup.engine.booking.Hold.Purpose;
import golf.linkup.engine.config.BookingSettings;
import golf.linkup.engine.json.Json;
import golf.linkup.engine.notifications.NotificationType;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The booking rules on an in-memory tee time, without a database: what each operation changes in
 * the state, which writes it asks for, and what it tells the room and the players.
 */
class BookingStateMachineTest {

    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    static final Instant SATURDAY = Instant.parse("2026-06-06T14:00:00Z");

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final BookingStateMachine machine = new BookingStateMachine(BookingSettings.defaults(), new BookingMetrics(meters));
    final RecordedWrites writes = new RecordedWrites();

    /** A four-slot tee time with the host in slot 1 and {@code players} in the next slots. */
    static TeeTimeBooking teeTime(String status, Instant startsAt, String... players) {
        TeeTimeBooking b = new TeeTimeBooking("tt", status, startsAt, 4);
        b.joined.put(1, "host");
        for (int i = 0; i < players.length; i++) {
            b.joined.put(i + 2, players[i]);
        }
        return b;
    }

    /** Slot 4 free, bob (entry 10) and cara (entry 11) waiting; reconciling at NOW offers bob slot 4. */
    TeeTimeBooking bobOfferedTheLastSlotCaraWaiting() {
        TeeTimeBooking b = teeTime("OPEN", SATURDAY, "p2", "p3");
        waits(b, 10, "bob");
        waits(b, 11, "cara");
        machine.reconcile(b, at(NOW));
        writes.lines.clear();
        return b;
    }

    /** Puts {@code userId} on the waitlist: any start, no auto-book, priority 0. */
    static void waits(TeeTimeBooking b, long entryId, String userId) {
        b.putEntry(new WaitlistEntry(entryId, userId, false, 0, TimePreference.ANY, "waiting"));
    }

    Transition at(Instant now) {
        return new Transition(writes, now);
    }

    static BookingError refusal(ThrowingCall call) {
        return assertThrows(BookingException.class, call::run).error();
    }

    interface ThrowingCall {
        void run() throws Exception;
    }

    static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static List<String> roomTypes(Transition t) {
        return t.effects().stream().filter(e -> e instanceof BookingEffect.RoomMessage)
                .map(e -> json(((BookingEffect.RoomMessage) e).message()))
                .map(m -> m.path("type").asText() + " " + m.path("data").path("slotNumber").asInt()
                        + (m.path("data").has("reason") ? " " + m.path("data").path("reason").asText() : ""))
                .toList();
    }

    static List<BookingEffect.Notify> notifications(Transition t) {
        return t.effects().stream().filter(e -> e instanceof BookingEffect.Notify).map(e -> (BookingEffect.Notify) e)
                .toList();
    }

    double actions(String action) {
        return meters.counter("linkup.booking.actions", "action", action).count();
    }

    // ------------------------------------------------------------------------------------ holds

    @Test
    void anAttemptHoldsTheLowestFreeSlotUntilTheHoldTimeRunsOut() throws Exception {
        TeeTimeBooking b = teeTime("OPEN", SATURDAY);
        Transition t = at(NOW);

        Hold hold = machine.attempt(b, "ana", t);

        assertEquals(2, hold.slotNumber());
        assertEquals(NOW.plusSeconds(15), hold.expiresAt());
        assertEquals(List.of(hold), b.holds);
        assertEquals(List.of("insert hold 2 ana attempt"), writes.lines);
        assertEquals(List.of("tee-time:slot-held 2 attempt"), roomTypes(t));
        JsonNode held = json(((BookingEffect.RoomMessage) t.effects().get(0)).message());
        assertEquals(3, held.path("data").path("openSlots").asInt(), "held is not joined");
        assertEquals(2, held.path("data").path("availableSlots").asInt());
        assertEquals(1.0, actions("held"));
    }

    @Test
    void aSecondAttemptOfTheSameUserGetsTheSameHoldAndWritesNothing() throws Exception {
        TeeTimeBooking b = teeTime("OPEN", SATURDAY);
        Hold first = machine.attempt(b, "ana", at(NOW));
        writes.lines.clear();

        assertEquals(first, machine.attempt(b, "ana", at(NOW.plusSeconds(1))));
        assertEquals(List.of(), writes.lines);
    }

    @Test
    void aFullTeeTimeAndOneWhoseFreeSlotsAreHeldAreRefusedDifferently() throws Exception {
        TeeTimeBooking full = teeTime("FULL", SATURDAY, "p2", "p3", "p4");
        assertEquals(BookingError.TEE_TIME_FULL, refusal(() -> machine.attempt(full, "ana", at(NOW))));

        TeeTimeBooking held = teeTime("OPEN", SATURDAY);
        machine.attempt(held, "bob", at(NOW));
        machine.attempt(held, "cara", at(NOW));
        machine.attempt(held, "dan", at(NOW));
        assertEquals(BookingError.SLOT_UNAVAILABLE, refusal(() -> machine.attempt(held, "ana", at(NOW))));
        assertEquals(1.0, meters.counter("linkup.booking.refused", "code", "SLOT_UNAVAILABLE").count());
    }

    @Test
    void cancelledStartedAndAlreadyJoinedAreRefusedBeforeAnythingIsHeld() {
        assertEquals(BookingError.TEE_TIME_CANCELLED,
                refusal(() -> machine.attempt(teeTime("CANCELLED", SATURDAY), "ana", at(NOW))));
        assertEquals(BookingError.TEE_TIME_STARTED,
                refusal(() -> machine.attempt(teeTime("OPEN", NOW), "ana", at(NOW))));
        assertEquals(BookingError.ALREADY_JOINED,
                refusal(() -> machine.attempt(teeTime("OPEN", SATURDAY), "host", at(NOW))));
        assertEquals(List.of(), writes.lines);
    }

    @Test
    void aConfirmedHoldBecomesTheUsersSlotAndBooksTheirWaitingEntry() throws Exception {
        TeeTimeBooking b = teeTime("OPEN", SATURDAY);
        waits(b, 7, "ana");
        Hold hold = machine.attempt(b, "ana", at(NOW));
        writes.lines.clear();
        Transition t = at(NOW.plusSeconds(14));

        JoinedSlot joined = machine.confirm(b, hold.holdId(), "ana", t);

        assertEquals(new JoinedSlot("tt", 2, "ana", NOW.plusSeconds(14), 2), joined);
        assertEquals(List.of("delete hold 2 ana", "insert slot 2 ana", "book waiting entry of ana"), writes.lines);
        assertEquals("booked", b.entry(7).status());
        assertEquals(List.of(new BookingEffect.SlotJoined("tt", 2, "ana", NOW.plusSeconds(14))),
                t.effects().stream().filter(e -> e instanceof BookingEffect.SlotJoined).toList());
        assertEquals(List.of("tee-time:slot-reserved 2"), roomTypes(t));
    }

    @Test
    void someoneElsesHoldAndAnUnknownHoldAreRefused() throws Exception {
        TeeTimeBooking b = teeTime("OPEN", SATURDAY);
        Hold hold = machine.attempt(b, "ana", at(NOW));

        assertEquals(BookingError.NOT_YOUR_HOLD, refusal(() -> machine.confirm(b, hold.holdId(), "bob", at(NOW))));
        assertEquals(BookingError.HOLD_NOT_FOUND, refusal(() -> machine.confirm(b, "no-such-hold", "ana", at(NOW))));
    }

    @Test
    void anExpiredHoldIsReleasedByReconcilingAndItsConfirmIsToldItExpired() throws Exception {
        TeeTimeBooking b = teeTime("OPEN", SATURDAY);
        Hold hold = machine.attempt(b, "ana", at(NOW));
        Transition later = at(NOW.plusSeconds(15));

        machine.reconcile(b, later);

        assertEquals(List.of(), b.holds);
        assertEquals(1, later.report(1).holdsExpired());
        assertEquals(List.of("tee-time:slot-released 2 expired"), roomTypes(later));
        assertEquals(BookingError.HOLD_EXPIRED, refusal(() -> machine.confirm(b, hold.holdId(), "ana", later)));
    }

    // --------------------------------------------------------------------------------- waitlist

    @Test
    void aReleasedSlotGoesToTheBestWaitingEntryFirstAsAnOfferThatHoldsIt() throws Exception {
        TeeTimeBooking b = teeTime("OPEN", SATURDAY, "p2", "p3");
        Hold mine = machine.attempt(b, "ana", at(NOW));
        waits(b, 10, "bob");
        b.putEntry(new WaitlistEntry(11, "cara", false, 5, TimePreference.ANY, "waiting"));
        writes.lines.clear();
        Transition t = at(NOW.plusSeconds(5));

        assertEquals(4, machine.release(b, mine.holdId(), "ana", t));

        Hold offer = b.holdOf("cara").orElseThrow();
        assertEquals(Purpose.OFFER, offer.purpose(), "cara's priority 5 beats bob's earlier entry");
        assertEquals(NOW.plusSeconds(5).plus(Duration.ofMinutes(30)), offer.expiresAt());
        assertEquals("offered", b.entry(11).status());
        assertEquals("waiting", b.entry(10).status());
        assertEquals(List.of("delete hold 4 ana", "insert hold 4 cara offer", "insert offer 4 cara for entry 11",
                "entry 11 offered"), writes.lines);
        assertEquals(List.of("tee-time:slot-released 4 released", "tee-time:slot-held 4 waitlist_offer"), roomTypes(t));
        BookingEffect.Notify told = notifications(t).get(0);
        assertEquals(NotificationType.WAITLIST_OFFER, told.type());
        assertEquals("cara", told.userId());
        assertEquals(30, told.extras().get("offerMinutes"));
        assertEquals("waitlist_offer:" + offer.holdId(), told.key());
    }

    @Test
    void anAutoBookEntryIsJoinedAtOnceWhenItJoinsAndASlotIsFree() throws Exception {
        TeeTimeBooking b = teeTime("OPEN", SATURDAY);
        writes.nextEntryId = 42;
        Transition t = at(NOW);

        WaitlistStanding standing = machine.joinWaitlist(b, "ana", true, TimePreference.ANY, null, t);

        assertEquals(WaitlistStanding.Status.BOOKED, standing.status());
        assertEquals(Optional.of(2), standing.slotNumber());
        assertEquals("ana", b.joined.get(2));
        assertEquals(List.of("insert entry ana auto=true priority=0", "entry 42 booked", "insert slot 2 ana"),
                writes.lines);
        assertEquals(NotificationType.WAITLIST_AUTO_BOOKED, notifications(t).get(0).type());
        assertEquals(1, t.report(1).autoBooked());
    }

    @Test
    void aWaitingEntryOutsideItsStartWindowKeepsItsPlaceAndIsPassedOver() throws Exception {
        TeeTimeBooking b = teeTime("OPEN", SATURDAY, "p2", "p3");
        TimePreference morningOnly = new TimePreference(Optional.empty(), Optional.of(SATURDAY.minusSeconds(3600)));
        b.putEntry(new WaitlistEntry(10, "bob", false, 0, morningOnly, "waiting"));
        waits(b, 11, "cara");

        machine.reconcile(b, at(NOW));

        assertEquals("waiting", b.entry(10).status());
        assertEquals("offered", b.entry(11).status());
    }

    @Test
    void rejoiningWhileWaitingUpdatesTheEntryAndKeepsItsPlace() throws Exception {
        TeeTimeBooking b = teeTime("FULL", SATURDAY, "p2", "p3", "p4");
        waits(b, 10, "bob");
        waits(b, 11, "cara");

        WaitlistStanding standing = machine.joinWaitlist(b, "cara", true, TimePreference.ANY, null, at(NOW));

        assertEquals(List.of("update entry 11 auto=true priority=0"), writes.lines);
        assertEquals(Optional.of(2), standing.position());
        assertTrue(standing.autoBook());
    }

    @Test
    void anOfferedUserCannotJoinAgainAndLeavingDeclinesTheOfferToTheNextEntry() throws Exception {
        TeeTimeBooking b = bobOfferedTheLastSlotCaraWaiting();
        assertEquals("offered", b.entry(10).status());
        assertEquals(BookingError.OFFER_PENDING,
                refusal(() -> machine.joinWaitlist(b, "bob", false, TimePreference.ANY, null, at(NOW))));
        writes.lines.clear();

        machine.leaveWaitlist(b, "bob", at(NOW));

        assertEquals("left", b.entry(10).status());
        assertEquals("offered", b.entry(11).status());
        assertEquals("cara", b.holdOf("cara").orElseThrow().userId());
        assertEquals("delete hold 4 bob", writes.lines.get(0));
        assertTrue(writes.lines.get(1).startsWith("resolve offer declined"), writes.lines.get(1));
        assertEquals("entry 10 left", writes.lines.get(2));
        assertEquals(BookingError.NOT_WAITLISTED, refusal(() -> machine.leaveWaitlist(b, "bob", at(NOW))));
    }

    @Test
    void anExpiredOfferPassesOnAndItsHolderIsToldInApp() throws Exception {
        TeeTimeBooking b = bobOfferedTheLastSlotCaraWaiting();
        String bobsOffer = b.holdOf("bob").orElseThrow().holdId();
        Transition later = at(NOW.plus(Duration.ofMinutes(30)));

        machine.reconcile(b, later);

        assertEquals("expired", b.entry(10).status());
        assertEquals("offered", b.entry(11).status());
        assertEquals(List.of(NotificationType.WAITLIST_OFFER_EXPIRED, NotificationType.WAITLIST_OFFER),
                notifications(later).stream().map(BookingEffect.Notify::type).toList());
        assertEquals(1, later.report(1).offersExpired());
        assertEquals(1, later.report(1).offered());
        assertEquals(BookingError.OFFER_EXPIRED,
                refusal(() -> machine.acceptOffer(b, bobsOffer, "expired", "bob", later)));
    }

    @Test
    void anAcceptedOfferIsTheUsersSlot() throws Exception {
        TeeTimeBooking b = teeTime("OPEN", SATURDAY, "p2", "p3");
        waits(b, 10, "bob");
        machine.reconcile(b, at(NOW));
        String offerId = b.holdOf("bob").orElseThrow().holdId();
        writes.lines.clear();

        JoinedSlot joined = machine.acceptOffer(b, offerId, "open", "bob", at(NOW.plusSeconds(60)));

        assertEquals(4, joined.slotNumber());
        assertEquals(0, joined.openSlots());
        assertEquals("booked", b.entry(10).status());
        assertEquals(List.of("delete hold 4 bob", "accept offer " + offerId, "insert slot 4 bob"), writes.lines);
        assertEquals(BookingError.OFFER_CLOSED,
                refusal(() -> machine.declineOffer(b, offerId, "accepted", at(NOW.plusSeconds(61)))));
    }

    @Test
    void anOfferNeverOutlivesTheTeeTimesStart() throws Exception {
        Instant soon = NOW.plus(Duration.ofMinutes(10));
        TeeTimeBooking b = teeTime("OPEN", soon, "p2", "p3");
        waits(b, 10, "bob");
        Transition t = at(NOW);

        machine.reconcile(b, t);

        assertEquals(soon, b.holdOf("bob").orElseThrow().expiresAt());
        assertEquals(10, notifications(t).get(0).extras().get("offerMinutes"));
    }

    @Test
    void aCancelledTeeTimeLosesItsHoldsWithdrawsItsOffersAndClosesItsWaitlist() throws Exception {
        TeeTimeBooking open = teeTime("OPEN", SATURDAY, "p2");
        waits(open, 10, "bob");
        waits(open, 11, "cara");
        machine.reconcile(open, at(NOW));
        TeeTimeBooking cancelled = new TeeTimeBooking("tt", "CANCELLED", SATURDAY, 4);
        cancelled.joined.putAll(open.joined);
        cancelled.holds.addAll(open.holds);
        cancelled.putEntry(open.entry(10));
        cancelled.putEntry(open.entry(11));
        waits(cancelled, 12, "dan");
        writes.lines.clear();

        machine.reconcile(cancelled, at(NOW));

        assertEquals(List.of(), cancelled.holds);
        assertEquals(List.of("closed", "closed", "closed"),
                List.of(cancelled.entry(10).status(), cancelled.entry(11).status(), cancelled.entry(12).status()));
        assertTrue(writes.lines.stream().anyMatch(l -> l.startsWith("resolve offer withdrawn")), writes.lines.toString());
        assertEquals("close waitlist", writes.lines.get(writes.lines.size() - 1));
    }

    // --------------------------------------------------------------------------------- check-in

    @Test
    void checkInIsForThePlayerTheHostOrAnAdminFromAnHourBeforeTheStartUntilTheRoundEnds() throws Exception {
        BookingStateMachine.CheckInFacts facts =
                new BookingStateMachine.CheckInFacts("host", "FULL", SATURDAY, true, Optional.empty());
        Instant opens = SATURDAY.minus(Duration.ofHours(1));
        Instant ends = SATURDAY.plus(Duration.ofMinutes(270));

        assertEquals(Optional.empty(), machine.checkIn("tt", "p2", "p2", false, facts, opens));
        assertEquals(Optional.empty(), machine.checkIn("tt", "p2", "host", false, facts, opens));
        assertEquals(Optional.empty(), machine.checkIn("tt", "p2", "someone", true, facts, ends.minusSeconds(1)));
        assertEquals(BookingError.CHECK_IN_NOT_ALLOWED,
                refusal(() -> machine.checkIn("tt", "p2", "p3", false, facts, opens)));
        assertEquals(BookingError.CHECK_IN_NOT_OPEN,
                refusal(() -> machine.checkIn("tt", "p2", "p2", false, facts, opens.minusSeconds(1))));
        assertEquals(BookingError.CHECK_IN_CLOSED, refusal(() -> machine.checkIn("tt", "p2", "p2", false, facts, ends)));
        assertEquals(BookingError.NOT_A_PLAYER, refusal(() -> machine.checkIn("tt", "p2", "p2", false,
                new BookingStateMachine.CheckInFacts("host", "FULL", SATURDAY, false, Optional.empty()), opens)));
        assertEquals(BookingError.TEE_TIME_CANCELLED, refusal(() -> machine.checkIn("tt", "p2", "p2", false,
                new BookingStateMachine.CheckInFacts("host", "CANCELLED", SATURDAY, true, Optional.empty()), opens)));
    }

    @Test
    void aSecondCheckInReturnsTheFirstEvenAfterTheRoundEnded() throws Exception {
        CheckIn first = new CheckIn("tt", "p2", SATURDAY, "host");
        BookingStateMachine.CheckInFacts facts =
                new BookingStateMachine.CheckInFacts("host", "FULL", SATURDAY, true, Optional.of(first));

        assertEquals(Optional.of(first), machine.checkIn("tt", "p2", "p2", false, facts, SATURDAY.plus(Duration.ofDays(1))));
    }

    /** The writes as short lines, and entry ids counting up from {@link #nextEntryId}. */
    static final class RecordedWrites implements BookingWrites {
        final List<String> lines = new ArrayList<>();
        long nextEntryId = 100;

        @Override
        public void insertHold(Hold hold, Instant now) {
            lines.add("insert hold " + hold.slotNumber() + " " + hold.userId() + " " + hold.purpose().wire());
        }

        @Override
        public void deleteHold(Hold hold) {
            lines.add("delete hold " + hold.slotNumber() + " " + hold.userId());
        }

        @Override
        public void insertSlot(String teeTimeId, int slotNumber, String userId, Instant now) {
            lines.add("insert slot " + slotNumber + " " + userId);
        }

        @Override
        public long insertEntry(String teeTimeId, String userId, boolean autoBook, int priority,
                TimePreference preference, Instant now) {
            lines.add("insert entry " + userId + " auto=" + autoBook + " priority=" + priority);
            return nextEntryId++;
        }

        @Override
        public void updateEntryTerms(long entryId, boolean autoBook, int priority, TimePreference preference,
                Instant now) {
            lines.add("update entry " + entryId + " auto=" + autoBook + " priority=" + priority);
        }

        @Override
        public void deleteEntry(long entryId) {
            lines.add("delete entry " + entryId);
        }

        @Override
        public void setEntryStatus(long entryId, String status, Instant now) {
            lines.add("entry " + entryId + " " + status);
        }

        @Override
        public void bookWaitingEntryOf(String teeTimeId, String userId, Instant now) {
            lines.add("book waiting entry of " + userId);
        }

        @Override
        public void closeWaitlist(String teeTimeId, Instant now) {
            lines.add("close waitlist");
        }

        @Override
        public void insertOffer(Hold offer, long entryId, Instant now) {
            lines.add("insert offer " + offer.slotNumber() + " " + offer.userId() + " for entry " + entryId);
        }

        @Override
        public void acceptOffer(String offerId, Instant now) {
            lines.add("accept offer " + offerId);
        }

        @Override
        public void resolveOffer(String offerId, String offerStatus, String entryStatus, Instant now) {
            lines.add("resolve offer " + offerStatus + " " + offerId + " entry " + entryStatus);
        }
    }
}
