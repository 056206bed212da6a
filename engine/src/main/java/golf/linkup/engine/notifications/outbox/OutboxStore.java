package golf.linkup.engine.notifications.outbox;

import golf.linkup.engine.notifications.Channel;
import golf.linkup.engine.notifications.NotificationType;
import golf.linkup.engine.storage.Sql;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The durable notification queue. Safe for several engine instances on one database: claims use
 * {@code SELECT … FOR UPDATE SKIP LOCKED} and a lease, so a row is worked on by one instance at a
 * time and a crashed instance's rows are taken again when the lease ends.
 */
public interface OutboxStore {

    /** Inserts a row; false when a row with its idempotency key exists (nothing is written). */
    boolean enqueue(OutboxRow row);

    /** True when a row with this idempotency key exists, whatever its status. */
    boolean contains(String idempotencyKey);

    /** A pending, unclaimed row of this batch and channel scheduled after {@code now} (a held summary). */
    Optional<OutboxRow> heldBatch(String batchKey, Channel channel, Instant now);

    /** True when a row of this batch and channel was created at or after {@code since}. */
    boolean batchStartedSince(String batchKey, Channel channel, Instant since);

    /** Replaces the text of a held summary row that now stands for {@code count} notifications. */
    void updateBatch(long id, int count, String title, String body, String html, String data, String model);

    /**
     * Notifications (distinct notification keys) queued for the user on the push or e-mail channel
     * since {@code since}, critical and transactional ones excluded; of one type, or of every type when
     * {@code type} is null.
     */
    int interruptingCountSince(String userId, NotificationType type, Instant since);

    /**
     * Claims up to {@code limit} due rows of a channel (pending, scheduled at or before now, not
     * claimed or with an expired claim), highest priority first, then oldest schedule.
     */
    List<OutboxRow> claimDue(Channel channel, Instant now, int limit, String claimant, Duration lease);

    void markSent(long id, Instant at);

    /**
     * Logs the attempt that delivered {@code row} (outcome {@code SENT}) and marks the row sent: what
     * {@link #logAttempt} then {@link #markSent(long, Instant)} do, as one unit where the store can
     * (the JDBC store uses one transaction: one commit instead of two, and a crash leaves both or
     * neither).
     */
    default void markSentAndLog(OutboxRow row, int attempt, String providerResponse, long latencyMillis, Instant at) {
        logAttempt(row.id(), row.userId(), row.type(), row.channel(), attempt, "SENT", providerResponse, latencyMillis);
        markSent(row.id(), at);
    }

    /**
     * Records the outcomes of one claim in one transaction: their audit rows, then their marks (sent
     * rows with one statement). {@code alongside}, when not null, runs first on the same connection
     * and returns more outcomes to record: a channel whose delivery is a row in this database writes
     * it there, so the delivery and its mark commit together or not at all. {@code at} is the sent
     * time. Rows not in the lists are left as they are (claimed).
     */
    void settle(List<SettledRow> outcomes, Instant at, Sql.Transaction<List<SettledRow>, RuntimeException> alongside);

    /** Back to pending for another try at {@code next}. */
    void markRetry(long id, int retryCount, Instant next, String error);

    /** Dead-lettered: will not be tried again. */
    void markFailed(long id, String error);

    /** Nothing to do (no address, disabled): closed without error. */
    void markCancelled(long id, String reason);

    /** Puts a failed or cancelled row back in the queue now (an operator's retry). */
    boolean requeue(long id, Instant now);

    /** Audit: one delivery attempt. */
    void logAttempt(long queueId, String userId, NotificationType type, Channel channel, int attempt, String outcome,
            String providerResponse, long latencyMillis);

    /**
     * True when attempt {@code attempt} of the row was started (a {@code STARTED} log row) and never
     * recorded an outcome: the attempt was interrupted and what the provider did is unknown.
     */
    boolean attemptUnfinished(long queueId, int attempt);

    /** Row counts by channel and status, for metrics and the console: {@code "push/pending" → 3}. */
    Map<String, Long> depth();

    /** Age of the oldest due pending row, or empty when none is due. */
    Optional<Duration> oldestDueAge(Instant now);

    Optional<OutboxRow> find(long id);

    List<OutboxRow> forUser(String userId);
}
