package golf.linkup.engine.storage;

import golf.linkup.engine.events.PersonSnapshot;
import golf.linkup.engine.events.TeeTimeSnapshot;
import java.util.Optional;

/**
 * What the fan-out reads from the shared database when an event does not carry it. Implementations
 * must be safe for concurrent use. Absent means "not in the database" (the API server owns the rows).
 */
public interface TeeTimeDirectory {

    /** The tee time as a feed card shows it, with open slots counted from the slots table. */
    Optional<TeeTimeSnapshot> findTeeTime(String teeTimeId);

    /** Which feed rooms hear about a tee time, and where it is. */
    Optional<TeeTimeRouting> findRouting(String teeTimeId);

    /** A player as clients show them. */
    Optional<PersonSnapshot> findPerson(String userId);

    /**
     * Routing facts of a tee time: its industry, whether it is open to all (every feed hears it),
     * its course position (for feed location filters) and its open slots now.
     */
    record TeeTimeRouting(String teeTimeId, String industry, boolean openToAll, double lat, double lng, int openSlots) {
    }
}
