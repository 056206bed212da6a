package golf.linkup.engine.sampledata;

import com.fasterxml.jackson.databind.JsonNode;
import golf.linkup.engine.domain.Course;
import golf.linkup.engine.domain.GeoPoint;
import golf.linkup.engine.domain.Industry;
import golf.linkup.engine.domain.SkillLevel;
import golf.linkup.engine.domain.TeeTimeStatus;
import golf.linkup.engine.domain.User;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses each sample data file on its own and checks what one record can tell about itself
 * (types, ranges, enum names, zones). Checks across records and files are {@link SampleDataSet}'s.
 */
final class SampleDataReader {

    static final Set<String> COURSE_FIELDS = Set.of("id", "name", "city", "country", "lat", "lng", "timeZone");
    static final Set<String> USER_FIELDS = Set.of("id", "name", "email", "company", "industry", "city",
            "lat", "lng", "timeZone", "locale", "skillLevel", "rating", "completedTeeTimes");
    static final Set<String> TEE_TIME_FIELDS = Set.of("id", "hostId", "courseId", "dayOffset", "localTime",
            "industry", "openToAll", "skillLevel", "totalSlots", "status", "players");

    /** Strict 24-hour {@code HH:mm}: "7:30" and "24:00" are refused. */
    static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("HH:mm").withResolverStyle(ResolverStyle.STRICT);

    /** The schema's {@code check (total_slots between 2 and 8)}. */
    static final int MIN_SLOTS = 2;
    static final int MAX_SLOTS = 8;

    private SampleDataReader() {
    }

    static List<Course> readCourses(Path file) throws IOException {
        List<Course> courses = new ArrayList<>();
        for (JsonRecord record : JsonRecord.arrayOf(SampleDataFiles.COURSES, tree(file), COURSE_FIELDS)) {
            courses.add(new Course(record.id(), record.text("name"), record.text("city"), record.text("country"),
                    position(record), record.zone("timeZone")));
        }
        return courses;
    }

    static List<User> readUsers(Path file) throws IOException {
        List<User> users = new ArrayList<>();
        for (JsonRecord record : JsonRecord.arrayOf(SampleDataFiles.USERS, tree(file), USER_FIELDS)) {
            String email = record.text("email");
            if (email.indexOf('@') <= 0 || email.indexOf('@') != email.lastIndexOf('@')) {
                throw record.problem("field 'email' is '" + email + "', not an e-mail address");
            }
            SkillLevel skill = record.enumValue("skillLevel", SkillLevel.class);
            if (skill == SkillLevel.ANY) {
                throw record.problem("a player's skillLevel is BEGINNER, INTERMEDIATE or ADVANCED, never ANY");
            }
            double rating = record.number("rating");
            if (!(rating >= 0.0 && rating <= 5.0)) {
                throw record.problem("field 'rating' is " + rating + ", outside 0.0..5.0");
            }
            int completed = record.integer("completedTeeTimes");
            if (completed < 0) {
                throw record.problem("field 'completedTeeTimes' is negative");
            }
            users.add(new User(record.id(), record.text("name"), email, record.text("company"),
                    record.enumValue("industry", Industry.class), record.text("city"), position(record),
                    skill, rating, completed, record.zone("timeZone"), locale(record)));
        }
        return users;
    }

    /** The root is an array of two-element string arrays, {@code [lowerId, higherId]}. */
    static List<ConnectionPair> readConnections(Path file) throws IOException {
        String name = SampleDataFiles.CONNECTIONS;
        JsonNode root = tree(file);
        if (!root.isArray()) {
            throw new SampleDataException(name, null, "the root must be a JSON array of [a, b] pairs");
        }
        List<ConnectionPair> pairs = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            JsonNode pair = root.get(i);
            if (!pair.isArray() || pair.size() != 2 || !pair.get(0).isTextual() || !pair.get(1).isTextual()) {
                throw new SampleDataException(name, "#" + (i + 1), "must be a pair of user ids [a, b]");
            }
            String lower = pair.get(0).asText();
            String higher = pair.get(1).asText();
            String label = "[" + lower + ", " + higher + "]";
            if (lower.compareTo(higher) >= 0) {
                throw new SampleDataException(name, label, "a pair is written once, with the smaller id first");
            }
            pairs.add(new ConnectionPair(lower, higher));
        }
        return pairs;
    }

    static List<PlannedTeeTime> readTeeTimes(Path file) throws IOException {
        List<PlannedTeeTime> teeTimes = new ArrayList<>();
        for (JsonRecord record : JsonRecord.arrayOf(SampleDataFiles.TEE_TIMES, tree(file), TEE_TIME_FIELDS)) {
            int dayOffset = record.integer("dayOffset");
            if (dayOffset < 0 || dayOffset > PlannedTeeTime.MAX_DAY_OFFSET) {
                throw record.problem("field 'dayOffset' is " + dayOffset + ", outside 0.." + PlannedTeeTime.MAX_DAY_OFFSET);
            }
            int totalSlots = record.integer("totalSlots");
            if (totalSlots < MIN_SLOTS || totalSlots > MAX_SLOTS) {
                throw record.problem("field 'totalSlots' is " + totalSlots + ", outside " + MIN_SLOTS + ".." + MAX_SLOTS);
            }
            teeTimes.add(new PlannedTeeTime(record.id(), record.text("hostId"), record.text("courseId"), dayOffset,
                    localTime(record), record.enumValue("industry", Industry.class), record.bool("openToAll"),
                    record.enumValue("skillLevel", SkillLevel.class), totalSlots,
                    record.enumValue("status", TeeTimeStatus.class), record.textList("players")));
        }
        return teeTimes;
    }

    private static JsonNode tree(Path file) throws IOException {
        return SampleDataJson.readTree(file);
    }

    private static GeoPoint position(JsonRecord record) {
        double lat = record.number("lat");
        double lng = record.number("lng");
        try {
            return new GeoPoint(lat, lng);
        } catch (IllegalArgumentException e) {
            throw record.problem(e.getMessage());
        }
    }

    /** A bare language tag such as {@code en} or {@code pt-BR}, written as Java writes it back. */
    private static Locale locale(JsonRecord record) {
        String text = record.text("locale");
        Locale locale = Locale.forLanguageTag(text);
        if (locale.getLanguage().isEmpty() || !locale.toLanguageTag().equals(text)) {
            throw record.problem("field 'locale' is '" + text + "', not a well-formed language tag such as 'en'");
        }
        return locale;
    }

    private static LocalTime localTime(JsonRecord record) {
        String text = record.text("localTime");
        try {
            return LocalTime.parse(text, LOCAL_TIME);
        } catch (DateTimeParseException e) {
            throw record.problem("field 'localTime' is '" + text + "', not HH:mm");
        }
    }
}
