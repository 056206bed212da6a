package golf.linkup.console.view;

import golf.linkup.console.model.Console;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Schedules: every timed job with its next and last fire time and last outcome; fire one now. */
final class SchedulesView implements ConsoleView {

    private final DataTable table;
    private final VBox root;

    SchedulesView(Console console) {
        table = new DataTable("jobs", console.jobs().rows(), "name", List.of(
                DataTable.Column.text("Job", "name", 175),
                DataTable.Column.text("Schedule", "schedule", 165),
                new DataTable.Column("Next fire", r -> Format.dateTime(r.path("nextFireAt")), false, 125, r -> Format.fullTime(r.path("nextFireAt"))),
                new DataTable.Column("Last fire", r -> Format.dateTime(r.path("lastFiredAt")), false, 125, r -> Format.fullTime(r.path("lastFiredAt"))),
                DataTable.Column.text("Last outcome", "lastOutcome", 230),
                new DataTable.Column("Took", r -> r.hasNonNull("lastDurationMillis")
                        ? Format.millis(r.path("lastDurationMillis").asDouble()) : "", true, 90),
                DataTable.Column.of("Paused", r -> r.path("paused").asBoolean() ? "paused" : "", 70),
                DataTable.Column.text("What it does", "description", 300)));
        Button fire = new Button("Fire now");
        fire.setId("fire-now");
        fire.disableProperty().bind(table.table().getSelectionModel().selectedItemProperty().isNull());
        fire.setOnAction(e -> console.fireJob(table.selected().path("name").asText()));
        table.withActions(fire);
        Label unavailable = new Label("This engine runs no scheduled jobs (GET /api/v1/admin/jobs answers 503 NOT_AVAILABLE).");
        unavailable.getStyleClass().addAll("banner", "banner-warning");
        unavailable.visibleProperty().bind(console.jobsAvailableProperty().not());
        unavailable.managedProperty().bind(unavailable.visibleProperty());
        VBox.setVgrow(table, Priority.ALWAYS);
        root = new VBox(8, unavailable, table);
    }

    @Override
    public String title() {
        return "Schedules";
    }

    @Override
    public Node root() {
        return root;
    }

    @Override
    public Console.Topics topics() {
        return Console.Topics.SCHEDULES;
    }

    @Override
    public DataTable mainTable() {
        return table;
    }
}
