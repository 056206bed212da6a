package golf.linkup.engine.booking;

import java.util.Optional;

/**
 * Where a user stands on a tee time's waitlist right after joining: still {@code WAITING} (with
 * their 1-based {@code position} among the entries that fit the tee time), {@code OFFERED} (a slot is
 * held for them: {@code offer}) or {@code BOOKED} (auto-booked into {@code slotNumber}).
 */
public record WaitlistStanding(long entryId, String teeTimeId, String userId, Status status, boolean autoBook,
        int priority, TimePreference timePreference, Optional<Integer> position, Optional<Hold> offer,
        Optional<Integer> slotNumber) {

    public enum Status { WAITING, OFFERED, BOOKED }
}
