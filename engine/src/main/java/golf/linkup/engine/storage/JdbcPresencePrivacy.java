package golf.linkup.engine.storage;

import javax.sql.DataSource;

/** {@link PresencePrivacy} in {@code presence_settings}: an update, else an insert (one row per user). */
public final class JdbcPresencePrivacy implements PresencePrivacy {

    private final DataSource db;

    public JdbcPresencePrivacy(DataSource db) {
        this.db = db;
    }

    @Override
    public boolean isHidden(String userId) {
        return Sql.first(db, "read the presence setting of " + userId,
                "select visible from presence_settings where user_id = ?", rs -> !rs.getBoolean(1), userId)
                .orElse(false);
    }

    @Override
    public void setHidden(String userId, boolean hidden) {
        String what = "store the presence setting of " + userId;
        if (Sql.update(db, what, "update presence_settings set visible = ?, updated_at = current_timestamp"
                + " where user_id = ?", !hidden, userId) > 0) {
            return;
        }
        Sql.update(db, what, "insert into presence_settings (user_id, visible) values (?, ?)", userId, !hidden);
    }
}
