package golf.linkup.console.view;

import com.fasterxml.jackson.databind.JsonNode;
import golf.linkup.console.model.Console;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Users: one user in one place — presence across the cluster, their connections on this instance with
 * rooms, buffer and counts, their latest notifications by channel with each outcome, their
 * missed-message digests (rooms with unseen messages or changes and when the digest is due; digests
 * queued with status) and their in-app notifications' receipts (delivered, acknowledged, read, push
 * fallback); disconnect
 * all of the user's connections here, with a reason the apps are told, after a confirmation.
 */
final class UsersView implements ConsoleView {

    private final VBox root;
    private final DataTable connections;
    private final ObservableList<JsonNode> connectionRows = FXCollections.observableArrayList();
    private final ObservableList<JsonNode> notificationRows = FXCollections.observableArrayList();
    private final TextField userId = new TextField();
    private final ObservableList<JsonNode> pendingRows = FXCollections.observableArrayList();
    private final ObservableList<JsonNode> digestRows = FXCollections.observableArrayList();
    private final ObservableList<JsonNode> receiptRows = FXCollections.observableArrayList();
    private final DataTable pending;
    private final DataTable digests;
    private final DataTable receipts;
    private final TabPane lower = new TabPane();

    UsersView(Console console) {
        userId.setId("user-id");
        userId.setPromptText("user id, e.g. user-0001");
        userId.setPrefWidth(220);
        Button lookUp = new Button("Look up");
        lookUp.setId("user-look-up");
        lookUp.setOnAction(e -> {
            if (!userId.getText().isBlank()) {
                console.lookUpUser(userId.getText().strip());
            }
        });
        userId.setOnAction(lookUp.getOnAction());
        Label title = new Label("User");
        title.getStyleClass().add("section-title");
        HBox search = new HBox(8, title, userId, lookUp);
        search.setAlignment(Pos.CENTER_LEFT);

        Label summary = new Label("Look up a user to see their connections, rooms, presence and notifications.");
        summary.setId("user-summary");
        summary.setWrapText(true);

        connections = new DataTable("user connections", connectionRows, "id", List.of(
                DataTable.Column.text("Device", "device", 200),
                DataTable.Column.text("Address", "remoteAddress", 130),
                DataTable.Column.time("Opened", "openedAt", 80),
                DataTable.Column.of("Rooms", r -> String.join(" ", ConnectionsView.texts(r.path("rooms"))), 260),
                DataTable.Column.of("Buffer", r -> r.path("queued").asInt() + "/" + r.path("capacity").asInt(), 70),
                DataTable.Column.number("Sent", "sent", 70),
                DataTable.Column.number("Dropped", "dropped", 70),
                DataTable.Column.text("Id", "id", 120)));
        TextField reason = new TextField();
        reason.setId("user-disconnect-reason");
        reason.setPromptText("reason the apps are told (required)");
        reason.setPrefWidth(260);
        Button disconnectAll = new Button("Disconnect all here");
        disconnectAll.setId("user-disconnect-all");
        disconnectAll.disableProperty().bind(reason.textProperty().isEmpty()
                .or(javafx.beans.binding.Bindings.isEmpty(connectionRows)));
        disconnectAll.setOnAction(e -> {
            JsonNode user = console.userProperty().get();
            if (user != null && Confirm.ask(connections, "Disconnect " + user.path("userId").asText() + "?", "All "
                    + connectionRows.size() + " of " + user.path("userId").asText() + "'s connections on this instance"
                    + " are closed with 1008 \"" + reason.getText().strip() + "\". Their apps usually reconnect.",
                    "Disconnect all")) {
                console.disconnectUser(user.path("userId").asText(), reason.getText().strip());
            }
        });
        connections.withActions(reason, disconnectAll);

        DataTable notifications = new DataTable("user notifications", notificationRows, "id", List.of(
                DataTable.Column.number("Id", "id", 60),
                new DataTable.Column("Created", r -> Format.dateTime(r.path("createdAt")), false, 110,
                        r -> Format.fullTime(r.path("createdAt"))),
                DataTable.Column.text("Type", "type", 150),
                DataTable.Column.text("Channel", "channel", 70),
                DataTable.Column.text("Status", "status", 80),
                DataTable.Column.number("Attempts", "retries", 70),
                DataTable.Column.text("Title", "title", 260),
                DataTable.Column.text("Error", "error", 240)));
        Label connectionsTitle = new Label("Connections on this instance");
        connectionsTitle.getStyleClass().add("section-title");

        // missed-message digests: what is pending in Redis (rooms, unseen, due) and what was queued
        pending = new DataTable("user pending digests", pendingRows, "room", List.of(
                DataTable.Column.text("Tee time", "teeTimeId", 130),
                DataTable.Column.text("Of", "kind", 80),
                DataTable.Column.number("Unseen", "unseen", 70),
                new DataTable.Column("Digest due", r -> r.path("dueAt").isTextual() ? Format.time(r.path("dueAt"))
                        : "no look pending", false, 110, r -> Format.fullTime(r.path("dueAt"))),
                DataTable.Column.number("Seen through", "seenThrough", 95),
                DataTable.Column.number("Room at", "roomOffset", 75),
                DataTable.Column.text("Room", "room", 200)));
        digests = new DataTable("user digests", digestRows, "id", List.of(
                DataTable.Column.number("Id", "id", 60),
                new DataTable.Column("Queued", r -> Format.dateTime(r.path("createdAt")), false, 110,
                        r -> Format.fullTime(r.path("createdAt"))),
                DataTable.Column.text("Tee time", "teeTimeId", 130),
                DataTable.Column.text("Channel", "channel", 70),
                DataTable.Column.text("Status", "status", 80),
                DataTable.Column.time("Sent", "sentAt", 80),
                // where the look that queued it stopped, in the chat room and the tee-time room (offsets)
                DataTable.Column.of("Looked through", r -> "chat " + r.path("messagesThrough").asLong()
                        + " · room " + r.path("changesThrough").asLong(), 150),
                DataTable.Column.text("Title", "title", 260),
                DataTable.Column.text("Error", "error", 200)));
        Label missedSummary = new Label();
        missedSummary.setId("user-missed-summary");
        missedSummary.setWrapText(true);
        Label pendingTitle = new Label("Unseen, digest pending");
        pendingTitle.getStyleClass().add("section-title");
        Label digestsTitle = new Label("Digests queued");
        digestsTitle.getStyleClass().add("section-title");
        VBox.setVgrow(pending, Priority.ALWAYS);
        VBox.setVgrow(digests, Priority.ALWAYS);
        VBox missed = new VBox(6, missedSummary, pendingTitle, pending, digestsTitle, digests);

        // in-app notifications with their delivery receipt and push fallback
        receipts = new DataTable("user in-app receipts", receiptRows, "id", List.of(
                DataTable.Column.number("Id", "id", 60),
                DataTable.Column.text("Type", "type", 140),
                DataTable.Column.text("Title", "title", 240),
                new DataTable.Column("Delivered", r -> Format.dateTime(r.path("deliveredAt")), false, 110,
                        r -> Format.fullTime(r.path("deliveredAt"))),
                new DataTable.Column("Acknowledged", r -> r.path("acknowledgedAt").isTextual()
                        ? Format.dateTime(r.path("acknowledgedAt")) : "not yet", false, 110,
                        r -> Format.fullTime(r.path("acknowledgedAt"))),
                DataTable.Column.time("Read", "readAt", 80),
                DataTable.Column.of("Push fallback", UsersView::fallback, 170),
                DataTable.Column.time("Fallback at", "fallbackAt", 90)));

        lower.getTabs().addAll(tab("Latest notifications", "user-tab-notifications", notifications),
                tab("Missed-message digests", "user-tab-digests", missed),
                tab("In-app receipts", "user-tab-receipts", receipts));
        VBox.setVgrow(connections, Priority.ALWAYS);
        VBox.setVgrow(lower, Priority.ALWAYS);
        root = new VBox(8, search, summary, connectionsTitle, connections, lower);

        console.userProperty().addListener((o, was, user) -> {
            if (user == null) {
                return;
            }
            if (!userId.getText().strip().equals(user.path("userId").asText())) {
                userId.setText(user.path("userId").asText()); // opened from another view
            }
            connectionRows.setAll(list(user.path("connections")));
            notificationRows.setAll(list(user.path("notifications")));
            JsonNode followUp = user.path("followUp");
            pendingRows.setAll(list(followUp.path("missedPending")));
            digestRows.setAll(list(followUp.path("digests")));
            receiptRows.setAll(list(followUp.path("inApp")));
            missedSummary.setText(missedSummary(followUp));
            java.util.Map<String, Integer> byChannel = new java.util.TreeMap<>();
            user.path("notifications").forEach(n -> byChannel.merge(n.path("channel").asText() + " "
                    + n.path("status").asText(), 1, Integer::sum));
            summary.setText(user.path("userId").asText() + " · presence: " + user.path("presence").asText() + " · "
                    + user.path("connections").size() + " connections here" + everywhere(user.path("connectionsByInstance"))
                    + " · rooms: "
                    + (user.path("rooms").isEmpty() ? "none" : String.join(" ", ConnectionsView.texts(user.path("rooms"))))
                    + " · notifications: " + user.path("notificationsTotal").asLong() + " in all"
                    + (byChannel.isEmpty() ? "" : " (latest 50: " + byChannel.toString().replaceAll("[{}]", "")
                            .replace("=", " ") + ")"));
        });
    }

