package golf.linkup.engine.sampledata;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The loader contract on the local PostgreSQL (see {@link PostgresProbe}), each test in a schema
 * of its own that is dropped afterwards. Skipped when no PostgreSQL answers.
 */
@DisplayName("SampleDataLoader on PostgreSQL (127.0.0.1:5432/test)")
class SampleDataLoaderPostgresTest extends SampleDataLoaderContract {

    private static String user;
    private static final List<String> PROBE_FAILURES = new ArrayList<>();
    private String schema;
    private PGSimpleDataSource dataSource;

    @BeforeAll
    static void findPostgres() {
        user = PostgresProbe.connectingUser(PROBE_FAILURES).orElse(null);
    }

    /** Assumed per test rather than per class so every test is reported as skipped, with the reason. */
    @BeforeEach
    void migrateFreshSchema() throws SQLException {
        Assumptions.assumeTrue(user != null,
                () -> "no PostgreSQL at " + PostgresProbe.BASE_URL + " (" + String.join("; ", PROBE_FAILURES) + ")");
        schema = "sample_data_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        execute("create schema " + schema);
        String url = PostgresProbe.BASE_URL + "?currentSchema=" + schema;
        Flyway.configure().dataSource(url, user, "").schemas(schema).locations("classpath:db/migration").load().migrate();
        dataSource = new PGSimpleDataSource();
        dataSource.setURL(url);
        dataSource.setUser(user);
    }

    @AfterEach
    void dropSchema() throws SQLException {
        if (schema != null) {
            execute("drop schema " + schema + " cascade");
        }
    }

    @Override
    DataSource dataSource() {
        return dataSource;
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(PostgresProbe.BASE_URL, user, "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
