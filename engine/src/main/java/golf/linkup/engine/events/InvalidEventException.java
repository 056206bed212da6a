package golf.linkup.engine.events;

/**
 * An event that cannot be handled as sent: it goes to the dead-letter store with {@link #code()}
 * and the message as the reason. Never retried: sending it again gives the same answer.
 */
public final class InvalidEventException extends RuntimeException {

    /** Stable reason codes, also used as metric tags. */
    public enum Code {
        NOT_JSON,
        NOT_AN_OBJECT,
        MISSING_FIELD,
        INVALID_FIELD,
        UNKNOWN_TYPE,
        UNKNOWN_TEE_TIME
    }

    private final Code code;
    private final String eventId;
    private final String eventType;

    public InvalidEventException(Code code, String message, String eventId, String eventType) {
        super(message);
        this.code = code;
        this.eventId = eventId;
        this.eventType = eventType;
    }

    public Code code() {
        return code;
    }

    /** The event's id when it could be read, else {@code null}. */
    public String eventId() {
        return eventId;
    }

    /** The event's type as sent when it could be read, else {@code null}. */
    public String eventType() {
        return eventType;
    }
}
