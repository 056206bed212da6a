package golf.linkup.console.view;

import golf.linkup.console.model.Console;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;

/** Routes: every Camel route with its state, exchanges, failures and times; start, stop, suspend, resume. */
final class RoutesView implements ConsoleView {

    private final DataTable table;

    RoutesView(Console console) {
        table = new DataTable("routes", console.routes().rows(), "id", List.of(
                DataTable.Column.text("Route", "id", 170),
                DataTable.Column.text("State", "state", 80),
                DataTable.Column.number("Exchanges", "exchanges", 90),
                DataTable.Column.number("Failures", "failures", 70),
                DataTable.Column.number("Last 5 min", "recentFailures", 80),
                DataTable.Column.number("In flight", "inflight", 70),
                new DataTable.Column("Mean", r -> Format.millis(r.path("meanMillis").asDouble()), true, 70),
                new DataTable.Column("Last", r -> Format.millis(r.path("lastMillis").asDouble()), true, 70),
                DataTable.Column.of("Up", r -> Format.seconds(r.path("uptimeMillis").asDouble() / 1000), 90),
                DataTable.Column.text("What it does", "description", 380)));
        var selected = table.table().getSelectionModel().selectedItemProperty();
        Button[] buttons = new Button[4];
        String[] actions = {"start", "stop", "suspend", "resume"};
        for (int i = 0; i < actions.length; i++) {
            String action = actions[i];
            Button b = new Button(Character.toUpperCase(action.charAt(0)) + action.substring(1));
            b.setId("route-" + action);
            b.disableProperty().bind(selected.isNull());
            b.setOnAction(e -> {
                String id = table.selected().path("id").asText();
                boolean destructive = action.equals("stop") || action.equals("suspend");
                if (!destructive || Confirm.ask(table, Character.toUpperCase(action.charAt(0)) + action.substring(1)
                        + " route " + id + "?", (golf.linkup.engine.admin.problems.DeliveryRoutes.isDelivery(id)
                                ? id + " carries events to people: while it is " + action + "ped they are not delivered."
                                : id + " does no work while it is " + action + "ped.")
                        + " Start or resume it from this view.", action.equals("stop") ? "Stop" : "Suspend")) {
                    console.route(id, action);
                }
            });
            buttons[i] = b;
        }
        table.withActions(buttons);
        javafx.scene.control.TextArea detail = new javafx.scene.control.TextArea();
        detail.setId("route-detail");
        detail.setEditable(false);
        detail.setWrapText(true);
        detail.setPromptText("the selected route in full");
        selected.addListener((o, was, now) -> detail.setText(now == null ? "" : describe(now)));
        root = new javafx.scene.control.SplitPane(table, detail);
        root.setDividerPositions(0.74);
    }

    private final javafx.scene.control.SplitPane root;

    /** The details pane: state, what it does, where it reads from, failures with the last error. */
    static String describe(com.fasterxml.jackson.databind.JsonNode r) {
        String id = r.path("id").asText();
        return id + " · " + r.path("state").asText()
                + (golf.linkup.engine.admin.problems.DeliveryRoutes.isDelivery(id) ? " · carries events to people" : "")
                + "\n\n" + r.path("description").asText("") + "\nReads from: " + r.path("from").asText()
                + "\n\nExchanges: " + Format.number(r.path("exchanges")) + "   in flight: " + r.path("inflight").asLong()
                + "\nFailures since start: " + Format.number(r.path("failures")) + "   in the last 5 min: "
                + r.path("recentFailures").asLong()
                + (r.path("lastError").isTextual() ? "\nLast failure: " + Format.fullTime(r.path("lastFailureAt"))
                        + "\n" + Format.displayable(r.path("lastError").asText()) : "\nNo failure recorded.");
    }

    @Override
    public String title() {
        return "Routes";
    }

    @Override
    public Node root() {
        return root;
    }

    @Override
    public Console.Topics topics() {
        return Console.Topics.ROUTES;
    }

    @Override
    public DataTable mainTable() {
        return table;
    }
}
