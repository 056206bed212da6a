package golf.linkup.engine.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/** {@link PresencePrivacy} in {@code presence_settings}: an update, else an insert (one row per user). */
public final class JdbcPresencePrivacy implements PresencePrivacy {

    private final DataSource db;

    public JdbcPresencePrivacy(DataSource db) {
        this.db = db;
    }

    @Override
    public boolean isHidden(String userId) {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("select visible from presence_settings where user_id = ?")) {
            ps.setString(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && !rs.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new StorageException("cannot read the presence setting of " + userId, e);
        }
    }

    @Override
    public void setHidden(String userId, boolean hidden) {
        try (Connection c = db.getConnection()) {
            try (PreparedStatement up = c.prepareStatement(
                    "update presence_settings set visible = ?, updated_at = current_timestamp where user_id = ?")) {
                up.setBoolean(1, !hidden);
                up.setString(2, userId);
                if (up.executeUpdate() > 0) {
                    return;
                }
            }
            try (PreparedStatement in = c.prepareStatement(
                    "insert into presence_settings (user_id, visible) values (?, ?)")) {
                in.setString(1, userId);
                in.setBoolean(2, !hidden);
                in.executeUpdate();
            }
        } catch (SQLException e) {
            throw new StorageException("cannot store the presence setting of " + userId, e);
        }
    }
}
