package golf.linkup.e2e;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;

/**
 * Rows the API server would have written, inserted straight into an engine's database so tests can
 * assert what clients see of them.
 */
public final class Fixtures {

    private final DataSource db;

    public Fixtures(DataSource db) {
        this.db = db;
    }

    public Fixtures course(String id, String name, String city, double lat, double lng, String zone) {
        return exec("insert into courses (id, name, city, country, lat, lng, time_zone) values (?, ?, ?, 'US', ?, ?, ?)",
                id, name, city, lat, lng, zone);
    }

    public Fixtures user(String id, String name, String company, String industry) {
        return exec("insert into users (id, name, email, company, industry, city, lat, lng, skill_level, rating)"
                + " values (?, ?, ?, ?, ?, 'New York', 40.71, -74.0, 'INTERMEDIATE', 4.2)",
                id, name, id + "@example.com", company, industry);
    }

    /** A player with a language and a time zone (notifications are rendered and timed for them). */
    public Fixtures user(String id, String name, String company, String industry, String locale, String zone) {
        return exec("insert into users (id, name, email, company, industry, city, lat, lng, skill_level, rating,"
                + " time_zone, locale) values (?, ?, ?, ?, ?, 'New York', 40.71, -74.0, 'INTERMEDIATE', 4.2, ?, ?)",
                id, name, id + "@example.com", company, industry, zone, locale);
    }

    /** A tee time with the host in slot 1 and {@code players} in the next slots. */
    public Fixtures teeTime(String id, String hostId, String courseId, Instant startsAt, String industry,
            boolean openToAll, int totalSlots, String... players) {
        exec("insert into tee_times (id, host_id, course_id, starts_at, industry, open_to_all, skill_level, total_slots)"
                + " values (?, ?, ?, ?, ?, ?, 'INTERMEDIATE', ?)",
                id, hostId, courseId, OffsetDateTime.ofInstant(startsAt, ZoneOffset.UTC), industry, openToAll, totalSlots);
        exec("insert into tee_time_slots (tee_time_id, slot_number, user_id) values (?, 1, ?)", id, hostId);
        for (int i = 0; i < players.length; i++) {
            exec("insert into tee_time_slots (tee_time_id, slot_number, user_id) values (?, ?, ?)", id, i + 2, players[i]);
        }
        return this;
    }

    public Fixtures exec(String sql, Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
            return this;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
