package golf.linkup.console.view;

import com.fasterxml.jackson.databind.JsonNode;
import golf.linkup.console.model.Console;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Simulator (sandbox only): forms that write to the sandbox database and publish the event, as the
 * API server would — create a tee time, join or leave a slot, send a chat message, cancel — and the
 * scenario player; below, the simulated events with what each caused (the Inspector has the details).
 */
final class SimulatorView implements ConsoleView {

    private static final String SEP = "  ·  ";

    private final Console console;
    private final VBox root = new VBox(10);
    private final ComboBox<String> host = combo("sim-host");
    private final ComboBox<String> course = combo("sim-course");
    private final Spinner<Integer> inDays = new Spinner<>(0, 60, 2);
    private final TextField localTime = new TextField("08:30");
    private final Spinner<Integer> slots = new Spinner<>(2, 8, 4);
    private final ComboBox<String> teeTime = combo("sim-tee-time");
    private final ComboBox<String> player = combo("sim-player");
    private final TextField message = new TextField("See you on the first tee");
    private final TextField reason = new TextField("Course closed for aeration");
    private final ComboBox<String> scenario = combo("sim-scenario");
    private final ComboBox<String> speed = combo("sim-speed");
    private final ProgressBar progress = new ProgressBar(0);
    private final Label playerStatus = new Label("no scenario played yet");
    private final Label unavailable = new Label();
    private final DataTable recent;
    private String newestTeeTime;

    SimulatorView(Console console) {
        this.console = console;
        localTime.setId("sim-local-time");
        localTime.setPrefColumnCount(5);
        message.setId("sim-message");
        reason.setId("sim-reason");
        inDays.setPrefWidth(80);
        slots.setPrefWidth(80);

        Button create = button("Create tee time", "sim-create", () -> console.createTeeTime(id(host), id(course),
                inDays.getValue(), localTime.getText().strip(), slots.getValue()));
        GridPane createForm = form();
        createForm.addRow(0, new Label("Host"), host, new Label("Course"), course);
        createForm.addRow(1, new Label("In days"), inDays, new Label("Local time"), new HBox(8, localTime,
                new Label("Slots"), slots, create));

        Button join = button("Join", "sim-join", () -> console.join(id(teeTime), id(player)));
        Button leave = button("Leave", "sim-leave", () -> console.leave(id(teeTime), id(player)));
        Button send = button("Send", "sim-send", () -> console.sendMessage(id(teeTime), id(player), message.getText()));
        Button cancel = button("Cancel tee time", "sim-cancel", () -> console.cancelTeeTime(id(teeTime),
                reason.getText()));
        GridPane slotForm = form();
        slotForm.addRow(0, new Label("Tee time"), teeTime, new Label("Player"), player);
        slotForm.addRow(1, new Label("Slot"), new HBox(8, join, leave), new Label("Chat"), new HBox(8, message, send));
        slotForm.addRow(2, new Label("Cancel"), new HBox(8, reason, cancel));
        HBox.setHgrow(message, Priority.ALWAYS);

        speed.getItems().setAll("1× (real time)", "10×", "60× (an hour a minute)", "600×", "as fast as possible");
        speed.getSelectionModel().select(2);
        Button play = button("Play", "sim-play", () -> console.play(scenario.getValue(), speedValue()));
        Button stop = button("Stop", "sim-stop", console::stopScenario);
        progress.setPrefWidth(240);
        GridPane scenarioForm = form();
        scenarioForm.addRow(0, new Label("Scenario"), scenario, new Label("Speed"), new HBox(8, speed, play, stop));
        scenarioForm.addRow(1, new Label("Progress"), progress, new Label(""), playerStatus);

        recent = InspectorView.eventsTable(console);
        VBox.setVgrow(recent, Priority.ALWAYS);
        unavailable.getStyleClass().addAll("banner", "banner-warning");
        unavailable.managedProperty().bind(unavailable.visibleProperty());
        unavailable.setVisible(false);
        root.getChildren().addAll(unavailable, titled("A tee time", createForm), titled("Slots, chat, cancellation",
                slotForm), titled("Scenario player (sample-data/scenarios)", scenarioForm), recent);

        console.simulatorOptionsProperty().addListener((o, was, now) -> options(now));
        console.scenarioProperty().addListener((o, was, now) -> scenarioStatus(now));
    }

