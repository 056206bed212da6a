package golf.linkup.engine.booking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import golf.linkup.engine.config.BookingSettings;
import golf.linkup.engine.json.Json;
import golf.linkup.engine.notifications.NotificationIntent;
import golf.linkup.engine.notifications.NotificationType;
import golf.linkup.engine.storage.JdbcTeeTimeDirectory;
import golf.linkup.testing.AdjustableClock;
import golf.linkup.testing.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link BookingService} promises on every database the engine runs on (H2 and PostgreSQL):
 * holds under contention, the waitlist's promotions, offers and their expiry, check-ins and
 * no-shows. Time is an {@link AdjustableClock}; each test gets a fresh, migrated database.
 */
abstract class BookingServiceContract {

    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    static final Instant SATURDAY = Instant.parse("2026-06-06T14:00:00Z");

    TestDatabase db;
    AdjustableClock clock;
    RecordingEffects effects;
    BookingService booking;

    abstract TestDatabase openDatabase();

    @BeforeEach
    void open() {
        db = openDatabase();
        clock = new AdjustableClock(NOW);
        effects = new RecordingEffects();
        booking = service("instance-a");
        db.insertCourse("bethpage", "Bethpage Black Course", 40.7448, -73.4540, "America/New_York");
        for (String user : List.of("host", "p2", "p3", "ana", "bob", "cara", "dan")) {
            db.insertUser(user, user.toUpperCase(), "Acme", "FINANCE");
        }
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    BookingService service(String instanceId) {
        return new BookingService(db.dataSource(), clock, BookingSettings.defaults(), effects,
                new JdbcTeeTimeDirectory(db.dataSource()), new SimpleMeterRegistry(), instanceId);
    }

    static BookingError refusal(ThrowingCall call) {
        return assertThrows(BookingException.class, call::run).error();
    }

    interface ThrowingCall {
        void run() throws Exception;
    }

    // ------------------------------------------------------------------------------------ holds

    @Test
    void anAttemptHoldsTheLowestFreeSlotForFifteenSecondsAndTheRoomHearsIt() throws Exception {
        db.insertTeeTime("tt", "host", "bethpage", SATURDAY, "FINANCE", false, 4, "p2");

        Hold hold = booking.attempt("tt", "ana");

        assertEquals(3, hold.slotNumber());
        assertEquals(NOW.plusSeconds(15), hold.expiresAt());
        JsonNode held = effects.lastRoomMessage("tee-time:slot-held");
        assertEquals(3, held.path("data").path("slotNumber").asInt());
        assertEquals(2, held.path("data").path("openSlots").asInt(), "not joined yet");
        assertEquals(1, held.path("data").path("availableSlots").asInt(), "slot 4 is still free");
        assertEquals(hold, booking.attempt("tt", "ana"), "a user holds one slot: the retry gets the same hold");
    }

    @Test
    void aConfirmedHoldIsAJoinedSlotAndASlotJoinedEvent() throws Exception {
        db.insertTeeTime("tt", "host", "bethpage", SATURDAY, "FINANCE", false, 4, "p2");
        Hold hold = booking.attempt("tt", "ana");
        clock.advance(Duration.ofSeconds(14));

        JoinedSlot joined = booking.confirm("tt", hold.holdId(), "ana");

        assertEquals(3, joined.slotNumber());
        assertEquals(1, joined.openSlots());
        assertEquals(1, db.queryLong("select count(*) from tee_time_slots where tee_time_id = 'tt' and user_id = 'ana'"));
        assertEquals(0, db.queryLong("select count(*) from slot_holds"));
        assertEquals(List.of("slot.joined tt 3 ana"), effects.events);
        assertEquals("ana", effects.lastRoomMessage("tee-time:slot-reserved").path("data").path("userId").asText());
        assertEquals(BookingError.HOLD_NOT_FOUND, refusal(() -> booking.confirm("tt", hold.holdId(), "ana")));
        assertEquals(BookingError.ALREADY_JOINED, refusal(() -> booking.attempt("tt", "ana")));
    }

    @Test
    void fiftyConcurrentAttemptsOnTheLastOpenSlotGiveExactlyOneHold() throws Exception {
        db.insertTeeTime("tt", "host", "bethpage", SATURDAY, "FINANCE", false, 4, "p2", "p3");
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            users.add("racer-" + i);
            db.insertUser("racer-" + i, "Racer " + i, null, "FINANCE");
        }
        BookingService other = service("instance-b"); // a second instance on the same database
        List<Object> outcomes = race(users, user -> (users.indexOf(user) % 2 == 0 ? booking : other).attempt("tt", user));

        long holds = outcomes.stream().filter(o -> o instanceof Hold).count();
        assertEquals(1, holds, () -> "outcomes: " + outcomes);
        assertEquals(49, outcomes.stream().filter(o -> o == BookingError.SLOT_UNAVAILABLE).count(), outcomes::toString);
        assertEquals(1, db.queryLong("select count(*) from slot_holds where tee_time_id = 'tt'"));
        Hold winner = (Hold) outcomes.stream().filter(o -> o instanceof Hold).findFirst().orElseThrow();
        assertEquals(4, winner.slotNumber());
    }

