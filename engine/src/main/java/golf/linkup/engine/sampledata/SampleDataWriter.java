package golf.linkup.engine.sampledata;

import com.fasterxml.jackson.core.JsonGenerator;
import golf.linkup.engine.domain.User;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the generated files. Field order is fixed here and matches {@link SampleDataReader}'s
 * field sets; records are written in the order given.
 */
final class SampleDataWriter {

    private SampleDataWriter() {
    }

    static void writeUsers(Path file, List<User> users) throws IOException {
        SampleDataJson.write(file, json -> {
            json.writeStartArray();
            for (User user : users) {
                json.writeStartObject();
                json.writeStringField("id", user.id());
                json.writeStringField("name", user.name());
                json.writeStringField("email", user.email());
                json.writeStringField("company", user.company());
                json.writeStringField("industry", user.industry().name());
                json.writeStringField("city", user.city());
                json.writeNumberField("lat", user.location().lat());
                json.writeNumberField("lng", user.location().lng());
                json.writeStringField("timeZone", user.timeZone().getId());
                json.writeStringField("locale", user.locale().toLanguageTag());
                json.writeStringField("skillLevel", user.skillLevel().name());
                json.writeNumberField("rating", user.rating());
                json.writeNumberField("completedTeeTimes", user.completedTeeTimes());
                json.writeEndObject();
            }
            json.writeEndArray();
        });
    }

    static void writeConnections(Path file, List<ConnectionPair> pairs) throws IOException {
        SampleDataJson.write(file, json -> {
            json.writeStartArray();
            for (ConnectionPair pair : pairs) {
                json.writeStartArray();
                json.writeString(pair.lowerId());
                json.writeString(pair.higherId());
                json.writeEndArray();
            }
            json.writeEndArray();
        });
    }

    static void writeTeeTimes(Path file, List<PlannedTeeTime> teeTimes) throws IOException {
        SampleDataJson.write(file, json -> {
            json.writeStartArray();
            for (PlannedTeeTime teeTime : teeTimes) {
                writeTeeTime(json, teeTime);
            }
            json.writeEndArray();
        });
    }

    private static void writeTeeTime(JsonGenerator json, PlannedTeeTime teeTime) throws IOException {
        json.writeStartObject();
        json.writeStringField("id", teeTime.id());
        json.writeStringField("hostId", teeTime.hostId());
        json.writeStringField("courseId", teeTime.courseId());
        json.writeNumberField("dayOffset", teeTime.dayOffset());
        json.writeStringField("localTime", SampleDataReader.LOCAL_TIME.format(teeTime.localTime()));
        json.writeStringField("industry", teeTime.industry().name());
        json.writeBooleanField("openToAll", teeTime.openToAll());
        json.writeStringField("skillLevel", teeTime.skillLevel().name());
        json.writeNumberField("totalSlots", teeTime.totalSlots());
        json.writeStringField("status", teeTime.status().name());
        json.writeArrayFieldStart("players");
        for (String player : teeTime.players()) {
            json.writeString(player);
        }
        json.writeEndArray();
        json.writeEndObject();
    }
}
