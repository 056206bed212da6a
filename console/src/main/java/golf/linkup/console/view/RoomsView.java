package golf.linkup.console.view;

import golf.linkup.console.model.Console;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.VBox;

/**
 * Rooms: every room with members on this instance (feeds, tee times, users) and, for the selected
 * one, its members. Presence (who is online across the cluster) is the gateway's feature; until the
 * engine has it, the members here are this instance's connections.
 */
final class RoomsView implements ConsoleView {

    private final DataTable rooms;
    private final SplitPane root;

    RoomsView(Console console) {
        rooms = new DataTable("rooms", console.rooms().rows(), "room", List.of(
                DataTable.Column.text("Room", "room", 220),
                DataTable.Column.text("Kind", "kind", 80),
                DataTable.Column.number("Connections", "connections", 90),
                DataTable.Column.number("Users", "users", 70)));
        DataTable members = new DataTable("room members", console.roomMembers().rows(), "connectionId", List.of(
                DataTable.Column.text("User", "userId", 110),
                DataTable.Column.text("Presence", "presence", 110),
                DataTable.Column.text("Device", "device", 180),
                DataTable.Column.time("Since", "openedAt", 80),
                DataTable.Column.text("Connection", "connectionId", 150)));
        rooms.table().getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) {
                console.showRoom(now.path("room").asText());
            }
        });
        Label heading = new Label();
        heading.getStyleClass().add("section-title");
        heading.textProperty().bind(console.selectedRoomProperty().map(r -> "Members of " + r)
                .orElse("Select a room to see its members"));
        VBox right = new VBox(6, heading, members);
        VBox.setVgrow(members, javafx.scene.layout.Priority.ALWAYS);
        root = new SplitPane(rooms, right);
        root.setDividerPositions(0.5);
    }

    @Override
    public String title() {
        return "Rooms";
    }

    @Override
    public Node root() {
        return root;
    }

    @Override
    public Console.Topics topics() {
        return Console.Topics.ROOMS;
    }

    @Override
    public DataTable mainTable() {
        return rooms;
    }
}