    @Test
    void confirmsAndAttemptsRacingNeverHoldAJoinedSlot() throws Exception {
        db.insertTeeTime("tt", "host", "bethpage", SATURDAY, "FINANCE", false, 4);
        Hold a = booking.attempt("tt", "ana");
        Hold b = booking.attempt("tt", "bob");
        Hold c = booking.attempt("tt", "cara");
        List<String> racers = List.of("ana", "bob", "cara", "dan", "p2", "p3");
        List<Object> outcomes = race(racers, user -> switch (user) {
            case "ana" -> booking.confirm("tt", a.holdId(), "ana");
            case "bob" -> booking.release("tt", b.holdId(), "bob");
            case "cara" -> booking.confirm("tt", c.holdId(), "cara");
            default -> booking.attempt("tt", user);
        });

        assertEquals(0, db.queryLong("select count(*) from slot_holds h join tee_time_slots s"
                + " on s.tee_time_id = h.tee_time_id and s.slot_number = h.slot_number"), outcomes::toString);
        long won = outcomes.stream().filter(o -> o instanceof Hold).count();
        assertTrue(won <= 1, () -> "bob's released slot went to one racer at most: " + outcomes);
        assertEquals(3, db.queryLong("select count(*) from tee_time_slots"), "host, ana and cara");
        assertEquals(won, db.queryLong("select count(*) from slot_holds"));
    }

    @Test
    void anExpiredHoldCannotBeConfirmedAndTheSweepReleasesItOnce() throws Exception {
        db.insertTeeTime("tt", "host", "bethpage", SATURDAY, "FINANCE", false, 2);
        Hold hold = booking.attempt("tt", "ana");
        assertEquals(BookingError.SLOT_UNAVAILABLE, refusal(() -> booking.attempt("tt", "bob")));
        clock.advance(Duration.ofSeconds(15));

        SweepReport first = booking.expireHolds();
        SweepReport second = service("instance-b").expireHolds();

        assertEquals(1, first.holdsExpired());
        assertEquals(0, second.holdsExpired(), "nothing left to expire");
        assertEquals("expired", effects.lastRoomMessage("tee-time:slot-released").path("data").path("reason").asText());
        assertEquals(BookingError.HOLD_NOT_FOUND, refusal(() -> booking.confirm("tt", hold.holdId(), "ana")));
        assertEquals(2, booking.attempt("tt", "bob").slotNumber(), "the slot is free again");
    }

