package golf.linkup.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

/**
 * Finds out once per JVM whether a PostgreSQL answers at {@code 127.0.0.1:5432/test} (trust auth, as
 * user {@code postgres}, else as the OS user) and hands out schemas of their own to tests, so tests
 * never share tables. Tests that need it skip when it is not there:
 *
 * <pre>Assumptions.assumeTrue(PostgresProbe.available(), PostgresProbe.SKIP_MESSAGE);</pre>
 */
public final class PostgresProbe {

    public static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";
    public static final String SKIP_MESSAGE = "PostgreSQL at 127.0.0.1:5432 not answering: skipped";
    private static final int TIMEOUT_SECONDS = 2;

    /** The user that connected; empty when no candidate did. Computed on first use. */
    private static volatile Optional<String> user;

    private PostgresProbe() {
    }

    /** True when PostgreSQL answered the first time anyone asked (the answer is cached). */
    public static boolean available() {
        return workingUser().isPresent();
    }

    /** The user to connect as. @throws IllegalStateException when PostgreSQL is not available */
    public static String user() {
        return workingUser().orElseThrow(() -> new IllegalStateException(SKIP_MESSAGE));
    }

    /** The JDBC URL of the test database with {@code schema} as the connection's current schema. */
    public static String url(String schema) {
        return URL + "?currentSchema=" + schema;
    }

    /** Creates an empty schema with a name no other test uses and returns the name. */
    public static String createSchema() {
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        execute("create schema " + schema);
        return schema;
    }

    /** Drops a schema and everything in it; no error when it is already gone. */
    public static void dropSchema(String schema) {
        if (!schema.matches("[a-z0-9_]+")) {
            throw new IllegalArgumentException("not a test schema name: " + schema);
        }
        execute("drop schema if exists " + schema + " cascade");
    }

    /** A new connection to the test database (trust auth, short timeouts). */
    public static Connection connect() throws SQLException {
        return connect(user());
    }

    private static Connection connect(String as) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", as);
        p.setProperty("connectTimeout", String.valueOf(TIMEOUT_SECONDS));
        p.setProperty("loginTimeout", String.valueOf(TIMEOUT_SECONDS));
        p.setProperty("socketTimeout", "30");
        return DriverManager.getConnection(URL, p);
    }

    private static void execute(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL refused: " + sql, e);
        }
    }

    private static Optional<String> workingUser() {
        Optional<String> known = user;
        if (known == null) {
            synchronized (PostgresProbe.class) {
                if (user == null) {
                    user = probe();
                }
                known = user;
            }
        }
        return known;
    }

    private static Optional<String> probe() {
        for (String candidate : new String[] {"postgres", System.getProperty("user.name")}) {
            if (candidate == null || candidate.isBlank()) {
                continue;
            }
            try (Connection c = connect(candidate)) {
                if (c.isValid(TIMEOUT_SECONDS)) {
                    return Optional.of(candidate);
                }
            } catch (SQLException e) {
                // not this user, or no server: try the next candidate
            }
        }
        return Optional.empty();
    }
}