    /** "3 unseen in 1 room, next digest due 21:40:03 · 2 digests queued (email sent 1, push sent 1)". */
    static String missedSummary(JsonNode followUp) {
        if (followUp.isMissingNode()) {
            return "";
        }
        if (!followUp.path("missedTracked").asBoolean()) {
            return "Missed-message digests are off on this engine.";
        }
        int unseen = 0;
        String due = null;
        for (JsonNode room : followUp.path("missedPending")) {
            unseen += room.path("unseen").asInt();
            String at = room.path("dueAt").asText(null);
            due = at != null && (due == null || at.compareTo(due) < 0) ? at : due;
        }
        java.util.Map<String, Integer> byStatus = new java.util.TreeMap<>();
        followUp.path("digests").forEach(d -> byStatus.merge(d.path("channel").asText() + " "
                + d.path("status").asText(), 1, Integer::sum));
        int rooms = followUp.path("missedPending").size();
        String pendingPart = unseen == 0 ? "nothing unseen pending"
                : unseen + " unseen in " + rooms + (rooms == 1 ? " room" : " rooms")
                        + (due == null ? ", no look pending" : ", next digest due "
                                + Format.time(com.fasterxml.jackson.databind.node.TextNode.valueOf(due)));
        int queued = followUp.path("digests").size();
        return pendingPart + " · " + queued + (queued == 1 ? " digest" : " digests") + " queued"
                + (byStatus.isEmpty() ? "" : " (" + byStatus.toString().replaceAll("[{}]", "").replace("=", " ") + ")");
    }

