package golf.linkup.engine.storage;

import golf.linkup.engine.events.PersonSnapshot;
import golf.linkup.engine.events.TeeTimeSnapshot;
import golf.linkup.engine.events.TeeTimeSnapshot.CourseSnapshot;
import java.time.ZoneId;
import java.util.Optional;
import javax.sql.DataSource;

/** {@link TeeTimeDirectory} over the shared schema; portable SQL for H2 and PostgreSQL. */
public final class JdbcTeeTimeDirectory implements TeeTimeDirectory {

    private static final String TEE_TIME_SQL = """
            select t.id, t.starts_at, t.industry, t.open_to_all, t.skill_level, t.total_slots, t.status,
                   (select count(*) from tee_time_slots s where s.tee_time_id = t.id) as taken,
                   c.id as course_id, c.name as course_name, c.city, c.country, c.lat, c.lng, c.time_zone,
                   h.id as host_id, h.name as host_name, h.company as host_company, h.industry as host_industry
              from tee_times t
              join courses c on c.id = t.course_id
              join users h on h.id = t.host_id
             where t.id = ?""";

    private static final String ROUTING_SQL = """
            select t.industry, t.open_to_all, t.total_slots, c.lat, c.lng,
                   (select count(*) from tee_time_slots s where s.tee_time_id = t.id) as taken
              from tee_times t join courses c on c.id = t.course_id
             where t.id = ?""";

    private static final String PERSON_SQL = "select id, name, company, industry from users where id = ?";

    private final DataSource dataSource;

    public JdbcTeeTimeDirectory(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Optional<TeeTimeSnapshot> findTeeTime(String teeTimeId) {
        return Sql.first(dataSource, "read tee time " + teeTimeId, TEE_TIME_SQL, rs -> {
            int total = rs.getInt("total_slots");
            var course = new CourseSnapshot(rs.getString("course_id"), rs.getString("course_name"),
                    rs.getString("city"), rs.getString("country"), rs.getDouble("lat"), rs.getDouble("lng"),
                    ZoneId.of(rs.getString("time_zone")));
            var host = new PersonSnapshot(rs.getString("host_id"), rs.getString("host_name"),
                    rs.getString("host_company"), rs.getString("host_industry"));
            return new TeeTimeSnapshot(rs.getString("id"), host, course, Sql.instant(rs, "starts_at"),
                    rs.getString("industry"), rs.getBoolean("open_to_all"), rs.getString("skill_level"), total,
                    Math.max(0, total - rs.getInt("taken")), rs.getString("status"));
        }, teeTimeId);
    }

    @Override
    public Optional<TeeTimeRouting> findRouting(String teeTimeId) {
        return Sql.first(dataSource, "read the routing of tee time " + teeTimeId, ROUTING_SQL,
                rs -> new TeeTimeRouting(teeTimeId, rs.getString("industry"), rs.getBoolean("open_to_all"),
                        rs.getDouble("lat"), rs.getDouble("lng"),
                        Math.max(0, rs.getInt("total_slots") - rs.getInt("taken"))), teeTimeId);
    }

    @Override
    public Optional<PersonSnapshot> findPerson(String userId) {
        return Sql.first(dataSource, "read user " + userId, PERSON_SQL, rs -> new PersonSnapshot(rs.getString("id"),
                rs.getString("name"), rs.getString("company"), rs.getString("industry")), userId);
    }
}
