package golf.linkup.engine.notifications.outbox;

import golf.linkup.engine.notifications.Channel;
import golf.linkup.engine.notifications.NotificationType;
import golf.linkup.engine.notifications.Priority;
import golf.linkup.engine.storage.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
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

    /** Candidate rows read per row a claim wants (see {@link #claimDue}). */
    static final int CANDIDATES_PER_ROW = 2;

    private final DataSource dataSource;

    public JdbcOutboxStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public boolean enqueue(OutboxRow r) {
        String sql = "insert into notification_queue (idempotency_key, notification_key, user_id, notification_type,"
                + " channel, title, body, html, data, model, locale, priority, priority_rank, batch_key, batch_count,"
                + " scheduled_for, status, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, r.idempotencyKey());
            ps.setString(2, r.notificationKey());
            ps.setString(3, r.userId());
            ps.setString(4, r.type().key());
            ps.setString(5, r.channel().key());
            ps.setString(6, cut(r.title(), 255));
            ps.setString(7, cut(r.body(), 4000));
            ps.setString(8, r.html());
            ps.setString(9, r.data());
            ps.setString(10, r.model());
            ps.setString(11, r.locale());
            ps.setString(12, r.priority().name().toLowerCase(Locale.ROOT));
            ps.setInt(13, r.priority().rank());
            ps.setString(14, r.batchKey());
            ps.setInt(15, r.batchCount());
            ps.setObject(16, utc(r.scheduledFor()));
            ps.setObject(17, utc(r.createdAt()));
            ps.executeUpdate();
            return true;
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                return false;
            }
            throw new StorageException("cannot enqueue " + r.idempotencyKey(), e);
        }
    }

    @Override
    public boolean contains(String idempotencyKey) {
        return count("select count(*) from notification_queue where idempotency_key = ?",
                ps -> ps.setString(1, idempotencyKey)) > 0;
    }

    @Override
    public Optional<OutboxRow> heldBatch(String batchKey, Channel channel, Instant now) {
        return query("select " + COLUMNS + " from notification_queue where batch_key = ? and channel = ?"
                + " and status = 'pending' and claimed_by is null and scheduled_for > ? order by id fetch first 1 rows only",
                ps -> {
                    ps.setString(1, batchKey);
                    ps.setString(2, channel.key());
                    ps.setObject(3, utc(now));
                }).stream().findFirst();
    }

    @Override
    public boolean batchStartedSince(String batchKey, Channel channel, Instant since) {
        return count("select count(*) from notification_queue where batch_key = ? and channel = ? and created_at >= ?",
                ps -> {
                    ps.setString(1, batchKey);
                    ps.setString(2, channel.key());
                    ps.setObject(3, utc(since));
                }) > 0;
    }

    @Override
    public void updateBatch(long id, int count, String title, String body, String html, String data, String model) {
        update("update notification_queue set batch_count = ?, title = ?, body = ?, html = ?, data = ?, model = ?"
                + " where id = ? and status = 'pending' and claimed_by is null", ps -> {
                    ps.setInt(1, count);
                    ps.setString(2, cut(title, 255));
                    ps.setString(3, cut(body, 4000));
                    ps.setString(4, html);
                    ps.setString(5, data);
                    ps.setString(6, model);
                    ps.setLong(7, id);
                });
    }

    /** SQL list of the transactional types' keys: they never count towards the frequency limits. */
    private static final String TRANSACTIONAL_TYPES = java.util.Arrays.stream(NotificationType.values())
            .filter(NotificationType::transactional).map(t -> "'" + t.key() + "'")
            .collect(java.util.stream.Collectors.joining(", "));

    @Override
    public int interruptingCountSince(String userId, NotificationType type, Instant since) {
        return (int) count("select count(distinct notification_key) from notification_queue where user_id = ?"
                + " and channel in ('push', 'email') and priority <> 'critical' and created_at >= ?"
                + " and notification_type not in (" + TRANSACTIONAL_TYPES + ")"
                + (type == null ? "" : " and notification_type = ?"), ps -> {
                    ps.setString(1, userId);
                    ps.setObject(2, utc(since));
                    if (type != null) {
                        ps.setString(3, type.key());
                    }
                });
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
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<Long> ids = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement(candidates)) {
                    ps.setString(1, channel.key());
                    ps.setObject(2, utc(now));
                    ps.setObject(3, utc(now));
                    ps.setInt(4, (int) Math.min(Integer.MAX_VALUE, (long) limit * CANDIDATES_PER_ROW));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            ids.add(rs.getLong(1));
                        }
                    }
                }
                List<OutboxRow> rows = new ArrayList<>();
                if (!ids.isEmpty()) {
                    try (PreparedStatement ps = c.prepareStatement(lock)) {
                        ps.setArray(1, c.createArrayOf("bigint", ids.toArray()));
                        ps.setObject(2, utc(now));
                        ps.setObject(3, utc(now));
                        ps.setInt(4, limit);
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                rows.add(row(rs));
                            }
                        }
                    }
                }
                if (!rows.isEmpty()) {
                    try (PreparedStatement ps = c.prepareStatement(
                            "update notification_queue set claimed_by = ?, claimed_until = ? where id = any(?)")) {
                        ps.setString(1, claimant);
                        ps.setObject(2, utc(now.plus(lease)));
                        ps.setArray(3, c.createArrayOf("bigint", rows.stream().map(OutboxRow::id).toArray()));
                        ps.executeUpdate();
                    }
                }
                c.commit();
                return rows;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StorageException("cannot claim " + channel.key() + " notifications", e);
        }
    }

    @Override
    public void markSent(long id, Instant at) {
        update(MARK_SENT, ps -> bindMarkSent(ps, id, at));
    }

    /** {@inheritDoc} One connection, both statements, one commit. */
    @Override
    public void markSentAndLog(OutboxRow row, int attempt, String providerResponse, long latencyMillis, Instant at) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement log = c.prepareStatement(LOG_ATTEMPT);
                    PreparedStatement mark = c.prepareStatement(MARK_SENT)) {
                bindLog(log, row.id(), row.userId(), row.type(), row.channel(), attempt, "SENT", providerResponse,
                        latencyMillis);
                log.executeUpdate();
                bindMarkSent(mark, row.id(), at);
                mark.executeUpdate();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StorageException("cannot mark notification " + row.id() + " sent", e);
        }
    }

    private static void bindMarkSent(PreparedStatement ps, long id, Instant at) throws SQLException {
        ps.setObject(1, utc(at));
        ps.setLong(2, id);
    }

    @Override
    public void markRetry(long id, int retryCount, Instant next, String error) {
        update("update notification_queue set retry_count = ?, scheduled_for = ?, error_message = ?,"
                + " claimed_by = null, claimed_until = null where id = ?", ps -> {
                    ps.setInt(1, retryCount);
                    ps.setObject(2, utc(next));
                    ps.setString(3, cut(error, 2000));
                    ps.setLong(4, id);
                });
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
        return update("update notification_queue set status = 'pending', scheduled_for = ?, claimed_by = null,"
                + " claimed_until = null where id = ? and status in ('failed', 'cancelled')", ps -> {
                    ps.setObject(1, utc(now));
                    ps.setLong(2, id);
                }) == 1;
    }

    @Override
    public void logAttempt(long queueId, String userId, NotificationType type, Channel channel, int attempt,
            String outcome, String providerResponse, long latencyMillis) {
        update(LOG_ATTEMPT, ps -> bindLog(ps, queueId, userId, type, channel, attempt, outcome, providerResponse,
                latencyMillis));
    }

    private static void bindLog(PreparedStatement ps, long queueId, String userId, NotificationType type,
            Channel channel, int attempt, String outcome, String providerResponse, long latencyMillis)
            throws SQLException {
        ps.setLong(1, queueId);
        ps.setString(2, userId);
        ps.setString(3, type.key());
        ps.setString(4, channel.key());
        ps.setInt(5, attempt);
        ps.setString(6, outcome);
        ps.setString(7, cut(providerResponse, 2000));
        ps.setLong(8, latencyMillis);
        ps.setObject(9, OffsetDateTime.now(ZoneOffset.UTC));
    }

    @Override
    public boolean attemptUnfinished(long queueId, int attempt) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select sum(case when outcome = 'STARTED' then 1 else 0 end),"
                        + " sum(case when outcome <> 'STARTED' then 1 else 0 end)"
                        + " from notification_log where queue_id = ? and attempt = ?")) {
            ps.setLong(1, queueId);
            ps.setInt(2, attempt);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0 && rs.getLong(2) == 0;
            }
        } catch (SQLException e) {
            throw new StorageException("cannot read the attempts of notification " + queueId, e);
        }
    }

    @Override
    public Map<String, Long> depth() {
        Map<String, Long> depth = new TreeMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select channel, status, count(*) from notification_queue group by channel, status");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                depth.put(rs.getString(1) + "/" + rs.getString(2), rs.getLong(3));
            }
            return depth;
        } catch (SQLException e) {
            throw new StorageException("cannot read the outbox depth", e);
        }
    }

    @Override
    public Optional<Duration> oldestDueAge(Instant now) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select min(scheduled_for) from notification_queue where status = 'pending' and scheduled_for <= ?")) {
            ps.setObject(1, utc(now));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                OffsetDateTime oldest = rs.getObject(1, OffsetDateTime.class);
                return oldest == null ? Optional.empty() : Optional.of(Duration.between(oldest.toInstant(), now));
            }
        } catch (SQLException e) {
            throw new StorageException("cannot read the oldest due notification", e);
        }
    }

    @Override
    public Optional<OutboxRow> find(long id) {
        return query("select " + COLUMNS + " from notification_queue where id = ?", ps -> ps.setLong(1, id))
                .stream().findFirst();
    }

    @Override
    public List<OutboxRow> forUser(String userId) {
        return query("select " + COLUMNS + " from notification_queue where user_id = ? order by id",
                ps -> ps.setString(1, userId));
    }

    private void close(long id, String status, String reason) {
        update("update notification_queue set status = ?, error_message = ?, claimed_by = null, claimed_until = null"
                + " where id = ?", ps -> {
                    ps.setString(1, status);
                    ps.setString(2, cut(reason, 2000));
                    ps.setLong(3, id);
                });
    }

    private static OutboxRow row(ResultSet rs) throws SQLException {
        return new OutboxRow(rs.getLong("id"), rs.getString("idempotency_key"), rs.getString("notification_key"),
                rs.getString("user_id"), NotificationType.fromKey(rs.getString("notification_type")).orElseThrow(),
                Channel.valueOf(rs.getString("channel").toUpperCase(Locale.ROOT)), rs.getString("title"),
                rs.getString("body"), rs.getString("html"), rs.getString("data"), rs.getString("model"),
                rs.getString("locale"), Priority.valueOf(rs.getString("priority").toUpperCase(Locale.ROOT)),
                rs.getString("batch_key"), rs.getInt("batch_count"),
                rs.getObject("scheduled_for", OffsetDateTime.class).toInstant(), rs.getString("status"),
                rs.getInt("retry_count"), rs.getString("error_message"), rs.getString("claimed_by"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private List<OutboxRow> query(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            List<OutboxRow> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StorageException("outbox query failed", e);
        }
    }

    private long count(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new StorageException("outbox count failed", e);
        }
    }

    private int update(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StorageException("outbox update failed", e);
        }
    }

    private static OffsetDateTime utc(Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
