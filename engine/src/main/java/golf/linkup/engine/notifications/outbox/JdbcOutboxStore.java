package golf.linkup.engine.notifications.outbox;

import golf.linkup.engine.notifications.Channel;
import golf.linkup.engine.notifications.NotificationType;
import golf.linkup.engine.notifications.Priority;
import golf.linkup.engine.storage.Sql;
import golf.linkup.engine.storage.StorageException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;

/** {@link OutboxStore} on {@code notification_queue}; the same SQL runs on H2 2.x and PostgreSQL. */
public final class JdbcOutboxStore implements OutboxStore {

    private static final String COLUMNS = "id, idempotency_key, notification_key, user_id, notification_type, channel,"
            + " title, body, html, data, model, locale, priority, batch_key, batch_count, scheduled_for, status,"
            + " retry_count, error_message, claimed_by, created_at";

    private static final String MARK_SENT = "update notification_queue set status = 'sent', sent_at = ?,"
            + " claimed_by = null, claimed_until = null, error_message = null where id = ?";

    private static final String LOG_ATTEMPT = "insert into notification_log (queue_id, user_id, notification_type,"
            + " channel, attempt, outcome, provider_response, latency_ms, attempted_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private static final String RETRY = "update notification_queue set retry_count = ?, scheduled_for = ?,"
            + " error_message = ?, claimed_by = null, claimed_until = null where id = ?";

    private static final String CLOSE = "update notification_queue set status = ?, error_message = ?, claimed_by = null,"
            + " claimed_until = null where id = ?";

    /** Candidate rows read per row a claim wants (see {@link #claimDue}). */
    static final int CANDIDATES_PER_ROW = 2;

    private static final String READ = "read the outbox";
    private static final String UPDATE = "update the outbox";

    private final DataSource dataSource;

