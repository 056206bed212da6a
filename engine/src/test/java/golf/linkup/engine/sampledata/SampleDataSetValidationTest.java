package golf.linkup.engine.sampledata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading refuses inconsistent files with an exception that names the file and the record. */
class SampleDataSetValidationTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-15T12:00:00Z"), ZoneOffset.UTC);
    private static final JsonMapper MAPPER = new JsonMapper();

    static Stream<Arguments> inconsistencies() {
        return Stream.of(
                refused("a tee time at an unknown course", SampleDataFiles.TEE_TIMES, "tt-0001", "unknown course",
                        root -> record(root, 0).put("courseId", "course-atlantis")),
                refused("a tee time with an unknown host", SampleDataFiles.TEE_TIMES, "tt-0001", "unknown host",
                        root -> record(root, 0).put("hostId", "user-9999")),
                refused("a tee time with an unknown player", SampleDataFiles.TEE_TIMES, "tt-0001", "unknown player",
                        root -> ((ArrayNode) record(root, 0).get("players")).add("user-9999")),
                refused("more players than slots", SampleDataFiles.TEE_TIMES, "tt-0001", "3 players but only 2 slots",
                        root -> {
                            record(root, 0).put("totalSlots", 2);
                            ((ArrayNode) record(root, 0).get("players")).add("user-0006");
                        }),
                refused("a tee time whose slot 1 is not the host", SampleDataFiles.TEE_TIMES, "tt-0001", "slot 1 must be the host",
                        root -> record(root, 0).putArray("players").add("user-0002").add("user-0001")),
                refused("a player holding two slots", SampleDataFiles.TEE_TIMES, "tt-0001", "more than one slot",
                        root -> ((ArrayNode) record(root, 0).get("players")).add("user-0002")),
                refused("a FULL tee time with open slots", SampleDataFiles.TEE_TIMES, "tt-0001", "status FULL",
                        root -> record(root, 0).put("status", "FULL")),
                refused("a tee time beyond the 30-day window", SampleDataFiles.TEE_TIMES, "tt-0002", "dayOffset",
                        root -> record(root, 1).put("dayOffset", 30)),
                refused("a local time that is not HH:mm", SampleDataFiles.TEE_TIMES, "tt-0002", "localTime",
                        root -> record(root, 1).put("localTime", "7:30")),
                refused("a course in a zone that does not exist", SampleDataFiles.COURSES, "course-bethpage-black", "IANA time zone",
                        root -> record(root, 0).put("timeZone", "America/Gotham")),
                refused("a course at an impossible position", SampleDataFiles.COURSES, "course-bethpage-black", "not a position",
                        root -> record(root, 0).put("lat", 140.0)),
                refused("a misspelt field", SampleDataFiles.COURSES, "course-bethpage-black", "unknown field 'timezone'",
                        root -> record(root, 0).put("timezone", "America/New_York")),
                refused("a user in a zone that does not exist", SampleDataFiles.USERS, "user-0004", "IANA time zone",
                        root -> record(root, 3).put("timeZone", "GMT+1")),
                refused("a user whose skill level is ANY", SampleDataFiles.USERS, "user-0001", "never ANY",
                        root -> record(root, 0).put("skillLevel", "ANY")),
                refused("a user with an unknown industry", SampleDataFiles.USERS, "user-0001", "not one of",
                        root -> record(root, 0).put("industry", "GOLF")),
                refused("two users sharing an id", SampleDataFiles.USERS, "user-0001", "duplicate id",
                        root -> record(root, 1).put("id", "user-0001").put("email", "someone.else.2@example.com")),
                refused("a connection to an unknown user", SampleDataFiles.CONNECTIONS, "[user-0001, user-9999]", "unknown user",
                        root -> ((ArrayNode) root).addArray().add("user-0001").add("user-9999")),
                refused("a connection listed twice", SampleDataFiles.CONNECTIONS, "[user-0001, user-0002]", "more than once",
                        root -> ((ArrayNode) root).addArray().add("user-0001").add("user-0002")),
                refused("a connection written larger id first", SampleDataFiles.CONNECTIONS, "[user-0002, user-0001]", "smaller id first",
                        root -> ((ArrayNode) root).addArray().add("user-0002").add("user-0001")));
    }

    private static Arguments refused(String what, String file, String recordId, String messageFragment,
                                     Consumer<JsonNode> edit) {
        return Arguments.of(what, file, recordId, messageFragment, edit);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inconsistencies")
    @DisplayName("Reading refuses an inconsistent record and names its file and id")
    void readingRefusesInconsistentRecords(String what, String file, String recordId, String messageFragment,
                                           Consumer<JsonNode> edit, @TempDir Path directory) throws IOException {
        SampleDataDirectories.copyOfCommitted(directory);
        Path edited = directory.resolve(file);
        JsonNode root = MAPPER.readTree(edited.toFile());
        edit.accept(root);
        MAPPER.writeValue(edited.toFile(), root);

        SampleDataException refused = assertThrows(SampleDataException.class,
                () -> SampleDataSet.read(directory, CLOCK));

        assertAll(
                () -> assertEquals(file, refused.file()),
                () -> assertEquals(recordId, refused.recordId()),
                () -> assertTrue(refused.getMessage().contains(messageFragment), refused.getMessage()),
                () -> assertTrue(refused.getMessage().startsWith(file + ", record " + recordId + ": "), refused.getMessage()));
    }

    @Test
    @DisplayName("A missing file is reported by name")
    void missingFileIsNamed(@TempDir Path directory) throws IOException {
        SampleDataDirectories.copyOfCommitted(directory);
        Files.delete(SampleDataFiles.connections(directory));

        SampleDataException refused = assertThrows(SampleDataException.class, () -> SampleDataSet.read(directory, CLOCK));

        assertEquals(SampleDataFiles.CONNECTIONS, refused.file());
        assertTrue(refused.getMessage().contains("missing"), refused.getMessage());
    }

    @Test
    @DisplayName("A file that is not JSON is reported by name")
    void malformedJsonIsNamed(@TempDir Path directory) throws IOException {
        SampleDataDirectories.copyOfCommitted(directory);
        Files.writeString(SampleDataFiles.users(directory), "[{\"id\": \"user-0001\",");

        SampleDataException refused = assertThrows(SampleDataException.class, () -> SampleDataSet.read(directory, CLOCK));

        assertEquals(SampleDataFiles.USERS, refused.file());
        assertTrue(refused.getMessage().contains("not valid JSON"), refused.getMessage());
    }

    private static ObjectNode record(JsonNode root, int index) {
        return (ObjectNode) root.get(index);
    }
}
