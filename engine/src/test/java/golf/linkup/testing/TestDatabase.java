package golf.linkup.testing;

import golf.linkup.engine.storage.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * A migrated engine database of its own for one test: a unique in-memory H2, or a fresh schema in
 * the local PostgreSQL ({@link PostgresProbe}). Opened through {@link Database#open} so the real
 * migrations run. Fixture inserts are plain JDBC against the core schema so tests read as sentences:
 *
 * <pre>
 * db.insertCourse("c-1", "Bethpage Black", 40.7448, -73.4540, "America/New_York");
 * db.insertUser("u-1", "Ada Host", "Acme Capital", "FINANCE");
 * db.insertTeeTime("tt-1", "u-1", "c-1", startsAt, "FINANCE", false, 4, "u-2");
 * </pre>
 *
 * Closing shuts the H2 database down or drops the PostgreSQL schema.
 */
public final class TestDatabase implements AutoCloseable {

    private final Database database;
    private final String url;
    private final String schema;

    private TestDatabase(Database database, String url, String schema) {
        this.database = database;
        this.url = url;
        this.schema = schema;
    }

    /** A new in-memory H2 database, migrated. */
    public static TestDatabase h2() {
        String url = "jdbc:h2:mem:" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
        return new TestDatabase(Database.open(url, "sa", "", 4, null), url, null);
    }

    /** A new schema in the local PostgreSQL, migrated. Callers check {@link PostgresProbe#available()} first. */
    public static TestDatabase postgres() {
        String schema = PostgresProbe.createSchema();
        try {
            String url = PostgresProbe.url(schema);
            return new TestDatabase(Database.open(url, PostgresProbe.user(), "", 4, schema), url, schema);
        } catch (RuntimeException e) {
            PostgresProbe.dropSchema(schema);
            throw e;
        }
    }

    public Database database() {
        return database;
    }

    public DataSource dataSource() {
        return database.dataSource();
    }

    /** The JDBC URL (for PostgreSQL it selects the test's schema). */
    public String url() {
        return url;
    }

    public boolean isPostgres() {
        return schema != null;
    }

    // ---- fixtures -------------------------------------------------------------------------------

    public void insertCourse(String id, String name, double lat, double lng, String timeZone) {
        insertCourse(id, name, "Farmingdale", "US", lat, lng, timeZone);
    }

    public void insertCourse(String id, String name, String city, String country, double lat, double lng,
            String timeZone) {
        update("insert into courses (id, name, city, country, lat, lng, time_zone) values (?, ?, ?, ?, ?, ?, ?)",
                id, name, city, country, lat, lng, timeZone);
    }

    /** A user with an intermediate skill level and an {@code example.test} e-mail; {@code company} may be null. */
    public void insertUser(String id, String name, String company, String industry) {
        update("insert into users (id, name, email, company, industry, skill_level) values (?, ?, ?, ?, ?, ?)",
                id, name, id + "@example.test", company, industry, "INTERMEDIATE");
    }

    /**
     * An open tee time: the host takes slot 1, {@code players} take slots 2, 3, ... in order, so
     * open slots are {@code totalSlots - 1 - players.length}.
     */
    public void insertTeeTime(String id, String hostId, String courseId, Instant startsAt, String industry,
            boolean openToAll, int totalSlots, String... players) {
        update("insert into tee_times (id, host_id, course_id, starts_at, industry, open_to_all, total_slots)"
                + " values (?, ?, ?, ?, ?, ?, ?)",
                id, hostId, courseId, startsAt.atOffset(ZoneOffset.UTC), industry, openToAll, totalSlots);
        insertSlot(id, 1, hostId);
        for (int i = 0; i < players.length; i++) {
            insertSlot(id, i + 2, players[i]);
        }
    }

    public void insertSlot(String teeTimeId, int slotNumber, String userId) {
        update("insert into tee_time_slots (tee_time_id, slot_number, user_id) values (?, ?, ?)",
                teeTimeId, slotNumber, userId);
    }

    /** Runs one statement with positional parameters; returns the update count. */
    public int update(String sql, Object... params) {
        try (Connection c = dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("fixture statement failed: " + sql, e);
        }
    }

    /** The first column of the first row of a query, as a long (counts). */
    public long queryLong(String sql) {
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) {
                throw new IllegalStateException("no row from: " + sql);
            }
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("fixture query failed: " + sql, e);
        }
    }

    @Override
    public void close() {
        try {
            if (!isPostgres()) {
                try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
                    s.execute("shutdown");
                } catch (SQLException e) {
                    // already gone
                }
            }
        } finally {
            database.close();
            if (isPostgres()) {
                PostgresProbe.dropSchema(schema);
            }
        }
    }

    /** A UTC instant for fixtures: {@code at("2025-06-01T12:00:00Z")}. */
    public static Instant at(String iso) {
        return OffsetDateTime.parse(iso).toInstant();
    }
}
