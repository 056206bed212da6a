package golf.linkup.engine.booking;

import com.fasterxml.jackson.databind.node.ObjectNode;
import golf.linkup.engine.booking.Hold.Purpose;
import golf.linkup.engine.config.BookingSettings;
import golf.linkup.engine.events.PersonSnapshot;
import golf.linkup.engine.events.TeeTimeSnapshot;
import golf.linkup.engine.json.Json;
import golf.linkup.engine.notifications.Channel;
import golf.linkup.engine.notifications.NotificationIntent;
import golf.linkup.engine.notifications.NotificationType;
import golf.linkup.engine.notifications.Priority;
import golf.linkup.engine.storage.StorageException;
import golf.linkup.engine.storage.TeeTimeDirectory;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seed 004's booking coordination for tee-time slots: 15-second holds, the waitlist with auto-book
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
 */
public final class BookingService {

    private static final Logger LOG = LoggerFactory.getLogger(BookingService.class);

    /** A started tee time is looked at for no-shows for this long after its round ended. */
    public static final Duration NO_SHOW_LOOKBACK = Duration.ofDays(3);
    private static final String UNIQUE_VIOLATION = "23505";
    private static final Set<String> ACTIVE_STATUSES = Set.of("OPEN", "FULL");

    private final DataSource db;
    private final Clock clock;
    private final BookingSettings settings;
    private final BookingEffects effects;
    private final TeeTimeDirectory directory;
    private final MeterRegistry meters;
    private final String instanceId;

    public BookingService(DataSource db, Clock clock, BookingSettings settings, BookingEffects effects,
            TeeTimeDirectory directory, MeterRegistry meters, String instanceId) {
        this.db = db;
        this.clock = clock;
        this.settings = settings;
        this.effects = effects;
        this.directory = directory;
        this.meters = meters;
        this.instanceId = instanceId;
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
        return locked(teeTimeId, new Counts(), (c, b, now, p, n) -> {
            requireOpen(b, now);
            requireNotJoined(b, userId);
            Optional<Hold> mine = b.holdOf(userId);
            if (mine.isPresent()) {
                if (mine.get().purpose() == Purpose.OFFER) {
                    throw offerPending(mine.get());
                }
                return mine.get();
            }
            List<Integer> free = b.free();
            if (free.isEmpty()) {
                throw b.joined.size() >= b.totalSlots
                        ? refuse(BookingError.TEE_TIME_FULL, "every slot of tee time " + teeTimeId
                                + " is taken; join the waitlist to be told when one opens")
                        : refuse(BookingError.SLOT_UNAVAILABLE, "every open slot of tee time " + teeTimeId
                                + " is held by someone else right now; try again shortly or join the waitlist");
            }
            Hold hold = new Hold(UUID.randomUUID().toString(), teeTimeId, free.get(0), userId, Purpose.ATTEMPT,
                    now.plus(settings.holdTtl()));
            insertHold(c, hold, now);
            b.holds.add(hold);
            p.room(teeTimeId, held(b, hold, "attempt"));
            count("held");
            return hold;
        });
    }

    /** Turns the caller's live attempt hold into a joined slot and publishes {@code slot.joined}. */
    public JoinedSlot confirm(String teeTimeId, String holdId, String userId) throws BookingException {
        return locked(teeTimeId, new Counts(), (c, b, now, p, n) -> {
            requireOpen(b, now);
            Hold hold = liveHold(b, holdId, userId);
            if (hold.purpose() == Purpose.OFFER) {
                throw offerPending(hold);
            }
            deleteHold(c, b, hold);
            JoinedSlot joined = join(c, b, hold.slotNumber(), userId, now, p, "hold");
            update(c, "update waitlist_entries set status = 'booked', updated_at = ? where tee_time_id = ?"
                    + " and user_id = ? and status = 'waiting'", ts(now), teeTimeId, userId);
            count("confirmed");
            return joined;
        });
    }

    /** Gives the caller's attempt hold back; the slot goes to the waitlist first. */
    public int release(String teeTimeId, String holdId, String userId) throws BookingException {
        return locked(teeTimeId, new Counts(), (c, b, now, p, n) -> {
            Hold hold = liveHold(b, holdId, userId);
            if (hold.purpose() == Purpose.OFFER) {
                throw offerPending(hold);
            }
            deleteHold(c, b, hold);
            p.room(teeTimeId, released(b, hold.slotNumber(), "released"));
            promote(c, b, now, p, n);
            count("released");
            return hold.slotNumber();
        });
    }

    // --------------------------------------------------------------------------------- waitlist

