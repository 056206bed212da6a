package golf.linkup.routes;

import golf.linkup.engine.events.InvalidEventException;
import golf.linkup.engine.metrics.EngineMetrics;
import golf.linkup.engine.storage.DeadLetterStore;
import golf.linkup.engine.storage.StorageException;
import golf.linkup.intake.DeliveriesExhaustedException;
import golf.linkup.intake.EventStreamEndpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an event that could not be handled: a {@code dead_letters} row with the raw payload and the
 * reason, a counter tagged with the reason code, and a log line with the event's id and type. If
 * even the store fails, the payload goes to the error log so it is still not lost.
 *
 * <p>An event from the stream's consumer group (one member handles each entry) is recorded once per
 * stream entry: the entry id is the row's intake key, so an entry handed out again after a crash is
 * not recorded twice. A failure of this instance's own live handling (a valid event it could not
 * deliver) is recorded once per instance and entry, with the instance named in {@code source}.
 */
public final class DeadLetterRecorder implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterRecorder.class);

    private final DeadLetterStore store;
    private final EngineMetrics metrics;
    private final String source;

    public DeadLetterRecorder(DeadLetterStore store, EngineMetrics metrics, String source) {
        this.store = store;
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
        String entryId = exchange.getMessage().getHeader(EventStreamEndpoint.ENTRY_ID, String.class);
        String code;
        String reason;
        if (cause instanceof InvalidEventException invalid) {
            code = invalid.code().name();
            reason = invalid.getMessage();
            eventId = invalid.eventId() != null ? invalid.eventId() : eventId;
            eventType = invalid.eventType() != null ? invalid.eventType() : eventType;
        } else if (cause instanceof DeliveriesExhaustedException) {
            code = "DELIVERIES_EXHAUSTED";
            reason = cause.getMessage();
        } else if (cause instanceof StorageException) {
            code = "STORAGE_FAILED";
            reason = "database failed after retries: " + rootMessage(cause);
        } else {
            code = "PROCESSING_FAILED";
            reason = cause == null ? "unknown failure" : cause.getClass().getSimpleName() + ": " + rootMessage(cause);
        }
        try {
            long id = entryId == null ? store.record(source, eventId, eventType, code, reason, raw)
                    : store.recordOnce(intakeKey(exchange, entryId, cause), source, eventId, eventType, code, reason, raw);
            metrics.eventDeadLettered(code);
            LOG.warn("dead-lettered event id={} type={} entry={} as #{}: {} ({})", eventId, eventType, entryId, id, code,
                    reason);
        } catch (RuntimeException e) {
            metrics.eventDeadLettered(code);
            LOG.error("could not store dead letter for event id={} type={} ({}: {}); payload: {}", eventId, eventType,
                    code, reason, raw, e);
        }
        if (!(cause instanceof InvalidEventException) && cause != null) {
            LOG.debug("cause of dead letter for event {}", eventId, cause);
        }
    }

    /**
     * One dead letter per stream entry for what every instance would refuse alike (the group's
     * failures, invalid events); per instance and entry for a failure of this instance's live handling.
     */
    private String intakeKey(Exchange exchange, String entryId, Throwable cause) {
        return EventIngestRoutes.CLUSTER_EVENTS.equals(exchange.getFromRouteId()) || cause instanceof InvalidEventException
                ? "group:" + entryId : "live:" + source + ":" + entryId;
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
