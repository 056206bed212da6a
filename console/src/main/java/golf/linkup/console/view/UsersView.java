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
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Users: one user in one place — presence across the cluster, their connections on this instance with
 * rooms, buffer and counts, and their latest notifications by channel with each outcome; disconnect
 * all of the user's connections here, with a reason the apps are told, after a confirmation.
 */
final class UsersView implements ConsoleView {

    private final VBox root;
    private final DataTable connections;
    private final ObservableList<JsonNode> connectionRows = FXCollections.observableArrayList();
    private final ObservableList<JsonNode> notificationRows = FXCollections.observableArrayList();
    private final TextField userId = new TextField();

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
        Label notificationsTitle = new Label("Latest notifications");
        notificationsTitle.getStyleClass().add("section-title");
        VBox.setVgrow(connections, Priority.ALWAYS);
        VBox.setVgrow(notifications, Priority.ALWAYS);
        root = new VBox(8, search, summary, connectionsTitle, connections, notificationsTitle, notifications);

        console.userProperty().addListener((o, was, user) -> {
            if (user == null) {
                return;
            }
            if (!userId.getText().strip().equals(user.path("userId").asText())) {
                userId.setText(user.path("userId").asText()); // opened from another view
            }
            connectionRows.setAll(list(user.path("connections")));
            notificationRows.setAll(list(user.path("notifications")));
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
