package golf.linkup.engine.sampledata;

import java.nio.file.Path;

/** Names of the four files of a sample data directory. */
public final class SampleDataFiles {

    /** Hand-curated; the generator reads it and never rewrites it. */
    public static final String COURSES = "courses.json";
    /** Generated. */
    public static final String USERS = "users.json";
    /** Generated: undirected pairs {@code [a, b]} with {@code a < b}, each listed once. */
    public static final String CONNECTIONS = "connections.json";
    /** Generated: tee times with starts relative to start-up. */
    public static final String TEE_TIMES = "tee-times.json";

    private SampleDataFiles() {
    }

    public static Path courses(Path directory) {
        return directory.resolve(COURSES);
    }

    public static Path users(Path directory) {
        return directory.resolve(USERS);
    }

    public static Path connections(Path directory) {
        return directory.resolve(CONNECTIONS);
    }

    public static Path teeTimes(Path directory) {
        return directory.resolve(TEE_TIMES);
    }
}
