package golf.linkup.engine.sampledata;

import golf.linkup.engine.domain.TeeTime;
import golf.linkup.engine.domain.TeeTimeStatus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@link SampleDataLoader} guarantees on any supported database. Subclasses provide, for
 * each test, an empty database migrated to the current schema.
 */
abstract class SampleDataLoaderContract {

    private static final Instant NOW = Instant.parse("2025-06-15T12:00:00Z");
    private static SampleDataSet data;

    /** An empty database migrated with Flyway, fresh for the current test. */
    abstract DataSource dataSource();

    @BeforeAll
    static void readCommittedData() throws IOException {
        data = SampleDataSet.read(SampleDataDirectories.committed(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    @DisplayName("Loading inserts every course, user, connection (both directions), tee time and slot")
    void loadsEveryRecordIntoTheCoreSchema() throws SQLException {
        SampleDataLoader.Counts counts = new SampleDataLoader().load(dataSource(), data);

        int slots = data.slots().size();
        assertAll(
                () -> assertFalse(counts.skipped()),
                () -> assertEquals(new SampleDataLoader.Counts(false, data.courses().size(), 500,
                        2 * data.connections().size(), 200, slots), counts),
                () -> assertEquals(data.courses().size(), count("select count(*) from courses")),
                () -> assertEquals(500, count("select count(*) from users")),
                () -> assertEquals(2L * data.connections().size(), count("select count(*) from user_connections")),
                () -> assertEquals(0, count("select count(*) from user_connections c where not exists (select 1 from"
                        + " user_connections r where r.user_id = c.other_user_id and r.other_user_id = c.user_id)")),
                () -> assertEquals(200, count("select count(*) from tee_times")),
                () -> assertEquals(slots, count("select count(*) from tee_time_slots")),
                () -> assertEquals(200, count("select count(*) from tee_time_slots where slot_number = 1")),
                () -> assertEquals(0, count("select count(*) from tee_time_slots s join tee_times t on t.id = s.tee_time_id"
                        + " where s.slot_number = 1 and s.user_id <> t.host_id")),
                () -> assertEquals(3, count("select count(*) from tee_times where status = 'CANCELLED'")),
                () -> assertEquals(data.teeTimes().stream().filter(t -> t.status() == TeeTimeStatus.FULL).count(),
                        count("select count(*) from tee_times where status = 'FULL'")));
    }

    @Test
    @DisplayName("Times survive the round trip: a tee time's start, its creation at the host's join and joins before load")
    void storesInstantsExactly() throws SQLException {
        new SampleDataLoader().load(dataSource(), data);
        TeeTime first = data.teeTime("tt-0001").orElseThrow();

        try (Connection connection = dataSource().getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "select t.starts_at, t.created_at, s.joined_at, t.open_to_all, t.industry from tee_times t"
                             + " join tee_time_slots s on s.tee_time_id = t.id and s.slot_number = 1 where t.id = ?")) {
            query.setString(1, first.id());
            try (ResultSet row = query.executeQuery()) {
                assertTrue(row.next());
                Instant hostJoined = NOW.minus(SampleDataSet.HOST_JOINED_BEFORE_LOAD);
                assertAll(
                        () -> assertEquals(first.startsAt(), row.getObject(1, OffsetDateTime.class).toInstant()),
                        () -> assertEquals(hostJoined, row.getObject(2, OffsetDateTime.class).toInstant()),
                        () -> assertEquals(hostJoined, row.getObject(3, OffsetDateTime.class).toInstant()),
                        () -> assertFalse(row.getBoolean(4)),
                        () -> assertEquals("FINANCE", row.getString(5)));
            }
        }
        assertEquals(0, count("select count(*) from tee_time_slots where joined_at >= ?", NOW));
    }

    @Test
    @DisplayName("Users keep their profile: locale, zone, rating and coordinates")
    void storesUserProfiles() throws SQLException {
        new SampleDataLoader().load(dataSource(), data);

        try (Connection connection = dataSource().getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "select name, locale, time_zone, industry, lat, lng, completed_tee_times from users where id = ?")) {
            query.setString(1, "user-0005");
            try (ResultSet row = query.executeQuery()) {
                assertTrue(row.next());
                assertAll(
                        () -> assertEquals("Lucía Fernández", row.getString(1)),
                        () -> assertEquals("es", row.getString(2)),
                        () -> assertEquals("Europe/Madrid", row.getString(3)),
                        () -> assertEquals("CONSULTING", row.getString(4)),
                        () -> assertEquals(data.user("user-0005").orElseThrow().location().lat(), row.getDouble(5)),
                        () -> assertEquals(data.user("user-0005").orElseThrow().location().lng(), row.getDouble(6)),
                        () -> assertEquals(3, row.getInt(7)));
            }
        }
    }

    @Test
    @DisplayName("Loading into a database that already holds the data skips the load and changes nothing")
    void loadingTwiceSkipsTheSecondLoad() throws SQLException {
        SampleDataLoader loader = new SampleDataLoader();
        loader.load(dataSource(), data);

        SampleDataLoader.Counts second = loader.load(dataSource(), data);

        assertTrue(second.skipped());
        assertEquals(500, count("select count(*) from users"));
        assertEquals(200, count("select count(*) from tee_times"));
    }

    @Test
    @DisplayName("A load that fails part-way leaves no row behind")
    void failedLoadLeavesNothingBehind() throws SQLException {
        // A tee time row the API server might have written: the sample tee_times insert then
        // conflicts after courses, users and connections went in.
        execute("insert into courses (id, name, city, country, lat, lng, time_zone)"
                + " values ('course-other', 'Other', 'Nowhere', 'Nowhere', 0, 0, 'UTC')");
        execute("insert into users (id, name, email, industry, skill_level) values ('user-other', 'Other',"
                + " 'other@example.com', 'TECH', 'BEGINNER')");
        execute("insert into tee_times (id, host_id, course_id, starts_at, industry, total_slots)"
                + " values ('tt-0150', 'user-other', 'course-other', current_timestamp, 'TECH', 4)");

        assertThrows(SQLException.class, () -> new SampleDataLoader().load(dataSource(), data));

        assertEquals(1, count("select count(*) from users"));
        assertEquals(1, count("select count(*) from courses"));
        assertEquals(0, count("select count(*) from user_connections"));
        assertEquals(1, count("select count(*) from tee_times"));
    }

    private long count(String sql, Object... parameters) throws SQLException {
        try (Connection connection = dataSource().getConnection();
             PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                Object parameter = parameters[i];
                query.setObject(i + 1, parameter instanceof Instant instant
                        ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC) : parameter);
            }
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
