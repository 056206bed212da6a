package golf.linkup.engine.storage;

import golf.linkup.engine.domain.Course;
import golf.linkup.engine.domain.GeoPoint;
import golf.linkup.engine.domain.Industry;
import golf.linkup.engine.domain.SkillLevel;
import golf.linkup.engine.domain.TeeTime;
import golf.linkup.engine.domain.TeeTimeStatus;
import golf.linkup.engine.domain.User;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/** {@link MatchingStore} over the shared schema (V1, V2); portable SQL for H2 and PostgreSQL. */
public final class JdbcMatchingStore implements MatchingStore {

    private static final String USER_COLUMNS = "id, name, email, company, industry, city, lat, lng, skill_level, rating,"
            + " completed_tee_times, time_zone, locale";

    private static final String TEE_TIME_SQL = """
            select t.id as tee_time_id, t.host_id, t.course_id, t.starts_at, t.industry as tee_time_industry,
                   t.open_to_all, t.skill_level as tee_time_skill, t.total_slots, t.status,
                   c.name as course_name, c.city as course_city, c.country, c.lat as course_lat,
                   c.lng as course_lng, c.time_zone as course_zone,
                   h.id, h.name, h.email, h.company, h.industry, h.city, h.lat, h.lng, h.skill_level, h.rating,
                   h.completed_tee_times, h.time_zone, h.locale
              from tee_times t join courses c on c.id = t.course_id join users h on h.id = t.host_id
            """;

    private final DataSource dataSource;

    public JdbcMatchingStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public List<User> allUsers() {
        return query("select " + USER_COLUMNS + " from users", ps -> { }, JdbcMatchingStore::user);
    }

    @Override
    public Optional<User> findUser(String userId) {
        return query("select " + USER_COLUMNS + " from users where id = ?", ps -> ps.setString(1, userId),
                JdbcMatchingStore::user).stream().findFirst();
    }

    @Override
    public List<String[]> allConnections() {
        return query("select user_id, other_user_id from user_connections where user_id < other_user_id",
                ps -> { }, rs -> new String[] {rs.getString(1), rs.getString(2)});
    }

