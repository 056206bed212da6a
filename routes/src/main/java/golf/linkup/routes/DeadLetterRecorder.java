package golf.linkup.routes;

import golf.linkup.engine.events.InvalidEventException;
import golf.linkup.engine.metrics.EngineMetrics;
import golf.linkup.engine.storage.DeadLetterStore;
import golf.linkup.engine.storage.StorageException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.spi.IdempotentRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an event that could not be handled: a {@code dead_letters} row with the raw payload and the
 * reason, a counter tagged with the reason code, and a log line with the event's id and type. If
 * even the store fails, the payload goes to the error log so it is still not lost.
 *
 * <p>Every instance reads every event, so an invalid event (the same answer everywhere) is recorded
 * by the one instance that claims it in Redis (by id, or by the payload's SHA-256 when it has no
 * readable id). A failure while handling is this instance's own and is always recorded, with the
 * instance named in {@code source}.
 */
public final class DeadLetterRecorder implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterRecorder.class);

    private final DeadLetterStore store;
    private final IdempotentRepository clusterClaims;
    private final EngineMetrics metrics;
    private final String source;

    public DeadLetterRecorder(DeadLetterStore store, IdempotentRepository clusterClaims, EngineMetrics metrics,
            String source) {
        this.store = store;
        this.clusterClaims = clusterClaims;
        this.metrics = metrics;
        this.source = source;
    }

    @Override
    public void process(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String raw = exchange.getProperty(ExchangeKeys.RAW_EVENT, String.class);
        if (raw == null) {
            raw = exchange.getMessage().getBody(String.class);
        }
        String eventId = exchange.getMessage().getHeader(ExchangeKeys.EVENT_ID, String.class);
        String eventType = exchange.getMessage().getHeader(ExchangeKeys.EVENT_TYPE, String.class);
        String code;
        String reason;
        if (cause instanceof InvalidEventException invalid) {
            code = invalid.code().name();
            reason = invalid.getMessage();
            eventId = invalid.eventId() != null ? invalid.eventId() : eventId;
            eventType = invalid.eventType() != null ? invalid.eventType() : eventType;
        } else if (cause instanceof StorageException) {
            code = "STORAGE_FAILED";
            reason = "database failed after retries: " + rootMessage(cause);
        } else {
            code = "PROCESSING_FAILED";
            reason = cause == null ? "unknown failure" : cause.getClass().getSimpleName() + ": " + rootMessage(cause);
        }
        if (cause instanceof InvalidEventException && !claimInvalid(eventId, raw)) {
            LOG.debug("invalid event id={} is dead-lettered by another instance", eventId);
            return;
        }
        metrics.eventDeadLettered(code);
        try {
            long id = store.record(source, eventId, eventType, code, reason, raw);
            LOG.warn("dead-lettered event id={} type={} as #{}: {} ({})", eventId, eventType, id, code, reason);
        } catch (RuntimeException e) {
            LOG.error("could not store dead letter for event id={} type={} ({}: {}); payload: {}", eventId, eventType,
                    code, reason, raw, e);
        }
        if (!(cause instanceof InvalidEventException) && cause != null) {
            LOG.debug("cause of dead letter for event {}", eventId, cause);
        }
    }

    /** True when this instance is the one to record this invalid event. */
    private boolean claimInvalid(String eventId, String raw) {
        String key = refusalClaimKey(eventId, raw);
        try {
            return clusterClaims.add(key);
        } catch (RuntimeException e) {
            LOG.warn("cannot claim dead letter {} in Redis ({}); recording it here", key, e.toString());
            return true;
        }
    }

    /**
     * The cluster claim of an invalid event's dead letter; an operator's requeue removes it so the event,
     * refused again, is recorded again.
     */
    public static String refusalClaimKey(String eventId, String raw) {
        return "dead-letter:" + (eventId != null ? "id:" + eventId : "sha256:" + sha256(raw == null ? "" : raw));
    }

    private static String sha256(String text) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
