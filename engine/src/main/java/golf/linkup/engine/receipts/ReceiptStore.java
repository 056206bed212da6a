package golf.linkup.engine.receipts;

import golf.linkup.engine.storage.Sql;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The receipt columns of the in-app notification centre ({@code notifications.acknowledged_at},
 * {@code fallback_at}, {@code fallback_queue_id}: migration V9, whose comment is the contract the
 * console reads). Portable SQL (H2 and PostgreSQL).
 */
public final class ReceiptStore {

    private static final String ACK = "record notification receipts";
    private static final String FALLBACK = "decide push fallbacks";

    /** One centre row as an {@code ack} needs it: whose it is, when it was stored, whether acknowledged. */
    public record Receipt(long id, String userId, Instant storedAt, boolean acknowledged) {
    }

    /**
     * A notification whose push fallback is due: the centre row and what its outbox row said (type,
     * priority, the rendering model as JSON, the notification key shared by the intent's channels).
     */
    public record Due(long id, String userId, String type, String priority, String notificationKey, String model,
            Instant storedAt) {
    }

    private final DataSource dataSource;

    public ReceiptStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The centre rows among {@code ids} (missing ids are absent from the map), in one query. */
    public Map<Long, Receipt> find(List<Long> ids) {
        Map<Long, Receipt> out = new HashMap<>();
        for (Receipt r : Sql.list(dataSource, ACK, "select id, user_id, created_at, acknowledged_at from notifications"
                + " where id = any(?)", row -> new Receipt(row.getLong(1), row.getString(2), Sql.instant(row, 3),
                        row.getTimestamp(4) != null), Sql.bigintArray(ids))) {
            out.put(r.id(), r);
        }
        return out;
    }

    /** Marks {@code ids} acknowledged at {@code at}, in one statement; the first acknowledgement stays. */
    public int acknowledge(List<Long> ids, Instant at) {
        if (ids.isEmpty()) {
            return 0;
        }
        return Sql.update(dataSource, ACK, "update notifications set acknowledged_at = ? where id = any(?)"
                + " and acknowledged_at is null", at, Sql.bigintArray(ids));
    }

    /**
     * Unacknowledged high- and critical-priority notifications stored between {@code from} and
     * {@code until} whose fallback is not decided yet, oldest first (the index
     * {@code notifications_unacknowledged_idx} serves the range).
     */
    public List<Due> due(Instant from, Instant until, int limit) {
        return Sql.list(dataSource, FALLBACK, "select n.id, n.user_id, n.notification_type, q.priority,"
                + " q.notification_key, q.model, n.created_at from notifications n join notification_queue q"
                + " on q.id = n.queue_id where n.fallback_at is null and n.acknowledged_at is null"
                + " and n.created_at >= ? and n.created_at <= ? and q.priority in ('high', 'critical')"
                + " order by n.created_at, n.id fetch first ? rows only",
                row -> new Due(row.getLong(1), row.getString(2), row.getString(3), row.getString(4), row.getString(5),
                        row.getString(6), Sql.instant(row, 7)), from, until, limit);
    }

    /**
     * Takes the decision about one notification's fallback: true for exactly one caller in the
     * cluster, and only while the notification is still unacknowledged.
     */
    public boolean claim(long id, Instant at) {
        return Sql.update(dataSource, FALLBACK, "update notifications set fallback_at = ? where id = ?"
                + " and fallback_at is null and acknowledged_at is null", at, id) == 1;
    }

    /** Gives a claimed decision back (queuing the push failed): the next run decides again. */
    public void release(long id) {
        Sql.update(dataSource, FALLBACK, "update notifications set fallback_at = null where id = ?"
                + " and fallback_queue_id is null", id);
    }

    /** The outbox row of the fallback push. */
    public void recordPush(long id, long queueId) {
        Sql.update(dataSource, FALLBACK, "update notifications set fallback_queue_id = ? where id = ?", queueId, id);
    }

    /** Why the decision went as it did ({@link PushFallback.Outcome#tag()}), for operators. */
    public void recordOutcome(long id, String outcome) {
        Sql.update(dataSource, FALLBACK, "update notifications set fallback_outcome = ? where id = ?", outcome, id);
    }

    /** The outbox row with this idempotency key, if one was written. */
    public Optional<Long> queueId(String idempotencyKey) {
        return Sql.first(dataSource, FALLBACK, "select id from notification_queue where idempotency_key = ?",
                row -> row.getLong(1), idempotencyKey);
    }

    /**
     * True when the same notification already went, or is still going, by push (its intent asked for
     * push and in-app): the push it would fall back to is already there.
     */
    public boolean pushedAlready(String notificationKey) {
        return Sql.first(dataSource, FALLBACK, "select count(*) from notification_queue where notification_key = ?"
                + " and channel = 'push' and status in ('pending', 'sent')", row -> row.getLong(1), notificationKey)
                .orElse(0L) > 0;
    }
}