    @Test
    void aConfirmAfterTheHoldRanOutIsHoldExpired() throws Exception {
        db.insertTeeTime("tt", "host", "bethpage", SATURDAY, "FINANCE", false, 2);
        Hold hold = booking.attempt("tt", "ana");
        clock.advance(Duration.ofSeconds(16));

        assertEquals(BookingError.HOLD_EXPIRED, refusal(() -> booking.confirm("tt", hold.holdId(), "ana")));
        assertEquals(0, db.queryLong("select count(*) from tee_time_slots where user_id = 'ana'"));
    }

    @Test
    void holdsAreRefusedWithTypedReasons() throws Exception {
        db.insertTeeTime("full", "host", "bethpage", SATURDAY, "FINANCE", false, 2, "p2");
        db.insertTeeTime("tt", "host", "bethpage", SATURDAY, "FINANCE", false, 3);
        db.insertTeeTime("gone", "host", "bethpage", SATURDAY, "FINANCE", false, 3);
        db.update("update tee_times set status = 'CANCELLED' where id = 'gone'");
        db.insertTeeTime("past", "host", "bethpage", NOW.minusSeconds(60), "FINANCE", false, 3);
        Hold anas = booking.attempt("tt", "ana");

        assertEquals(BookingError.TEE_TIME_FULL, refusal(() -> booking.attempt("full", "ana")));
        assertEquals(BookingError.TEE_TIME_CANCELLED, refusal(() -> booking.attempt("gone", "ana")));
        assertEquals(BookingError.TEE_TIME_STARTED, refusal(() -> booking.attempt("past", "ana")));
        assertEquals(BookingError.TEE_TIME_NOT_FOUND, refusal(() -> booking.attempt("nope", "ana")));
        assertEquals(BookingError.ALREADY_JOINED, refusal(() -> booking.attempt("tt", "host")));
        assertEquals(BookingError.NOT_YOUR_HOLD, refusal(() -> booking.confirm("tt", anas.holdId(), "bob")));
        assertEquals(BookingError.NOT_YOUR_HOLD, refusal(() -> booking.release("tt", anas.holdId(), "bob")));
        assertEquals(BookingError.HOLD_NOT_FOUND, refusal(() -> booking.release("tt", "no-such-hold", "ana")));
    }

    // --------------------------------------------------------------------------------- waitlist

    @Test
    void aSlotLeftGoesToTheAutoBookingEntryAtOnce() throws Exception {
        db.insertTeeTime("tt", "host", "bethpage", SATURDAY, "FINANCE", false, 3, "p2", "p3");
        WaitlistStanding standing = booking.joinWaitlist("tt", "ana", true, TimePreference.ANY, null);
        assertEquals(WaitlistStanding.Status.WAITING, standing.status());
        assertEquals(Optional.of(1), standing.position());

        db.update("delete from tee_time_slots where tee_time_id = 'tt' and user_id = 'p3'"); // the API server's slot.left
        SweepReport report = booking.reconcile("tt");

        assertEquals(1, report.autoBooked());
        assertEquals(1, db.queryLong("select count(*) from tee_time_slots where tee_time_id = 'tt' and user_id = 'ana'"));
        assertEquals(List.of("slot.joined tt 3 ana"), effects.events);
        NotificationIntent told = effects.only(NotificationType.WAITLIST_AUTO_BOOKED);
        assertEquals("ana", told.userId());
        assertEquals("Bethpage Black Course", told.model().get("courseName"));
        assertEquals(0, booking.reconcile("tt").autoBooked(), "reconciling again books nobody twice");
    }

