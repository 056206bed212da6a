package golf.linkup.engine.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Plain JDBC, the one way the engine runs its statements. The {@link DataSource} forms run one
 * statement on a pooled connection (auto-commit); the {@link Connection} forms run on the
 * connection the caller holds, in a transaction ({@link #inTransaction}) or not
 * ({@link #withConnection}). Parameters bind by type; an
 * {@link Instant} is stored as a UTC {@code timestamp with time zone}. Every failure becomes a
 * {@link StorageException} that says what was being done ({@code what}) and carries the
 * {@link SQLException}.
 */
public final class Sql {

    /** SQLState of a unique or primary-key violation, on H2 and PostgreSQL alike. */
    private static final String UNIQUE_VIOLATION = "23505";

    private Sql() {
    }

    /** Reads one row into a value. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    /**
     * Work on one connection ({@link #inTransaction}, {@link #withConnection}); {@code X} is the
     * caller's own checked refusal, if any.
     */
    @FunctionalInterface
    public interface Transaction<T, X extends Exception> {
        T run(Connection connection) throws X, SQLException;
    }

    /**
     * Runs {@code work} in one transaction on a pooled connection: commits when it returns, rolls
     * back when it throws anything (and rethrows it; a {@link SQLException} as a
     * {@link StorageException}). The connection goes back to the pool in auto-commit.
     */
    public static <T, X extends Exception> T inTransaction(DataSource dataSource, String what,
            Transaction<T, X> work) throws X {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (Exception | Error e) {
                c.rollback(); // an Error too: setAutoCommit(true) below would otherwise commit the half-done work
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StorageException("could not " + what, e);
        }
    }

    /**
     * Runs {@code work} on one pooled connection in auto-commit (each statement commits on its own):
     * for a few statements that should share a connection but not a transaction.
     */
    public static <T, X extends Exception> T withConnection(DataSource dataSource, String what,
            Transaction<T, X> work) throws X {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new StorageException("could not " + what, e);
        }
    }

    /** Rows changed. */
    public static int update(DataSource dataSource, String what, String sql, Object... params) {
        try (Connection c = dataSource.getConnection()) {
            return update(c, what, sql, params);
        } catch (SQLException e) {
            throw new StorageException("could not " + what, e);
        }
    }

    /** Rows changed, on the caller's connection. */
    public static int update(Connection c, String what, String sql, Object... params) {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StorageException("could not " + what, e);
        }
    }

    /**
     * Runs one statement once per parameter row as a JDBC batch on the caller's connection (the
     * driver sends the batch in as few round trips as it can); rows changed in total. Nothing is
     * sent when {@code rows} is empty.
     */
    public static int batch(Connection c, String what, String sql, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (Object[] row : rows) {
                bind(ps, row);
                ps.addBatch();
            }
            int changed = 0;
            for (int n : ps.executeBatch()) {
                changed += Math.max(0, n);
            }
            return changed;
        } catch (SQLException e) {
            throw new StorageException("could not " + what, e);
        }
    }

    /**
     * Inserts one row and returns the key the database generated in {@code keyColumn} (-1 if the
     * driver reports none).
     */
    public static long insertReturningKey(DataSource dataSource, String what, String sql, String keyColumn,
            Object... params) {
        try (Connection c = dataSource.getConnection()) {
            return insertReturningKey(c, what, sql, keyColumn, params);
        } catch (SQLException e) {
            throw new StorageException("could not " + what, e);
        }
    }

    public static long insertReturningKey(Connection c, String what, String sql, String keyColumn,
            Object... params) {
        try (PreparedStatement ps = c.prepareStatement(sql, new String[] {keyColumn})) {
            bind(ps, params);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                return keys.next() ? keys.getLong(1) : -1;
            }
        } catch (SQLException e) {
            throw new StorageException("could not " + what, e);
        }
    }

    public static <T> List<T> list(DataSource dataSource, String what, String sql, RowMapper<T> mapper,
            Object... params) {
        try (Connection c = dataSource.getConnection()) {
            return list(c, what, sql, mapper, params);
        } catch (SQLException e) {
            throw new StorageException("could not " + what, e);
        }
    }

    /** Every row, in the order the statement gives them, on the caller's connection. */
    public static <T> List<T> list(Connection c, String what, String sql, RowMapper<T> mapper, Object... params) {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            List<T> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StorageException("could not " + what, e);
        }
    }

    /** The first row's value; empty when there is no row (or the mapper made null of it). */
    public static <T> Optional<T> first(DataSource dataSource, String what, String sql, RowMapper<T> mapper,
            Object... params) {
        List<T> rows = list(dataSource, what, sql, mapper, params);
        return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
    }

    public static <T> Optional<T> first(Connection c, String what, String sql, RowMapper<T> mapper,
            Object... params) {
        List<T> rows = list(c, what, sql, mapper, params);
        return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
    }

    /** True when {@code failure} is a statement refused by a unique (or primary-key) constraint. */
    public static boolean isUniqueViolation(RuntimeException failure) {
        return failure.getCause() instanceof SQLException s && UNIQUE_VIOLATION.equals(s.getSQLState());
    }

    /** A column of type {@code timestamp with time zone} as an instant (null stays null). */
    public static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** The same, by 1-based column index. */
    public static Instant instant(ResultSet row, int column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** A {@code bigint} array parameter ({@code id = any(?)}): one parameter for any number of ids. */
    public record BigintArray(List<Long> values) {
    }

    public static BigintArray bigintArray(List<Long> values) {
        return new BigintArray(values);
    }

    /** Binds by type: the common ones with their own setters (the driver's fast path), the rest as objects. */
    public static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            if (p instanceof String text) {
                ps.setString(i + 1, text);
            } else if (p instanceof Long number) {
                ps.setLong(i + 1, number);
            } else if (p instanceof Integer number) {
                ps.setInt(i + 1, number);
            } else if (p instanceof Boolean flag) {
                ps.setBoolean(i + 1, flag);
            } else if (p instanceof Instant instant) {
                ps.setObject(i + 1, instant.atOffset(ZoneOffset.UTC));
            } else if (p instanceof BigintArray array) {
                ps.setArray(i + 1, ps.getConnection().createArrayOf("bigint", array.values().toArray()));
            } else {
                ps.setObject(i + 1, p);
            }
        }
    }
}
