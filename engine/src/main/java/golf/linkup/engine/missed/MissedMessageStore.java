package golf.linkup.engine.missed;

import golf.linkup.engine.gateway.history.StreamPosition;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The shared state of missed-message digests (rooms: a tee time's {@code chat:} and {@code tee-time:} rooms) (Redis in production), so any instance may deliver a
 * message and any instance may run the digest job:
 * <ul>
 *   <li>per chat room and user, the position the user has <em>seen</em> through (written after a
 *       socket of theirs took the messages, after a recovery, and after a digest told them);</li>
 *   <li>per chat room, the position the last look began after;</li>
 *   <li>a schedule: room → when to look at it next.</li>
 * </ul>
 */
public interface MissedMessageStore {

    /** One new message of a room: schedule a look at {@code dueMillis} unless one is scheduled earlier. */
    record Pending(String room, StreamPosition before, long dueMillis) {
    }

    /**
     * Schedules looks (keeping the earliest due time of a room) and, for a room not looked at yet,
     * remembers where its unseen messages may begin ({@code before}).
     */
    void schedule(Collection<Pending> pending);

    /** Takes up to {@code limit} rooms whose look is due; a taken room is off the schedule. */
    List<String> takeDue(long nowMillis, int limit);

    /** Advances each user's seen position in {@code room} (never backwards within one epoch). */
    void seen(String room, Map<String, StreamPosition> byUser);

    /** Each user's seen position in {@code room}. */
    Map<String, StreamPosition> seen(String room);

    /** Where the room's next look begins; {@link StreamPosition#NONE} when unknown. */
    StreamPosition lookedThrough(String room);

    /** When the room's next look is due (epoch ms); 0 when none is scheduled. For operators. */
    long dueAt(String room);

    /** The room's next look begins after {@code through}; and it is looked at again at {@code dueMillis} (0: not). */
    void looked(String room, StreamPosition through, long dueMillis);
}
