package golf.linkup.console.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import golf.linkup.console.client.AdminClient;
import golf.linkup.console.model.Console;
import golf.linkup.console.model.UiQueue;
import golf.linkup.console.sandbox.SandboxEngine;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The console as an operator uses it, headless (Monocle), against a real sandbox engine started in
 * this JVM with the sample data: players connect and the Overview counts them; a tee time is created,
 * joined and cancelled from the Simulator's forms; the queue figures move; the Inspector shows the
 * cancellation's e-mail; a route is stopped and started from the Routes view; a timed job is fired
 * from the Schedules view; a scenario plays at
 * full speed and 1,000 connections fill the Connections view while the window keeps answering. Each
 * view is saved as a PNG under target/screenshots.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleEndToEndTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static SandboxEngine sandbox;
    static Console console;
    static ConsoleWindow window;
    static Stage stage;
    static final FxRobot robot = new FxRobot();
    static final List<WebSocket> players = new ArrayList<>();
    static final AtomicInteger messagesToPlayers = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        sandbox = SandboxEngine.start(Map.of(
                "linkup.http.port", "0",
                "linkup.http.host", "127.0.0.1",
                "linkup.db.url", "jdbc:h2:mem:console-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "linkup.templates.dir", "../templates",
                "linkup.sample-data.dir", "../sample-data",
                "linkup.push.vapid-keys-file", "target/vapid-keys.json",
                "linkup.instance-id", "console-test"));
        stage = FxToolkit.registerPrimaryStage();
        FxToolkit.setupFixture(() -> {
            console = new Console(new AdminClient(sandbox.url(), sandbox.adminToken()), new UiQueue(Platform::runLater));
            window = new ConsoleWindow(console, "sandbox " + sandbox.url());
            stage.setScene(window.scene());
            stage.setWidth(1280);
            stage.setHeight(820);
            stage.show();
            console.start();
            window.showView(0);
        });
    }

    @AfterAll
    static void stop() throws Exception {
        players.forEach(p -> p.abort());
        if (console != null) {
            console.close();
        }
        FxToolkit.cleanupStages();
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    @Order(1)
    void theOverviewCountsPlayersAsTheyConnect() throws Exception {
        awaitText("#fig-connections", "0");
        for (String user : List.of("user-0001", "user-0004", "user-0007")) {
            WebSocket ws = connect(user);
            ws.sendText("{\"type\":\"subscribe:feed\"}", true);
            players.add(ws);
        }
        awaitText("#fig-connections", "3");
        awaitText("#fig-users", "3");
    }

    @Test
    @Order(2)
    void aTeeTimeIsCreatedJoinedAndCancelledFromTheSimulatorForms() throws Exception {
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT7).release(KeyCode.DIGIT7, KeyCode.CONTROL);
        await().atMost(WAIT).until(() -> fx(() -> window.shownProperty().get()) == 6);
        await().atMost(WAIT).until(() -> fx(() -> combo("#sim-host").getItems().size()) >= 500);
        choose("#sim-host", "user-0001");
        choose("#sim-course", "course-bethpage-black");
        robot.clickOn("#sim-create");
        awaitStatus("tee-time.created");
        // the form follows the new tee time once the simulator's options are read again
        await().atMost(WAIT).until(() -> fx(() -> String.valueOf(combo("#sim-tee-time").getValue())), v -> v.startsWith("sim-"));
        String teeTime = fx(() -> combo("#sim-tee-time").getValue().split(" ")[0]);

        choose("#sim-player", "user-0004");
        robot.clickOn("#sim-join");
        awaitStatus("slot.joined");
        robot.clickOn("#sim-cancel");
        awaitStatus("tee-time.cancelled");
        assertThat(fx(() -> label("#status-line").getText())).contains(teeTime);
    }

    @Test
    @Order(3)
    void theQueueFiguresMoveAsTheNotificationsGoOut() throws Exception {
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT4).release(KeyCode.DIGIT4, KeyCode.CONTROL);
        await().atMost(WAIT).until(() -> depthRows().stream().anyMatch(r -> r.startsWith("email/sent")));
        assertThat(depthRows()).anyMatch(r -> r.startsWith("push/"));
        assertThat(depthRows()).anyMatch(r -> r.startsWith("in_app/sent"));
        Screenshots.save(window.scene(), "04-queues");
    }

    @Test
    @Order(4)
    void theInspectorShowsTheEmailTheCancellationSent() throws Exception {
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT8).release(KeyCode.DIGIT8, KeyCode.CONTROL);
        robot.press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
        robot.write("tee-time.cancelled");
        DataTable events = window.views().get(7).mainTable();
        await().atMost(WAIT).until(() -> fx(() -> events.table().getItems().size()) == 1);
        select(events, 0);
        fx(() -> {
            ((InspectorView) window.views().get(7)).selectTab("tab-emails");
            return null;
        });
        await().atMost(WAIT).until(() -> fx(() -> ((TextArea) robot.lookup("#email-preview").query()).getText())
                .contains("Subject: Cancelled: your tee time at Bethpage Black"));
        String email = fx(() -> ((TextArea) robot.lookup("#email-preview").query()).getText());
        assertThat(email).contains("To: ").contains("Course closed for aeration");
        assertThat(fx(() -> events.table().getItems().get(0).path("emails").asInt())).isEqualTo(1);
        cancellationEventId = fx(() -> events.table().getItems().get(0).path("event").path("eventId").asText());
        Screenshots.save(window.scene(), "08-inspector");
        fx(() -> {
            events.filterField().clear();
            return null;
        });
    }

    static String cancellationEventId;

    @Test
    @Order(5)
    void searchingAnEventIdInTheQueuesFindsItsOutboxRowsInTheEngine() throws Exception {
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT4).release(KeyCode.DIGIT4, KeyCode.CONTROL);
        robot.clickOn("#search-event").write(cancellationEventId);
        robot.clickOn("#search-run");
        DataTable rows = window.views().get(3).mainTable();
        await().atMost(WAIT).until(() -> fx(() -> rows.table().getItems().size()) >= 3);
        List<String> keys = fx(() -> rows.table().getItems().stream().map(r -> r.path("notificationKey").asText()).toList());
        assertThat(keys).allMatch(k -> k.contains(":" + cancellationEventId + ":"));
        assertThat(fx(() -> rows.table().getItems().stream().map(r -> r.path("channel").asText()).toList()))
                .contains("email", "push", "in_app");
        assertThat(fx(() -> label("#search-count").getText())).endsWith(" of " + keys.size());
        select(rows, 0);
        String detail = fx(() -> ((TextArea) robot.lookup("#queue-detail").query()).getText());
        assertThat(detail).contains("Key: ").contains(cancellationEventId).contains("Created: ");
        Screenshots.save(window.scene(), "04-queues-search-details");
    }

    @Test
    @Order(6)
    void requeueingADeadLetterThatIsStillBadReportsTheNewDeadLetter() throws Exception {
        sandbox.engine().redis().template().convertAndSend("linkup:events",
                "{\"id\":\"still-bad-1\",\"type\":\"slot.joined\",\"occurredAt\":\"2026-01-01T00:00:00Z\",\"data\":{}}");
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT4).release(KeyCode.DIGIT4, KeyCode.CONTROL);
        robot.clickOn("#browse-dead-letters");
        DataTable rows = window.views().get(3).mainTable();
        await().atMost(WAIT).until(() -> fx(() -> rows.table().getItems().stream()
                .anyMatch(r -> "still-bad-1".equals(r.path("eventId").asText()))));
        long first = fx(() -> {
            for (int i = 0; i < rows.table().getItems().size(); i++) {
                if ("still-bad-1".equals(rows.table().getItems().get(i).path("eventId").asText())) {
                    rows.table().requestFocus();
                    rows.table().getSelectionModel().select(i);
                    return rows.table().getItems().get(i).path("id").asLong();
                }
            }
            throw new AssertionError("no dead letter still-bad-1");
        });
        robot.clickOn("#queue-requeue");
        await().atMost(WAIT).until(() -> fx(() -> label("#banner-text").getText()).contains("refused again as dead letter"));
        String banner = fx(() -> label("#banner-text").getText());
        long again = Long.parseLong(banner.replaceAll(".*refused again as dead letter (\\d+).*", "$1"));
        assertThat(again).isGreaterThan(first);
        assertThat(banner).startsWith("requeue dead letter " + first + ": refused again as dead letter " + again + ": ");
        assertThat(fx(() -> robot.lookup("#banner").query().getStyleClass())).contains("banner-warning");
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        await().atMost(WAIT).until(() -> !fx(() -> robot.lookup("#banner").query().isVisible()));
    }

    @Test
    @Order(7)
    void tracingAnEventPublishedOutsideTheConsoleShowsItsDeliveries() throws Exception {
        String teeTime = fx(() -> console.simulatorOptionsProperty().get().path("teeTimes").get(0).path("id").asText());
        sandbox.engine().redis().template().convertAndSend("linkup:events", "{\"id\":\"outside-created-1\","
                + "\"type\":\"tee-time.created\",\"occurredAt\":\"" + java.time.Instant.now() + "\",\"data\":{"
                + "\"teeTimeId\":\"" + teeTime + "\"}}");
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT8).release(KeyCode.DIGIT8, KeyCode.CONTROL);
        robot.clickOn("#trace-event").write("outside-created-1");
        robot.press(KeyCode.ENTER).release(KeyCode.ENTER);
        await().atMost(WAIT).until(() -> fx(() -> label("#inspector-heading").getText()).contains("outside-created-1"));
        // the heading is read again with each push: wait for the delivery to be in it
        await().atMost(WAIT).until(() -> fx(() -> label("#inspector-heading").getText())
                .contains("published outside the console; WebSocket messages: 1 (to "));
        assertThat(fx(() -> label("#inspector-heading").getText())).startsWith("feed:new-tee-time");
        assertThat(fx(() -> label("#inspector-reach").getText())).contains("the last 2000 events this instance delivered");
        fx(() -> {
            ((InspectorView) window.views().get(7)).selectTab("tab-ws");
            return null;
        });
        assertThat(fx(() -> ((InspectorView) window.views().get(7)).tabText("tab-ws"))).isEqualTo("WebSocket (1)");
        Screenshots.save(window.scene(), "08-inspector-trace");
    }

    @Test
    @Order(8)
    void aRouteIsStoppedAndStartedFromTheRoutesView() throws Exception {
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT5).release(KeyCode.DIGIT5, KeyCode.CONTROL);
        DataTable routes = window.views().get(4).mainTable();
        await().atMost(WAIT).until(() -> fx(() -> routes.table().getItems().size()) > 5);
        robot.clickOn(routes.filterField()).write("live-message-sent");
        await().atMost(WAIT).until(() -> fx(() -> routes.table().getItems().size()) == 1);
        select(routes, 0);
        robot.clickOn("#route-stop");
        robot.clickOn("#confirm-ok"); // stopping asks first
        await().atMost(WAIT).until(() -> routeState(routes).equals("Stopped"));
        Screenshots.save(window.scene(), "05-routes-stopped");

        // the Overview leads with the problem, in red, with a link to the Routes view
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT1).release(KeyCode.DIGIT1, KeyCode.CONTROL);
        await().atMost(WAIT).until(() -> problemRow("route-stopped:live-message-sent") != null);
        javafx.scene.layout.HBox row = problemRow("route-stopped:live-message-sent");
        assertThat(fx(row::getStyleClass)).contains("problem-row-critical");
        assertThat(fx(() -> ((Label) row.getChildren().get(0)).getText())).isEqualTo("critical");
        assertThat(fx(() -> ((Label) row.getChildren().get(1)).getText()))
                .isEqualTo("route live-message-sent is stopped: events it carries are not delivered");
        assertThat(fx(() -> robot.lookup("#fig-events-tile").query().getStyleClass())).contains("tile-critical");
        Screenshots.save(window.scene(), "01-overview-problem");
        fx(() -> {
            ((javafx.scene.control.Hyperlink) row.getChildren().get(2)).fire();
            return null;
        });
        assertThat(fx(() -> window.shownProperty().get())).as("the link opens the Routes view").isEqualTo(4);

        robot.clickOn("#route-start");
        await().atMost(WAIT).until(() -> routeState(routes).equals("Started"));
        await().atMost(WAIT).until(() -> problemRow("route-stopped:live-message-sent") == null);
        fx(() -> {
            routes.filterField().clear();
            return null;
        });
    }

    @Test
    @Order(9)
    void theSchedulesViewListsTheJobsAndFiresOne() throws Exception {
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT6).release(KeyCode.DIGIT6, KeyCode.CONTROL);
        DataTable jobs = window.views().get(5).mainTable();
        await().atMost(WAIT).until(() -> fx(() -> jobs.table().getItems().size()) >= 4);
        robot.clickOn(jobs.filterField()).write("matching-reconciler");
        await().atMost(WAIT).until(() -> fx(() -> jobs.table().getItems().size()) == 1);
        select(jobs, 0);
        robot.clickOn("#fire-now");
        awaitStatus("fire matching-reconciler: ran: "); // the outcome of the run it started, not "done"
        await().atMost(WAIT).until(() -> fx(() -> jobs.table().getItems().get(0).hasNonNull("lastOutcome")));
        fx(() -> {
            jobs.filterField().clear();
            return null;
        });
    }

    @Test
    @Order(10)
    void aScenarioAtFullSpeedAndAThousandConnectionsNeverFreezeTheWindow() throws Exception {
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT7).release(KeyCode.DIGIT7, KeyCode.CONTROL);
        await().atMost(WAIT).until(() -> fx(() -> combo("#sim-scenario").getItems().contains("busy-day")));
        choose("#sim-scenario", "busy-day");
        fx(() -> {
            combo("#sim-speed").getSelectionModel().select(4); // as fast as possible
            return null;
        });
        robot.clickOn("#sim-play");
        List<WebSocket> crowd = new ArrayList<>();
        for (int i = 1; i <= 1_000; i++) {
            crowd.add(connect(String.format("user-%04d", 1 + (i % 500))));
        }
        players.addAll(crowd);
        // the window answers while the scenario plays and the figures and tables stream in
        await().atMost(WAIT).until(() -> fx(() -> label("#status-line") != null));
        await().atMost(Duration.ofSeconds(60)).until(() -> fx(() -> ((Label) robot.lookup(".label").match(
                n -> n instanceof Label l && l.getText() != null && l.getText().startsWith("busy-day finished")).tryQuery()
                .orElse(new Label(""))).getText()).startsWith("busy-day finished"));
        Screenshots.save(window.scene(), "07-simulator");

        robot.press(KeyCode.CONTROL, KeyCode.DIGIT2).release(KeyCode.DIGIT2, KeyCode.CONTROL);
        DataTable connections = window.views().get(1).mainTable();
        await().atMost(WAIT).until(() -> fx(() -> connections.table().getItems().size()) == 1_003);
        await().atMost(WAIT).until(() -> fx(() -> console.overview().latestProperty().get().path("connections").asInt())
                == 1_003);
        Path csv = Path.of("target", "connections.csv");
        fx(() -> {
            connections.exportCsv(csv);
            return null;
        });
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(1_004);
        assertThat(lines.get(0)).startsWith("User,Device,Address");
        long ofUser1 = lines.stream().filter(l -> l.startsWith("user-0001,")).count();
        fx(() -> {
            connections.filterField().setText("user=user-0001"); // that column only, exactly
            return null;
        });
        assertThat(fx(() -> connections.table().getItems().size())).isEqualTo((int) ofUser1);
        select(connections, 0);
        assertThat(fx(() -> ((TextArea) robot.lookup("#connection-detail").query()).getText()))
                .startsWith("User: user-0001\nConnection: ").contains("Send buffer: ").contains("Rooms (");
        Screenshots.save(window.scene(), "02-connections-details");
        fx(() -> {
            connections.filterField().clear();
            return null;
        });
        assertThat(console.uiFigures().get("batches")).isPositive();
    }

    @Test
    @Order(11)
    void everyViewIsSavedAsAScreenshotInBothThemes() throws Exception {
        String[] names = {"01-overview", "02-connections", "03-rooms", "04-queues", "05-routes", "06-schedules",
            "07-simulator", "08-inspector"};
        for (int i = 0; i < names.length; i++) {
            int index = i;
            fx(() -> {
                window.showView(index);
                return null;
            });
            if (i == 2) {
                DataTable rooms = window.views().get(2).mainTable();
                await().atMost(WAIT).until(() -> fx(() -> rooms.table().getItems().size()) > 3);
                fx(() -> {
                    rooms.table().getSelectionModel().select(0);
                    return null;
                });
            }
            WaitForAsyncUtils.sleep(1_200, TimeUnit.MILLISECONDS); // one stream push, so the view shows fresh rows
            Screenshots.save(window.scene(), names[i]);
        }
        // a day of history: the charts' time axis runs 24 hours back, a point a minute from the engine
        fx(() -> {
            window.showView(0);
            return null;
        });
        robot.clickOn("#range-1440");
        await().atMost(WAIT).until(() -> fx(() -> ((javafx.scene.chart.NumberAxis) ((javafx.scene.chart.LineChart<?, ?>)
                robot.lookup(".chart").query()).getXAxis()).getLowerBound()) == -24.0);
        assertThat(fx(() -> ((javafx.scene.chart.LineChart<?, ?>) robot.lookup(".chart").query()).getXAxis().getLabel()))
                .isEqualTo("hours ago");
        Screenshots.save(window.scene(), "01-overview-24h");
        robot.clickOn("#range-15");
        fx(() -> {
            window.toggleTheme();
            window.showView(0);
            return null;
        });
        assertThat(fx(() -> window.darkProperty().get())).isTrue();
        Screenshots.save(window.scene(), "01-overview-dark");
        fx(() -> {
            window.showView(7);
            return null;
        });
        Screenshots.save(window.scene(), "08-inspector-dark");
        assertThat(Files.size(Screenshots.DIR.resolve("01-overview.png"))).isGreaterThan(10_000);
    }

    @Test
    @Order(12)
    void aBadTokenOrAnEngineThatIsNotThereIsABannerInAttachMode() throws Exception {
        for (String[] attempt : new String[][] {
            {sandbox.url().toString(), "not-a-token", "refused the admin token (401 UNAUTHORIZED"},
            {sandbox.url().toString(), sandbox.userToken("user-0001"), "it has no admin role (403 FORBIDDEN)"},
            {"http://127.0.0.1:1", "whatever", "Cannot reach the engine at http://127.0.0.1:1"}}) {
            Console attached = new Console(new AdminClient(URI.create(attempt[0]), attempt[1]), new UiQueue(Platform::runLater));
            ConsoleWindow attachedWindow = fx(() -> new ConsoleWindow(attached, "attached to " + attempt[0]));
            try {
                fx(() -> {
                    attached.start();
                    return null;
                });
                javafx.scene.Node banner = fx(() -> attachedWindow.scene().lookup("#banner"));
                Label text = fx(() -> (Label) attachedWindow.scene().lookup("#banner-text"));
                await().atMost(WAIT).untilAsserted(() -> assertThat(fx(text::getText)).contains(attempt[2]));
                assertThat(fx(banner::isVisible)).isTrue();
                assertThat(fx(banner::getStyleClass)).contains("banner-error");
                if (attempt[1].equals("not-a-token")) {
                    fx(() -> {
                        stage.setScene(attachedWindow.scene());
                        return null;
                    });
                    Screenshots.save(attachedWindow.scene(), "09-attach-bad-token");
                    fx(() -> {
                        stage.setScene(window.scene());
                        return null;
                    });
                }
            } finally {
                attached.close();
            }
        }
    }

    @Test
    @Order(13)
    void oneUsersConnectionsRoomsPresenceAndNotificationsInOnePlaceAndDisconnectAll() throws Exception {
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT9).release(KeyCode.DIGIT9, KeyCode.CONTROL);
        robot.clickOn("#user-id").write("user-0004");
        robot.press(KeyCode.ENTER).release(KeyCode.ENTER);
        await().atMost(WAIT).until(() -> fx(() -> label("#user-summary").getText()).startsWith("user-0004 · presence: online"));
        DataTable userConnections = window.views().get(8).mainTable();
        int here = fx(() -> userConnections.table().getItems().size());
        assertThat(here).as("the player of the first test and the crowd's").isGreaterThanOrEqualTo(2);
        assertThat(fx(() -> label("#user-summary").getText())).contains(here + " connections here").contains("feed");
        // every instance's count comes from the cluster's room sizes, published every few seconds
        await().atMost(WAIT).until(() -> fx(() -> label("#user-summary").getText())
                .contains(here + " connections here (every instance: console-test " + here + ")"));
        assertThat(fx(() -> label("#user-summary").getText())).contains("notifications: ");
        Screenshots.save(window.scene(), "09-users");
        robot.clickOn("#user-disconnect-reason").write("maintenance");
        robot.clickOn("#user-disconnect-all");
        robot.clickOn("#confirm-ok");
        await().atMost(WAIT).until(() -> fx(() -> label("#banner-text").getText())
                .equals("disconnect user-0004: " + here + " connections closed (\"maintenance\")"));
        await().atMost(WAIT).until(() -> fx(() -> userConnections.table().getItems().size()) == 0);
    }

    // ---- helpers

    /** The Overview's row of a problem (its id is the row's user data), or null. */
    static javafx.scene.layout.HBox problemRow(String id) throws Exception {
        return fx(() -> {
            // the Overview's own tree, shown or not: a problem that went away is gone from it either way
            javafx.scene.layout.VBox list = (javafx.scene.layout.VBox) window.views().get(0).root().lookup("#problems");
            if (list == null) {
                return null;
            }
            for (javafx.scene.Node n : list.getChildren()) {
                if (n instanceof javafx.scene.layout.HBox row && id.equals(row.getUserData())) {
                    return row;
                }
            }
            return null;
        });
    }

    static WebSocket connect(String user) {
        return HTTP.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + sandbox.url().getPort()
                + "/?token=" + sandbox.userToken(user)), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        messagesToPlayers.incrementAndGet();
                        ws.request(1);
                        return CompletableFuture.completedFuture(null);
                    }
                }).orTimeout(10, TimeUnit.SECONDS).join();
    }

    static List<String> depthRows() throws Exception {
        DataTable depths = ((QueuesView) window.views().get(3)).depthsTable();
        return fx(() -> depths.table().getItems().stream().map(r -> r.path("channel").asText() + "/"
                + r.path("status").asText() + " " + r.path("rows").asLong()).toList());
    }

    /** Selects a row as a click would (rows are drawn a pulse after they arrive; the selection model is not). */
    static void select(DataTable table, int row) throws Exception {
        fx(() -> {
            table.table().requestFocus();
            table.table().getSelectionModel().select(row);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    static String routeState(DataTable routes) throws Exception {
        return fx(() -> {
            TableView<JsonNode> t = routes.table();
            return t.getItems().isEmpty() ? "" : t.getItems().get(0).path("state").asText();
        });
    }

    @SuppressWarnings("unchecked")
    static ComboBox<String> combo(String id) {
        return (ComboBox<String>) robot.lookup(id).query();
    }

    static Label label(String id) {
        return (Label) robot.lookup(id).query();
    }

    /** Selects the item whose id (the text before the first space) is {@code id}. */
    static void choose(String comboId, String id) throws Exception {
        fx(() -> {
            ComboBox<String> c = combo(comboId);
            String item = c.getItems().stream().filter(s -> s.split(" ")[0].equals(id)).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + id + " in " + comboId));
            c.getSelectionModel().select(item);
            return null;
        });
    }

    static void awaitText(String id, String text) {
        await().atMost(WAIT).until(() -> fx(() -> label(id).getText()), t -> t.equals(text));
    }

    static void awaitStatus(String contains) {
        await().atMost(WAIT).until(() -> fx(() -> label("#status-line").getText()), t -> t.contains(contains));
    }

    static <T> T fx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    }
}