    /**
     * Puts {@code userId} on the tee time's waitlist, or updates their entry (keeping its place) when
     * they wait already. If a slot is free and they are the best fit, they are booked or offered it at
     * once. {@code priority} null keeps an entry's priority (0 for a new one).
     */
    public WaitlistStanding joinWaitlist(String teeTimeId, String userId, boolean autoBook, TimePreference preference,
            Integer priority) throws BookingException {
        return locked(teeTimeId, new Counts(), (c, b, now, p, n) -> {
            requireOpen(b, now);
            requireNotJoined(b, userId);
            Optional<Entry> existing = entry(c, teeTimeId, userId);
            long entryId;
            if (existing.isPresent() && existing.get().status.equals("offered")) {
                throw refuse(BookingError.OFFER_PENDING, "a slot of tee time " + teeTimeId
                        + " is offered to you already: accept or decline the offer");
            }
            if (existing.isPresent() && existing.get().status.equals("waiting")) {
                entryId = existing.get().id;
                update(c, "update waitlist_entries set auto_book = ?, priority = ?, earliest_start = ?, latest_start = ?,"
                        + " updated_at = ? where id = ?", autoBook, priority != null ? priority : existing.get().priority,
                        ts(preference.earliest().orElse(null)), ts(preference.latest().orElse(null)), ts(now), entryId);
            } else {
                existing.ifPresent(e -> update(c, "delete from waitlist_entries where id = ?", e.id));
                entryId = insertEntry(c, teeTimeId, userId, autoBook, priority != null ? priority : 0, preference, now);
                count("waitlist-joined");
            }
            promote(c, b, now, p, n);
            return standing(c, b, entryId);
        });
    }

    /**
     * Takes {@code userId} off the waitlist. An open offer is declined with it (its slot passes on).
     */
    public void leaveWaitlist(String teeTimeId, String userId) throws BookingException {
        locked(teeTimeId, new Counts(), (c, b, now, p, n) -> {
            Entry e = entry(c, teeTimeId, userId).filter(x -> x.status.equals("waiting") || x.status.equals("offered"))
                    .orElseThrow(() -> refuse(BookingError.NOT_WAITLISTED, userId + " is not on the waitlist of tee time "
                            + teeTimeId));
            if (e.status.equals("offered")) {
                Optional<Hold> offer = b.holdOf(userId).filter(h -> h.purpose() == Purpose.OFFER);
                if (offer.isPresent()) {
                    resolveOffer(c, b, offer.get(), "declined", now);
                    p.room(teeTimeId, released(b, offer.get().slotNumber(), "offer_declined"));
                }
            }
            update(c, "update waitlist_entries set status = 'left', updated_at = ? where id = ?", ts(now), e.id);
            promote(c, b, now, p, n);
            count("waitlist-left");
            return null;
        });
    }

    /** Accepts an open offer: the held slot becomes the caller's and {@code slot.joined} is published. */
    public JoinedSlot acceptOffer(String offerId, String userId) throws BookingException {
        String teeTimeId = offerTeeTime(offerId, userId);
        return locked(teeTimeId, new Counts(), (c, b, now, p, n) -> {
            Hold hold = openOffer(c, b, offerId);
            deleteHold(c, b, hold);
            update(c, "update waitlist_offers set status = 'accepted', resolved_at = ? where id = ?", ts(now), offerId);
            update(c, "update waitlist_entries set status = 'booked', updated_at = ?"
                    + " where id = (select entry_id from waitlist_offers where id = ?)", ts(now), offerId);
            count("offer-accepted");
            return join(c, b, hold.slotNumber(), userId, now, p, "waitlist_offer");
        });
    }