    @Override
    public List<MatchableTeeTime> upcomingTeeTimes(Instant now) {
        List<Row> rows = query(TEE_TIME_SQL + " where t.status in ('OPEN', 'FULL') and t.starts_at > ?",
                ps -> ps.setObject(1, OffsetDateTime.ofInstant(now, ZoneOffset.UTC)), Row::of);
        Map<String, List<String>> players = new HashMap<>();
        query("select s.tee_time_id, s.user_id from tee_time_slots s join tee_times t on t.id = s.tee_time_id"
                        + " where t.status in ('OPEN', 'FULL') and t.starts_at > ? order by s.tee_time_id, s.slot_number",
                ps -> ps.setObject(1, OffsetDateTime.ofInstant(now, ZoneOffset.UTC)),
                rs -> players.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2)));
        return rows.stream().map(r -> r.matchable(players.getOrDefault(r.teeTime.id(), List.of()))).toList();
    }

    @Override
    public Optional<MatchableTeeTime> findTeeTime(String teeTimeId) {
        return query(TEE_TIME_SQL + " where t.id = ?", ps -> ps.setString(1, teeTimeId), Row::of).stream()
                .findFirst()
                .map(r -> r.matchable(query("select user_id from tee_time_slots where tee_time_id = ? order by slot_number",
                        ps -> ps.setString(1, teeTimeId), rs -> rs.getString(1))));
    }

    @Override
    public List<String> teeTimesNeverMatched(Instant now, Instant changedSince, int limit) {
        return query("""
                select t.id from tee_times t
                 where t.status = 'OPEN' and t.starts_at > ?
                   and (t.created_at >= ? or t.updated_at >= ?)
                   and not exists (select 1 from matching_runs r where r.tee_time_id = t.id)
                 order by t.starts_at fetch first ? rows only""",
                ps -> {
                    ps.setObject(1, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
                    ps.setObject(2, OffsetDateTime.ofInstant(changedSince, ZoneOffset.UTC));
                    ps.setObject(3, OffsetDateTime.ofInstant(changedSince, ZoneOffset.UTC));
                    ps.setInt(4, limit);
                }, rs -> rs.getString(1));
    }

    @Override
    public boolean claimNotification(String teeTimeId, String userId, int score, Instant now, Duration cooldown) {
        OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement update = c.prepareStatement("update match_notifications set notified_at = ?, score = ?"
                    + " where tee_time_id = ? and user_id = ? and notified_at <= ?")) {
                update.setObject(1, at);
                update.setInt(2, score);
                update.setString(3, teeTimeId);
                update.setString(4, userId);
                update.setObject(5, at.minus(cooldown));
                if (update.executeUpdate() == 1) {
                    return true;
                }
            }
            try (PreparedStatement insert = c.prepareStatement("insert into match_notifications"
                    + " (tee_time_id, user_id, score, notified_at) values (?, ?, ?, ?)")) {
                insert.setString(1, teeTimeId);
                insert.setString(2, userId);
                insert.setInt(3, score);
                insert.setObject(4, at);
                insert.executeUpdate();
                return true;
            } catch (SQLException e) {
                if (isDuplicateKey(e)) {
                    return false; // told within the cooldown (or another instance just claimed it)
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new StorageException("cannot record the notification of " + userId + " about " + teeTimeId, e);
        }
    }

    @Override
    public void recordRun(MatchingRun run) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "insert into matching_runs (tee_time_id, trigger_kind, event_id, instance_id, ran_at, match_count,"
                        + " notified_count, duration_micros) values (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, run.teeTimeId());
            ps.setString(2, run.trigger());
            ps.setString(3, run.eventId());
            ps.setString(4, run.instanceId());
            ps.setObject(5, OffsetDateTime.ofInstant(run.ranAt(), ZoneOffset.UTC));
            ps.setInt(6, run.matchCount());
            ps.setInt(7, run.notifiedCount());
            ps.setLong(8, run.durationMicros());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StorageException("cannot record a matching run of " + run.teeTimeId(), e);
        }
    }

    /** SQLState 23505: unique violation on both PostgreSQL and H2. */
    private static boolean isDuplicateKey(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    /** A tee time row with its course and host; open slots are counted when the players are known. */
    private record Row(TeeTime teeTime, Course course, User host) {
        MatchableTeeTime matchable(List<String> playerIds) {
            TeeTime t = teeTime;
            TeeTime counted = new TeeTime(t.id(), t.hostId(), t.courseId(), t.startsAt(), t.industry(), t.openToAll(),
                    t.skillLevel(), t.totalSlots(), Math.max(0, t.totalSlots() - playerIds.size()), t.status());
            return new MatchableTeeTime(counted, course, host, List.copyOf(playerIds));
        }

        static Row of(ResultSet rs) throws SQLException {
            Course course = new Course(rs.getString("course_id"), rs.getString("course_name"),
                    rs.getString("course_city"), rs.getString("country"),
                    new GeoPoint(rs.getDouble("course_lat"), rs.getDouble("course_lng")),
                    ZoneId.of(rs.getString("course_zone")));
            TeeTime teeTime = new TeeTime(rs.getString("tee_time_id"), rs.getString("host_id"),
                    rs.getString("course_id"), rs.getObject("starts_at", OffsetDateTime.class).toInstant(),
                    Industry.parse(rs.getString("tee_time_industry")), rs.getBoolean("open_to_all"),
                    SkillLevel.valueOf(rs.getString("tee_time_skill")), rs.getInt("total_slots"), 0,
                    TeeTimeStatus.valueOf(rs.getString("status")));
            return new Row(teeTime, course, user(rs));
        }
    }

    private static User user(ResultSet rs) throws SQLException {
        double lat = rs.getDouble("lat");
        boolean located = !rs.wasNull();
        double lng = rs.getDouble("lng");
        located &= !rs.wasNull();
        return new User(rs.getString("id"), rs.getString("name"), rs.getString("email"), rs.getString("company"),
                Industry.parse(rs.getString("industry")), rs.getString("city"),
                located ? new GeoPoint(lat, lng) : null, SkillLevel.valueOf(rs.getString("skill_level")),
                rs.getDouble("rating"), rs.getInt("completed_tee_times"), ZoneId.of(rs.getString("time_zone")),
                Locale.forLanguageTag(rs.getString("locale")));
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private interface Mapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, Binder binder, Mapper<T> mapper) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            List<T> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StorageException("query failed: " + sql.lines().findFirst().orElse(sql).trim(), e);
        }
    }
}