    public JdbcOutboxStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public boolean enqueue(OutboxRow r) {
        try {
            Sql.update(dataSource, "enqueue " + r.idempotencyKey(), "insert into notification_queue (idempotency_key,"
                    + " notification_key, user_id, notification_type, channel, title, body, html, data, model, locale,"
                    + " priority, priority_rank, batch_key, batch_count, scheduled_for, status, created_at)"
                    + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?)", r.idempotencyKey(),
                    r.notificationKey(), r.userId(), r.type().key(), r.channel().key(), cut(r.title(), 255),
                    cut(r.body(), 4000), r.html(), r.data(), r.model(), r.locale(),
                    r.priority().name().toLowerCase(Locale.ROOT), r.priority().rank(), r.batchKey(), r.batchCount(),
                    r.scheduledFor(), r.createdAt());
            return true;
        } catch (StorageException e) {
            if (Sql.isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public boolean contains(String idempotencyKey) {
        return count("select count(*) from notification_queue where idempotency_key = ?", idempotencyKey) > 0;
    }

    @Override
    public Optional<OutboxRow> heldBatch(String batchKey, Channel channel, Instant now) {
        return Sql.first(dataSource, READ, "select " + COLUMNS + " from notification_queue where batch_key = ?"
                + " and channel = ? and status = 'pending' and claimed_by is null and scheduled_for > ?"
                + " order by id fetch first 1 rows only", JdbcOutboxStore::row, batchKey, channel.key(), now);
    }

    @Override
    public boolean batchStartedSince(String batchKey, Channel channel, Instant since) {
        return count("select count(*) from notification_queue where batch_key = ? and channel = ? and created_at >= ?",
                batchKey, channel.key(), since) > 0;
    }

    @Override
    public void updateBatch(long id, int count, String title, String body, String html, String data, String model) {
        Sql.update(dataSource, UPDATE, "update notification_queue set batch_count = ?, title = ?, body = ?, html = ?,"
                + " data = ?, model = ? where id = ? and status = 'pending' and claimed_by is null", count,
                cut(title, 255), cut(body, 4000), html, data, model, id);
    }

    /** SQL list of the transactional types' keys: they never count towards the frequency limits. */
    private static final String TRANSACTIONAL_TYPES = java.util.Arrays.stream(NotificationType.values())
            .filter(NotificationType::transactional).map(t -> "'" + t.key() + "'")
            .collect(java.util.stream.Collectors.joining(", "));

    @Override
    public int interruptingCountSince(String userId, NotificationType type, Instant since) {
        String sql = "select count(distinct notification_key) from notification_queue where user_id = ?"
                + " and channel in ('push', 'email') and priority <> 'critical' and created_at >= ?"
                + " and notification_type not in (" + TRANSACTIONAL_TYPES + ")"
                + (type == null ? "" : " and notification_type = ?");
        return (int) (type == null ? count(sql, userId, since) : count(sql, userId, since, type.key()));
    }

    /**
     * {@inheritDoc}
     *
     * <p>The rows returned carry the PREVIOUS claimant in {@code claimedBy}: non-null means an
     * earlier attempt was interrupted (its lease ran out), which the e-mail channel must not repeat.
     *
     * <p>Three statements in one transaction: the ids of the first candidates in claim order
     * ({@link #CANDIDATES_PER_ROW} per wanted row, read without locks from
     * {@code notification_queue_claim_idx}, so the cost does not grow with the depth of the queue);
     * those of them still due and unclaimed, locked with SKIP LOCKED, up to {@code limit}; then one
     * UPDATE that leases them. Only candidates are locked on purpose: H2's {@code FOR UPDATE} locks
     * every row its WHERE clause matches before ORDER BY and FETCH apply, so the plain
     * {@code ... order by ... fetch first n rows only for update skip locked} locks the whole due queue
     * there, takes time in proportion to its depth and leaves a concurrent claimant nothing. The extra
     * candidates let a claimant racing another still fill its batch from the rows the other has not
     * locked. The ids travel as one array parameter ({@code id = any(?)}): a list of 400 parameters
     * gets a generic plan on PostgreSQL that walks the claim index instead of the primary key.
     */
    @Override
    public List<OutboxRow> claimDue(Channel channel, Instant now, int limit, String claimant, Duration lease) {
        // channel and status lead the ORDER BY so that H2 reads the index in order and stops early
        String candidates = "select id from notification_queue where channel = ? and status = 'pending'"
                + " and scheduled_for <= ? and (claimed_until is null or claimed_until < ?)"
                + " order by channel, status, priority_rank desc, scheduled_for, id fetch first ? rows only";
        // the conditions again: another claimant may have taken a candidate since
        String lock = "select " + COLUMNS + " from notification_queue where id = any(?) and status = 'pending'"
                + " and scheduled_for <= ? and (claimed_until is null or claimed_until < ?)"
                + " order by priority_rank desc, scheduled_for, id fetch first ? rows only for update skip locked";
        String what = "claim " + channel.key() + " notifications";
        return Sql.inTransaction(dataSource, what, c -> {
            List<Long> ids = Sql.list(c, what, candidates, rs -> rs.getLong(1), channel.key(), now, now,
                    (int) Math.min(Integer.MAX_VALUE, (long) limit * CANDIDATES_PER_ROW));
            List<OutboxRow> rows = ids.isEmpty() ? List.of()
                    : Sql.list(c, what, lock, JdbcOutboxStore::row, Sql.bigintArray(ids), now, now, limit);
            if (!rows.isEmpty()) {
                Sql.update(c, what, "update notification_queue set claimed_by = ?, claimed_until = ? where id = any(?)",
                        claimant, now.plus(lease), Sql.bigintArray(rows.stream().map(OutboxRow::id).toList()));
            }
            return rows;
        });
    }

    @Override
    public void markSent(long id, Instant at) {
        Sql.update(dataSource, UPDATE, MARK_SENT, at, id);
    }

    /** {@inheritDoc} One connection, both statements, one commit. */
    @Override
    public void markSentAndLog(OutboxRow row, int attempt, String providerResponse, long latencyMillis, Instant at) {
        String what = "mark notification " + row.id() + " sent";
        Sql.inTransaction(dataSource, what, c -> {
            Sql.update(c, what, LOG_ATTEMPT, logParams(row.id(), row.userId(), row.type(), row.channel(), attempt,
                    "SENT", providerResponse, latencyMillis));
            Sql.update(c, what, MARK_SENT, at, row.id());
            return null;
        });
    }

    /** {@inheritDoc} One transaction; the audit rows and the other marks as JDBC batches. */
    @Override
    public void settle(List<SettledRow> outcomes, Instant at,
            Sql.Transaction<List<SettledRow>, RuntimeException> alongside) {
        String what = "record the outcomes of a claim";
        Sql.inTransaction(dataSource, what, c -> {
            List<SettledRow> all = new ArrayList<>(outcomes);
            if (alongside != null) {
                all.addAll(alongside.run(c));
            }
            List<Object[]> logs = new ArrayList<>();
            List<Long> sent = new ArrayList<>();
            List<Object[]> closed = new ArrayList<>();
            List<Object[]> retried = new ArrayList<>();
            for (SettledRow s : all) {
                OutboxRow r = s.row();
                if (s.logOutcome() != null) {
                    logs.add(logParams(r.id(), r.userId(), r.type(), r.channel(), s.attempt(), s.logOutcome(),
                            s.response(), s.latencyMillis()));
                }
                if (s.isSent()) {
                    sent.add(r.id());
                } else if ("pending".equals(s.status())) {
                    retried.add(new Object[] {s.attempt(), s.retryAt(), cut(s.reason(), 2000), r.id()});
                } else {
                    closed.add(new Object[] {s.status(), cut(s.reason(), 2000), r.id()});
                }
            }
            Sql.batch(c, what, LOG_ATTEMPT, logs);
            if (!sent.isEmpty()) {
                Sql.update(c, what, "update notification_queue set status = 'sent', sent_at = ?, claimed_by = null,"
                        + " claimed_until = null, error_message = null where id = any(?)", at, Sql.bigintArray(sent));
            }
            Sql.batch(c, what, RETRY, retried);
            Sql.batch(c, what, CLOSE, closed);
            return null;
        });
    }

    @Override
    public void markRetry(long id, int retryCount, Instant next, String error) {
        Sql.update(dataSource, UPDATE, RETRY, retryCount, next, cut(error, 2000), id);
    }

    @Override
    public void markFailed(long id, String error) {
        close(id, "failed", error);
    }

    @Override
    public void markCancelled(long id, String reason) {
        close(id, "cancelled", reason);
    }

    @Override
    public boolean requeue(long id, Instant now) {
        return Sql.update(dataSource, UPDATE, "update notification_queue set status = 'pending', scheduled_for = ?,"
                + " claimed_by = null, claimed_until = null where id = ? and status in ('failed', 'cancelled')", now,
                id) == 1;
    }

    @Override
    public void logAttempt(long queueId, String userId, NotificationType type, Channel channel, int attempt,
            String outcome, String providerResponse, long latencyMillis) {
        Sql.update(dataSource, "log an attempt of notification " + queueId, LOG_ATTEMPT,
                logParams(queueId, userId, type, channel, attempt, outcome, providerResponse, latencyMillis));
    }

    private static Object[] logParams(long queueId, String userId, NotificationType type, Channel channel, int attempt,
            String outcome, String providerResponse, long latencyMillis) {
        return new Object[] {queueId, userId, type.key(), channel.key(), attempt, outcome, cut(providerResponse, 2000),
                latencyMillis, OffsetDateTime.now(ZoneOffset.UTC)};
    }

    @Override
    public boolean attemptUnfinished(long queueId, int attempt) {
        return Sql.first(dataSource, "read the attempts of notification " + queueId,
                "select sum(case when outcome = 'STARTED' then 1 else 0 end),"
                        + " sum(case when outcome <> 'STARTED' then 1 else 0 end)"
                        + " from notification_log where queue_id = ? and attempt = ?",
                rs -> rs.getLong(1) > 0 && rs.getLong(2) == 0, queueId, attempt).orElseThrow();
    }

    @Override
    public Map<String, Long> depth() {
        Map<String, Long> depth = new TreeMap<>();
        Sql.list(dataSource, "read the outbox depth",
                "select channel, status, count(*) from notification_queue group by channel, status",
                rs -> Map.entry(rs.getString(1) + "/" + rs.getString(2), rs.getLong(3)))
                .forEach(e -> depth.put(e.getKey(), e.getValue()));
        return depth;
    }

    @Override
    public Optional<Duration> oldestDueAge(Instant now) {
        return Sql.first(dataSource, "read the oldest due notification",
                "select min(scheduled_for) from notification_queue where status = 'pending' and scheduled_for <= ?",
                rs -> Sql.instant(rs, 1), now).map(oldest -> Duration.between(oldest, now));
    }

    @Override
    public Optional<OutboxRow> find(long id) {
        return Sql.first(dataSource, READ, "select " + COLUMNS + " from notification_queue where id = ?",
                JdbcOutboxStore::row, id);
    }

    @Override
    public List<OutboxRow> forUser(String userId) {
        return Sql.list(dataSource, READ, "select " + COLUMNS + " from notification_queue where user_id = ? order by id",
                JdbcOutboxStore::row, userId);
    }

    private void close(long id, String status, String reason) {
        Sql.update(dataSource, UPDATE, CLOSE, status, cut(reason, 2000), id);
    }

    private static OutboxRow row(ResultSet rs) throws SQLException {
        return new OutboxRow(rs.getLong("id"), rs.getString("idempotency_key"), rs.getString("notification_key"),
                rs.getString("user_id"), NotificationType.fromKey(rs.getString("notification_type")).orElseThrow(),
                Channel.valueOf(rs.getString("channel").toUpperCase(Locale.ROOT)), rs.getString("title"),
                rs.getString("body"), rs.getString("html"), rs.getString("data"), rs.getString("model"),
                rs.getString("locale"), Priority.valueOf(rs.getString("priority").toUpperCase(Locale.ROOT)),
                rs.getString("batch_key"), rs.getInt("batch_count"), Sql.instant(rs, "scheduled_for"),
                rs.getString("status"), rs.getInt("retry_count"), rs.getString("error_message"),
                rs.getString("claimed_by"), Sql.instant(rs, "created_at"));
    }

    private long count(String sql, Object... params) {
        return Sql.first(dataSource, "count outbox rows", sql, rs -> rs.getLong(1), params).orElseThrow();
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
