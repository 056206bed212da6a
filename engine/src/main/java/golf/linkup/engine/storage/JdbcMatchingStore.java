package golf.linkup.engine.storage;

import golf.linkup.engine.domain.Course;
import golf.linkup.engine.domain.GeoPoint;
import golf.linkup.engine.domain.Industry;
import golf.linkup.engine.domain.SkillLevel;
import golf.linkup.engine.domain.TeeTime;
import golf.linkup.engine.domain.TeeTimeStatus;
import golf.linkup.engine.domain.User;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
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
        return Sql.list(dataSource, "read the users", "select " + USER_COLUMNS + " from users", JdbcMatchingStore::user);
    }

    @Override
    public Optional<User> findUser(String userId) {
        return Sql.first(dataSource, "read user " + userId, "select " + USER_COLUMNS + " from users where id = ?",
                JdbcMatchingStore::user, userId);
    }

    @Override
    public List<String[]> allConnections() {
        return Sql.list(dataSource, "read the connections",
                "select user_id, other_user_id from user_connections where user_id < other_user_id",
                rs -> new String[] {rs.getString(1), rs.getString(2)});
    }

    @Override
    public List<MatchableTeeTime> upcomingTeeTimes(Instant now) {
        List<Row> rows = Sql.list(dataSource, "read the upcoming tee times",
                TEE_TIME_SQL + " where t.status in ('OPEN', 'FULL') and t.starts_at > ?", Row::of, now);
        Map<String, List<String>> players = new HashMap<>();
        Sql.list(dataSource, "read the players of the upcoming tee times",
                "select s.tee_time_id, s.user_id from tee_time_slots s join tee_times t on t.id = s.tee_time_id"
                        + " where t.status in ('OPEN', 'FULL') and t.starts_at > ? order by s.tee_time_id, s.slot_number",
                rs -> Map.entry(rs.getString(1), rs.getString(2)), now)
                .forEach(p -> players.computeIfAbsent(p.getKey(), k -> new ArrayList<>()).add(p.getValue()));
        return rows.stream().map(r -> r.matchable(players.getOrDefault(r.teeTime.id(), List.of()))).toList();
    }

    @Override
    public Optional<MatchableTeeTime> findTeeTime(String teeTimeId) {
        String what = "read tee time " + teeTimeId;
        return Sql.first(dataSource, what, TEE_TIME_SQL + " where t.id = ?", Row::of, teeTimeId)
                .map(r -> r.matchable(Sql.list(dataSource, what,
                        "select user_id from tee_time_slots where tee_time_id = ? order by slot_number",
                        rs -> rs.getString(1), teeTimeId)));
    }

    @Override
    public List<String> teeTimesNeverMatched(Instant now, Instant changedSince, int limit) {
        return Sql.list(dataSource, "read the tee times never matched", """
                select t.id from tee_times t
                 where t.status = 'OPEN' and t.starts_at > ?
                   and (t.created_at >= ? or t.updated_at >= ?)
                   and not exists (select 1 from matching_runs r where r.tee_time_id = t.id)
                 order by t.starts_at fetch first ? rows only""", rs -> rs.getString(1), now, changedSince,
                changedSince, limit);
    }

    @Override
    public boolean claimNotification(String teeTimeId, String userId, int score, Instant now, Duration cooldown) {
        String what = "record the notification of " + userId + " about " + teeTimeId;
        if (Sql.update(dataSource, what, "update match_notifications set notified_at = ?, score = ?"
                + " where tee_time_id = ? and user_id = ? and notified_at <= ?", now, score, teeTimeId, userId,
                now.minus(cooldown)) == 1) {
            return true;
        }
        try {
            Sql.update(dataSource, what, "insert into match_notifications (tee_time_id, user_id, score, notified_at)"
                    + " values (?, ?, ?, ?)", teeTimeId, userId, score, now);
            return true;
        } catch (StorageException e) {
            if (Sql.isUniqueViolation(e)) {
                return false; // told within the cooldown (or another instance just claimed it)
            }
            throw e;
        }
    }

    @Override
    public void recordRun(MatchingRun run) {
        Sql.update(dataSource, "record a matching run of " + run.teeTimeId(),
                "insert into matching_runs (tee_time_id, trigger_kind, event_id, instance_id, ran_at, match_count,"
                        + " notified_count, duration_micros) values (?, ?, ?, ?, ?, ?, ?, ?)", run.teeTimeId(),
                run.trigger(), run.eventId(), run.instanceId(), run.ranAt(), run.matchCount(), run.notifiedCount(),
                run.durationMicros());
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
                    rs.getString("course_id"), Sql.instant(rs, "starts_at"),
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
}
