package db.migration;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Quartz's clustered JDBC job store tables ({@code QRTZ_*}), from the DDL that ships inside the
 * Quartz jar for the database at hand (H2 or PostgreSQL), so the schema always matches the Quartz
 * version on the class path. The scripts' {@code DROP TABLE} lines and H2's {@code COMMIT} are
 * skipped: this migration only ever creates. Named like a SQL migration so Flyway orders it with them.
 */
@SuppressWarnings("checkstyle:TypeName")
public class V6__quartz_job_store extends BaseJavaMigration {

    static final String SCRIPT_FOLDER = "org/quartz/impl/jdbcjobstore/";

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        String script = product.contains("postgres") ? "tables_postgres.sql"
                : product.contains("h2") ? "tables_h2.sql" : null;
        if (script == null) {
            throw new SQLException("no Quartz job store DDL for database '" + product + "' (H2 and PostgreSQL only)");
        }
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements(read(SCRIPT_FOLDER + script))) {
                statement.execute(sql);
            }
        }
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = V6__quartz_job_store.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException(resource + " is not on the class path: the engine needs the quartz jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The script's statements without comments, DROPs and COMMITs. */
    static List<String> statements(String script) {
        StringBuilder withoutComments = new StringBuilder();
        for (String line : script.split("\n")) {
            String trimmed = line.trim();
            if (!trimmed.startsWith("--") && !trimmed.startsWith("#")) {
                withoutComments.append(line).append('\n');
            }
        }
        List<String> statements = new ArrayList<>();
        for (String part : withoutComments.toString().split(";")) {
            String sql = part.trim();
            String upper = sql.toUpperCase(Locale.ROOT);
            if (!sql.isEmpty() && !upper.startsWith("DROP ") && !upper.equals("COMMIT")) {
                statements.add(sql);
            }
        }
        return statements;
    }
}
