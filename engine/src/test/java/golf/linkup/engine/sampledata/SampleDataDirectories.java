package golf.linkup.engine.sampledata;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** Finds the committed {@code sample-data/} directory and makes scratch copies of it. */
final class SampleDataDirectories {

    static final List<String> GENERATED_FILES = List.of(
            SampleDataFiles.USERS, SampleDataFiles.CONNECTIONS, SampleDataFiles.TEE_TIMES);
    static final List<String> ALL_FILES = List.of(
            SampleDataFiles.COURSES, SampleDataFiles.USERS, SampleDataFiles.CONNECTIONS, SampleDataFiles.TEE_TIMES);

    private SampleDataDirectories() {
    }

    /** The repository's {@code sample-data/}, found by walking up from the working directory. */
    static Path committed() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("sample-data");
            if (Files.isRegularFile(SampleDataFiles.courses(candidate))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no sample-data/courses.json above " + Path.of("").toAbsolutePath());
    }

    /** {@code target} holding a copy of the committed {@code courses.json} only. */
    static Path withCommittedCourses(Path target) throws IOException {
        Files.copy(SampleDataFiles.courses(committed()), SampleDataFiles.courses(target),
                StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    /** {@code target} holding copies of all four committed files. */
    static Path copyOfCommitted(Path target) throws IOException {
        for (String file : ALL_FILES) {
            Files.copy(committed().resolve(file), target.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }
}
