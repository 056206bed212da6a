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
        depths.setMinHeight(160);
        depths.setPrefHeight(250); // 3 channels × 4 statuses fit without scrolling at 1000 px

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
        retry.setId("queue-retry");
        cancel.setId("queue-cancel");
        requeue.setId("queue-requeue");
        retry.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(() -> selected.get() == null
                || !java.util.Set.of("failed", "cancelled").contains(selected.get().path("status").asText()), selected));
        cancel.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(() -> selected.get() == null
                || !"pending".equals(selected.get().path("status").asText()), selected));
        requeue.disableProperty().bind(selected.isNull().or(console.queueBrowseProperty().isNotEqualTo("dead-letters")));
        retry.setOnAction(e -> console.retry(rows.selected().path("id").asLong()));
        cancel.setOnAction(e -> {
            long id = rows.selected().path("id").asLong();
            if (Confirm.ask(rows, "Cancel notification " + id + "?", "Row " + id + " (" + rows.selected().path("type")
                    .asText() + " to " + rows.selected().path("userId").asText() + " by " + rows.selected()
                    .path("channel").asText() + ") will not be sent. Retry puts it back.", "Cancel it")) {
                console.cancelRow(id);
            }
        });
        requeue.setOnAction(e -> console.requeueDeadLetter(rows.selected().path("id").asLong()));
        rows.withActions(retry, cancel, requeue);

        TextArea detail = new TextArea();
        detail.setId("queue-detail");
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
        root = new VBox(8, title, depths, new HBox(12, browse, kindButtons), searchBar(console, kinds), lower);
    }

    /**
     * Search the whole outbox in the engine, by column: event id, user id, type, channel, status and
     * time; pages of {@link Console#SEARCH_PAGE}. Enter in any field searches.
     */
    private HBox searchBar(Console console, ToggleGroup kinds) {
        javafx.scene.control.TextField event = field("search-event", "event id", 150);
        javafx.scene.control.TextField user = field("search-user", "user id", 100);
        javafx.scene.control.TextField type = field("search-type", "type", 100);
        javafx.scene.control.ComboBox<String> channel = choice("search-channel", "any channel", "in_app", "email", "push");
        javafx.scene.control.ComboBox<String> status = choice("search-status", "any status", "pending", "sent", "failed",
                "cancelled");
        javafx.scene.control.ComboBox<String> since = choice("search-since", "any time", "last hour", "last 24 hours",
                "last 7 days");
        Button search = new Button("Search");
        search.setId("search-run");
        Button previous = new Button("‹");
        previous.setId("search-prev");
        previous.setAccessibleText("Previous page");
        Button next = new Button("›");
        next.setId("search-next");
        next.setAccessibleText("Next page");
        Label count = new Label();
        count.setId("search-count");
        java.util.function.IntConsumer run = offset -> {
            kinds.selectToggle(null);
            java.util.Map<String, String> criteria = new java.util.LinkedHashMap<>();
            criteria.put("eventId", event.getText());
            criteria.put("userId", user.getText());
            criteria.put("type", type.getText());
            criteria.put("channel", channel.getSelectionModel().getSelectedIndex() <= 0 ? "" : channel.getValue());
            criteria.put("status", status.getSelectionModel().getSelectedIndex() <= 0 ? "" : status.getValue());
            java.time.Duration back = switch (since.getSelectionModel().getSelectedIndex()) {
                case 1 -> java.time.Duration.ofHours(1);
                case 2 -> java.time.Duration.ofDays(1);
                case 3 -> java.time.Duration.ofDays(7);
                default -> null;
            };
            criteria.put("from", back == null ? "" : java.time.Instant.now().minus(back).toString());
            console.searchQueue(criteria, offset);
        };
        search.setOnAction(e -> run.accept(0));
        for (javafx.scene.control.TextField f : List.of(event, user, type)) {
            f.setOnAction(e -> run.accept(0));
        }
        previous.setOnAction(e -> run.accept(offset(console) - Console.SEARCH_PAGE));
        next.setOnAction(e -> run.accept(offset(console) + Console.SEARCH_PAGE));
        console.searchPageProperty().addListener((o, was, page) -> {
            long total = page.path("total").asLong();
            int from = page.path("offset").asInt();
            count.setText(total == 0 ? "no rows match" : (from + 1) + "–" + (from + page.path("rows").size()) + " of "
                    + total);
        });
        var searching = console.queueBrowseProperty().isEqualTo("search");
        previous.disableProperty().bind(searching.not().or(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> offset(console) == 0, console.searchPageProperty())));
        next.disableProperty().bind(searching.not().or(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> console.searchPageProperty().get() == null || offset(console) + Console.SEARCH_PAGE
                        >= console.searchPageProperty().get().path("total").asLong(), console.searchPageProperty())));
        count.visibleProperty().bind(searching);
        Label title = new Label("Search");
        title.getStyleClass().add("section-title");
        HBox bar = new HBox(6, title, event, user, type, channel, status, since, search, previous, next, count);
        for (javafx.scene.Node n : List.of(title, search, previous, next, count, channel, status, since)) {
            ((javafx.scene.layout.Region) n).setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        for (javafx.scene.control.TextField f : List.of(event, user, type)) {
            f.setMinWidth(80);
            HBox.setHgrow(f, Priority.SOMETIMES);
        }
        bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return bar;
    }

    private static int offset(Console console) {
        JsonNode page = console.searchPageProperty().get();
        return page == null ? 0 : page.path("offset").asInt();
    }

    private static javafx.scene.control.TextField field(String id, String prompt, double width) {
        javafx.scene.control.TextField f = new javafx.scene.control.TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.setPrefWidth(width);
        return f;
    }

    private static javafx.scene.control.ComboBox<String> choice(String id, String... items) {
        javafx.scene.control.ComboBox<String> c = new javafx.scene.control.ComboBox<>(
                javafx.collections.FXCollections.observableArrayList(items));
        c.setId(id);
        c.getSelectionModel().select(0);
        return c;
    }

    /** The details pane: everything the engine has on the selected row, times in full. */
    private static String describe(JsonNode row) {
        if (row.has("payload")) {
            return "Dead letter " + row.path("id").asText() + " · " + row.path("reasonCode").asText() + "\n"
                    + Format.displayable(row.path("reason").asText()) + "\n\nEvent " + row.path("eventId").asText("(no id)")
                    + " (" + row.path("eventType").asText("?") + ") from " + row.path("source").asText()
                    + "\nReceived " + Format.fullTime(row.path("receivedAt")) + "\n\nPayload:\n"
                    + Format.displayable(row.path("payload").asText());
        }
        StringBuilder out = new StringBuilder();
        out.append("Row ").append(row.path("id").asText()).append(" · ").append(row.path("type").asText()).append(" to ")
                .append(row.path("userId").asText()).append(" by ").append(row.path("channel").asText()).append('\n');
        out.append("Title: ").append(Format.displayable(row.path("title").asText())).append('\n');
        out.append("Key: ").append(row.path("notificationKey").asText()).append('\n');
        out.append("Status: ").append(row.path("status").asText()).append(", attempts so far: ")
                .append(row.path("retries").asInt()).append('\n');
        out.append("Created: ").append(Format.fullTime(row.path("createdAt"))).append('\n');
        out.append("Priority: ").append(row.path("priority").asText("normal")).append('\n');
        JsonNode due = row.path("scheduledFor");
        if (due.isTextual()) {
            boolean later = java.time.Instant.parse(due.asText()).isAfter(java.time.Instant.now());
            out.append(later && "pending".equals(row.path("status").asText()) ? "Waits until " + Format.fullTime(due)
                    + " (" + whyItWaits(row) + ")" : "Due: " + Format.fullTime(due)).append('\n');
        }
        if (!row.path("claimedBy").asText("").isEmpty()) {
            out.append("Being sent by instance ").append(row.path("claimedBy").asText()).append('\n');
        }
        if (!row.path("error").asText("").isEmpty()) {
            out.append("\nLast error: ").append(Format.displayable(row.path("error").asText()));
        }
        return out.toString();
    }

    /** Why a pending row is not due yet, from what the row says. */
    static String whyItWaits(JsonNode row) {
        if (!row.path("batchKey").asText("").isEmpty()) {
            return "batched: folded with the user's other " + row.path("type").asText()
                    + " notifications into one when it is due";
        }
        if (row.path("retries").asInt() > 0) {
            return "retry back-off after " + row.path("retries").asInt() + " failed attempts";
        }
        return "held for the user's quiet hours or a later send time";
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
