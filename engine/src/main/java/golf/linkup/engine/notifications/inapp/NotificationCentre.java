package golf.linkup.engine.notifications.inapp;

import golf.linkup.engine.storage.Sql;
import java.time.Clock;
import java.time.Instant;
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
        String what = "read the notifications of " + userId;
        List<Item> items = Sql.list(dataSource, what, "select id, notification_type, title, body, data, created_at,"
                + " read_at from notifications where user_id = ? order by created_at desc, id desc"
                + " offset ? rows fetch next ? rows only",
                rs -> new Item(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        Sql.instant(rs, 6), Sql.instant(rs, 7)), userId, page * size, size);
        return new Page(items, count(what, userId, " and read_at is null"), count(what, userId, ""));
    }

    /** Marks one of the user's notifications read; false when the user has no such notification. */
    public boolean markRead(String userId, long id) {
        Instant now = clock.instant();
        return Sql.update(dataSource, "mark notification " + id + " read",
                "update notifications set read_at = coalesce(read_at, ?), seen_at = coalesce(seen_at, ?)"
                        + " where id = ? and user_id = ?", now, now, id, userId) == 1;
    }

    private long count(String what, String userId, String condition) {
        return Sql.first(dataSource, what, "select count(*) from notifications where user_id = ?" + condition,
                rs -> rs.getLong(1), userId).orElseThrow();
    }
}