    @Test
    void anOfferHoldsTheSlotForThatPlayerUntilAccepted() throws Exception {
        db.insertTeeTime("tt", "host", "bethpage", SATURDAY, "FINANCE", false, 3, "p2", "p3");
        booking.joinWaitlist("tt", "ana", false, TimePreference.ANY, null);
        db.update("delete from tee_time_slots where tee_time_id = 'tt' and user_id = 'p3'");
        booking.reconcile("tt");

        NotificationIntent offer = effects.only(NotificationType.WAITLIST_OFFER);
        String offerId = (String) offer.model().get("offerId");
        assertEquals(30, offer.model().get("offerMinutes"));
        assertEquals("waitlist_offer:" + offerId, offer.notificationKey());
        assertEquals("waitlist_offer", effects.lastRoomMessage("tee-time:slot-held").path("data").path("reason").asText());
        assertEquals(BookingError.SLOT_UNAVAILABLE, refusal(() -> booking.attempt("tt", "bob")), "held for ana");
        assertEquals(BookingError.NOT_YOUR_OFFER, refusal(() -> booking.acceptOffer(offerId, "bob")));
        clock.advance(Duration.ofMinutes(29));

        JoinedSlot joined = booking.acceptOffer(offerId, "ana");

        assertEquals(3, joined.slotNumber());
        assertEquals(List.of("slot.joined tt 3 ana"), effects.events);
        assertEquals(BookingError.OFFER_CLOSED, refusal(() -> booking.acceptOffer(offerId, "ana")));
        assertEquals(BookingError.TEE_TIME_FULL, refusal(() -> booking.attempt("tt", "bob")));
    }

    @Test
    void anExpiredOfferPassesToTheNextEntryAndTheFirstIsTold() throws Exception {
        db.insertTeeTime("tt", "host", "bethpage", SATURDAY, "FINANCE", false, 3, "p2", "p3");
        booking.joinWaitlist("tt", "ana", false, TimePreference.ANY, null);
        booking.joinWaitlist("tt", "bob", false, TimePreference.ANY, null);
        db.update("delete from tee_time_slots where tee_time_id = 'tt' and user_id = 'p3'");
        booking.reconcile("tt");
        String anasOffer = (String) effects.only(NotificationType.WAITLIST_OFFER).model().get("offerId");
        clock.advance(Duration.ofMinutes(30));

        SweepReport report = booking.expireOffers();
        SweepReport again = service("instance-b").expireOffers();

        assertEquals(1, report.offersExpired());
        assertEquals(1, report.offered());
        assertEquals(SweepReport.NONE, again);
        assertEquals("ana", effects.only(NotificationType.WAITLIST_OFFER_EXPIRED).userId());
        List<NotificationIntent> offers = effects.of(NotificationType.WAITLIST_OFFER);
        assertEquals(List.of("ana", "bob"), offers.stream().map(NotificationIntent::userId).toList());
        assertEquals(BookingError.OFFER_EXPIRED, refusal(() -> booking.acceptOffer(anasOffer, "ana")));
        String bobsOffer = (String) offers.get(1).model().get("offerId");
        assertEquals(3, booking.acceptOffer(bobsOffer, "bob").slotNumber());
    }

    @Test
    void aDeclinedOfferPassesOnAndTheLastDeclineFreesTheSlot() throws Exception {
        db.insertTeeTime("tt", "host", "bethpage", SATURDAY, "FINANCE", false, 2);
        WaitlistStanding anas = booking.joinWaitlist("tt", "ana", false, TimePreference.ANY, null);
        WaitlistStanding bobs = booking.joinWaitlist("tt", "bob", false, TimePreference.ANY, null);
        assertEquals(WaitlistStanding.Status.OFFERED, anas.status(), "a free slot is offered to the first joiner at once");
        assertEquals(2, anas.offer().orElseThrow().slotNumber());
        assertEquals(WaitlistStanding.Status.WAITING, bobs.status());
        String anasOffer = (String) effects.only(NotificationType.WAITLIST_OFFER).model().get("offerId");

        booking.declineOffer(anasOffer, "ana");
        String bobsOffer = (String) effects.of(NotificationType.WAITLIST_OFFER).get(1).model().get("offerId");
        booking.leaveWaitlist("tt", "bob");

        assertEquals("offer_declined", effects.lastRoomMessage("tee-time:slot-released").path("data").path("reason").asText());
        assertEquals(0, db.queryLong("select count(*) from slot_holds"));
        assertEquals(BookingError.OFFER_CLOSED, refusal(() -> booking.acceptOffer(bobsOffer, "bob")));
        assertEquals(2, booking.attempt("tt", "cara").slotNumber(), "nobody waits: the slot is free for anyone");
        assertEquals(BookingError.NOT_WAITLISTED, refusal(() -> booking.leaveWaitlist("tt", "bob")));
    }

