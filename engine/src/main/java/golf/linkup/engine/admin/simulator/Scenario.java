package golf.linkup.engine.admin.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import golf.linkup.engine.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * A scripted stretch of activity the {@link ScenarioPlayer} replays: steps at offsets (seconds of
 * scenario time from the start). File format (JSON), one object:
 * <pre>{"name":"busy-day","description":"…","steps":[
 *   {"at":0,"do":"create","as":"t1","host":"user-0001","course":"course-bethpage-black","inDays":2,"localTime":"08:00","slots":4},
 *   {"at":40,"do":"join","teeTime":"t1","user":"user-0007"},
 *   {"at":95,"do":"message","teeTime":"t1","user":"user-0007","body":"See you on the first tee"},
 *   {"at":600,"do":"leave","teeTime":"t1","user":"user-0007"},
 *   {"at":900,"do":"cancel","teeTime":"t1","reason":"Course closed"}]}</pre>
 * {@code teeTime} names a tee time created earlier in the scenario ({@code as}) or an existing id.
 * Steps are sorted by {@code at}; a file with an unknown action or a missing field is refused whole,
 * naming the step.
 */
public record Scenario(String name, String description, List<Step> steps) {

    /** One step; unused fields are null. */
    public record Step(int index, long at, String action, String label, String host, String course, int inDays,
            LocalTime localTime, int slots, String teeTime, String user, String body, String reason) {
    }

    static final Set<String> ACTIONS = Set.of("create", "join", "leave", "message", "cancel");

    /** Scenario seconds from the first step to the last. */
    public long durationSeconds() {
        return steps.isEmpty() ? 0 : steps.get(steps.size() - 1).at();
    }

    public static Scenario read(Path file) throws IOException {
        JsonNode root = Json.MAPPER.readTree(Files.readString(file));
        String fallbackName = file.getFileName().toString().replaceFirst("\\.json$", "");
        if (root == null || !root.path("steps").isArray()) {
            throw new IllegalArgumentException(file + ": a scenario is an object with a \"steps\" array");
        }
        List<Step> steps = new ArrayList<>();
        int i = 0;
        for (JsonNode s : root.get("steps")) {
            steps.add(step(file, i++, s));
        }
        steps.sort(Comparator.comparingLong(Step::at).thenComparingInt(Step::index));
        return new Scenario(root.path("name").asText(fallbackName), root.path("description").asText(""),
                List.copyOf(steps));
    }

    private static Step step(Path file, int i, JsonNode s) {
        String action = s.path("do").asText("");
        if (!ACTIONS.contains(action)) {
            throw new IllegalArgumentException(file + ": step " + i + " has an unknown action '" + action
                    + "' (one of " + ACTIONS + ")");
        }
        if (!s.path("at").canConvertToLong() || s.path("at").asLong() < 0) {
            throw new IllegalArgumentException(file + ": step " + i + " needs \"at\", seconds from the start");
        }
        switch (action) {
            case "create" -> require(file, i, s, "host", "course");
            case "join", "leave", "message" -> require(file, i, s, "teeTime", "user");
            default -> require(file, i, s, "teeTime");
        }
        if (action.equals("message")) {
            require(file, i, s, "body");
        }
        return new Step(i, s.path("at").asLong(), action, text(s, "as"), text(s, "host"), text(s, "course"),
                s.path("inDays").asInt(1), LocalTime.parse(s.path("localTime").asText("09:00")), s.path("slots").asInt(4),
                text(s, "teeTime"), text(s, "user"), text(s, "body"), text(s, "reason"));
    }

    private static void require(Path file, int i, JsonNode s, String... fields) {
        for (String f : fields) {
            if (!s.hasNonNull(f) || s.get(f).asText().isBlank()) {
                throw new IllegalArgumentException(file + ": step " + i + " (" + s.path("do").asText()
                        + ") needs \"" + f + "\"");
            }
        }
    }

    private static String text(JsonNode s, String field) {
        return s.hasNonNull(field) ? s.get(field).asText() : null;
    }
}
