package golf.linkup.engine.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** {@link Participants} from {@code tee_times.host_id} and {@code tee_time_slots}; read on each call (subscribes are rare). */
public final class JdbcParticipants implements Participants {

    private static final String SQL = "select host_id as user_id, 0 as slot_number from tee_times where id = ?"
            + " union all select user_id, slot_number from tee_time_slots where tee_time_id = ? order by slot_number";

    private final DataSource db;

    public JdbcParticipants(DataSource db) {
        this.db = db;
    }

    @Override
    public List<String> of(String teeTimeId) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(SQL)) {
            ps.setString(1, teeTimeId);
            ps.setString(2, teeTimeId);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String user = rs.getString(1);
                    if (!out.contains(user)) {
                        out.add(user);
                    }
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StorageException("cannot read the participants of tee time " + teeTimeId, e);
        }
    }
}
