package golf.linkup.engine.storage;

import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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

    /** One query per 500 users (a reconnect storm's batch), not one per connection. */
    @Override
    public Set<String> hiddenAmong(Collection<String> userIds) {
        Set<String> hidden = new HashSet<>();
        List<String> ids = List.copyOf(new LinkedHashSet<>(userIds));
        for (int from = 0; from < ids.size(); from += 500) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            hidden.addAll(Sql.list(db, "read the presence settings of " + chunk.size() + " users",
                    "select user_id from presence_settings where visible = false and user_id in ("
                            + String.join(",", Collections.nCopies(chunk.size(), "?")) + ")",
                    rs -> rs.getString(1), chunk.toArray()));
        }
        return hidden;
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
