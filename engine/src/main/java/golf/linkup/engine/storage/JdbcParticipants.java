package golf.linkup.engine.storage;

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
        List<String> out = new ArrayList<>();
        for (String user : Sql.list(db, "read the participants of tee time " + teeTimeId, SQL, rs -> rs.getString(1),
                teeTimeId, teeTimeId)) {
            if (!out.contains(user)) {
                out.add(user);
            }
        }
        return out;
    }
}
