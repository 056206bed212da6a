package golf.linkup.engine.admin.followup;

import golf.linkup.engine.missed.MissedDigestStatus;
import golf.linkup.engine.notifications.NotificationType;
import golf.linkup.engine.storage.Sql;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * What operators see of the follow-ups after a socket: missed-message digests (pending in Redis,
 * queued and sent in the outbox) and in-app notifications' delivery receipts (delivered,
 * acknowledged, the push fallback). Reads only.
 */
public final class FollowUpAdmin {

    /** Tee times of a user looked at for pending digests (most recent starts first). */
    static final int TEE_TIMES = 50;
    /** Rows listed per user. */
    static final int ROWS = 50;

    /**
     * A {@code missed_messages} outbox row, with what its key says it counted: the last chat
     * message and the last room change (offsets in their rooms; 0: none).
     */
    public record DigestRow(long id, String userId, String teeTimeId, String channel, String status, String title,
            String error, Instant createdAt, Instant sentAt, long messagesThrough, long changesThrough) {
    }

    /**
     * An in-app notification with its receipt: {@code deliveredAt} when the row was written and sent
     * live, {@code acknowledgedAt} the first {@code ack} of any of the user's connections,
     * {@code fallbackAt} when the push fallback was decided and {@code fallbackQueueId} /
     * {@code fallbackStatus} its outbox row (null when none was queued), {@code fallbackOutcome} why
     * ({@code queued}, {@code no_device}, {@code suppressed}, {@code pushed_already}, {@code not_pushable}).
     */
    public record InAppReceipt(long id, String userId, String type, String title, Instant deliveredAt,
            Instant acknowledgedAt, Instant readAt, Instant fallbackAt, Long fallbackQueueId, String fallbackStatus,
            String fallbackOutcome, String notificationKey) {
    }

    /** One user's follow-ups; {@code missedTracked} false when digests are off on this engine. */
    public record UserFollowUp(boolean missedTracked, List<MissedDigestStatus.PendingRoom> missedPending,
            List<DigestRow> digests, List<InAppReceipt> inApp) {
    }

    /**
     * One participant and one message as the Inspector shows it.
     *
     * @param digest what a digest did about it: {@code due <time>}, {@code no look pending},
     *               {@code queued: email sent, push pending}, or empty when nothing is owed
     */
    public record Reader(String userId, String state, String digest, List<Long> digestIds) {
    }

    /** A chat message or room change and who has it unseen, with its digest. */
    public record MessageFollowUp(String teeTimeId, String room, String kind, long offset, boolean counted,
            Instant dueAt, List<Reader> readers) {
    }

    private final DataSource dataSource;
    private final Optional<MissedDigestStatus> missed;
    private final Clock clock;

    public FollowUpAdmin(DataSource dataSource, Optional<MissedDigestStatus> missed, Clock clock) {
        this.dataSource = dataSource;
        this.missed = missed;
        this.clock = clock;
    }

    public UserFollowUp user(String userId) {
        List<MissedDigestStatus.PendingRoom> pending = missed.map(m -> m.pending(userId, teeTimesOf(userId)))
                .orElse(List.of());
        return new UserFollowUp(missed.isPresent(), pending, digests("user_id = ?", userId), inApp(userId));
    }

