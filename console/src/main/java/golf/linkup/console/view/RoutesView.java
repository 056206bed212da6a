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
    }

    @Override
    public String title() {
        return "Routes";
    }

    @Override
    public Node root() {
        return table;
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
