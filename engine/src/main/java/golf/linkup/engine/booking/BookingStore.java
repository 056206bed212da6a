package golf.linkup.engine.booking;

import golf.linkup.engine.booking.Hold.Purpose;
import golf.linkup.engine.storage.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The booking tables in SQL (H2 and PostgreSQL): {@code tee_times} (read and locked),
 * {@code tee_time_slots}, {@code slot_holds}, {@code waitlist_entries}, {@code waitlist_offers},
 * {@code check_ins}, {@code no_show_log} and {@code users.no_show_count}.
 *
 * <p>{@link #lock} starts every change of a tee time: it locks the tee time's row
 * ({@code SELECT ... FOR UPDATE}) in the caller's transaction and reads its booking state; the
 * {@link #writes} of that transaction then change it. The database thus serializes the changes of
 * one tee time across instances; the unique constraints of {@code slot_holds} (one hold per slot,
 * one per user) and {@code tee_time_slots} are the backstop.
 */
final class BookingStore {

    private static final String ENTRY_COLUMNS =
            "id, user_id, auto_book, priority, earliest_start, latest_start, status";

    private final DataSource db;

    BookingStore(DataSource db) {
        this.db = db;
    }

    DataSource dataSource() {
        return db;
    }

    // ------------------------------------------------------------------------- one tee time, locked

    /** Locks the tee time's row and reads its booking state; empty for an unknown tee time. */
    Optional<TeeTimeBooking> lock(Connection c, String teeTimeId) {
        String what = "read the booking state of tee time " + teeTimeId;
        Optional<TeeTimeBooking> found = Sql.first(c, what,
                "select status, starts_at, total_slots from tee_times where id = ? for update",
                rs -> new TeeTimeBooking(teeTimeId, rs.getString(1), Sql.instant(rs, 2), rs.getInt(3)), teeTimeId);
        found.ifPresent(b -> {
            Sql.list(c, what, "select slot_number, user_id from tee_time_slots where tee_time_id = ?",
                    rs -> Map.entry(rs.getInt(1), rs.getString(2)), teeTimeId)
                    .forEach(slot -> b.joined.put(slot.getKey(), slot.getValue()));
            b.holds.addAll(Sql.list(c, what, "select id, slot_number, user_id, purpose, expires_at"
                    + " from slot_holds where tee_time_id = ? order by slot_number",
                    rs -> new Hold(rs.getString(1), teeTimeId, rs.getInt(2), rs.getString(3),
                            Purpose.of(rs.getString(4)), Sql.instant(rs, 5)), teeTimeId));
            Sql.list(c, what, "select " + ENTRY_COLUMNS + " from waitlist_entries where tee_time_id = ?",
                    BookingStore::entry, teeTimeId).forEach(b::putEntry);
        });
        return found;
    }

    /** The offer's status as this transaction sees it. */
    String offerStatus(Connection c, String offerId) {
        return Sql.first(c, "read offer " + offerId, "select status from waitlist_offers where id = ?",
                rs -> rs.getString(1), offerId).orElseThrow();
    }

    /** The writes of one transaction on the connection. */
    BookingWrites writes(Connection c) {
        return new JdbcWrites(c);
    }

    private static WaitlistEntry entry(ResultSet rs) throws SQLException {
        return new WaitlistEntry(rs.getLong(1), rs.getString(2), rs.getBoolean(3), rs.getInt(4),
                new TimePreference(Optional.ofNullable(Sql.instant(rs, 5)), Optional.ofNullable(Sql.instant(rs, 6))),
                rs.getString(7));
    }

    private record JdbcWrites(Connection c) implements BookingWrites {

        private static final String WHAT = "change a tee time's booking";

        @Override
        public void insertHold(Hold h, Instant now) {
            Sql.update(c, WHAT, "insert into slot_holds (id, tee_time_id, slot_number, user_id, purpose, expires_at,"
                    + " created_at) values (?, ?, ?, ?, ?, ?, ?)", h.holdId(), h.teeTimeId(), h.slotNumber(),
                    h.userId(), h.purpose().wire(), h.expiresAt(), now);
        }

        @Override
        public void deleteHold(Hold h) {
            Sql.update(c, WHAT, "delete from slot_holds where id = ?", h.holdId());
        }

        @Override
        public void insertSlot(String teeTimeId, int slotNumber, String userId, Instant now) {
            Sql.update(c, WHAT, "insert into tee_time_slots (tee_time_id, slot_number, user_id, joined_at)"
                    + " values (?, ?, ?, ?)", teeTimeId, slotNumber, userId, now);
        }

        @Override
        public long insertEntry(String teeTimeId, String userId, boolean autoBook, int priority,
                TimePreference pref, Instant now) {
            return Sql.insertReturningKey(c, WHAT, "insert into waitlist_entries (tee_time_id, user_id, auto_book,"
                    + " priority, earliest_start, latest_start, status, joined_at, updated_at)"
                    + " values (?, ?, ?, ?, ?, ?, 'waiting', ?, ?)", "id", teeTimeId, userId, autoBook, priority,
                    pref.earliest().orElse(null), pref.latest().orElse(null), now, now);
        }

        @Override
        public void updateEntryTerms(long entryId, boolean autoBook, int priority, TimePreference pref,
                Instant now) {
            Sql.update(c, WHAT, "update waitlist_entries set auto_book = ?, priority = ?, earliest_start = ?,"
                    + " latest_start = ?, updated_at = ? where id = ?", autoBook, priority,
                    pref.earliest().orElse(null), pref.latest().orElse(null), now, entryId);
        }

        @Override
        public void deleteEntry(long entryId) {
            Sql.update(c, WHAT, "delete from waitlist_entries where id = ?", entryId);
        }

        @Override
        public void setEntryStatus(long entryId, String status, Instant now) {
            Sql.update(c, WHAT, "update waitlist_entries set status = ?, updated_at = ? where id = ?", status, now,
                    entryId);
        }

        @Override
        public void bookWaitingEntryOf(String teeTimeId, String userId, Instant now) {
            Sql.update(c, WHAT, "update waitlist_entries set status = 'booked', updated_at = ? where tee_time_id = ?"
                    + " and user_id = ? and status = 'waiting'", now, teeTimeId, userId);
        }

        @Override
        public void closeWaitlist(String teeTimeId, Instant now) {
            Sql.update(c, WHAT, "update waitlist_entries set status = 'closed', updated_at = ? where tee_time_id = ?"
                    + " and status in ('waiting', 'offered')", now, teeTimeId);
        }

        @Override
        public void insertOffer(Hold offer, long entryId, Instant now) {
            Sql.update(c, WHAT, "insert into waitlist_offers (id, entry_id, tee_time_id, user_id, slot_number, status,"
                    + " offered_at, expires_at) values (?, ?, ?, ?, ?, 'open', ?, ?)", offer.holdId(), entryId,
                    offer.teeTimeId(), offer.userId(), offer.slotNumber(), now, offer.expiresAt());
        }

        @Override
        public void acceptOffer(String offerId, Instant now) {
            Sql.update(c, WHAT, "update waitlist_offers set status = 'accepted', resolved_at = ? where id = ?", now,
                    offerId);
            Sql.update(c, WHAT, "update waitlist_entries set status = 'booked', updated_at = ?"
                    + " where id = (select entry_id from waitlist_offers where id = ?)", now, offerId);
        }

        @Override
        public void resolveOffer(String offerId, String offerStatus, String entryStatus, Instant now) {
            Sql.update(c, WHAT, "update waitlist_offers set status = ?, resolved_at = ? where id = ? and status = 'open'",
                    offerStatus, now, offerId);
            Sql.update(c, WHAT, "update waitlist_entries set status = ?, updated_at = ? where id = (select entry_id from"
                    + " waitlist_offers where id = ?) and status = 'offered'", entryStatus, now, offerId);
        }
    }

    // ------------------------------------------------------------------------------ no lock held

    /** Who an offer was made to, and on which tee time. */
    record OfferOwner(String teeTimeId, String userId) {
    }

    Optional<OfferOwner> offerOwner(String offerId) {
        return Sql.first(db, "read offer " + offerId, "select tee_time_id, user_id from waitlist_offers where id = ?",
                rs -> new OfferOwner(rs.getString(1), rs.getString(2)), offerId);
    }

    /** The facts a check-in is decided on; empty for an unknown tee time. */
    Optional<BookingStateMachine.CheckInFacts> checkInFacts(String teeTimeId, String playerId) {
        String what = "read the check-in of " + playerId + " for tee time " + teeTimeId;
        record Row(String hostId, String status, Instant startsAt) {
        }
        Optional<Row> row = Sql.first(db, what, "select host_id, status, starts_at from tee_times where id = ?",
                rs -> new Row(rs.getString(1), rs.getString(2), Sql.instant(rs, 3)), teeTimeId);
        if (row.isEmpty()) {
            return Optional.empty();
        }
        boolean joined = Sql.first(db, what, "select 1 from tee_time_slots where tee_time_id = ? and user_id = ?",
                rs -> Boolean.TRUE, teeTimeId, playerId).isPresent();
        return Optional.of(new BookingStateMachine.CheckInFacts(row.get().hostId(), row.get().status(),
                row.get().startsAt(), joined, findCheckIn(teeTimeId, playerId)));
    }

    Optional<CheckIn> findCheckIn(String teeTimeId, String userId) {
        return Sql.first(db, "read the check-in of " + userId + " for tee time " + teeTimeId,
                "select checked_in_at, checked_in_by from check_ins where tee_time_id = ? and user_id = ?",
                rs -> new CheckIn(teeTimeId, userId, Sql.instant(rs, 1), rs.getString(2)), teeTimeId, userId);
    }

    /** Records a check-in; a second one for the player is refused by the table's key (a unique violation). */
    void insertCheckIn(CheckIn in) {
        Sql.update(db, "record the check-in of " + in.userId() + " for tee time " + in.teeTimeId(),
                "insert into check_ins (tee_time_id, user_id, checked_in_at, checked_in_by) values (?, ?, ?, ?)",
                in.teeTimeId(), in.userId(), in.checkedInAt(), in.checkedInBy());
    }

    /** A player of a tee time that started in the no-show window, without a check-in or a no-show yet. */
    record NoShowCandidate(String teeTimeId, String userId, Instant startsAt) {
    }

    /** Players of tee times started in {@code (startedAfter, startedBy]}, not cancelled, in start order. */
    List<NoShowCandidate> noShowCandidates(Instant startedBy, Instant startedAfter) {
        return Sql.list(db, "read the no-show candidates", """
                select s.tee_time_id, s.user_id, t.starts_at
                  from tee_time_slots s join tee_times t on t.id = s.tee_time_id
                 where t.starts_at <= ? and t.starts_at > ? and t.status <> 'CANCELLED'
                   and not exists (select 1 from check_ins ci where ci.tee_time_id = s.tee_time_id and ci.user_id = s.user_id)
                   and not exists (select 1 from no_show_log ns where ns.tee_time_id = s.tee_time_id and ns.user_id = s.user_id)
                 order by t.starts_at, s.tee_time_id, s.slot_number""",
                rs -> new NoShowCandidate(rs.getString(1), rs.getString(2), Sql.instant(rs, 3)),
                startedBy, startedAfter);
    }

    /**
     * The audit row and {@code users.no_show_count + 1}, in one transaction. The audit row's key
     * refuses a second count of the same player (a {@link golf.linkup.engine.storage.StorageException}
     * with a unique violation).
     */
    void recordNoShow(NoShowCandidate candidate, Instant roundEndedAt, Instant now, String detectedBy) {
        String what = "record the no-show of " + candidate.userId() + " in " + candidate.teeTimeId();
        Sql.inTransaction(db, what, c -> {
            Sql.update(c, what, "insert into no_show_log (tee_time_id, user_id, starts_at, round_ended_at,"
                    + " detected_at, detected_by) values (?, ?, ?, ?, ?, ?)", candidate.teeTimeId(), candidate.userId(),
                    candidate.startsAt(), roundEndedAt, now, detectedBy);
            Sql.update(c, what, "update users set no_show_count = no_show_count + 1 where id = ?", candidate.userId());
            return null;
        });
    }

    Optional<Integer> noShowCount(String userId) {
        return Sql.first(db, "read the no-show count of " + userId, "select no_show_count from users where id = ?",
                rs -> rs.getInt(1), userId);
    }

    /** Tee times with an attempt hold that expired by {@code now}. */
    List<String> teeTimesWithExpiredHolds(Instant now) {
        return Sql.list(db, "read the tee times with expired holds",
                "select distinct tee_time_id from slot_holds where purpose = 'attempt' and expires_at <= ?",
                rs -> rs.getString(1), now);
    }

    /**
     * Tee times with an expired open offer, or with waiting entries while the tee time is closed
     * (cancelled, started) or has a free slot.
     */
    List<String> teeTimesWithWaitlistWork(Instant now) {
        return Sql.list(db, "read the tee times with waitlist work", """
                select tee_time_id from waitlist_offers where status = 'open' and expires_at <= ?
                union
                select w.tee_time_id from waitlist_entries w join tee_times t on t.id = w.tee_time_id
                 where w.status = 'waiting'
                   and (t.status not in ('OPEN', 'FULL') or t.starts_at <= ?
                        or (select count(*) from tee_time_slots s where s.tee_time_id = t.id)
                         + (select count(*) from slot_holds h where h.tee_time_id = t.id) < t.total_slots)""",
                rs -> rs.getString(1), now, now);
    }
}
