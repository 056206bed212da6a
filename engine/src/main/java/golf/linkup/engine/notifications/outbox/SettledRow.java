package golf.linkup.engine.notifications.outbox;

import java.time.Instant;

/**
 * What became of one claimed row, as {@link OutboxStore#settle} records it.
 *
 * @param attempt      the attempt number (1 for the first)
 * @param logOutcome   the audit log's outcome ({@code SENT}, {@code RETRY}, …), or null to log nothing
 * @param response     what the provider said, for the log
 * @param latencyMillis how long the send took
 * @param status       the row's new status: {@code sent}, {@code cancelled}, {@code failed} or {@code pending} (a retry)
 * @param reason       the error message kept on the row (null when sent)
 * @param retryAt      when a retry is due (only with {@code pending})
 */
public record SettledRow(OutboxRow row, int attempt, String logOutcome, String response, long latencyMillis,
        String status, String reason, Instant retryAt) {

    public static SettledRow sent(OutboxRow row, int attempt, String response, long latencyMillis) {
        return new SettledRow(row, attempt, "SENT", response, latencyMillis, "sent", null, null);
    }

    boolean isSent() {
        return "sent".equals(status);
    }
}
