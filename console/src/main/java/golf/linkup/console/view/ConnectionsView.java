package golf.linkup.console.view;

import golf.linkup.console.model.Console;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;

/**
 * Connections: every client connection of the instance, its device, rooms and send buffer, the
 * selected one in full beside the table; disconnect one, or open its user in the Users view.
 */
final class ConnectionsView implements ConsoleView {

    private final DataTable table;
    private final javafx.scene.control.SplitPane root;

    ConnectionsView(Console console, java.util.function.Consumer<String> openView) {
        table = new DataTable("connections", console.connections().rows(), "id", List.of(
                DataTable.Column.text("User", "userId", 110),
                DataTable.Column.text("Device", "device", 180),
                DataTable.Column.text("Address", "remoteAddress", 130),
                DataTable.Column.time("Opened", "openedAt", 80),
                DataTable.Column.of("Rooms", r -> String.join(" ", texts(r.path("rooms"))), 260),
                DataTable.Column.of("Buffer", r -> r.path("queued").asInt() + "/" + r.path("capacity").asInt(), 70),
                new DataTable.Column("Fill", r -> Format.percent(r.path("bufferFill").asDouble()), true, 60),
                DataTable.Column.of("Slow", r -> r.path("slow").asBoolean() ? "slow" : "", 50),
                DataTable.Column.number("Sent", "sent", 70),
                DataTable.Column.number("Dropped", "dropped", 70),
                DataTable.Column.text("Id", "id", 120)));
        Button disconnect = new Button("Disconnect");
        disconnect.setId("disconnect");
        disconnect.disableProperty().bind(table.table().getSelectionModel().selectedItemProperty().isNull());
        disconnect.setOnAction(e -> {
            var row = table.selected();
            if (Confirm.ask(table, "Disconnect " + row.path("userId").asText() + "?", "Connection "
                    + row.path("id").asText() + " (" + row.path("device").asText() + ") is closed with 1008; the app"
                    + " usually reconnects at once.", "Disconnect")) {
                console.disconnect(row.path("id").asText());
            }
        });
        Button user = new Button("Open user");
        user.setId("open-user");
        user.disableProperty().bind(table.table().getSelectionModel().selectedItemProperty().isNull());
        user.setOnAction(e -> {
            console.lookUpUser(table.selected().path("userId").asText());
            openView.accept("users");
        });
        table.withActions(user, disconnect);
        javafx.scene.control.TextArea detail = new javafx.scene.control.TextArea();
        detail.setId("connection-detail");
        detail.setEditable(false);
        detail.setWrapText(true);
        detail.setPromptText("the selected connection in full");
        table.table().getSelectionModel().selectedItemProperty().addListener((o, was, now) ->
                detail.setText(now == null ? "" : describe(now)));
        root = new javafx.scene.control.SplitPane(table, detail);
        root.setDividerPositions(0.74);
    }

    /** The details pane: everything the engine sends about the connection, times in full. */
    static String describe(com.fasterxml.jackson.databind.JsonNode c) {
        return "User: " + c.path("userId").asText() + "\nConnection: " + c.path("id").asText()
                + "\nDevice (User-Agent): " + Format.displayable(c.path("device").asText("")) + "\nAddress: "
                + c.path("remoteAddress").asText() + "\nOpened: " + Format.fullTime(c.path("openedAt"))
                + "\n\nSend buffer: " + c.path("queued").asInt() + " of " + c.path("capacity").asInt() + " ("
                + Format.percent(c.path("bufferFill").asDouble()) + ")" + (c.path("slow").asBoolean()
                        ? ", SLOW: past its high-water mark, messages to it are being dropped" : "")
                + "\nSent: " + Format.number(c.path("sent")) + "   Dropped: " + Format.number(c.path("dropped"))
                + "\n\nRooms (" + c.path("rooms").size() + "):\n  " + String.join("\n  ", texts(c.path("rooms")));
    }

    static List<String> texts(com.fasterxml.jackson.databind.JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Override
    public String title() {
        return "Connections";
    }

    @Override
    public Node root() {
        return root;
    }

    @Override
    public Console.Topics topics() {
        return Console.Topics.CONNECTIONS;
    }

    @Override
    public DataTable mainTable() {
        return table;
    }
}