    @Test
    void theBestEntryIsChosenByPriorityThenFitThenOrderOfJoining() throws Exception {
        db.insertTeeTime("tt", "host", "bethpage", SATURDAY, "FINANCE", false, 2, "p2");
        TimePreference mornings = new TimePreference(Optional.of(SATURDAY.minusSeconds(6 * 3600)),
                Optional.of(SATURDAY.minusSeconds(3600)));
        booking.joinWaitlist("tt", "ana", true, TimePreference.ANY, null);
        booking.joinWaitlist("tt", "bob", true, mornings, 5); // high priority, but the tee time is outside his window
        booking.joinWaitlist("tt", "cara", true, TimePreference.ANY, 1);
        WaitlistStanding dans = booking.joinWaitlist("tt", "dan", true,
                new TimePreference(Optional.of(SATURDAY), Optional.empty()), null);
        assertEquals(Optional.of(3), dans.position(), "behind cara (priority) and ana (earlier); bob does not fit");

        db.update("delete from tee_time_slots where tee_time_id = 'tt' and user_id = 'p2'");
        booking.reconcile("tt");

        assertEquals(List.of("cara"), effects.of(NotificationType.WAITLIST_AUTO_BOOKED).stream()
                .map(NotificationIntent::userId).toList());
        assertThrows(IllegalArgumentException.class, () -> new TimePreference(Optional.of(SATURDAY),
                Optional.of(SATURDAY.minusSeconds(1))));
    }

    @Test
    void aCancelledTeeTimeLosesItsHoldsAndClosesItsWaitlist() throws Exception {
        db.insertTeeTime("tt", "host", "bethpage", SATURDAY, "FINANCE", false, 2);
        booking.attempt("tt", "ana");
        booking.joinWaitlist("tt", "bob", false, TimePreference.ANY, null);
        db.update("update tee_times set status = 'CANCELLED' where id = 'tt'");

        booking.reconcile("tt");

        assertEquals(0, db.queryLong("select count(*) from slot_holds"));
        assertEquals(1, db.queryLong("select count(*) from waitlist_entries where status = 'closed'"));
        assertEquals(BookingError.TEE_TIME_CANCELLED, refusal(() -> booking.joinWaitlist("tt", "cara", true,
                TimePreference.ANY, null)));
    }

    // ----------------------------------------------------------------------- check-in, no-shows

    @Test
    void checkInOpensAnHourBeforeTheStartForThePlayerOrTheHost() throws Exception {
        Instant start = NOW.plus(Duration.ofHours(2));
        db.insertTeeTime("tt", "host", "bethpage", start, "FINANCE", false, 4, "p2", "p3");

        assertEquals(BookingError.CHECK_IN_NOT_OPEN, refusal(() -> booking.checkIn("tt", "p2", "p2", false)));
        clock.advance(Duration.ofHours(1));
        CheckIn own = booking.checkIn("tt", "p2", "p2", false);
        CheckIn byHost = booking.checkIn("tt", "p3", "host", false);

        assertEquals("p2", own.checkedInBy());
        assertEquals("host", byHost.checkedInBy());
        assertEquals(own, booking.checkIn("tt", "p2", "p2", false), "twice is once");
        assertEquals(BookingError.CHECK_IN_NOT_ALLOWED, refusal(() -> booking.checkIn("tt", "host", "p2", false)));
        assertEquals(BookingError.NOT_A_PLAYER, refusal(() -> booking.checkIn("tt", "ana", "ana", false)));
        clock.set(start.plus(Duration.ofMinutes(270)));
        assertEquals(BookingError.CHECK_IN_CLOSED, refusal(() -> booking.checkIn("tt", "host", "host", false)));
    }

