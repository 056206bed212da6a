package golf.linkup.engine.notifications.inapp;

import golf.linkup.engine.storage.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** A user's in-app notification centre: newest first, paged; read and seen marks. */
public final class NotificationCentre {

    /** One notification as the inbox shows it; {@code data} is JSON text. */
    public record Item(long id, String type, String title, String body, String data, Instant createdAt, Instant readAt) {
    }

    public record Page(List<Item> items, long unread, long total) {
    }

    private final DataSource dataSource;
    private final Clock clock;

    public NotificationCentre(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    public Page page(String userId, int page, int size) {
        try (Connection c = dataSource.getConnection()) {
            List<Item> items = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select id, notification_type, title, body, data, created_at,"
                    + " read_at from notifications where user_id = ? order by created_at desc, id desc"
                    + " offset ? rows fetch next ? rows only")) {
                ps.setString(1, userId);
                ps.setInt(2, page * size);
                ps.setInt(3, size);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        OffsetDateTime read = rs.getObject(7, OffsetDateTime.class);
                        items.add(new Item(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getObject(6, OffsetDateTime.class).toInstant(),
                                read == null ? null : read.toInstant()));
                    }
                }
            }
            return new Page(items, count(c, userId, " and read_at is null"), count(c, userId, ""));
        } catch (SQLException e) {
            throw new StorageException("cannot read the notifications of " + userId, e);
        }
    }

    /** Marks one of the user's notifications read; false when the user has no such notification. */
    public boolean markRead(String userId, long id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "update notifications set read_at = coalesce(read_at, ?), seen_at = coalesce(seen_at, ?)"
                        + " where id = ? and user_id = ?")) {
            OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
            ps.setObject(1, now);
            ps.setObject(2, now);
            ps.setLong(3, id);
            ps.setString(4, userId);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StorageException("cannot mark notification " + id + " read", e);
        }
    }

    private static long count(Connection c, String userId, String condition) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select count(*) from notifications where user_id = ?" + condition)) {
            ps.setString(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
