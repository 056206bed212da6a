package golf.linkup.sandbox;

import golf.linkup.engine.sampledata.SampleDataLoader;
import golf.linkup.engine.sampledata.SampleDataSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Loads {@code sample-data/} into the sandbox database, with tee times placed relative to now. */
public final class SandboxData {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxData.class);

    private SandboxData() {
    }

    public static SampleDataLoader.Counts load(DataSource dataSource, Path directory, Clock clock) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalStateException("sample data directory " + directory.toAbsolutePath()
                    + " does not exist (set linkup.sample-data.dir or LINKUP_SAMPLE_DATA_DIR)");
        }
        try {
            SampleDataLoader.Counts counts = new SampleDataLoader().load(dataSource, SampleDataSet.read(directory, clock));
            if (!counts.skipped()) {
                LOG.info("sample data loaded: {} courses, {} users, {} tee times, {} slots", counts.courses(),
                        counts.users(), counts.teeTimes(), counts.teeTimeSlots());
            }
            return counts;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read sample data from " + directory, e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot load sample data into the database", e);
        }
    }
}