    private void options(JsonNode options) {
        if (options == null) {
            return;
        }
        unavailable.setVisible(options.has("unavailable"));
        unavailable.setText("The simulator is not available: " + options.path("unavailable").asText());
        List<String> users = new ArrayList<>();
        options.path("users").forEach(u -> users.add(u.path("id").asText() + SEP + u.path("name").asText() + " ("
                + u.path("industry").asText() + ")"));
        List<String> courses = new ArrayList<>();
        options.path("courses").forEach(c -> courses.add(c.path("id").asText() + SEP + c.path("name").asText()));
        List<String> teeTimes = new ArrayList<>();
        options.path("teeTimes").forEach(t -> teeTimes.add(t.path("id").asText() + SEP + t.path("courseName").asText()
                + SEP + t.path("players").size() + "/" + t.path("totalSlots").asInt() + " " + t.path("industry").asText()));
        List<String> scenarios = new ArrayList<>();
        options.path("scenarios").forEach(s -> scenarios.add(s.asText()));
        keep(host, users, 0);
        keep(player, users, Math.min(1, users.size() - 1));
        keep(course, courses, 0);
        keep(scenario, scenarios, 0);
        String newest = teeTimes.isEmpty() ? null : teeTimes.get(0).split(SEP)[0];
        boolean created = newestTeeTime != null && !Objects.equals(newest, newestTeeTime);
        keep(teeTime, teeTimes, 0);
        if (created) {
            teeTime.getSelectionModel().select(0); // follow what was just created
        }
        newestTeeTime = newest;
        if (options.hasNonNull("player")) {
            scenarioStatus(options.get("player"));
        }
    }

    private void scenarioStatus(JsonNode s) {
        if (s == null || s.isNull() || !s.has("state")) {
            return;
        }
        int total = s.path("stepsTotal").asInt();
        progress.setProgress(total == 0 ? 0 : (double) s.path("stepsDone").asInt() / total);
        playerStatus.setText(s.path("scenario").asText("") + " " + s.path("state").asText().toLowerCase() + ": "
                + s.path("stepsDone").asInt() + "/" + total + " steps, " + s.path("failures").asInt() + " failed"
                + (s.hasNonNull("lastError") ? " (last: " + s.path("lastError").asText() + ")" : ""));
    }

    /** Replaces a combo's items, keeping the chosen item when it is still there. */
    private static void keep(ComboBox<String> combo, List<String> items, int defaultIndex) {
        String chosen = combo.getValue();
        String chosenId = chosen == null ? null : chosen.split(SEP)[0];
        combo.setItems(FXCollections.observableArrayList(items));
        for (String item : items) {
            if (item.split(SEP)[0].equals(chosenId)) {
                combo.getSelectionModel().select(item);
                return;
            }
        }
        if (!items.isEmpty() && defaultIndex >= 0) {
            combo.getSelectionModel().select(defaultIndex);
        }
    }

    private double speedValue() {
        return switch (speed.getSelectionModel().getSelectedIndex()) {
            case 0 -> 1;
            case 1 -> 10;
            case 3 -> 600;
            case 4 -> 0;
            default -> 60;
        };
    }

    private static String id(ComboBox<String> combo) {
        String v = combo.getValue();
        return v == null ? "" : v.split(SEP)[0];
    }

    private static ComboBox<String> combo(String id) {
        ComboBox<String> c = new ComboBox<>();
        c.setId(id);
        c.setPrefWidth(340);
        c.setVisibleRowCount(16);
        return c;
    }

    private static Button button(String text, String id, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setOnAction(e -> action.run());
        return b;
    }

    private static GridPane form() {
        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(8);
        g.setPadding(new Insets(6));
        return g;
    }

    private static TitledPane titled(String title, Node content) {
        TitledPane p = new TitledPane(title, content);
        p.setCollapsible(false);
        return p;
    }

    @Override
    public String title() {
        return "Simulator";
    }

    @Override
    public Node root() {
        return root;
    }

    @Override
    public Console.Topics topics() {
        return Console.Topics.SIMULATOR;
    }

    @Override
    public DataTable mainTable() {
        return recent;
    }
}
