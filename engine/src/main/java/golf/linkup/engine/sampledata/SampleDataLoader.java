package golf.linkup.engine.sampledata;

import golf.linkup.engine.domain.Course;
import golf.linkup.engine.domain.Slot;
import golf.linkup.engine.domain.TeeTime;
import golf.linkup.engine.domain.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Inserts a {@link SampleDataSet} into the core schema (migration V1) with JDBC batches, all in
 * one transaction: either every row is there afterwards or none is. Portable SQL, runs on H2 and
 * PostgreSQL; timestamps are bound as {@link OffsetDateTime} in UTC.
 *
 * <p>Idempotent by marker: when {@code users} already holds the data set's first user
 * ({@code user-0001}) the load is skipped with a log line. When two loaders race on an empty
 * database, the loser's transaction fails on a duplicate key, is rolled back, and the load is
 * reported as skipped because the marker is then present.
 *
 * <p>{@code user_connections} receives both directions of each pair; a tee time's
 * {@code created_at} and {@code updated_at} are the moment its host took slot 1.
 */
public final class SampleDataLoader {

    private static final Logger LOG = LoggerFactory.getLogger(SampleDataLoader.class);

    /** Rows per JDBC batch: large enough to be quick, small enough for any driver's limits. */
    private static final int BATCH_SIZE = 500;

    /** Rows inserted per table; all zero and {@code skipped} when the data was already there. */
    public record Counts(boolean skipped, int courses, int users, int userConnections, int teeTimes,
                         int teeTimeSlots) {

        static Counts skippedLoad() {
            return new Counts(true, 0, 0, 0, 0, 0);
        }
    }

    /**
     * Loads {@code data} unless its marker user is already present.
     *
     * @throws SQLException when the insert fails for another reason than a concurrent identical
     *                      load; nothing has been written then
     */
    public Counts load(DataSource dataSource, SampleDataSet data) throws SQLException {
        if (data.users().isEmpty()) {
            throw new IllegalArgumentException("a sample data set without users has no marker to load by");
        }
        String marker = data.users().get(0).id();
        try (Connection connection = dataSource.getConnection()) {
            if (containsUser(connection, marker)) {
                LOG.info("Sample data not loaded: users already contains {}", marker);
                return Counts.skippedLoad();
            }
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                Counts counts = insertAll(connection, data);
                connection.commit();
                LOG.info("Sample data loaded: {} courses, {} users, {} connection rows, {} tee times, {} slots",
                        counts.courses(), counts.users(), counts.userConnections(), counts.teeTimes(),
                        counts.teeTimeSlots());
                return counts;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                if (e instanceof SQLException && containsUser(connection, marker)) {
                    LOG.info("Sample data not loaded: another loader inserted {} first", marker);
                    return Counts.skippedLoad();
                }
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    private static boolean containsUser(Connection connection, String userId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("select 1 from users where id = ?")) {
            query.setString(1, userId);
            try (ResultSet row = query.executeQuery()) {
                return row.next();
            }
        }
    }

    private static Counts insertAll(Connection connection, SampleDataSet data) throws SQLException {
        int courses = insertCourses(connection, data.courses());
        int users = insertUsers(connection, data.users());
        int connections = insertConnections(connection, data.connections());
        int teeTimes = insertTeeTimes(connection, data);
        int slots = insertSlots(connection, data.slots());
        return new Counts(false, courses, users, connections, teeTimes, slots);
    }

    private static int insertCourses(Connection connection, List<Course> courses) throws SQLException {
        String sql = "insert into courses (id, name, city, country, lat, lng, time_zone) values (?, ?, ?, ?, ?, ?, ?)";
        try (Batch batch = new Batch(connection, sql)) {
            for (Course course : courses) {
                PreparedStatement row = batch.row();
                row.setString(1, course.id());
                row.setString(2, course.name());
                row.setString(3, course.city());
                row.setString(4, course.country());
                row.setDouble(5, course.location().lat());
                row.setDouble(6, course.location().lng());
                row.setString(7, course.timeZone().getId());
                batch.add();
            }
            return batch.finish();
        }
    }

    private static int insertUsers(Connection connection, List<User> users) throws SQLException {
        String sql = "insert into users (id, name, email, company, industry, city, lat, lng, skill_level, rating,"
                + " completed_tee_times, time_zone, locale) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (Batch batch = new Batch(connection, sql)) {
            for (User user : users) {
                PreparedStatement row = batch.row();
                row.setString(1, user.id());
                row.setString(2, user.name());
                row.setString(3, user.email());
                row.setString(4, user.company());
                row.setString(5, user.industry().name());
                row.setString(6, user.city());
                row.setDouble(7, user.location().lat());
                row.setDouble(8, user.location().lng());
                row.setString(9, user.skillLevel().name());
                row.setDouble(10, user.rating());
                row.setInt(11, user.completedTeeTimes());
                row.setString(12, user.timeZone().getId());
                row.setString(13, user.locale().toLanguageTag());
                batch.add();
            }
            return batch.finish();
        }
    }