    @Test
    void playersWithoutACheckInAfterTheRoundAreNoShowsCountedOnce() throws Exception {
        Instant start = NOW.plus(Duration.ofMinutes(30));
        db.insertTeeTime("tt", "host", "bethpage", start, "FINANCE", false, 4, "p2", "p3");
        db.insertTeeTime("off", "host", "bethpage", start, "FINANCE", false, 4, "ana");
        db.update("update tee_times set status = 'CANCELLED' where id = 'off'");
        booking.checkIn("tt", "host", "host", false);
        booking.checkIn("tt", "p2", "host", false);
        clock.set(start.plus(Duration.ofMinutes(269)));
        assertEquals(0, booking.detectNoShows().noShows(), "the round is not over yet");
        clock.set(start.plus(Duration.ofMinutes(270)));

        List<Object> runs = race(List.of("a", "b", "c"), who -> service("instance-" + who).detectNoShows());
        SweepReport later = booking.detectNoShows();

        assertEquals(1, runs.stream().mapToInt(r -> ((SweepReport) r).noShows()).sum(), runs::toString);
        assertEquals(0, later.noShows());
        assertEquals(Optional.of(1), booking.noShowCount("p3"));
        assertEquals(Optional.of(0), booking.noShowCount("p2"));
        assertEquals(Optional.of(0), booking.noShowCount("ana"), "a cancelled tee time has no no-shows");
        assertEquals(1, db.queryLong("select count(*) from no_show_log where tee_time_id = 'tt' and user_id = 'p3'"
                + " and detected_by like 'instance-%'"));
    }

    // -------------------------------------------------------------------------------- helpers

    interface Racer {
        Object run(String who) throws Exception;
    }

    /** Starts one thread per name at the same moment; returns each result or refusal code, in input order. */
    static List<Object> race(List<String> names, Racer racer) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(names.size());
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Object>> futures = new ArrayList<>();
            for (String name : names) {
                Callable<Object> task = () -> {
                    go.await();
                    try {
                        return racer.run(name);
                    } catch (BookingException e) {
                        return e.error();
                    }
                };
                futures.add(pool.submit(task));
            }
            go.countDown();
            List<Object> out = new ArrayList<>();
            for (Future<Object> f : futures) {
                out.add(f.get(30, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Records every effect, as the gateway, Redis and the outbox would receive it. */
    static final class RecordingEffects implements BookingEffects {
        final List<String> room = Collections.synchronizedList(new ArrayList<>());
        final List<String> events = Collections.synchronizedList(new ArrayList<>());
        final List<NotificationIntent> notifications = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void toRoom(String teeTimeId, String message) {
            room.add(message);
        }

        @Override
        public void slotJoined(String teeTimeId, int slotNumber, String userId, Instant at) {
            events.add("slot.joined " + teeTimeId + " " + slotNumber + " " + userId);
        }

        @Override
        public void notify(NotificationIntent intent) {
            notifications.add(intent);
        }

        JsonNode lastRoomMessage(String type) throws IOException {
            for (int i = room.size() - 1; i >= 0; i--) {
                JsonNode m = Json.MAPPER.readTree(room.get(i));
                if (m.path("type").asText().equals(type)) {
                    return m;
                }
            }
            throw new AssertionError("no " + type + " in " + room);
        }

        List<NotificationIntent> of(NotificationType type) {
            return notifications.stream().filter(n -> n.type() == type).toList();
        }

        NotificationIntent only(NotificationType type) {
            List<NotificationIntent> found = of(type);
            assertEquals(1, found.size(), () -> type + ": " + found);
            assertFalse(found.get(0).notificationKey().isBlank());
            assertTrue(found.get(0).notificationKey().startsWith(type.key() + ":"));
            return found.get(0);
        }
    }
}
