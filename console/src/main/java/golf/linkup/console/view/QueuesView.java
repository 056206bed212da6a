package golf.linkup.console.view;

import com.fasterxml.jackson.databind.JsonNode;
import golf.linkup.console.model.Console;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Queues: the notification outbox by channel and status (rows, age of the oldest, oldest due), then
 * the rows of one kind — failed, cancelled, pending, or the dead-lettered events — with retry,
 * cancel and requeue, and the selected row's error or payload.
 */
final class QueuesView implements ConsoleView {

    private final DataTable depths;
    private final DataTable rows;
    private final VBox root;

    QueuesView(Console console) {
        depths = new DataTable("outbox depth", console.queueDepths().rows(), "channel", List.of(
                DataTable.Column.text("Channel", "channel", 90),
                DataTable.Column.text("Status", "status", 90),
                DataTable.Column.number("Rows", "rows", 80),
                DataTable.Column.of("Oldest row", r -> Format.seconds(r.path("oldestAgeSeconds").asDouble()), 110),
                DataTable.Column.of("Oldest due", r -> Format.seconds(r.path("oldestDueSeconds").asDouble()), 110)));
        depths.setMinHeight(250); // 3 channels × 4 statuses fit without scrolling
        depths.setPrefHeight(330);

        rows = new DataTable("queue rows", console.queueRows().rows(), "id", List.of(
                DataTable.Column.number("Id", "id", 60),
                DataTable.Column.of("When", r -> Format.dateTime(r.has("receivedAt") ? r.path("receivedAt")
                        : r.path("createdAt")), 100),
                DataTable.Column.of("What", r -> r.has("eventType") ? r.path("eventType").asText() + " "
                        + r.path("eventId").asText("") : r.path("type").asText() + " → " + r.path("userId").asText(), 220),
                DataTable.Column.of("Channel / source", r -> r.has("source") ? r.path("source").asText()
                        : r.path("channel").asText(), 110),
                DataTable.Column.of("Status / reason", r -> r.has("reasonCode") ? r.path("reasonCode").asText()
                        : r.path("status").asText(), 120),
                DataTable.Column.number("Retries", "retries", 60),
                DataTable.Column.of("Error", r -> r.has("reason") ? r.path("reason").asText() : r.path("error").asText(""),
                        300)));
        ToggleGroup kinds = new ToggleGroup();
        HBox kindButtons = new HBox(4);
        for (String[] kind : new String[][] {{"failed", "Failed"}, {"cancelled", "Cancelled"}, {"pending", "Pending"},
                {"dead-letters", "Dead letters"}}) {
            ToggleButton b = new ToggleButton(kind[1]);
            b.setId("browse-" + kind[0]);
            b.setToggleGroup(kinds);
            b.setSelected(kind[0].equals(console.queueBrowseProperty().get()));
            b.setOnAction(e -> {
                b.setSelected(true);
                console.browseQueue(kind[0]);
            });
            kindButtons.getChildren().add(b);
        }
        Button retry = new Button("Retry");
        Button cancel = new Button("Cancel");
        Button requeue = new Button("Requeue event");
        var selected = rows.table().getSelectionModel().selectedItemProperty();
        retry.disableProperty().bind(selected.isNull().or(console.queueBrowseProperty().isNotEqualTo("failed")
                .and(console.queueBrowseProperty().isNotEqualTo("cancelled"))));
        cancel.disableProperty().bind(selected.isNull().or(console.queueBrowseProperty().isNotEqualTo("pending")));
        requeue.disableProperty().bind(selected.isNull().or(console.queueBrowseProperty().isNotEqualTo("dead-letters")));
        retry.setOnAction(e -> console.retry(rows.selected().path("id").asLong()));
        cancel.setOnAction(e -> console.cancelRow(rows.selected().path("id").asLong()));
        requeue.setOnAction(e -> console.requeueDeadLetter(rows.selected().path("id").asLong()));
        rows.withActions(retry, cancel, requeue);

        TextArea detail = new TextArea();
        detail.setEditable(false);
        detail.setWrapText(true);
        detail.setPromptText("the selected row's error, or a dead letter's payload");
        selected.addListener((o, was, now) -> detail.setText(now == null ? "" : describe(now)));

        Label title = new Label("Outbox by channel and status");
        title.getStyleClass().add("section-title");
        Label browse = new Label("Browse");
        browse.getStyleClass().add("section-title");
        SplitPane lower = new SplitPane(rows, detail);
        lower.setDividerPositions(0.72);
        VBox.setVgrow(lower, Priority.ALWAYS);
        root = new VBox(8, title, depths, new HBox(12, browse, kindButtons), lower);
    }

    private static String describe(JsonNode row) {
        if (row.has("payload")) {
            return row.path("reasonCode").asText() + ": " + row.path("reason").asText() + "\n\n" + row.path("payload").asText();
        }
        return row.path("title").asText() + "\n" + row.path("notificationKey").asText() + "\n\n"
                + row.path("error").asText("");
    }

    DataTable depthsTable() {
        return depths;
    }

    @Override
    public String title() {
        return "Queues";
    }

    @Override
    public Node root() {
        return root;
    }

    @Override
    public Console.Topics topics() {
        return Console.Topics.QUEUES;
    }

    @Override
    public DataTable mainTable() {
        return rows;
    }
}
