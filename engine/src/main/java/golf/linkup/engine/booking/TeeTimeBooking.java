package golf.linkup.engine.booking;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * One tee time's booking state: its row, joined slots, holds (attempts and offers) and waitlist,
 * read under the tee time's row lock and kept current by {@link BookingStateMachine} as it changes
 * them. Not thread-safe: it lives for one transaction.
 */
final class TeeTimeBooking {

    private static final Set<String> ACTIVE_STATUSES = Set.of("OPEN", "FULL");
    /** The waitlist's order: highest priority first, then earliest joined (lowest id). */
    private static final Comparator<WaitlistEntry> QUEUE_ORDER =
            Comparator.comparingInt(WaitlistEntry::priority).reversed().thenComparingLong(WaitlistEntry::id);

    final String teeTimeId;
    /** {@code tee_times.status}: OPEN, FULL, CANCELLED, COMPLETED, ARCHIVED. */
    final String status;
    final Instant startsAt;
    final int totalSlots;
    /** Slot number to the user who plays in it. */
    final Map<Integer, String> joined = new TreeMap<>();
    final List<Hold> holds = new ArrayList<>();
    /** Attempt holds this transaction released because their time was up (to answer HOLD_EXPIRED). */
    final Set<String> expiredHoldIds = new HashSet<>();
    /** Every waitlist entry of the tee time, whatever its status (one per user). */
    private final List<WaitlistEntry> entries = new ArrayList<>();

    TeeTimeBooking(String teeTimeId, String status, Instant startsAt, int totalSlots) {
        this.teeTimeId = teeTimeId;
        this.status = status;
        this.startsAt = startsAt;
        this.totalSlots = totalSlots;
    }

    boolean isCancelled() {
        return "CANCELLED".equals(status);
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

    int openSlots() {
        return totalSlots - joined.size();
    }

    Optional<Hold> holdOf(String userId) {
        return holds.stream().filter(h -> h.userId().equals(userId)).findFirst();
    }

    Optional<Hold> hold(String holdId) {
        return holds.stream().filter(h -> h.holdId().equals(holdId)).findFirst();
    }

    void removeHold(Hold hold) {
        holds.removeIf(h -> h.holdId().equals(hold.holdId()));
    }

    Optional<WaitlistEntry> entryOf(String userId) {
        return entries.stream().filter(e -> e.userId().equals(userId)).findFirst();
    }

    WaitlistEntry entry(long entryId) {
        return entries.stream().filter(e -> e.id() == entryId).findFirst().orElseThrow();
    }

    /** Adds an entry, or replaces the one with the same id. */
    void putEntry(WaitlistEntry entry) {
        entries.removeIf(e -> e.id() == entry.id());
        entries.add(entry);
    }

    void removeEntry(WaitlistEntry entry) {
        entries.removeIf(e -> e.id() == entry.id());
    }

    /** Waiting entries in queue order: highest priority, then earliest joined. */
    List<WaitlistEntry> waiting() {
        return entries.stream().filter(WaitlistEntry::isWaiting).sorted(QUEUE_ORDER).toList();
    }

    /** Every entry that is waiting or offered. */
    List<WaitlistEntry> live() {
        return entries.stream().filter(e -> e.isWaiting() || e.isOffered()).toList();
    }
}
