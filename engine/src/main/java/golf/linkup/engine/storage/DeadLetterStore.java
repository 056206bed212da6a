package golf.linkup.engine.storage;

import java.util.List;

/** Durable store of refused inputs. {@link #record} must not throw for any payload text. */
public interface DeadLetterStore {

    /** Stores one dead letter and returns its id. */
    long record(String source, String eventId, String eventType, String reasonCode, String reason, String payload);

    /**
     * Stores one dead letter unless one with the same {@code intakeKey} (e.g. the stream entry it
     * came from) exists; returns the id of the one stored, new or earlier. So an input refused twice
     * (handed out again after a crash) is one dead letter.
     */
    long recordOnce(String intakeKey, String source, String eventId, String eventType, String reasonCode,
            String reason, String payload);

    long count();

    /** The newest first. */
    List<DeadLetter> recent(int limit);

    /** One dead letter; empty when there is none with that id. */
    java.util.Optional<DeadLetter> find(long id);
}
