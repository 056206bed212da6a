package golf.linkup.engine.sampledata;

import golf.linkup.engine.domain.Course;
import golf.linkup.engine.domain.User;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes {@code users.json}, {@code connections.json} and {@code tee-times.json} next to the
 * hand-curated {@code courses.json} of a sample data directory.
 *
 * <p>Deterministic: each stage draws from its own fixed seed, so running it twice gives
 * byte-identical files, and changing how tee times are drawn does not reshuffle the users. The
 * result is validated as {@link SampleDataSet} would before anything is written.
 *
 * <p>Usage: {@code SampleDataGenerator <sample-data directory>}.
 */
public final class SampleDataGenerator {

    public static final int USER_COUNT = 500;
    public static final int TEE_TIME_COUNT = 200;

    private static final long USER_SEED = 0x4C696E6B5570L;        // "LinkUp"
    private static final long CONNECTION_SEED = USER_SEED + 1;
    private static final long TEE_TIME_SEED = USER_SEED + 2;

    private SampleDataGenerator() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: SampleDataGenerator <sample-data directory containing courses.json>");
            System.exit(2);
        }
        Path directory = Path.of(args[0]);
        Summary summary = generate(directory);
        System.out.printf("Wrote %d users, %d connections and %d tee times (%d courses) to %s%n",
                summary.users(), summary.connections(), summary.teeTimes(), summary.courses(),
                directory.toAbsolutePath().normalize());
    }

    /** What one generation wrote. */
    public record Summary(int courses, int users, int connections, int teeTimes) {
    }

    /**
     * Generates into {@code directory}, which must hold {@code courses.json}; the three generated
     * files are replaced.
     *
     * @throws SampleDataException when {@code courses.json} is invalid or does not fit the metro
     *                             areas the users are placed in
     */
    public static Summary generate(Path directory) throws IOException {
        List<Course> courses = SampleDataReader.readCourses(SampleDataFiles.courses(directory));
        Map<String, MetroArea> metroOfCourse = assignMetros(courses, MetroAreas.ALL);

        List<Resident> residents = new UserGenerator(new RandomDraws(USER_SEED))
                .generate(USER_COUNT, Personas.USERS, MetroAreas.ALL);
        List<ConnectionPair> connections = new ConnectionGenerator(new RandomDraws(CONNECTION_SEED))
                .generate(residents, Personas.CONNECTIONS);
        List<PlannedTeeTime> teeTimes = new TeeTimeGenerator(new RandomDraws(TEE_TIME_SEED))
                .generate(TEE_TIME_COUNT, Personas.TEE_TIMES, residents, metroOfCourse, courses, connections);

        List<User> users = residents.stream().map(Resident::user).toList();
        // Same checks as reading the files back; the instant is irrelevant to them.
        SampleDataSet.resolve(courses, users, connections, teeTimes, Instant.EPOCH);

        Files.createDirectories(directory);
        SampleDataWriter.writeUsers(SampleDataFiles.users(directory), users);
        SampleDataWriter.writeConnections(SampleDataFiles.connections(directory), connections);
        SampleDataWriter.writeTeeTimes(SampleDataFiles.teeTimes(directory), teeTimes);
        return new Summary(courses.size(), users.size(), connections.size(), teeTimes.size());
    }

    /**
     * Each course's metro: the one with the nearest centre. Every course must be within
     * {@link MetroAreas#MAX_COURSE_DISTANCE_KM} of it and every metro must get a course, or users
     * would be placed where nobody can host nearby.
     */
    static Map<String, MetroArea> assignMetros(List<Course> courses, List<MetroArea> metros) {
        Map<String, MetroArea> metroOfCourse = new LinkedHashMap<>();
        for (Course course : courses) {
            MetroArea metro = UserGenerator.nearest(metros, course.location());
            double distance = metro.centre().distanceKm(course.location());
            if (distance > MetroAreas.MAX_COURSE_DISTANCE_KM) {
                throw new SampleDataException(SampleDataFiles.COURSES, course.id(), String.format(Locale.ROOT,
                        "%.0f km from the nearest metro area (%s); add a metro area to MetroAreas first",
                        distance, metro.id()));
            }
            if (!metro.timeZone().equals(course.timeZone())) {
                throw new SampleDataException(SampleDataFiles.COURSES, course.id(), "time zone " + course.timeZone()
                        + " differs from its metro area " + metro.id() + " (" + metro.timeZone() + ")");
            }
            metroOfCourse.put(course.id(), metro);
        }
        for (MetroArea metro : metros) {
            if (!metroOfCourse.containsValue(metro)) {
                throw new SampleDataException(SampleDataFiles.COURSES, null, "no course in metro area " + metro.id());
            }
        }
        return metroOfCourse;
    }
}
