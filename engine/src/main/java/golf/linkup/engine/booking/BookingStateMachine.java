package golf.linkup.engine.booking;

import golf.linkup.engine.booking.Hold.Purpose;
import golf.linkup.engine.config.BookingSettings;
import golf.linkup.engine.notifications.Channel;
import golf.linkup.engine.notifications.NotificationType;
import golf.linkup.engine.notifications.Priority;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The booking rules of one tee time, without a database: each operation reads the
 * {@link TeeTimeBooking} it is given, changes it, and reports what it did to its
 * {@link Transition} (the writes, the room messages and notifications, the counts). A refusal is a
 * {@link BookingException} thrown before the operation wrote anything; what reconciling did before
 * it stands.
 *
 * <p>Every operation starts from {@link #reconcile}: a cancelled or started tee time loses its holds
 * and closes its waitlist; expired attempt holds are released; expired offers are passed on; then
 * free slots go to the best waiting entries (highest priority, start within their window, earliest
 * joined): auto-book entries are joined at once, the others get an offer that holds the slot. So a
 * slot that opens goes to the waitlist before anyone else can attempt it, whichever way it opened.
 */
final class BookingStateMachine {

    private final BookingSettings settings;
    private final BookingMetrics metrics;

    BookingStateMachine(BookingSettings settings, BookingMetrics metrics) {
        this.settings = settings;
        this.metrics = metrics;
    }

    // ------------------------------------------------------------------------------------ holds

    /** Holds the lowest free slot for the user; a user who holds one already gets that hold back. */
    Hold attempt(TeeTimeBooking b, String userId, Transition t) throws BookingException {
        requireOpen(b, t.now);
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
                    ? metrics.refusal(BookingError.TEE_TIME_FULL, "every slot of tee time " + b.teeTimeId
                            + " is taken; join the waitlist to be told when one opens")
                    : metrics.refusal(BookingError.SLOT_UNAVAILABLE, "every open slot of tee time " + b.teeTimeId
                            + " is held by someone else right now; try again shortly or join the waitlist");
        }
        Hold hold = new Hold(UUID.randomUUID().toString(), b.teeTimeId, free.get(0), userId, Purpose.ATTEMPT,
                t.now.plus(settings.holdTtl()));
        t.writes.insertHold(hold, t.now);
        b.holds.add(hold);
        t.room(b.teeTimeId, BookingMessages.held(b, hold, "attempt"));
        metrics.action("held");
        return hold;
    }

    /** The caller's live attempt hold becomes their slot. */
    JoinedSlot confirm(TeeTimeBooking b, String holdId, String userId, Transition t) throws BookingException {
        requireOpen(b, t.now);
        Hold hold = liveHold(b, holdId, userId);
        if (hold.purpose() == Purpose.OFFER) {
            throw offerPending(hold);
        }
        deleteHold(b, hold, t);
        JoinedSlot joined = join(b, hold.slotNumber(), userId, "hold", t);
        t.writes.bookWaitingEntryOf(b.teeTimeId, userId, t.now);
        b.entryOf(userId).filter(WaitlistEntry::isWaiting)
                .ifPresent(e -> b.putEntry(e.withStatus(WaitlistEntry.BOOKED)));
        metrics.action("confirmed");
        return joined;
    }

    /** Gives the caller's attempt hold back; the slot goes to the waitlist first. Returns the slot. */
    int release(TeeTimeBooking b, String holdId, String userId, Transition t) throws BookingException {
        Hold hold = liveHold(b, holdId, userId);
        if (hold.purpose() == Purpose.OFFER) {
            throw offerPending(hold);
        }
        deleteHold(b, hold, t);
        t.room(b.teeTimeId, BookingMessages.released(b, hold.slotNumber(), "released"));
        promote(b, t);
        metrics.action("released");
        return hold.slotNumber();
    }

    // --------------------------------------------------------------------------------- waitlist

    /**
     * Puts the user on the waitlist, or updates their waiting entry (keeping its place); a free slot
     * goes to the best fit at once. {@code priority} null keeps an entry's priority (0 for a new one).
     */
    WaitlistStanding joinWaitlist(TeeTimeBooking b, String userId, boolean autoBook, TimePreference preference,
            Integer priority, Transition t) throws BookingException {
        requireOpen(b, t.now);
        requireNotJoined(b, userId);
        Optional<WaitlistEntry> existing = b.entryOf(userId);
        long entryId;
        if (existing.isPresent() && existing.get().isOffered()) {
            throw metrics.refusal(BookingError.OFFER_PENDING, "a slot of tee time " + b.teeTimeId
                    + " is offered to you already: accept or decline the offer");
        }
        if (existing.isPresent() && existing.get().isWaiting()) {
            WaitlistEntry e = existing.get();
            entryId = e.id();
            int newPriority = priority != null ? priority : e.priority();
            t.writes.updateEntryTerms(entryId, autoBook, newPriority, preference, t.now);
            b.putEntry(e.withTerms(autoBook, newPriority, preference));
        } else {
            existing.ifPresent(e -> {
                t.writes.deleteEntry(e.id());
                b.removeEntry(e);
            });
            int newPriority = priority != null ? priority : 0;
            entryId = t.writes.insertEntry(b.teeTimeId, userId, autoBook, newPriority, preference, t.now);
            b.putEntry(new WaitlistEntry(entryId, userId, autoBook, newPriority, preference, WaitlistEntry.WAITING));
            metrics.action("waitlist-joined");
        }
        promote(b, t);
        return standing(b, entryId);
    }

    /** Takes the user off the waitlist; an open offer is declined with it (its slot passes on). */
    void leaveWaitlist(TeeTimeBooking b, String userId, Transition t) throws BookingException {
        WaitlistEntry e = b.entryOf(userId).filter(x -> x.isWaiting() || x.isOffered())
                .orElseThrow(() -> metrics.refusal(BookingError.NOT_WAITLISTED, userId
                        + " is not on the waitlist of tee time " + b.teeTimeId));
        if (e.isOffered()) {
            Optional<Hold> offer = b.holdOf(userId).filter(h -> h.purpose() == Purpose.OFFER);
            if (offer.isPresent()) {
                resolveOffer(b, offer.get(), "declined", t);
                t.room(b.teeTimeId, BookingMessages.released(b, offer.get().slotNumber(), "offer_declined"));
            }
        }
        t.writes.setEntryStatus(e.id(), "left", t.now);
        b.putEntry(b.entry(e.id()).withStatus("left"));
        promote(b, t);
        metrics.action("waitlist-left");
    }

    /**
     * Accepts an open offer: its slot becomes the user's. {@code offerStatus} is the offer's row as
     * reconciling left it ({@code open} unless it was settled).
     */
    JoinedSlot acceptOffer(TeeTimeBooking b, String offerId, String offerStatus, String userId, Transition t)
            throws BookingException {
        Hold hold = openOffer(b, offerId, offerStatus, t.now);
        deleteHold(b, hold, t);
        t.writes.acceptOffer(offerId, t.now);
        b.entryOf(userId).ifPresent(e -> b.putEntry(e.withStatus(WaitlistEntry.BOOKED)));
        metrics.action("offer-accepted");
        return join(b, hold.slotNumber(), userId, "waitlist_offer", t);
    }

    /** Declines an open offer: the slot passes to the next entry at once. */
    void declineOffer(TeeTimeBooking b, String offerId, String offerStatus, Transition t) throws BookingException {
        Hold hold = openOffer(b, offerId, offerStatus, t.now);
        resolveOffer(b, hold, "declined", t);
        t.room(b.teeTimeId, BookingMessages.released(b, hold.slotNumber(), "offer_declined"));
        promote(b, t);
        metrics.action("offer-declined");
    }

    // ------------------------------------------------------------------------------- reconcile

    /** Brings the tee time up to date at {@code t.now} (see the class comment). */
    void reconcile(TeeTimeBooking b, Transition t) {
        Instant now = t.now;
        if (b.closed(now)) {
            for (Hold h : List.copyOf(b.holds)) {
                if (h.purpose() == Purpose.OFFER) {
                    resolveOffer(b, h, "withdrawn", t);
                } else {
                    deleteHold(b, h, t);
                }
            }
            t.writes.closeWaitlist(b.teeTimeId, now);
            b.live().forEach(e -> b.putEntry(e.withStatus("closed")));
            return;
        }
        for (Hold h : List.copyOf(b.holds)) {
            if (h.expiresAt().isAfter(now)) {
                continue;
            }
            if (h.purpose() == Purpose.ATTEMPT) {
                deleteHold(b, h, t);
                b.expiredHoldIds.add(h.holdId());
                t.room(b.teeTimeId, BookingMessages.released(b, h.slotNumber(), "expired"));
                t.holdsExpired++;
                metrics.action("hold-expired");
            } else {
                resolveOffer(b, h, "expired", t);
                t.room(b.teeTimeId, BookingMessages.released(b, h.slotNumber(), "offer_expired"));
                Map<String, Object> extras = new HashMap<>();
                extras.put("offerId", h.holdId());
                extras.put("offerMinutes", minutes(settings.offerTtl()));
                t.notify(NotificationType.WAITLIST_OFFER_EXPIRED, "waitlist_offer_expired:" + h.holdId(), h.userId(),
                        b.teeTimeId, Priority.NORMAL, EnumSet.of(Channel.IN_APP), extras);
                t.offersExpired++;
                metrics.action("offer-expired");
            }
        }
        promote(b, t);
    }

    /** Free slots go to the best waiting entries that fit: booked at once, or offered and held. */
    private void promote(TeeTimeBooking b, Transition t) {
        Instant now = t.now;
        List<Integer> free = b.free();
        if (free.isEmpty() || b.closed(now)) {
            return;
        }
        for (WaitlistEntry e : b.waiting()) {
            if (free.isEmpty()) {
                return;
            }
            if (!e.preference().accepts(b.startsAt)) {
                continue; // keeps its place: the tee time may move back into the window
            }
            if (b.joined.containsValue(e.userId())) {
                setEntryStatus(b, e, WaitlistEntry.BOOKED, t);
                continue;
            }
            if (b.holdOf(e.userId()).isPresent()) {
                continue; // holding a slot already: they may confirm it
            }
            int slot = free.remove(0);
            if (e.autoBook()) {
                setEntryStatus(b, e, WaitlistEntry.BOOKED, t);
                join(b, slot, e.userId(), "waitlist_auto_book", t);
                t.notify(NotificationType.WAITLIST_AUTO_BOOKED, "waitlist_auto_booked:" + b.teeTimeId + ":" + e.id(),
                        e.userId(), b.teeTimeId, Priority.HIGH, EnumSet.of(Channel.PUSH, Channel.IN_APP),
                        Map.of("slotNumber", slot, "entryId", e.id()));
                t.autoBooked++;
                metrics.action("auto-booked");
            } else {
                Instant expires = now.plus(settings.offerTtl());
                if (expires.isAfter(b.startsAt)) {
                    expires = b.startsAt; // an offer never outlives the tee time's start
                }
                Hold offer = new Hold(UUID.randomUUID().toString(), b.teeTimeId, slot, e.userId(), Purpose.OFFER,
                        expires);
                t.writes.insertHold(offer, now);
                b.holds.add(offer);
                t.writes.insertOffer(offer, e.id(), now);
                setEntryStatus(b, e, WaitlistEntry.OFFERED, t);
                t.room(b.teeTimeId, BookingMessages.held(b, offer, "waitlist_offer"));
                Map<String, Object> extras = new HashMap<>();
                extras.put("offerId", offer.holdId());
                extras.put("slotNumber", slot);
                extras.put("offerMinutes", Math.max(1, minutes(Duration.between(now, expires))));
                extras.put("expiresAt", expires.toString());
                extras.put("action", "open_waitlist_offer");
                t.notify(NotificationType.WAITLIST_OFFER, "waitlist_offer:" + offer.holdId(), e.userId(), b.teeTimeId,
                        Priority.HIGH, EnumSet.of(Channel.PUSH, Channel.IN_APP), extras);
                t.offered++;
                metrics.action("offered");
            }
        }
    }

    // ---------------------------------------------------------------------------------- changes

    private JoinedSlot join(TeeTimeBooking b, int slot, String userId, String via, Transition t) {
        t.writes.insertSlot(b.teeTimeId, slot, userId, t.now);
        b.joined.put(slot, userId);
        t.room(b.teeTimeId, BookingMessages.reserved(b, slot, userId, via));
        t.slotJoined(b.teeTimeId, slot, userId, t.now);
        return new JoinedSlot(b.teeTimeId, slot, userId, t.now, b.openSlots());
    }

    private static void deleteHold(TeeTimeBooking b, Hold hold, Transition t) {
        t.writes.deleteHold(hold);
        b.removeHold(hold);
    }

    private static void setEntryStatus(TeeTimeBooking b, WaitlistEntry e, String status, Transition t) {
        t.writes.setEntryStatus(e.id(), status, t.now);
        b.putEntry(b.entry(e.id()).withStatus(status));
    }

    /** Settles an open offer with {@code offerStatus}, frees its slot and settles its entry. */
    private static void resolveOffer(TeeTimeBooking b, Hold offer, String offerStatus, Transition t) {
        deleteHold(b, offer, t);
        String entryStatus = switch (offerStatus) {
            case "expired" -> "expired";
            case "declined" -> "declined";
            default -> "closed";
        };
        t.writes.resolveOffer(offer.holdId(), offerStatus, entryStatus, t.now);
        b.entryOf(offer.userId()).filter(WaitlistEntry::isOffered)
                .ifPresent(e -> b.putEntry(e.withStatus(entryStatus)));
    }

    /** Where the entry stands now. */
    private static WaitlistStanding standing(TeeTimeBooking b, long entryId) {
        WaitlistEntry e = b.entry(entryId);
        Optional<Hold> offer = b.holds.stream()
                .filter(h -> h.userId().equals(e.userId()) && h.purpose() == Purpose.OFFER).findFirst();
        WaitlistStanding.Status status = switch (e.status()) {
            case WaitlistEntry.OFFERED -> WaitlistStanding.Status.OFFERED;
            case WaitlistEntry.BOOKED -> WaitlistStanding.Status.BOOKED;
            default -> WaitlistStanding.Status.WAITING;
        };
        Optional<Integer> position = Optional.empty();
        if (status == WaitlistStanding.Status.WAITING && e.preference().accepts(b.startsAt)) {
            int i = 1;
            for (WaitlistEntry w : b.waiting()) {
                if (w.id() == e.id()) {
                    position = Optional.of(i);
                    break;
                }
                if (w.preference().accepts(b.startsAt)) {
                    i++;
                }
            }
        }
        Optional<Integer> slot = b.joined.entrySet().stream().filter(x -> x.getValue().equals(e.userId()))
                .map(Map.Entry::getKey).findFirst();
        return new WaitlistStanding(e.id(), b.teeTimeId, e.userId(), status, e.autoBook(), e.priority(),
                e.preference(), position, offer, status == WaitlistStanding.Status.BOOKED ? slot : Optional.empty());
    }

    // ---------------------------------------------------------------------------------- checks

    private void requireOpen(TeeTimeBooking b, Instant now) throws BookingException {
        if (b.isCancelled()) {
            throw metrics.refusal(BookingError.TEE_TIME_CANCELLED, "tee time " + b.teeTimeId + " was cancelled");
        }
        if (b.closed(now)) {
            throw metrics.refusal(BookingError.TEE_TIME_STARTED, "tee time " + b.teeTimeId + " started at "
                    + b.startsAt);
        }
    }

    private void requireNotJoined(TeeTimeBooking b, String userId) throws BookingException {
        if (b.joined.containsValue(userId)) {
            throw metrics.refusal(BookingError.ALREADY_JOINED, userId + " plays in tee time " + b.teeTimeId
                    + " already");
        }
    }

    private Hold liveHold(TeeTimeBooking b, String holdId, String userId) throws BookingException {
        Optional<Hold> hold = b.hold(holdId);
        if (hold.isEmpty()) {
            if (b.expiredHoldIds.contains(holdId)) {
                throw metrics.refusal(BookingError.HOLD_EXPIRED, "hold " + holdId + " expired; its slot was released");
            }
            throw metrics.refusal(BookingError.HOLD_NOT_FOUND, "no live hold " + holdId + " on tee time "
                    + b.teeTimeId + " (it expired and was released, was confirmed or released, or never existed)");
        }
        if (!hold.get().userId().equals(userId)) {
            throw metrics.refusal(BookingError.NOT_YOUR_HOLD, "hold " + holdId + " belongs to someone else");
        }
        return hold.get();
    }

    /** The offer's hold, once reconciling has expired it if its time is up. */
    private Hold openOffer(TeeTimeBooking b, String offerId, String offerStatus, Instant now)
            throws BookingException {
        if (offerStatus.equals("expired")) {
            throw metrics.refusal(BookingError.OFFER_EXPIRED, "offer " + offerId
                    + " expired; the slot passed to the next player");
        }
        Optional<Hold> hold = b.hold(offerId);
        if (!offerStatus.equals("open") || hold.isEmpty()) {
            if (b.closed(now)) {
                requireOpen(b, now);
            }
            throw metrics.refusal(BookingError.OFFER_CLOSED, "offer " + offerId + " was " + offerStatus + " already");
        }
        return hold.get();
    }

    private BookingException offerPending(Hold offer) {
        return metrics.refusal(BookingError.OFFER_PENDING, "slot " + offer.slotNumber() + " of tee time "
                + offer.teeTimeId() + " is offered to you: accept or decline offer " + offer.holdId());
    }

    // --------------------------------------------------------------------------------- check-in

    /** What a check-in is decided on: the tee time's row, and the player's slot and earlier check-in. */
    record CheckInFacts(String hostId, String status, Instant startsAt, boolean playerJoined,
            Optional<CheckIn> earlier) {
    }

    /**
     * Decides a check-in: the earlier check-in when there is one, empty when a new one is to be
     * recorded. Allowed for the player, the host and admins, from {@code check-in-opens} before the
     * start until the round's end.
     */
    Optional<CheckIn> checkIn(String teeTimeId, String playerId, String callerId, boolean callerIsAdmin,
            CheckInFacts facts, Instant now) throws BookingException {
        if (!callerIsAdmin && !callerId.equals(playerId) && !callerId.equals(facts.hostId())) {
            throw metrics.refusal(BookingError.CHECK_IN_NOT_ALLOWED, "only the player, the host or an admin may check "
                    + playerId + " in");
        }
        if (!facts.playerJoined()) {
            throw metrics.refusal(BookingError.NOT_A_PLAYER, playerId + " does not play in tee time " + teeTimeId);
        }
        if ("CANCELLED".equals(facts.status())) {
            throw metrics.refusal(BookingError.TEE_TIME_CANCELLED, "tee time " + teeTimeId + " was cancelled");
        }
        Instant opens = facts.startsAt().minus(settings.checkInOpens());
        Instant ends = roundEnd(facts.startsAt());
        if (now.isBefore(opens)) {
            throw metrics.refusal(BookingError.CHECK_IN_NOT_OPEN, "check-in opens at " + opens);
        }
        if (facts.earlier().isPresent()) {
            return facts.earlier();
        }
        if (!now.isBefore(ends)) {
            throw metrics.refusal(BookingError.CHECK_IN_CLOSED, "the round ended at " + ends
                    + "; check-in is closed");
        }
        return Optional.empty();
    }

    /** When a round that starts at {@code startsAt} ends ({@code round-length} later). */
    Instant roundEnd(Instant startsAt) {
        return startsAt.plus(settings.roundLength());
    }

    private static int minutes(Duration d) {
        return (int) Math.max(0, (d.toSeconds() + 59) / 60);
    }
}
