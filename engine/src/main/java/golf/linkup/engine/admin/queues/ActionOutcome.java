package golf.linkup.engine.admin.queues;

/**
 * What an operator's action actually led to, watched for a few seconds after it was done: the
 * console shows {@code message} as it is.
 *
 * @param outcome a word for programs: {@code refused-again}, {@code duplicate}, {@code delivered},
 *                {@code sent}, {@code failed-again}, {@code waiting}
 * @param message one sentence for the operator, with the ids ("refused again as dead letter 12: MISSING_FIELD …")
 * @param newDeadLetterId the dead letter the requeued event became, when it was refused again
 */
public record ActionOutcome(String outcome, String message, Long newDeadLetterId) {

    public static ActionOutcome of(String outcome, String message) {
        return new ActionOutcome(outcome, message, null);
    }
}
