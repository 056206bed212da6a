package golf.linkup.routes;

import golf.linkup.engine.metrics.EngineMetrics;
import golf.linkup.engine.storage.DeadLetterStore;
import golf.linkup.engine.webhook.WebhookFailure;
import golf.linkup.engine.webhook.WebhookMetrics;
import golf.linkup.intake.EventStreamEndpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a backend event the webhook could not deliver: a {@code dead_letters} row (once per stream
 * entry, whichever instance gives up on it) whose reason says what the receiver answered, after how
 * many attempts and at which URL (shown without user info or query, never the secret); the payload
 * is the JSON body that was POSTed. Counted in {@code linkup.webhook.deliveries{outcome=dead_lettered}}
 * and {@code linkup.events.dead_lettered{reason}}. If even the store fails, the payload goes to the
 * error log.
 */
public final class WebhookDeadLetters {

    public static final String REFUSED = "WEBHOOK_REFUSED";
    public static final String EXHAUSTED = "WEBHOOK_EXHAUSTED";
    public static final String INVALID_ENTRY = "WEBHOOK_INVALID_ENTRY";

    private static final Logger LOG = LoggerFactory.getLogger(WebhookDeadLetters.class);

    private final DeadLetterStore store;
    private final EngineMetrics metrics;
    private final WebhookMetrics webhookMetrics;
    private final String source;

    /** @param source what the row names as its origin, e.g. {@code webhook@<instance>} */
    public WebhookDeadLetters(DeadLetterStore store, EngineMetrics metrics, WebhookMetrics webhookMetrics,
            String source) {
        this.store = store;
        this.metrics = metrics;
        this.webhookMetrics = webhookMetrics;
        this.source = source;
    }

    /** The processor that records the exchange's failure under {@code code}. */
    public Processor as(String code) {
        return exchange -> record(exchange, code);
    }

    private void record(Exchange exchange, String code) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String entryId = exchange.getMessage().getHeader(EventStreamEndpoint.ENTRY_ID, String.class);
        String eventId = exchange.getMessage().getHeader(ExchangeKeys.EVENT_ID, entryId, String.class);
        String eventType = exchange.getMessage().getHeader(ExchangeKeys.EVENT_TYPE, String.class);
        String payload = exchange.getMessage().getBody(String.class);
        int attempts = exchange.getProperty(WebhookRoutes.ATTEMPTS, 0, Integer.class);
        String message = cause == null ? "unknown failure" : cause.getMessage();
        String reason = switch (code) {
            case EXHAUSTED -> "no 2xx after " + attempts + (attempts == 1 ? " attempt" : " attempts")
                    + "; last: " + message;
            case REFUSED -> message + "; not retried (attempt " + attempts
                    + "): the receiver refused it, a 4xx other than 408/429 or a redirect is permanent";
            case INVALID_ENTRY -> "not posted: " + message;
            default -> "not posted: " + (cause == null ? "" : cause.getClass().getSimpleName() + ": ") + message;
        };
        if (cause instanceof WebhookFailure failure && failure.status() > 0) {
            reason = "status " + failure.status() + " · " + reason;
        }
        webhookMetrics.deadLettered();
        metrics.eventDeadLettered(code);
        try {
            long id = entryId == null ? store.record(source, eventId, eventType, code, reason, payload)
                    : store.recordOnce("webhook:" + entryId, source, eventId, eventType, code, reason, payload);
            LOG.warn("webhook: dead-lettered backend event id={} type={} as #{}: {} ({})", eventId, eventType, id,
                    code, reason);
        } catch (RuntimeException e) {
            LOG.error("webhook: could not store dead letter for backend event id={} type={} ({}: {}); payload: {}",
                    eventId, eventType, code, reason, payload, e);
        }
    }
}
