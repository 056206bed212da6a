package golf.linkup.engine.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's connection pool, migrated on open. H2 (sandbox, fast tests) and PostgreSQL
 * (production) run the same migrations from {@code classpath:db/migration}.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final HikariDataSource dataSource;
    private final String url;

    private Database(HikariDataSource dataSource, String url) {
        this.dataSource = dataSource;
        this.url = url;
    }

    /** Flyway holds one connection while it migrates through another: a smaller pool waits forever. */
    public static final int MIN_POOL_SIZE = 2;

    /**
     * Opens a pool and applies pending migrations. {@code schema} is optional (PostgreSQL tests use a
     * schema of their own); {@code null} means the connection's default.
     *
     * @throws IllegalArgumentException when {@code poolSize} is below {@link #MIN_POOL_SIZE}
     */
    public static Database open(String url, String user, String password, int poolSize, String schema) {
        if (poolSize < MIN_POOL_SIZE) {
            throw new IllegalArgumentException("the database pool needs at least " + MIN_POOL_SIZE
                    + " connections (migrations hold one while using another), not " + poolSize);
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("linkup-db");
        config.setConnectionTimeout(5_000);
        if (schema != null) {
            config.setSchema(schema);
        }
        HikariDataSource ds = new HikariDataSource(config);
        try {
            var flyway = Flyway.configure().dataSource(ds).locations("classpath:db/migration");
            if (schema != null) {
                flyway.schemas(schema).defaultSchema(schema);
            }
            MigrateResult result = flyway.load().migrate();
            LOG.info("database {} at schema version {} ({} migrations applied now)",
                    redact(url), result.targetSchemaVersion, result.migrationsExecuted);
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        return new Database(ds, url);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public boolean isPostgres() {
        return url.startsWith("jdbc:postgresql:");
    }

    /** True when a connection can be had and answers within the timeout. */
    public boolean isAlive(int timeoutSeconds) {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(timeoutSeconds);
        } catch (SQLException e) {
            return false;
        }
    }

    /** The URL without credentials, for logs and the start-up banner. */
    public String describe() {
        return redact(url);
    }

    private static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
