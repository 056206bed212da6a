package golf.linkup.engine.booking;

import golf.linkup.engine.events.DomainEvent;
import golf.linkup.engine.events.EventPayload.TeeTimeUpdated;
import java.util.Set;

/**
 * Which events make a tee time worth reconciling at once ({@link BookingService#reconcile}): a slot
 * that opened ({@code slot.left}), a cancellation, or an update that changes what the waitlist
 * depends on (the start, the number of slots, the status). An update of anything else (a course
 * note, a description) cannot free a slot or move the tee time into or out of a waiting player's
 * window, so it costs no database transaction. Whatever this lets through is still caught by the
 * offer sweep ({@code expire-offers}, every 15 s), which promotes into any free slot.
 */
public final class BookingTriggers {

    /** {@code data.changes} keys of {@code tee-time.updated} that bookings depend on. */
    static final Set<String> BOOKING_FIELDS = Set.of("startsAt", "totalSlots", "openSlots", "status");

    private BookingTriggers() {
    }

    public static boolean reconcileAfter(DomainEvent event) {
        return switch (event.type()) {
            case SLOT_LEFT, TEE_TIME_CANCELLED -> true;
            case TEE_TIME_UPDATED -> ((TeeTimeUpdated) event.payload()).changesAnyOf(BOOKING_FIELDS);
            default -> false;
        };
    }
}
