package golf.linkup.engine.sampledata;

import golf.linkup.testing.PostgresProbe;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The loader contract on the local PostgreSQL (see {@link PostgresProbe}), each test in a schema
 * of its own that is dropped afterwards. Skipped, with the reason, when no PostgreSQL answers.
 */
@DisplayName("SampleDataLoader on PostgreSQL (127.0.0.1:5432/test)")
class SampleDataLoaderPostgresTest extends SampleDataLoaderContract {

    private String schema;
    private PGSimpleDataSource dataSource;

    /** Assumed per test rather than per class so every test is reported as skipped, with the reason. */
    @BeforeEach
    void migrateFreshSchema() {
        Assumptions.assumeTrue(PostgresProbe.available(), PostgresProbe.SKIP_MESSAGE);
        schema = PostgresProbe.createSchema();
        String url = PostgresProbe.url(schema);
        Flyway.configure().dataSource(url, PostgresProbe.user(), "").schemas(schema)
                .locations("classpath:db/migration").load().migrate();
        dataSource = new PGSimpleDataSource();
        dataSource.setURL(url);
        dataSource.setUser(PostgresProbe.user());
    }

    @AfterEach
    void dropSchema() {
        if (schema != null) {
            PostgresProbe.dropSchema(schema);
        }
    }

    @Override
    DataSource dataSource() {
        return dataSource;
    }
}
