package golf.linkup.engine.storage;

import java.util.List;

/**
 * Who plays in a tee time: its host and the users in its slots (the API server's rows). Only they
 * are put in the tee time's chat room and see its typing and presence. Implementations read the
 * shared database and are thread-safe.
 */
public interface Participants {

    /** Host first, then players by slot; empty when the tee time is unknown. */
    List<String> of(String teeTimeId);

    default boolean includes(String teeTimeId, String userId) {
        return of(teeTimeId).contains(userId);
    }

    /**
     * {@link #of}, as it asks {@code userId}: a cache answers from memory when the user is among
     * the remembered participants and reads the database again when not (the user may have just
     * joined, and the event that would make the cache forget may not have arrived yet).
     */
    default List<String> askedBy(String teeTimeId, String userId) {
        return of(teeTimeId);
    }

    /** Nobody takes part in anything (single-purpose tests without a database). */
    Participants NONE = teeTimeId -> List.of();
}
