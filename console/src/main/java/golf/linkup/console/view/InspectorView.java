package golf.linkup.console.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import golf.linkup.console.model.Console;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Inspector: any event id traced (published by anyone: what this instance did with it, and how far
 * back that reaches), and each simulated event with what it caused — WebSocket messages this instance sent (and how
 * many connections each reached), the notifications queued per channel, the in-app rows, the e-mails
 * the sandbox SMTP server received (shown as the recipient reads them: headers, text, HTML source),
 * the Web Push payloads the sandbox push service decrypted, each in-app row's receipt (delivered,
 * acknowledged, push fallback), and for a chat message or room change which players have it unseen
 * and what their missed-message digest did (due, or queued / sent).
 */
final class InspectorView implements ConsoleView {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataTable events;
    private final SplitPane root;
    private final ObservableList<JsonNode> ws = FXCollections.observableArrayList();
    private final ObservableList<JsonNode> notifications = FXCollections.observableArrayList();
    private final ObservableList<JsonNode> inApp = FXCollections.observableArrayList();
    private final ObservableList<JsonNode> emails = FXCollections.observableArrayList();
    private final ObservableList<JsonNode> pushes = FXCollections.observableArrayList();
    private final ObservableList<JsonNode> unseen = FXCollections.observableArrayList();
    private final DataTable unseenTable;
    private final DataTable inAppTable;
    private final TabPane tabs = new TabPane();
    private final Label heading = new Label("Select an event to see what it caused");

    /** The simulated events with their counts (also shown under the Simulator's forms). */
    static DataTable eventsTable(Console console) {
        return new DataTable("simulated events", console.inspectorEvents().rows(), "eventId", List.of(
                new DataTable.Column("Time", r -> Format.time(r.path("event").path("publishedAt")), false, 70,
                        r -> Format.fullTime(r.path("event").path("publishedAt"))),
                DataTable.Column.of("Event", r -> r.path("event").path("type").asText(), 120),
                DataTable.Column.of("What happened", r -> r.path("event").path("summary").asText(), 300),
                DataTable.Column.number("WS msgs", "wsMessages", 65),
                DataTable.Column.number("Sockets", "wsConnections", 65),
                DataTable.Column.of("Queued", r -> queued(r.path("queued")), 150),
                DataTable.Column.number("In-app", "inAppRows", 60),
                DataTable.Column.number("E-mails", "emails", 60),
                DataTable.Column.number("Pushes", "pushes", 60),
                DataTable.Column.of("Source", r -> r.path("event").path("source").asText(), 80),
                DataTable.Column.of("Event id", r -> r.path("event").path("eventId").asText(), 120)));
    }