    private static int insertConnections(Connection connection, List<ConnectionPair> pairs) throws SQLException {
        String sql = "insert into user_connections (user_id, other_user_id) values (?, ?)";
        try (Batch batch = new Batch(connection, sql)) {
            for (ConnectionPair pair : pairs) {
                PreparedStatement row = batch.row();
                row.setString(1, pair.lowerId());
                row.setString(2, pair.higherId());
                batch.add();
                row.setString(1, pair.higherId());
                row.setString(2, pair.lowerId());
                batch.add();
            }
            return batch.finish();
        }
    }

    private static int insertTeeTimes(Connection connection, SampleDataSet data) throws SQLException {
        String sql = "insert into tee_times (id, host_id, course_id, starts_at, industry, open_to_all, skill_level,"
                + " total_slots, status, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (Batch batch = new Batch(connection, sql)) {
            for (TeeTime teeTime : data.teeTimes()) {
                OffsetDateTime created = utc(data.slotsOf(teeTime.id()).stream().findFirst()
                        .map(Slot::joinedAt).orElse(data.resolvedAt()));
                PreparedStatement row = batch.row();
                row.setString(1, teeTime.id());
                row.setString(2, teeTime.hostId());
                row.setString(3, teeTime.courseId());
                row.setObject(4, utc(teeTime.startsAt()));
                row.setString(5, teeTime.industry().name());
                row.setBoolean(6, teeTime.openToAll());
                row.setString(7, teeTime.skillLevel().name());
                row.setInt(8, teeTime.totalSlots());
                row.setString(9, teeTime.status().name());
                row.setObject(10, created);
                row.setObject(11, created);
                batch.add();
            }
            return batch.finish();
        }
    }

    private static int insertSlots(Connection connection, List<Slot> slots) throws SQLException {
        String sql = "insert into tee_time_slots (tee_time_id, slot_number, user_id, joined_at) values (?, ?, ?, ?)";
        try (Batch batch = new Batch(connection, sql)) {
            for (Slot slot : slots) {
                PreparedStatement row = batch.row();
                row.setString(1, slot.teeTimeId());
                row.setInt(2, slot.slotNumber());
                row.setString(3, slot.userId());
                row.setObject(4, utc(slot.joinedAt()));
                batch.add();
            }
            return batch.finish();
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** One prepared insert, executed every {@link #BATCH_SIZE} rows and at {@link #finish()}. */
    private static final class Batch implements AutoCloseable {

        private final PreparedStatement statement;
        private int pending;
        private int rows;

        Batch(Connection connection, String sql) throws SQLException {
            this.statement = connection.prepareStatement(sql);
        }

        PreparedStatement row() {
            return statement;
        }

        void add() throws SQLException {
            statement.addBatch();
            rows++;
            if (++pending == BATCH_SIZE) {
                statement.executeBatch();
                pending = 0;
            }
        }

        /** Executes what is pending and returns the number of rows added. */
        int finish() throws SQLException {
            if (pending > 0) {
                statement.executeBatch();
                pending = 0;
            }
            return rows;
        }

        @Override
        public void close() throws SQLException {
            statement.close();
        }
    }
}
