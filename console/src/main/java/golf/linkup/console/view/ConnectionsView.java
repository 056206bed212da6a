package golf.linkup.console.view;

import golf.linkup.console.model.Console;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;

/** Connections: every client connection of the instance, its device, rooms and send buffer; disconnect one. */
final class ConnectionsView implements ConsoleView {

    private final DataTable table;

    ConnectionsView(Console console) {
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
        table.withActions(disconnect);
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
        return table;
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
