package golf.linkup.engine.storage;

import java.util.List;

/** Durable store of refused inputs. {@link #record} must not throw for any payload text. */
public interface DeadLetterStore {

    /** Stores one dead letter and returns its id. */
    long record(String source, String eventId, String eventType, String reasonCode, String reason, String payload);

    long count();

    /** The newest first. */
    List<DeadLetter> recent(int limit);

    /** One dead letter; empty when there is none with that id. */
    java.util.Optional<DeadLetter> find(long id);
}
