package golf.linkup.engine.sampledata;

import golf.linkup.engine.domain.Course;
import golf.linkup.engine.domain.Slot;
import golf.linkup.engine.domain.TeeTime;
import golf.linkup.engine.domain.TeeTimeStatus;
import golf.linkup.engine.domain.User;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The four sample data files of one directory, read into domain objects and checked for
 * consistency. Immutable; lists keep file order.
 *
 * <p>Times are resolved once, against the clock given to {@link #read}: a tee time starts at
 * {@code (today in the course's zone + dayOffset) at localTime} in the course's zone, where
 * "today" is the clock's date in that zone. A {@code dayOffset} of 1 or more is therefore always in
 * the future; a {@code dayOffset} of 0 whose local time has passed resolves to earlier today (the
 * generated files use 1..29 for that reason). Slots were taken shortly before the clock's instant:
 * the host {@link #HOST_JOINED_BEFORE_LOAD} before it, each later slot {@link #JOIN_INTERVAL}
 * after the previous one.
 */
public final class SampleDataSet {

    /** How long before "now" the host took slot 1. */
    public static final Duration HOST_JOINED_BEFORE_LOAD = Duration.ofHours(2);
    /** Time between two consecutive slots being taken. */
    public static final Duration JOIN_INTERVAL = Duration.ofMinutes(10);

    private final Instant resolvedAt;
    private final List<Course> courses;
    private final List<User> users;
    private final List<ConnectionPair> connections;
    private final List<TeeTime> teeTimes;
    private final Map<String, Course> coursesById;
    private final Map<String, User> usersById;
    private final Map<String, TeeTime> teeTimesById;
    private final Map<String, List<Slot>> slotsByTeeTime;
    private final List<Slot> slots;

    private SampleDataSet(Instant resolvedAt, Map<String, Course> coursesById, Map<String, User> usersById,
                          List<ConnectionPair> connections, Map<String, TeeTime> teeTimesById,
                          Map<String, List<Slot>> slotsByTeeTime) {
        this.resolvedAt = resolvedAt;
        this.courses = List.copyOf(coursesById.values());
        this.users = List.copyOf(usersById.values());
        this.connections = List.copyOf(connections);
        this.teeTimes = List.copyOf(teeTimesById.values());
        this.coursesById = Collections.unmodifiableMap(coursesById);
        this.usersById = Collections.unmodifiableMap(usersById);
        this.teeTimesById = Collections.unmodifiableMap(teeTimesById);
        this.slotsByTeeTime = Collections.unmodifiableMap(slotsByTeeTime);
        this.slots = slotsByTeeTime.values().stream().flatMap(List::stream).toList();
    }

    /**
     * Reads {@code courses.json}, {@code users.json}, {@code connections.json} and
     * {@code tee-times.json} from {@code directory}.
     *
     * @throws SampleDataException when a file is missing, malformed or inconsistent (unknown
     *                             course, host or user; more players than slots; a bad zone...)
     * @throws IOException         when a file cannot be read
     */
    public static SampleDataSet read(Path directory, Clock clock) throws IOException {
        List<Course> courses = SampleDataReader.readCourses(SampleDataFiles.courses(directory));
        List<User> users = SampleDataReader.readUsers(SampleDataFiles.users(directory));
        List<ConnectionPair> connections = SampleDataReader.readConnections(SampleDataFiles.connections(directory));
        List<PlannedTeeTime> planned = SampleDataReader.readTeeTimes(SampleDataFiles.teeTimes(directory));
        return resolve(courses, users, connections, planned, clock.instant());
    }

    /** Checks the records against each other and resolves tee time starts and slots at {@code now}. */
    static SampleDataSet resolve(List<Course> courses, List<User> users, List<ConnectionPair> connections,
                                 List<PlannedTeeTime> planned, Instant now) {
        Map<String, Course> coursesById = index(SampleDataFiles.COURSES, courses, Course::id);
        Map<String, User> usersById = index(SampleDataFiles.USERS, users, User::id);
        requireUniqueEmails(users);
        requireKnownDistinctPairs(connections, usersById);

        Map<String, TeeTime> teeTimes = new LinkedHashMap<>();
        Map<String, List<Slot>> slots = new LinkedHashMap<>();
        for (PlannedTeeTime plan : planned) {
            Course course = coursesById.get(plan.courseId());
            requireConsistent(plan, course, usersById);
            TeeTime teeTime = new TeeTime(plan.id(), plan.hostId(), plan.courseId(),
                    startOf(plan, course.timeZone(), now), plan.industry(), plan.openToAll(), plan.skillLevel(),
                    plan.totalSlots(), plan.openSlots(), plan.status());
            if (teeTimes.putIfAbsent(plan.id(), teeTime) != null) {
                throw new SampleDataException(SampleDataFiles.TEE_TIMES, plan.id(), "duplicate id");
            }
            slots.put(plan.id(), slotsOf(plan, now));
        }
        return new SampleDataSet(now, coursesById, usersById, connections, teeTimes, slots);
    }

    /** {@code (today in zone + dayOffset) at localTime}, in {@code zone}. */
    static Instant startOf(PlannedTeeTime plan, ZoneId zone, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, zone);
        return ZonedDateTime.of(today.plusDays(plan.dayOffset()), plan.localTime(), zone).toInstant();
    }

    private static List<Slot> slotsOf(PlannedTeeTime plan, Instant now) {
        List<Slot> slots = new ArrayList<>(plan.players().size());
        Instant joinedAt = now.minus(HOST_JOINED_BEFORE_LOAD);
        for (int i = 0; i < plan.players().size(); i++) {
            slots.add(new Slot(plan.id(), i + 1, plan.players().get(i), joinedAt));
            joinedAt = joinedAt.plus(JOIN_INTERVAL);
        }
        return List.copyOf(slots);
    }

    private static void requireConsistent(PlannedTeeTime plan, Course course, Map<String, User> usersById) {
        String file = SampleDataFiles.TEE_TIMES;
        if (course == null) {
            throw new SampleDataException(file, plan.id(), "unknown course '" + plan.courseId() + "'");
        }
        if (!usersById.containsKey(plan.hostId())) {
            throw new SampleDataException(file, plan.id(), "unknown host '" + plan.hostId() + "'");
        }
        List<String> players = plan.players();
        if (players.isEmpty() || !players.get(0).equals(plan.hostId())) {
            throw new SampleDataException(file, plan.id(), "slot 1 must be the host '" + plan.hostId()
                    + "', players are " + players);
        }
        Set<String> seen = new HashSet<>();
        for (String player : players) {
            if (!usersById.containsKey(player)) {
                throw new SampleDataException(file, plan.id(), "unknown player '" + player + "'");
            }
            if (!seen.add(player)) {
                throw new SampleDataException(file, plan.id(), "player '" + player + "' holds more than one slot");
            }
        }
        if (players.size() > plan.totalSlots()) {
            throw new SampleDataException(file, plan.id(), players.size() + " players but only "
                    + plan.totalSlots() + " slots");
        }
        boolean full = players.size() == plan.totalSlots();
        TeeTimeStatus status = plan.status();
        boolean consistent = switch (status) {
            case OPEN -> !full;
            case FULL -> full;
            case CANCELLED -> true;
            case COMPLETED, ARCHIVED -> false;
        };
        if (!consistent) {
            throw new SampleDataException(file, plan.id(), "status " + status + " does not fit " + players.size()
                    + " players in " + plan.totalSlots() + " slots (upcoming tee times are OPEN, FULL or CANCELLED)");
        }
    }

    private static void requireUniqueEmails(List<User> users) {
        Set<String> emails = new HashSet<>();
        for (User user : users) {
            if (!emails.add(user.email().toLowerCase(Locale.ROOT))) {
                throw new SampleDataException(SampleDataFiles.USERS, user.id(), "e-mail '" + user.email()
                        + "' is used by an earlier user");
            }
        }
    }

    private static void requireKnownDistinctPairs(List<ConnectionPair> pairs, Map<String, User> usersById) {
        Set<ConnectionPair> seen = new HashSet<>();
        for (ConnectionPair pair : pairs) {
            String label = "[" + pair.lowerId() + ", " + pair.higherId() + "]";
            for (String userId : List.of(pair.lowerId(), pair.higherId())) {
                if (!usersById.containsKey(userId)) {
                    throw new SampleDataException(SampleDataFiles.CONNECTIONS, label, "unknown user '" + userId + "'");
                }
            }
            if (!seen.add(pair)) {
                throw new SampleDataException(SampleDataFiles.CONNECTIONS, label, "listed more than once");
            }
        }
    }

    private static <T> Map<String, T> index(String file, List<T> records, Function<T, String> id) {
        Map<String, T> byId = new LinkedHashMap<>();
        for (T record : records) {
            if (byId.putIfAbsent(id.apply(record), record) != null) {
                throw new SampleDataException(file, id.apply(record), "duplicate id");
            }
        }
        return byId;
    }

    /** The instant the relative times were resolved against ("now" of the clock given to {@link #read}). */
    public Instant resolvedAt() {
        return resolvedAt;
    }

    public List<Course> courses() {
        return courses;
    }

    public List<User> users() {
        return users;
    }

    /** Each mutual connection once, in file order. */
    public List<ConnectionPair> connections() {
        return connections;
    }

    public List<TeeTime> teeTimes() {
        return teeTimes;
    }

    /** All slots, grouped by tee time in file order, each group ordered by slot number. */
    public List<Slot> slots() {
        return slots;
    }

    /** The taken slots of one tee time, slot 1 (the host) first; empty for an unknown id. */
    public List<Slot> slotsOf(String teeTimeId) {
        return slotsByTeeTime.getOrDefault(teeTimeId, List.of());
    }

    public Optional<Course> course(String id) {
        return Optional.ofNullable(coursesById.get(id));
    }

    public Optional<User> user(String id) {
        return Optional.ofNullable(usersById.get(id));
    }

    public Optional<TeeTime> teeTime(String id) {
        return Optional.ofNullable(teeTimesById.get(id));
    }
}
