package golf.linkup.intake;

/**
 * A stream entry the consumer group delivered more than {@code linkup.events.max-deliveries} times
 * without its handling succeeding: it is dead-lettered with the last failure and acknowledged, so
 * it cannot hold the group up.
 */
public final class DeliveriesExhaustedException extends RuntimeException {

    public DeliveriesExhaustedException(String entryId, long deliveries, String lastFailure) {
        super("entry " + entryId + " delivered " + deliveries + " times without success"
                + (lastFailure == null ? "" : "; last failure: " + lastFailure));
    }
}