    /** "push #12 sent", "no push: no push device", or "" while undecided. */
    static String fallback(JsonNode r) {
        if (!r.path("fallbackAt").isTextual()) {
            return "";
        }
        if (r.path("fallbackQueueId").isNumber()) {
            return "push #" + r.path("fallbackQueueId").asLong() + " " + r.path("fallbackStatus").asText("");
        }
        String why = switch (r.path("fallbackOutcome").asText("")) {
            case "no_device" -> "no push device";
            case "pushed_already" -> "already sent by push";
            case "suppressed" -> "push off for the type, or over the limits";
            case "not_pushable" -> "an in-app-only type";
            default -> "decided, reason not recorded"; // queued but its row is gone, or decided before reasons were kept
        };
        return "no push: " + why;
    }

    private static Tab tab(String title, String id, Node content) {
        Tab t = new Tab(title, content);
        t.setId(id);
        t.setClosable(false);
        return t;
    }

    /** Selects the lower tab with this id (tests and keyboard users). */
    void selectTab(String id) {
        lower.getTabs().stream().filter(t -> id.equals(t.getId())).findFirst()
                .ifPresent(t -> lower.getSelectionModel().select(t));
    }

    DataTable pendingTable() {
        return pending;
    }

    DataTable digestsTable() {
        return digests;
    }

    DataTable receiptsTable() {
        return receipts;
    }

    /** " (cluster: engine-a 2, engine-b 1)", from the instances' published room sizes. */
    private static String everywhere(JsonNode byInstance) {
        if (byInstance == null || byInstance.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        byInstance.fields().forEachRemaining(e -> parts.add(e.getKey() + " " + e.getValue().asInt()));
        return " (every instance: " + String.join(", ", parts) + ")";
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    @Override
    public String title() {
        return "Users";
    }

    @Override
    public Node root() {
        return root;
    }

    @Override
    public Console.Topics topics() {
        return Console.Topics.USERS;
    }

    @Override
    public DataTable mainTable() {
        return connections;
    }
}
