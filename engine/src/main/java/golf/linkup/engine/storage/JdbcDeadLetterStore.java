package golf.linkup.engine.storage;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;

/** {@link DeadLetterStore} in the {@code dead_letters} table. Over-long fields are cut, never refused. */
public final class JdbcDeadLetterStore implements DeadLetterStore {

    static final int MAX_PAYLOAD = 1_000_000;

    private final DataSource dataSource;

    public JdbcDeadLetterStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public long record(String source, String eventId, String eventType, String reasonCode, String reason,
            String payload) {
        return Sql.insertReturningKey(dataSource, "store a dead letter (" + reasonCode + ")",
                "insert into dead_letters (source, event_id, event_type, reason_code, reason, payload, received_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?)", "id", text(source, 80), text(eventId, 200),
                text(eventType, 80), text(reasonCode, 60), text(reason == null ? "" : reason, 2000),
                text(payload == null ? "" : payload, MAX_PAYLOAD), OffsetDateTime.now(ZoneOffset.UTC));
    }

    @Override
    public long recordOnce(String intakeKey, String source, String eventId, String eventType, String reasonCode,
            String reason, String payload) {
        try {
            return Sql.insertReturningKey(dataSource, "store a dead letter (" + reasonCode + ")",
                    "insert into dead_letters (intake_key, source, event_id, event_type, reason_code, reason, payload,"
                            + " received_at) values (?, ?, ?, ?, ?, ?, ?, ?)", "id", text(intakeKey, 200),
                    text(source, 80), text(eventId, 200), text(eventType, 80), text(reasonCode, 60),
                    text(reason == null ? "" : reason, 2000), text(payload == null ? "" : payload, MAX_PAYLOAD),
                    OffsetDateTime.now(ZoneOffset.UTC));
        } catch (StorageException e) {
            if (!Sql.isUniqueViolation(e)) {
                throw e;
            }
            // recorded before (the entry was handed out again): that row is the one
            return Sql.first(dataSource, "read dead letter " + intakeKey,
                    "select id from dead_letters where intake_key = ?", rs -> rs.getLong(1), intakeKey).orElse(-1L);
        }
    }

    @Override
    public long count() {
        return Sql.first(dataSource, "count dead letters", "select count(*) from dead_letters", rs -> rs.getLong(1))
                .orElseThrow();
    }

    @Override
    public List<DeadLetter> recent(int limit) {
        return Sql.list(dataSource, "read dead letters", SELECT + " order by id desc fetch first ? rows only",
                JdbcDeadLetterStore::deadLetter, limit);
    }

    @Override
    public java.util.Optional<DeadLetter> find(long id) {
        return Sql.first(dataSource, "read dead letter " + id, SELECT + " where id = ?", JdbcDeadLetterStore::deadLetter,
                id);
    }

    private static final String SELECT = "select id, source, event_id, event_type, reason_code, reason, payload,"
            + " received_at from dead_letters";

    private static DeadLetter deadLetter(ResultSet rs) throws SQLException {
        return new DeadLetter(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), Sql.instant(rs, "received_at"));
    }

    /**
     * A value PostgreSQL will take: NUL (which it refuses in text) becomes U+FFFD, and over-long text is
     * cut. Applies to every field: event ids and types come from the publisher, reasons may quote them.
     */
    private static String text(String s, int max) {
        if (s == null) {
            return null;
        }
        String clean = s.replace('\u0000', '\uFFFD');
        return clean.length() <= max ? clean : clean.substring(0, max);
    }
}