    /** Declines an open offer: the slot passes to the next entry at once. */
    public void declineOffer(String offerId, String userId) throws BookingException {
        String teeTimeId = offerTeeTime(offerId, userId);
        locked(teeTimeId, new Counts(), (c, b, now, p, n) -> {
            Hold hold = openOffer(c, b, offerId);
            resolveOffer(c, b, hold, "declined", now);
            p.room(teeTimeId, released(b, hold.slotNumber(), "offer_declined"));
            promote(c, b, now, p, n);
            count("offer-declined");
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
        try (Connection c = db.getConnection()) {
            String hostId;
            String status;
            Instant startsAt;
            try (PreparedStatement ps = c.prepareStatement("select host_id, status, starts_at from tee_times where id = ?")) {
                ps.setString(1, teeTimeId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw refuse(BookingError.TEE_TIME_NOT_FOUND, "no tee time " + teeTimeId);
                    }
                    hostId = rs.getString(1);
                    status = rs.getString(2);
                    startsAt = instant(rs, 3);
                }
            }
            if (!callerIsAdmin && !callerId.equals(playerId) && !callerId.equals(hostId)) {
                throw refuse(BookingError.CHECK_IN_NOT_ALLOWED, "only the player, the host or an admin may check "
                        + playerId + " in");
            }
            if (!exists(c, "select 1 from tee_time_slots where tee_time_id = ? and user_id = ?", teeTimeId, playerId)) {
                throw refuse(BookingError.NOT_A_PLAYER, playerId + " does not play in tee time " + teeTimeId);
            }
            if ("CANCELLED".equals(status)) {
                throw refuse(BookingError.TEE_TIME_CANCELLED, "tee time " + teeTimeId + " was cancelled");
            }
            Instant opens = startsAt.minus(settings.checkInOpens());
            Instant ends = startsAt.plus(settings.roundLength());
            if (now.isBefore(opens)) {
                throw refuse(BookingError.CHECK_IN_NOT_OPEN, "check-in opens at " + opens);
            }
            Optional<CheckIn> earlier = findCheckIn(c, teeTimeId, playerId);
            if (earlier.isPresent()) {
                return earlier.get();
            }
            if (!now.isBefore(ends)) {
                throw refuse(BookingError.CHECK_IN_CLOSED, "the round ended at " + ends + "; check-in is closed");
            }
            try {
                update(c, "insert into check_ins (tee_time_id, user_id, checked_in_at, checked_in_by) values (?, ?, ?, ?)",
                        teeTimeId, playerId, ts(now), callerId);
                count("checked-in");
                return new CheckIn(teeTimeId, playerId, now, callerId);
            } catch (StorageException e) {
                if (e.getCause() instanceof SQLException s && UNIQUE_VIOLATION.equals(s.getSQLState())) {
                    return findCheckIn(c, teeTimeId, playerId).orElseThrow(() -> e); // checked in at the same moment
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new StorageException("check-in of " + playerId + " for tee time " + teeTimeId + " failed", e);
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
        record Candidate(String teeTimeId, String userId, Instant startsAt) {
        }
        List<Candidate> candidates = new ArrayList<>();
        Set<String> teeTimes = new HashSet<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select s.tee_time_id, s.user_id, t.starts_at
                  from tee_time_slots s join tee_times t on t.id = s.tee_time_id
                 where t.starts_at <= ? and t.starts_at > ? and t.status <> 'CANCELLED'
                   and not exists (select 1 from check_ins ci where ci.tee_time_id = s.tee_time_id and ci.user_id = s.user_id)
                   and not exists (select 1 from no_show_log ns where ns.tee_time_id = s.tee_time_id and ns.user_id = s.user_id)
                 order by t.starts_at, s.tee_time_id, s.slot_number""")) {
            ps.setObject(1, ts(endedBy));
            ps.setObject(2, ts(endedBy.minus(NO_SHOW_LOOKBACK)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    candidates.add(new Candidate(rs.getString(1), rs.getString(2), instant(rs, 3)));
                }
            }
        } catch (SQLException e) {
            throw new StorageException("no-show detection could not read its candidates", e);
        }
        int counted = 0;
        for (Candidate cand : candidates) {
            try (Connection c = db.getConnection()) {
                c.setAutoCommit(false);
                try {
                    update(c, "insert into no_show_log (tee_time_id, user_id, starts_at, round_ended_at, detected_at,"
                            + " detected_by) values (?, ?, ?, ?, ?, ?)", cand.teeTimeId(), cand.userId(),
                            ts(cand.startsAt()), ts(cand.startsAt().plus(settings.roundLength())), ts(now), instanceId);
                    update(c, "update users set no_show_count = no_show_count + 1 where id = ?", cand.userId());
                    c.commit();
                    counted++;
                    teeTimes.add(cand.teeTimeId());
                    LOG.info("no-show: {} in tee time {} (started {})", cand.userId(), cand.teeTimeId(), cand.startsAt());
                } catch (RuntimeException e) {
                    c.rollback();
                    if (!(e.getCause() instanceof SQLException s && UNIQUE_VIOLATION.equals(s.getSQLState()))) {
                        throw e;
                    } // another run counted this one at the same moment
                } finally {
                    c.setAutoCommit(true);
                }
            } catch (SQLException e) {
                throw new StorageException("no-show of " + cand.userId() + " in " + cand.teeTimeId() + " failed", e);
            }
        }
        meters.counter("linkup.booking.no_shows").increment(counted);
        return new SweepReport(teeTimes.size(), 0, 0, 0, 0, counted);
    }

    /** A user's no-shows so far ({@code users.no_show_count}); empty for an unknown user. */
    public Optional<Integer> noShowCount(String userId) {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("select no_show_count from users where id = ?")) {
            ps.setString(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getInt(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StorageException("no-show count of " + userId, e);
        }
    }

    // ------------------------------------------------------------------------------- timed jobs

    /** Releases every expired attempt hold (and gives the slots to the waitlist first). */
    public SweepReport expireHolds() {
        return reconcileEach("select distinct tee_time_id from slot_holds where purpose = 'attempt' and expires_at <= ?",
                1);
    }

    /**
     * Passes every expired offer on (to the next entry, else frees the slot), closes the waitlists of
     * tee times that were cancelled or have started, and promotes waiting entries of tee times with a
     * free slot (a {@code slot.left} this cluster missed is caught here).
     */
    public SweepReport expireOffers() {
        return reconcileEach("""
                select tee_time_id from waitlist_offers where status = 'open' and expires_at <= ?
                union
                select w.tee_time_id from waitlist_entries w join tee_times t on t.id = w.tee_time_id
                 where w.status = 'waiting'
                   and (t.status not in ('OPEN', 'FULL') or t.starts_at <= ?
                        or (select count(*) from tee_time_slots s where s.tee_time_id = t.id)
                         + (select count(*) from slot_holds h where h.tee_time_id = t.id) < t.total_slots)""", 2);
    }

    /**
     * Brings one tee time up to date now: called when a slot opened ({@code slot.left}), the tee
     * time was cancelled or changed. Unknown tee times are ignored.
     */
    public SweepReport reconcile(String teeTimeId) {
        Counts n = new Counts();
        try {
            locked(teeTimeId, n, (c, b, now, p, counts) -> null);
        } catch (BookingException e) {
            return SweepReport.NONE; // not in the database (any more)
        }
        return n.report(1);
    }

    private SweepReport reconcileEach(String candidatesSql, int nowParams) {
        Instant now = clock.instant();
        Set<String> candidates = new LinkedHashSet<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(candidatesSql)) {
            for (int i = 1; i <= nowParams; i++) {
                ps.setObject(i, ts(now));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    candidates.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new StorageException("booking sweep could not read its candidates", e);
        }
        SweepReport total = SweepReport.NONE;
        for (String teeTimeId : candidates) {
            try {
                total = total.plus(reconcile(teeTimeId));
            } catch (RuntimeException e) {
                LOG.error("booking sweep: tee time {} could not be reconciled; next run tries again", teeTimeId, e);
            }
        }
        return total;
    }

    // ---------------------------------------------------------------------- the locked machine

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c, Booking b, Instant now, Pending p, Counts n) throws BookingException, SQLException;
    }

    /**
     * Locks the tee time, reconciles it, runs {@code work}, commits, then applies the effects. A
     * {@link BookingException} from {@code work} (thrown before it wrote anything) still commits
     * what reconciling did, then is rethrown.
     */
    private <T> T locked(String teeTimeId, Counts n, Work<T> work) throws BookingException {
        Pending pending = new Pending();
        T result = null;
        BookingException refusal = null;
        Instant now = clock.instant();
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                Booking b = load(c, teeTimeId);
                if (b == null) {
                    c.rollback();
                    throw refuse(BookingError.TEE_TIME_NOT_FOUND, "no tee time " + teeTimeId);
                }
                reconcile(c, b, now, pending, n);
                try {
                    result = work.run(c, b, now, pending, n);
                } catch (BookingException e) {
                    refusal = e;
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StorageException("booking on tee time " + teeTimeId + " failed", e);
        }
        pending.apply();
        if (refusal != null) {
            throw refusal;
        }
        return result;
    }

    private void reconcile(Connection c, Booking b, Instant now, Pending p, Counts n) throws SQLException {
        if (b.closed(now)) {
            for (Hold h : List.copyOf(b.holds)) {
                if (h.purpose() == Purpose.OFFER) {
                    resolveOffer(c, b, h, "withdrawn", now);
                } else {
                    deleteHold(c, b, h);
                }
            }
            update(c, "update waitlist_entries set status = 'closed', updated_at = ? where tee_time_id = ?"
                    + " and status in ('waiting', 'offered')", ts(now), b.teeTimeId);
            return;
        }
        for (Hold h : List.copyOf(b.holds)) {
            if (h.expiresAt().isAfter(now)) {
                continue;
            }
            if (h.purpose() == Purpose.ATTEMPT) {
                deleteHold(c, b, h);
                b.expiredHoldIds.add(h.holdId());
                p.room(b.teeTimeId, released(b, h.slotNumber(), "expired"));
                n.holdsExpired++;
                count("hold-expired");
            } else {
                resolveOffer(c, b, h, "expired", now);
                p.room(b.teeTimeId, released(b, h.slotNumber(), "offer_expired"));
                Map<String, Object> extras = new HashMap<>();
                extras.put("offerId", h.holdId());
                extras.put("offerMinutes", minutes(settings.offerTtl()));
                p.notify(NotificationType.WAITLIST_OFFER_EXPIRED, "waitlist_offer_expired:" + h.holdId(), h.userId(),
                        b.teeTimeId, Priority.NORMAL, EnumSet.of(Channel.IN_APP), extras);
                n.offersExpired++;
                count("offer-expired");
            }
        }
        promote(c, b, now, p, n);
    }

    /** Free slots go to the best waiting entries that fit: booked at once, or offered and held. */
    private void promote(Connection c, Booking b, Instant now, Pending p, Counts n) throws SQLException {
        List<Integer> free = b.free();
        if (free.isEmpty() || b.closed(now)) {
            return;
        }
        for (Entry e : waiting(c, b.teeTimeId)) {
            if (free.isEmpty()) {
                return;
            }
            if (!e.preference.accepts(b.startsAt)) {
                continue; // keeps its place: the tee time may move back into the window
            }
            if (b.joined.containsValue(e.userId)) {
                update(c, "update waitlist_entries set status = 'booked', updated_at = ? where id = ?", ts(now), e.id);
                continue;
            }
            if (b.holdOf(e.userId).isPresent()) {
                continue; // holding a slot already: they may confirm it
            }
            int slot = free.remove(0);
            if (e.autoBook) {
                update(c, "update waitlist_entries set status = 'booked', updated_at = ? where id = ?", ts(now), e.id);
                join(c, b, slot, e.userId, now, p, "waitlist_auto_book");
                p.notify(NotificationType.WAITLIST_AUTO_BOOKED, "waitlist_auto_booked:" + b.teeTimeId + ":" + e.id,
                        e.userId, b.teeTimeId, Priority.HIGH, EnumSet.of(Channel.PUSH, Channel.IN_APP),
                        Map.of("slotNumber", slot, "entryId", e.id));
                n.autoBooked++;
                count("auto-booked");
            } else {
                Instant expires = now.plus(settings.offerTtl());
                if (expires.isAfter(b.startsAt)) {
                    expires = b.startsAt; // an offer never outlives the tee time's start
                }
                Hold offer = new Hold(UUID.randomUUID().toString(), b.teeTimeId, slot, e.userId, Purpose.OFFER, expires);
                insertHold(c, offer, now);
                b.holds.add(offer);
                update(c, "insert into waitlist_offers (id, entry_id, tee_time_id, user_id, slot_number, status,"
                        + " offered_at, expires_at) values (?, ?, ?, ?, ?, 'open', ?, ?)", offer.holdId(), e.id,
                        b.teeTimeId, e.userId, slot, ts(now), ts(expires));
                update(c, "update waitlist_entries set status = 'offered', updated_at = ? where id = ?", ts(now), e.id);
                p.room(b.teeTimeId, held(b, offer, "waitlist_offer"));
                Map<String, Object> extras = new HashMap<>();
                extras.put("offerId", offer.holdId());
                extras.put("slotNumber", slot);
                extras.put("offerMinutes", Math.max(1, minutes(Duration.between(now, expires))));
                extras.put("expiresAt", expires.toString());
                extras.put("action", "open_waitlist_offer");
                p.notify(NotificationType.WAITLIST_OFFER, "waitlist_offer:" + offer.holdId(), e.userId, b.teeTimeId,
                        Priority.HIGH, EnumSet.of(Channel.PUSH, Channel.IN_APP), extras);
                n.offered++;
                count("offered");
            }
        }
    }

    private JoinedSlot join(Connection c, Booking b, int slot, String userId, Instant now, Pending p, String via) {
        update(c, "insert into tee_time_slots (tee_time_id, slot_number, user_id, joined_at) values (?, ?, ?, ?)",
                b.teeTimeId, slot, userId, ts(now));
        b.joined.put(slot, userId);
        ObjectNode m = message("tee-time:slot-reserved", b, slot);
        ((ObjectNode) m.get("data")).put("userId", userId).put("via", via);
        p.room(b.teeTimeId, m.toString());
        p.slotJoined(b.teeTimeId, slot, userId, now);
        return new JoinedSlot(b.teeTimeId, slot, userId, now, b.totalSlots - b.joined.size());
    }

    /** Marks an open offer resolved, frees its slot and settles its entry. */
    private void resolveOffer(Connection c, Booking b, Hold offer, String offerStatus, Instant now) {
        deleteHold(c, b, offer);
        update(c, "update waitlist_offers set status = ?, resolved_at = ? where id = ? and status = 'open'",
                offerStatus, ts(now), offer.holdId());
        String entryStatus = switch (offerStatus) {
            case "expired" -> "expired";
            case "declined" -> "declined";
            default -> "closed";
        };
        update(c, "update waitlist_entries set status = ?, updated_at = ? where id = (select entry_id from"
                + " waitlist_offers where id = ?) and status = 'offered'", entryStatus, ts(now), offer.holdId());
    }

    // ---------------------------------------------------------------------------------- checks

    private void requireOpen(Booking b, Instant now) throws BookingException {
        if ("CANCELLED".equals(b.status)) {
            throw refuse(BookingError.TEE_TIME_CANCELLED, "tee time " + b.teeTimeId + " was cancelled");
        }
        if (b.closed(now)) {
            throw refuse(BookingError.TEE_TIME_STARTED, "tee time " + b.teeTimeId + " started at " + b.startsAt);
        }
    }

    private void requireNotJoined(Booking b, String userId) throws BookingException {
        if (b.joined.containsValue(userId)) {
            throw refuse(BookingError.ALREADY_JOINED, userId + " plays in tee time " + b.teeTimeId + " already");
        }
    }

    private Hold liveHold(Booking b, String holdId, String userId) throws BookingException {
        Optional<Hold> hold = b.holds.stream().filter(h -> h.holdId().equals(holdId)).findFirst();
        if (hold.isEmpty()) {
            if (b.expiredHoldIds.contains(holdId)) {
                throw refuse(BookingError.HOLD_EXPIRED, "hold " + holdId + " expired; its slot was released");
            }
            throw refuse(BookingError.HOLD_NOT_FOUND, "no live hold " + holdId + " on tee time " + b.teeTimeId
                    + " (it expired and was released, was confirmed or released, or never existed)");
        }
        if (!hold.get().userId().equals(userId)) {
            throw refuse(BookingError.NOT_YOUR_HOLD, "hold " + holdId + " belongs to someone else");
        }
        return hold.get();
    }

    private String offerTeeTime(String offerId, String userId) throws BookingException {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("select tee_time_id, user_id from waitlist_offers where id = ?")) {
            ps.setString(1, offerId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw refuse(BookingError.OFFER_NOT_FOUND, "no waitlist offer " + offerId);
                }
                if (!rs.getString(2).equals(userId)) {
                    throw refuse(BookingError.NOT_YOUR_OFFER, "offer " + offerId + " was made to someone else");
                }
                return rs.getString(1);
            }
        } catch (SQLException e) {
            throw new StorageException("reading offer " + offerId, e);
        }
    }

    /** The offer's hold, once reconciling under the lock has expired it if its time is up. */
    private Hold openOffer(Connection c, Booking b, String offerId) throws BookingException, SQLException {
        String status;
        try (PreparedStatement ps = c.prepareStatement("select status from waitlist_offers where id = ?")) {
            ps.setString(1, offerId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                status = rs.getString(1);
            }
        }
        if (status.equals("expired")) {
            throw refuse(BookingError.OFFER_EXPIRED, "offer " + offerId + " expired; the slot passed to the next player");
        }
        Optional<Hold> hold = b.holds.stream().filter(h -> h.holdId().equals(offerId)).findFirst();
        if (!status.equals("open") || hold.isEmpty()) {
            if ("CANCELLED".equals(b.status) || b.closed(clock.instant())) {
                requireOpen(b, clock.instant());
            }
            throw refuse(BookingError.OFFER_CLOSED, "offer " + offerId + " was " + status + " already");
        }
        return hold.get();
    }

    private BookingException offerPending(Hold offer) {
        return refuse(BookingError.OFFER_PENDING, "slot " + offer.slotNumber() + " of tee time " + offer.teeTimeId()
                + " is offered to you: accept or decline offer " + offer.holdId());
    }

    private BookingException refuse(BookingError error, String message) {
        meters.counter("linkup.booking.refused", "code", error.name()).increment();
        LOG.debug("booking refused {}: {}", error, message);
        return new BookingException(error, message);
    }

    private void count(String what) {
        meters.counter("linkup.booking.actions", "action", what).increment();
    }

    // ------------------------------------------------------------------------------ room messages

    private static ObjectNode message(String type, Booking b, int slot) {
        ObjectNode m = Json.MAPPER.createObjectNode();
        m.put("type", type);
        m.putObject("data").put("teeTimeId", b.teeTimeId).put("slotNumber", slot)
                .put("openSlots", b.totalSlots - b.joined.size()).put("availableSlots", b.free().size());
        return m;
    }

    private static String held(Booking b, Hold hold, String reason) {
        ObjectNode m = message("tee-time:slot-held", b, hold.slotNumber());
        ((ObjectNode) m.get("data")).put("expiresAt", hold.expiresAt().toString()).put("reason", reason);
        return m.toString();
    }

    private static String released(Booking b, int slot, String reason) {
        ObjectNode m = message("tee-time:slot-released", b, slot);
        ((ObjectNode) m.get("data")).put("reason", reason);
        return m.toString();
    }

    private static int minutes(Duration d) {
        return (int) Math.max(0, (d.toSeconds() + 59) / 60);
    }

    // ---------------------------------------------------------------------------------- effects

    /** Effects of one transaction, applied after it committed, each on its own (one failing skips none). */
    private final class Pending {
        private final List<Runnable> actions = new ArrayList<>();

        void room(String teeTimeId, String message) {
            actions.add(() -> effects.toRoom(teeTimeId, message));
        }

        void slotJoined(String teeTimeId, int slot, String userId, Instant at) {
            actions.add(() -> effects.slotJoined(teeTimeId, slot, userId, at));
        }

        void notify(NotificationType type, String key, String userId, String teeTimeId, Priority priority,
                Set<Channel> channels, Map<String, Object> extras) {
            actions.add(() -> effects.notify(new NotificationIntent(key, userId, type, priority, channels,
                    model(teeTimeId, userId, extras), null)));
        }

        void apply() {
            for (Runnable action : actions) {
                try {
                    action.run();
                } catch (RuntimeException e) {
                    meters.counter("linkup.booking.effect_failures").increment();
                    LOG.error("a booking effect failed after its change committed", e);
                }
            }
        }
    }

    /** What the templates need (templates/README.md): the tee time's keys, the recipient, the extras. */
    private Map<String, Object> model(String teeTimeId, String userId, Map<String, Object> extras) {
        Map<String, Object> model = new HashMap<>();
        model.put("teeTimeId", teeTimeId);
        Optional<TeeTimeSnapshot> t = directory.findTeeTime(teeTimeId);
        t.ifPresent(tt -> {
            model.put("courseName", tt.course().name());
            if (tt.course().city() != null) {
                model.put("courseCity", tt.course().city());
            }
            model.put("startsAt", tt.startsAt().toString());
            model.put("courseTimeZone", tt.course().timeZone().getId());
            model.put("openSlots", tt.openSlots());
            model.put("totalSlots", tt.totalSlots());
            model.put("industry", tt.industry());
            PersonSnapshot host = tt.host();
            if (host != null) {
                model.put("hostId", host.id());
                if (host.name() != null) {
                    model.put("hostName", host.name());
                }
                if (host.company() != null) {
                    model.put("hostCompany", host.company());
                }
            }
        });
        directory.findPerson(userId).map(PersonSnapshot::name).ifPresent(name -> model.put("recipientName", name));
        model.putIfAbsent("action", "open_tee_time");
        model.putAll(extras);
        return model;
    }

    // ------------------------------------------------------------------------------------- rows

    /** A tee time's booking state, read under its row lock and kept current by this transaction. */
    private static final class Booking {
        final String teeTimeId;
        final String status;
        final Instant startsAt;
        final int totalSlots;
        final Map<Integer, String> joined = new TreeMap<>();
        final List<Hold> holds = new ArrayList<>();
        final Set<String> expiredHoldIds = new HashSet<>();

        Booking(String teeTimeId, String status, Instant startsAt, int totalSlots) {
            this.teeTimeId = teeTimeId;
            this.status = status;
            this.startsAt = startsAt;
            this.totalSlots = totalSlots;
        }

        /** Cancelled, completed, archived, or started: nothing can be booked any more. */
        boolean closed(Instant now) {
            return !ACTIVE_STATUSES.contains(status) || !startsAt.isAfter(now);
        }

        /** Slots neither joined nor held, lowest first. */
        List<Integer> free() {
            Set<Integer> held = new HashSet<>();
            holds.forEach(h -> held.add(h.slotNumber()));
            List<Integer> free = new ArrayList<>();
            for (int slot = 1; slot <= totalSlots; slot++) {
                if (!joined.containsKey(slot) && !held.contains(slot)) {
                    free.add(slot);
                }
            }
            return free;
        }

        Optional<Hold> holdOf(String userId) {
            return holds.stream().filter(h -> h.userId().equals(userId)).findFirst();
        }
    }

    /** What reconciling did, for the timed jobs' reports. */
    private static final class Counts {
        int holdsExpired;
        int offersExpired;
        int autoBooked;
        int offered;

        SweepReport report(int teeTimes) {
            boolean any = holdsExpired + offersExpired + autoBooked + offered > 0;
            return new SweepReport(any ? teeTimes : 0, holdsExpired, offersExpired, autoBooked, offered, 0);
        }
    }

    private record Entry(long id, String userId, boolean autoBook, int priority, TimePreference preference,
            String status) {
    }

    private static Booking load(Connection c, String teeTimeId) throws SQLException {
        Booking b;
        try (PreparedStatement ps = c.prepareStatement(
                "select status, starts_at, total_slots from tee_times where id = ? for update")) {
            ps.setString(1, teeTimeId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                b = new Booking(teeTimeId, rs.getString(1), instant(rs, 2), rs.getInt(3));
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "select slot_number, user_id from tee_time_slots where tee_time_id = ?")) {
            ps.setString(1, teeTimeId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    b.joined.put(rs.getInt(1), rs.getString(2));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("select id, slot_number, user_id, purpose, expires_at"
                + " from slot_holds where tee_time_id = ? order by slot_number")) {
            ps.setString(1, teeTimeId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    b.holds.add(new Hold(rs.getString(1), teeTimeId, rs.getInt(2), rs.getString(3),
                            Purpose.of(rs.getString(4)), instant(rs, 5)));
                }
            }
        }
        return b;
    }

    private static void insertHold(Connection c, Hold h, Instant now) {
        update(c, "insert into slot_holds (id, tee_time_id, slot_number, user_id, purpose, expires_at, created_at)"
                + " values (?, ?, ?, ?, ?, ?, ?)", h.holdId(), h.teeTimeId(), h.slotNumber(), h.userId(),
                h.purpose().wire(), ts(h.expiresAt()), ts(now));
    }

    private static void deleteHold(Connection c, Booking b, Hold h) {
        update(c, "delete from slot_holds where id = ?", h.holdId());
        b.holds.removeIf(x -> x.holdId().equals(h.holdId()));
    }

    private static long insertEntry(Connection c, String teeTimeId, String userId, boolean autoBook, int priority,
            TimePreference pref, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into waitlist_entries (tee_time_id, user_id, auto_book,"
                + " priority, earliest_start, latest_start, status, joined_at, updated_at)"
                + " values (?, ?, ?, ?, ?, ?, 'waiting', ?, ?)", new String[] {"id"})) {
            bind(ps, teeTimeId, userId, autoBook, priority, ts(pref.earliest().orElse(null)),
                    ts(pref.latest().orElse(null)), ts(now), ts(now));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private static Optional<Entry> entry(Connection c, String teeTimeId, String userId) throws SQLException {
        List<Entry> found = entries(c, "select id, user_id, auto_book, priority, earliest_start, latest_start, status"
                + " from waitlist_entries where tee_time_id = ? and user_id = ?", teeTimeId, userId);
        return found.stream().findFirst();
    }

    /** Waiting entries, best first: highest priority, then earliest joined. */
    private static List<Entry> waiting(Connection c, String teeTimeId) throws SQLException {
        return entries(c, "select id, user_id, auto_book, priority, earliest_start, latest_start, status"
                + " from waitlist_entries where tee_time_id = ? and status = 'waiting' order by priority desc, id",
                teeTimeId);
    }

    private static List<Entry> entries(Connection c, String sql, Object... params) throws SQLException {
        List<Entry> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Entry(rs.getLong(1), rs.getString(2), rs.getBoolean(3), rs.getInt(4),
                            new TimePreference(Optional.ofNullable(instant(rs, 5)), Optional.ofNullable(instant(rs, 6))),
                            rs.getString(7)));
                }
            }
        }
        return out;
    }

    private WaitlistStanding standing(Connection c, Booking b, long entryId) throws SQLException {
        List<Entry> all = entries(c, "select id, user_id, auto_book, priority, earliest_start, latest_start, status"
                + " from waitlist_entries where id = ?", entryId);
        Entry e = all.get(0);
        Optional<Hold> offer = b.holds.stream().filter(h -> h.userId().equals(e.userId) && h.purpose() == Purpose.OFFER)
                .findFirst();
        WaitlistStanding.Status status = switch (e.status) {
            case "offered" -> WaitlistStanding.Status.OFFERED;
            case "booked" -> WaitlistStanding.Status.BOOKED;
            default -> WaitlistStanding.Status.WAITING;
        };
        Optional<Integer> position = Optional.empty();
        if (status == WaitlistStanding.Status.WAITING && e.preference.accepts(b.startsAt)) {
            int i = 1;
            for (Entry w : waiting(c, b.teeTimeId)) {
                if (w.id == e.id) {
                    position = Optional.of(i);
                    break;
                }
                if (w.preference.accepts(b.startsAt)) {
                    i++;
                }
            }
        }
        Optional<Integer> slot = b.joined.entrySet().stream().filter(x -> x.getValue().equals(e.userId))
                .map(Map.Entry::getKey).findFirst();
        return new WaitlistStanding(e.id, b.teeTimeId, e.userId, status, e.autoBook, e.priority, e.preference, position,
                offer, status == WaitlistStanding.Status.BOOKED ? slot : Optional.empty());
    }

    private static Optional<CheckIn> findCheckIn(Connection c, String teeTimeId, String userId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select checked_in_at, checked_in_by from check_ins"
                + " where tee_time_id = ? and user_id = ?")) {
            bind(ps, teeTimeId, userId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new CheckIn(teeTimeId, userId, instant(rs, 1), rs.getString(2)))
                        : Optional.empty();
            }
        }
    }

    private static boolean exists(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** One statement; a database failure is a {@link StorageException} carrying the {@link SQLException}. */
    private static int update(Connection c, String sql, Object... params) {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StorageException("booking statement failed: " + sql, e);
        }
    }

    private static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            if (params[i] == null) {
                ps.setNull(i + 1, java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
                ps.setObject(i + 1, params[i]);
            }
        }
    }

    private static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
