package golf.linkup.engine.booking;

import golf.linkup.engine.config.BookingSettings;
import golf.linkup.engine.storage.Sql;
import golf.linkup.engine.storage.StorageException;
import golf.linkup.engine.storage.TeeTimeDirectory;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Booking coordination for tee-time slots: 15-second holds, the waitlist with auto-book
 * or 30-minute offers, check-ins and no-shows.
 *
 * <h2>Why it is correct with any number of instances</h2>
 * Every operation that changes a tee time's slots, holds, offers or waitlist runs in one
 * transaction that starts by locking the tee time's row ({@code SELECT ... FOR UPDATE}). The
 * database thus serializes them per tee time, across instances; within the lock each statement
 * reads what the previous lock holder committed (read committed on H2 and PostgreSQL). The unique
 * constraints of {@code slot_holds} (one hold per slot, one per user) and {@code tee_time_slots}
 * are the backstop. A conditional insert without the lock is not enough on PostgreSQL: an
 * {@code INSERT ... WHERE NOT EXISTS (joined slot)} that waits on the unique index for a confirm
 * to delete its hold then inserts with its old snapshot, holding a slot that was just joined.
 *
 * <h2>One state machine</h2>
 * Every locked operation first <em>reconciles</em> the tee time at {@code now} (from the injected
 * clock): a cancelled or started tee time loses its holds and closes its waitlist; expired attempt
 * holds are released; expired offers are passed on; then free slots go to the best waiting entries
 * (highest priority, start within their window, earliest joined): auto-book entries are joined at
 * once, the others get an offer that holds the slot. So a slot that opens goes to the waitlist
 * before anyone else can attempt it, whichever way it opened ({@code slot.left}, a release, an
 * expiry, a declined or expired offer), and the timed jobs ({@link #expireHolds()},
 * {@link #expireOffers()}) only choose which tee times to reconcile.
 *
 * <h2>Effects</h2>
 * Room messages, {@code slot.joined} events and notifications are collected during the
 * transaction and handed to {@link BookingEffects} after it committed.
 *
 * <h2>Parts</h2>
 * This class runs the transactions and applies the effects; the rules are
 * {@link BookingStateMachine} (no database), the SQL is {@link BookingStore}, the room messages
 * {@link BookingMessages}, the notifications' template model {@link BookingNotifications}.
 */
public final class BookingService {

    private static final Logger LOG = LoggerFactory.getLogger(BookingService.class);

    /** A started tee time is looked at for no-shows for this long after its round ended. */
    public static final Duration NO_SHOW_LOOKBACK = Duration.ofDays(3);

    private final Clock clock;
    private final BookingSettings settings;
    private final BookingEffects effects;
    private final String instanceId;
    private final BookingStore store;
    private final BookingMetrics metrics;
    private final BookingStateMachine machine;
    private final BookingNotifications notifications;

    public BookingService(DataSource db, Clock clock, BookingSettings settings, BookingEffects effects,
            TeeTimeDirectory directory, MeterRegistry meters, String instanceId) {
        this.clock = clock;
        this.settings = settings;
        this.effects = effects;
        this.instanceId = instanceId;
        this.store = new BookingStore(db);
        this.metrics = new BookingMetrics(meters);
        this.machine = new BookingStateMachine(settings, metrics);
        this.notifications = new BookingNotifications(directory);
    }

    public BookingSettings settings() {
        return settings;
    }

    // ------------------------------------------------------------------------------------ holds

    /**
     * Holds the lowest free slot for {@code userId} for {@code linkup.booking.hold-ttl}. A user who
     * holds a slot of this tee time already gets that hold back (a retried request holds nothing twice).
     */
    public Hold attempt(String teeTimeId, String userId) throws BookingException {
        return locked(teeTimeId, (c, b, t) -> machine.attempt(b, userId, t));
    }

    /** Turns the caller's live attempt hold into a joined slot and publishes {@code slot.joined}. */
    public JoinedSlot confirm(String teeTimeId, String holdId, String userId) throws BookingException {
        return locked(teeTimeId, (c, b, t) -> machine.confirm(b, holdId, userId, t));
    }

    /** Gives the caller's attempt hold back; the slot goes to the waitlist first. */
    public int release(String teeTimeId, String holdId, String userId) throws BookingException {
        return locked(teeTimeId, (c, b, t) -> machine.release(b, holdId, userId, t));
    }

    // --------------------------------------------------------------------------------- waitlist

    /**
     * Puts {@code userId} on the tee time's waitlist, or updates their entry (keeping its place) when
     * they wait already. If a slot is free and they are the best fit, they are booked or offered it at
     * once. {@code priority} null keeps an entry's priority (0 for a new one).
     */
    public WaitlistStanding joinWaitlist(String teeTimeId, String userId, boolean autoBook, TimePreference preference,
            Integer priority) throws BookingException {
        return locked(teeTimeId, (c, b, t) -> machine.joinWaitlist(b, userId, autoBook, preference, priority, t));
    }

    /**
     * Takes {@code userId} off the waitlist. An open offer is declined with it (its slot passes on).
     */
    public void leaveWaitlist(String teeTimeId, String userId) throws BookingException {
        locked(teeTimeId, (c, b, t) -> {
            machine.leaveWaitlist(b, userId, t);
            return null;
        });
    }

    /** Accepts an open offer: the held slot becomes the caller's and {@code slot.joined} is published. */
    public JoinedSlot acceptOffer(String offerId, String userId) throws BookingException {
        String teeTimeId = offerTeeTime(offerId, userId);
        return locked(teeTimeId, (c, b, t) -> machine.acceptOffer(b, offerId, store.offerStatus(c, offerId), userId, t));
    }

    /** Declines an open offer: the slot passes to the next entry at once. */
    public void declineOffer(String offerId, String userId) throws BookingException {
        String teeTimeId = offerTeeTime(offerId, userId);
        locked(teeTimeId, (c, b, t) -> {
            machine.declineOffer(b, offerId, store.offerStatus(c, offerId), t);
            return null;
        });
    }

    // ----------------------------------------------------------------------- check-in, no-shows

    /**
     * Checks {@code playerId} in. Allowed for the player themself, the host (for any player of their
     * tee time) and admins, from {@code linkup.booking.check-in-opens} before the start until the
     * round's end ({@code starts_at + linkup.booking.round-length}). Checking in twice returns the
     * first check-in.
     */
    public CheckIn checkIn(String teeTimeId, String playerId, String callerId, boolean callerIsAdmin)
            throws BookingException {
        Instant now = clock.instant();
        BookingStateMachine.CheckInFacts facts = store.checkInFacts(teeTimeId, playerId)
                .orElseThrow(() -> metrics.refusal(BookingError.TEE_TIME_NOT_FOUND, "no tee time " + teeTimeId));
        Optional<CheckIn> earlier = machine.checkIn(teeTimeId, playerId, callerId, callerIsAdmin, facts, now);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        CheckIn in = new CheckIn(teeTimeId, playerId, now, callerId);
        try {
            store.insertCheckIn(in);
            metrics.action("checked-in");
            return in;
        } catch (StorageException e) {
            if (Sql.isUniqueViolation(e)) {
                return store.findCheckIn(teeTimeId, playerId).orElseThrow(() -> e); // checked in at the same moment
            }
            throw e;
        }
    }

    /**
     * Players of tee times whose round has ended ({@code starts_at + round-length <= now}, within
     * {@link #NO_SHOW_LOOKBACK}) without a check-in become no-shows: an audit row in
     * {@code no_show_log} and {@code users.no_show_count + 1}, in one transaction per player. The
     * audit row's unique key makes a second run, or another instance's run at the same moment,
     * count nobody twice. Cancelled tee times have no no-shows.
     */
    public SweepReport detectNoShows() {
        Instant now = clock.instant();
        Instant endedBy = now.minus(settings.roundLength());
        int counted = 0;
        Set<String> teeTimes = new HashSet<>();
        for (BookingStore.NoShowCandidate cand : store.noShowCandidates(endedBy, endedBy.minus(NO_SHOW_LOOKBACK))) {
            try {
                store.recordNoShow(cand, machine.roundEnd(cand.startsAt()), now, instanceId);
            } catch (StorageException e) {
                if (Sql.isUniqueViolation(e)) {
                    continue; // another run counted this one at the same moment
                }
                throw e;
            }
            counted++;
            teeTimes.add(cand.teeTimeId());
            LOG.info("no-show: {} in tee time {} (started {})", cand.userId(), cand.teeTimeId(), cand.startsAt());
        }
        metrics.noShows(counted);
        return new SweepReport(teeTimes.size(), 0, 0, 0, 0, counted);
    }

    /** A user's no-shows so far ({@code users.no_show_count}); empty for an unknown user. */
    public Optional<Integer> noShowCount(String userId) {
        return store.noShowCount(userId);
    }

    // ------------------------------------------------------------------------------- timed jobs

    /** Releases every expired attempt hold (and gives the slots to the waitlist first). */
    public SweepReport expireHolds() {
        return reconcileEach(store.teeTimesWithExpiredHolds(clock.instant()));
    }

    /**
     * Passes every expired offer on (to the next entry, else frees the slot), closes the waitlists of
     * tee times that were cancelled or have started, and promotes waiting entries of tee times with a
     * free slot (a {@code slot.left} this cluster missed is caught here).
     */
    public SweepReport expireOffers() {
        return reconcileEach(store.teeTimesWithWaitlistWork(clock.instant()));
    }

    /**
     * Brings one tee time up to date now: called when a slot opened ({@code slot.left}), the tee
     * time was cancelled or changed. Unknown tee times are ignored.
     */
    public SweepReport reconcile(String teeTimeId) {
        try {
            return locked(teeTimeId, (c, b, t) -> t.report(1));
        } catch (BookingException e) {
            return SweepReport.NONE; // not in the database (any more)
        }
    }

    private SweepReport reconcileEach(List<String> candidates) {
        SweepReport total = SweepReport.NONE;
        for (String teeTimeId : new LinkedHashSet<>(candidates)) {
            try {
                total = total.plus(reconcile(teeTimeId));
            } catch (RuntimeException e) {
                LOG.error("booking sweep: tee time {} could not be reconciled; next run tries again", teeTimeId, e);
            }
        }
        return total;
    }

    // ---------------------------------------------------------------------- the locked machine

    /** One operation of the state machine on a locked tee time. */
    @FunctionalInterface
    private interface Step<T> {
        T run(Connection c, TeeTimeBooking b, Transition t) throws BookingException;
    }

    /**
     * Locks the tee time, reconciles it, runs {@code step}, commits, then applies the effects. A
     * {@link BookingException} from {@code step} (thrown before it wrote anything) still commits
     * what reconciling did, then is rethrown.
     */
    private <T> T locked(String teeTimeId, Step<T> step) throws BookingException {
        Instant now = clock.instant();
        record Done<T>(T result, BookingException refusal, List<BookingEffect> effects) {
        }
        Done<T> done = Sql.inTransaction(store.dataSource(), "book on tee time " + teeTimeId, c -> {
            TeeTimeBooking b = store.lock(c, teeTimeId).orElseThrow(
                    () -> metrics.refusal(BookingError.TEE_TIME_NOT_FOUND, "no tee time " + teeTimeId));
            Transition t = new Transition(store.writes(c), now);
            machine.reconcile(b, t);
            try {
                return new Done<>(step.run(c, b, t), null, t.effects());
            } catch (BookingException refused) {
                return new Done<T>(null, refused, t.effects());
            }
        });
        apply(done.effects());
        if (done.refusal() != null) {
            throw done.refusal();
        }
        return done.result();
    }

    /** Effects of one transaction, after it committed, each on its own (one failing skips none). */
    private void apply(List<BookingEffect> committed) {
        for (BookingEffect effect : committed) {
            try {
                if (effect instanceof BookingEffect.RoomMessage m) {
                    effects.toRoom(m.teeTimeId(), m.message());
                } else if (effect instanceof BookingEffect.SlotJoined j) {
                    effects.slotJoined(j.teeTimeId(), j.slotNumber(), j.userId(), j.at());
                } else if (effect instanceof BookingEffect.Notify n) {
                    effects.notify(notifications.intent(n));
                }
            } catch (RuntimeException e) {
                metrics.effectFailed();
                LOG.error("a booking effect failed after its change committed", e);
            }
        }
    }

    private String offerTeeTime(String offerId, String userId) throws BookingException {
        BookingStore.OfferOwner owner = store.offerOwner(offerId).orElseThrow(
                () -> metrics.refusal(BookingError.OFFER_NOT_FOUND, "no waitlist offer " + offerId));
        if (!owner.userId().equals(userId)) {
            throw metrics.refusal(BookingError.NOT_YOUR_OFFER, "offer " + offerId + " was made to someone else");
        }
        return owner.teeTimeId();
    }
}
