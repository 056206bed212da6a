package golf.linkup.engine.sampledata;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Looks for the local PostgreSQL the tests may use: 127.0.0.1:5432, database {@code test},
 * trust authentication, as user {@code postgres} or the current OS user.
 */
final class PostgresProbe {

    static final String BASE_URL = "jdbc:postgresql://127.0.0.1:5432/test";

    private PostgresProbe() {
    }

    /** A user that can connect, or empty with the reasons in {@code failures}. */
    static Optional<String> connectingUser(List<String> failures) {
        Set<String> candidates = new LinkedHashSet<>(List.of("postgres", System.getProperty("user.name")));
        for (String user : candidates) {
            try (Connection ignored = DriverManager.getConnection(BASE_URL + "?connectTimeout=2&loginTimeout=3", user, "")) {
                return Optional.of(user);
            } catch (SQLException e) {
                failures.add(user + ": " + e.getMessage());
            }
        }
        return Optional.empty();
    }

    static Optional<String> connectingUser() {
        return connectingUser(new ArrayList<>());
    }
}
