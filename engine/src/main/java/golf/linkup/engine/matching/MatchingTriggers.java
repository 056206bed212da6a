package golf.linkup.engine.matching;

import golf.linkup.engine.events.DomainEvent;
import golf.linkup.engine.events.EventPayload.TeeTimeUpdated;
import java.util.Set;

/**
 * Which events make an instance re-read a tee time into its matching index
 * ({@link MatchingService#refreshTeeTime}): every tee-time and slot event, except chat and a
 * {@code tee-time.updated} whose changes name none of the fields scoring reads (a note, a
 * description): re-reading would find the same entry and invalidate nothing, at the price of a
 * database query on every instance for every such event.
 */
public final class MatchingTriggers {

    /** The tee-time fields {@link ScoringTeeTime} is built from (players come from slot events). */
    static final Set<String> SCORED_FIELDS = Set.of("startsAt", "industry", "openToAll", "skillLevel", "totalSlots",
            "openSlots", "status", "courseId", "hostId");

    private MatchingTriggers() {
    }

    public static boolean refreshAfter(DomainEvent event) {
        return switch (event.type()) {
            case MESSAGE_SENT -> false;
            case TEE_TIME_UPDATED -> ((TeeTimeUpdated) event.payload()).changesAnyOf(SCORED_FIELDS);
            default -> true;
        };
    }
}