    InspectorView(Console console) {
        events = eventsTable(console);
        events.table().getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null && (was == null || !was.path("event").path("eventId").equals(now.path("event").path("eventId")))) {
                console.inspect(now.path("event").path("eventId").asText());
            }
        });
        DataTable wsTable = new DataTable("websocket messages", ws, "messageType", List.of(
                DataTable.Column.text("Message", "messageType", 180),
                DataTable.Column.of("Rooms", r -> String.join(" ", ConnectionsView.texts(r.path("rooms"))), 300),
                DataTable.Column.number("Connections", "connections", 90)));
        DataTable notificationTable = new DataTable("notifications", notifications, "id", List.of(
                DataTable.Column.number("Id", "id", 60),
                DataTable.Column.text("User", "userId", 100),
                DataTable.Column.text("Type", "type", 130),
                DataTable.Column.text("Channel", "channel", 70),
                DataTable.Column.text("Status", "status", 70),
                DataTable.Column.text("Title", "title", 300),
                DataTable.Column.text("Error", "error", 200)));
        inAppTable = new DataTable("in-app rows", inApp, "id", List.of(
                DataTable.Column.text("User", "userId", 100),
                DataTable.Column.text("Type", "type", 130),
                DataTable.Column.text("Title", "title", 220),
                DataTable.Column.time("Delivered", "createdAt", 80),
                new DataTable.Column("Acknowledged", r -> r.path("acknowledgedAt").isTextual()
                        ? Format.time(r.path("acknowledgedAt")) : "not yet", false, 100,
                        r -> Format.fullTime(r.path("acknowledgedAt"))),
                DataTable.Column.of("Push fallback", UsersView::fallback, 160),
                DataTable.Column.text("Body", "body", 300)));
        // a chat message or room change: each player of the tee time, unseen or not, and the digest
        unseenTable = new DataTable("unseen by", unseen, "key", List.of(
                DataTable.Column.text("User", "userId", 100),
                DataTable.Column.text("State", "state", 80),
                DataTable.Column.text("Digest", "digest", 300),
                DataTable.Column.text("Room", "room", 180),
                DataTable.Column.text("Of", "kind", 80),
                DataTable.Column.number("Offset", "offset", 70)));
        DataTable emailTable = new DataTable("e-mails", emails, "idempotencyKey", List.of(
                DataTable.Column.text("To", "to", 220),
                DataTable.Column.text("Subject", "subject", 380)));
        TextArea emailPreview = preview("email-preview");
        emailTable.table().getSelectionModel().selectedItemProperty().addListener((o, was, now) ->
                emailPreview.setText(now == null ? "" : Format.displayable("From: " + now.path("from").asText() + "\nTo: "
                        + now.path("to").asText() + "\nSubject: " + now.path("subject").asText() + "\n\n"
                        + now.path("text").asText() + "\n\n―― HTML part ――\n" + now.path("html").asText(""))));
        DataTable pushTable = new DataTable("pushes", pushes, "receivedAt", List.of(
                DataTable.Column.text("Browser", "label", 220),
                DataTable.Column.text("Urgency", "urgency", 70),
                DataTable.Column.number("TTL", "ttl", 70),
                DataTable.Column.text("Topic", "topic", 200)));
        TextArea pushPreview = preview("push-preview");
        pushTable.table().getSelectionModel().selectedItemProperty().addListener((o, was, now) ->
                pushPreview.setText(now == null ? "" : Format.displayable(pretty(now.path("json").asText()))));

        tabs.getTabs().addAll(tab("WebSocket", "tab-ws", wsTable), tab("Notifications", "tab-notifications",
                notificationTable), tab("In-app", "tab-in-app", inAppTable),
                tab("E-mails", "tab-emails", new SplitPane(emailTable, emailPreview)),
                tab("Push", "tab-push", new SplitPane(pushTable, pushPreview)),
                tab("Unseen / digests", "tab-unseen", unseenTable));
        heading.getStyleClass().add("section-title");
        heading.setWrapText(true);
        heading.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        heading.setId("inspector-heading");
        Label reach = new Label();
        reach.setId("inspector-reach");
        reach.getStyleClass().add("console-where");
        reach.setWrapText(true);
        reach.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        VBox lower = new VBox(6, heading, reach, tabs);
        VBox.setVgrow(tabs, Priority.ALWAYS);
        // any event id, published by anyone: what this instance did with it
        javafx.scene.control.TextField traceId = new javafx.scene.control.TextField();
        traceId.setId("trace-event");
        traceId.setPromptText("any event id, e.g. from the API server's log");
        traceId.setPrefWidth(320);
        javafx.scene.control.Button trace = new javafx.scene.control.Button("Trace");
        trace.setId("trace-run");
        trace.setOnAction(e -> {
            if (!traceId.getText().isBlank()) {
                events.clearSelection(); // or the next push selects (and inspects) the listed event again
                console.inspect(traceId.getText().strip());
            }
        });
        traceId.setOnAction(trace.getOnAction());
        Label traceTitle = new Label("Trace an event");
        traceTitle.getStyleClass().add("section-title");
        javafx.scene.layout.HBox traceBar = new javafx.scene.layout.HBox(8, traceTitle, traceId, trace);
        traceBar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        VBox upper = new VBox(6, traceBar, events);
        VBox.setVgrow(events, Priority.ALWAYS);
        root = new SplitPane(upper, lower);
        root.setOrientation(javafx.geometry.Orientation.VERTICAL);
        root.setDividerPositions(0.42);

        console.inspectionProperty().addListener((o, was, now) -> {
            if (now == null) {
                return;
            }
            heading.setText(Format.displayable(now.path("event").path("type").asText() + "  "
                    + now.path("event").path("summary").asText() + "  (" + now.path("event").path("eventId").asText() + ")"));
            reach.setText("Reach: " + now.path("reach").asText());
            replace(ws, now.path("wsMessages"));
            replace(notifications, now.path("notifications"));
            replace(inApp, now.path("inApp"));
            replace(emails, now.path("emails"));
            replace(pushes, now.path("pushes"));
            unseen.setAll(readers(now.path("unseen")));
            if (emailTable.selected() == null && !emails.isEmpty()) {
                emailTable.table().getSelectionModel().select(0);
            }
            if (pushTable.selected() == null && !pushes.isEmpty()) {
                pushTable.table().getSelectionModel().select(0);
            }
            for (Tab t : tabs.getTabs()) {
                String base = t.getText().replaceAll(" \\(\\d+\\)$", "");
                int n = switch (t.getId()) {
                    case "tab-ws" -> ws.size();
                    case "tab-notifications" -> notifications.size();
                    case "tab-in-app" -> inApp.size();
                    case "tab-emails" -> emails.size();
                    case "tab-unseen" -> unseen.size();
                    default -> pushes.size();
                };
                t.setText(base + " (" + n + ")");
            }
        });
    }

    /** A tab's title, with its count ("WebSocket (1)"). */
    String tabText(String id) {
        return tabs.getTabs().stream().filter(t -> id.equals(t.getId())).findFirst().map(Tab::getText).orElse("");
    }

    /** Selects the tab with this id (tests and keyboard users). */
    void selectTab(String id) {
        tabs.getTabs().stream().filter(t -> id.equals(t.getId())).findFirst()
                .ifPresent(t -> tabs.getSelectionModel().select(t));
    }

    /** One row per player and message: the player's state with the message's room, kind and offset. */
    private static List<JsonNode> readers(JsonNode messages) {
        List<JsonNode> rows = new ArrayList<>();
        for (JsonNode m : messages) {
            for (JsonNode r : m.path("readers")) {
                com.fasterxml.jackson.databind.node.ObjectNode row = r.deepCopy();
                row.put("room", m.path("room").asText()).put("kind", m.path("kind").asText())
                        .put("offset", m.path("offset").asLong())
                        .put("key", m.path("room").asText() + "/" + r.path("userId").asText());
                if (!m.path("counted").asBoolean(true)) {
                    row.put("digest", "not counted in digests");
                } else if (r.path("digest").asText().startsWith("due ")) {
                    row.put("digest", "due " + Format.time(com.fasterxml.jackson.databind.node.TextNode.valueOf(
                            r.path("digest").asText().substring(4))));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    DataTable unseenTable() {
        return unseenTable;
    }

    DataTable inAppTable() {
        return inAppTable;
    }

    private static void replace(ObservableList<JsonNode> list, JsonNode array) {
        List<JsonNode> rows = new ArrayList<>();
        array.forEach(rows::add);
        list.setAll(rows);
    }

    private static String queued(JsonNode byChannel) {
        List<String> parts = new ArrayList<>();
        byChannel.fields().forEachRemaining(e -> parts.add(e.getKey() + " " + e.getValue().asInt()));
        return String.join(" · ", parts);
    }

    private static String pretty(String json) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(json));
        } catch (Exception e) {
            return json;
        }
    }

    private static TextArea preview(String id) {
        TextArea area = new TextArea();
        area.setId(id);
        area.setEditable(false);
        area.setWrapText(true);
        return area;
    }

    private static Tab tab(String title, String id, Node content) {
        Tab t = new Tab(title, content);
        t.setId(id);
        t.setClosable(false);
        return t;
    }

    @Override
    public String title() {
        return "Inspector";
    }

    @Override
    public Node root() {
        return root;
    }

    @Override
    public Console.Topics topics() {
        return Console.Topics.INSPECTOR;
    }

    @Override
    public DataTable mainTable() {
        return events;
    }
}