    /** Who has the message of {@code eventId} in {@code room} unseen and what their digest did; empty when unknown. */
    public Optional<MessageFollowUp> message(String room, String eventId) {
        return missed.flatMap(m -> m.readers(room, eventId)).map(r -> {
            List<DigestRow> rows = digests("notification_key like ? escape '\\'", NotificationType.MISSED_MESSAGES.key() + ":"
                    + r.teeTimeId().replace("%", "\\%").replace("_", "\\_") + ":%");
            boolean chat = "messages".equals(r.kind());
            List<Reader> readers = new ArrayList<>();
            for (MissedDigestStatus.Reader p : r.readers()) {
                List<DigestRow> covering = rows.stream().filter(d -> d.userId().equals(p.userId())
                        && (chat ? d.messagesThrough() : d.changesThrough()) >= r.offset()).toList();
                String digest;
                if (!covering.isEmpty()) {
                    List<String> parts = new ArrayList<>();
                    covering.forEach(d -> parts.add(d.channel() + " " + d.status()));
                    digest = "digest #" + covering.get(covering.size() - 1).id() + ": " + String.join(", ", parts);
                } else if (!"unseen".equals(p.state()) || !r.counted()) {
                    digest = "";
                } else if (r.dueAt() != null) {
                    digest = "due " + r.dueAt();
                } else {
                    digest = "no look pending";
                }
                readers.add(new Reader(p.userId(), p.state(), digest, covering.stream().map(DigestRow::id).toList()));
            }
            return new MessageFollowUp(r.teeTimeId(), r.room(), r.kind(), r.offset(), r.counted(), r.dueAt(), readers);
        });
    }

    /** The receipts of in-app notifications by id (for the Inspector's in-app rows). */
    public List<InAppReceipt> receipts(List<Long> notificationIds) {
        if (notificationIds.isEmpty()) {
            return List.of();
        }
        return Sql.list(dataSource, "read in-app receipts", RECEIPTS + " where n.id = any(?) order by n.id",
                FollowUpAdmin::receipt, Sql.bigintArray(notificationIds));
    }

    private static final String RECEIPTS = "select n.id, n.user_id, n.notification_type, n.title, n.created_at,"
            + " n.acknowledged_at, n.read_at, n.fallback_at, n.fallback_queue_id, f.status, q.notification_key,"
            + " n.fallback_outcome"
            + " from notifications n left join notification_queue f on f.id = n.fallback_queue_id"
            + " left join notification_queue q on q.id = n.queue_id";

    private List<InAppReceipt> inApp(String userId) {
        return Sql.list(dataSource, "read the in-app receipts of " + userId, RECEIPTS
                + " where n.user_id = ? order by n.created_at desc, n.id desc fetch first " + ROWS + " rows only",
                FollowUpAdmin::receipt, userId);
    }

    private static InAppReceipt receipt(java.sql.ResultSet rs) throws java.sql.SQLException {
        long fallback = rs.getLong(9);
        Long fallbackId = rs.wasNull() ? null : fallback; // read at once: wasNull is about the last column read
        return new InAppReceipt(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                Sql.instant(rs, 5), Sql.instant(rs, 6), Sql.instant(rs, 7), Sql.instant(rs, 8), fallbackId,
                rs.getString(10), rs.getString(12), rs.getString(11));
    }

    private List<DigestRow> digests(String where, String value) {
        return Sql.list(dataSource, "read missed-message digests", "select id, user_id, notification_key, channel,"
                + " status, title, error_message, created_at, sent_at from notification_queue"
                + " where notification_type = ? and " + where + " order by id desc fetch first " + ROWS + " rows only",
                rs -> {
                    String[] key = rs.getString(3).split(":");
                    return new DigestRow(rs.getLong(1), rs.getString(2), key.length > 1 ? key[1] : "",
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), Sql.instant(rs, 8),
                            Sql.instant(rs, 9), offset(key, 3), offset(key, 4));
                }, NotificationType.MISSED_MESSAGES.key(), value);
    }

    /** The user's tee times (host or player) that start after a day ago, soonest first. */
    private List<String> teeTimesOf(String userId) {
        Instant since = clock.instant().minusSeconds(86_400);
        return Sql.list(dataSource, "read the tee times of " + userId, "select id, starts_at from tee_times"
                + " where starts_at > ? and (host_id = ? or id in (select tee_time_id from tee_time_slots where user_id = ?))"
                + " order by starts_at fetch first " + TEE_TIMES + " rows only", rs -> rs.getString(1), since, userId,
                userId);
    }

    private static long offset(String[] key, int at) {
        try {
            return key.length > at ? Long.parseLong(key[at]) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
