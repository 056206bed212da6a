package golf.linkup.engine.webhook;

/**
 * An attempt that got no 2xx. {@link Retryable} (408, 429, 5xx, a time-out, no connection) is tried
 * again with back-off until the attempts run out; {@link Refused} (any other answer: 4xx, a redirect)
 * is permanent and dead-lettered at once. The message says what happened, with the URL shown
 * without user info or query, never the secret.
 */
public abstract sealed class WebhookFailure extends RuntimeException {

    private final int status;
    private final String eventId;

    private WebhookFailure(String message, int status, String eventId, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.eventId = eventId;
    }

    /** The HTTP status answered, 0 when there was no answer (time-out, refused connection). */
    public int status() {
        return status;
    }

    public String eventId() {
        return eventId;
    }

    /** Worth another attempt. */
    public static final class Retryable extends WebhookFailure {
        public Retryable(String message, int status, String eventId, Throwable cause) {
            super(message, status, eventId, cause);
        }
    }

    /** The receiver refused the event: another attempt would get the same answer. */
    public static final class Refused extends WebhookFailure {
        public Refused(String message, int status, String eventId) {
            super(message, status, eventId, null);
        }
    }
}
