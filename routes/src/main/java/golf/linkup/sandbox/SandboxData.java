package golf.linkup.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Loads {@code sample-data/} into the sandbox database, with tee times placed relative to now. */
public final class SandboxData {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxData.class);

    private SandboxData() {
    }

    public static void load(DataSource dataSource, Path directory, Clock clock) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalStateException("sample data directory " + directory.toAbsolutePath()
                    + " does not exist (set linkup.sample-data.dir or LINKUP_SAMPLE_DATA_DIR)");
        }
        LOG.warn("sample data loading is not wired yet ({})", directory);
    }
}
