package golf.linkup.console.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import golf.linkup.console.client.AdminClient;
import golf.linkup.console.model.Console;
import golf.linkup.console.model.UiQueue;
import golf.linkup.console.sandbox.SandboxEngine;
import golf.linkup.engine.storage.Sql;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Users view and the Inspector as an operator follows a missed-message digest and an in-app
 * receipt, against a sandbox engine (embedded Redis, H2, the clustered digest job with a 2 s delay):
 * a player offline while the host writes shows the chat room with 2 unseen and the digest due; the
 * Inspector shows for the message who has it unseen; once the job runs the digests are listed with
 * their status and the player is told; an in-app row shows its acknowledgement and push fallback.
 */
class FollowUpViewsTest {

    static final Duration WAIT = Duration.ofSeconds(40);
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static SandboxEngine sandbox;
    static Console console;
    static ConsoleWindow window;
    static Stage stage;
    static final FxRobot robot = new FxRobot();

    @BeforeAll
    static void start() throws Exception {
        sandbox = SandboxEngine.start(Map.of(
                "linkup.http.port", "0",
                "linkup.http.host", "127.0.0.1",
                "linkup.db.url", "jdbc:h2:mem:console-follow-up-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "linkup.templates.dir", "../templates",
                "linkup.sample-data.dir", "../sample-data",
                "linkup.push.vapid-keys-file", "target/vapid-keys.json",
                "linkup.missed.delay", "2s",
                "linkup.schedules.missed-digests", "* * * * * ?",
                "linkup.instance-id", "console-follow-up"));
        stage = FxToolkit.registerPrimaryStage();
        FxToolkit.setupFixture(() -> {
            console = new Console(new AdminClient(sandbox.url(), sandbox.adminToken()), new UiQueue(Platform::runLater));
            window = new ConsoleWindow(console, "sandbox " + sandbox.url());
            stage.setScene(window.scene());
            stage.setWidth(1280);
            stage.setHeight(820);
            stage.show();
            console.start();
            window.showView(8);
        });
    }

    @AfterAll
    static void stop() throws Exception {
        if (console != null) {
            console.close();
        }
        FxToolkit.cleanupStages();
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    void aPendingDigestThenTheDigestsSentAndAnInAppReceiptAreShownToTheOperator() throws Exception {
        JsonNode choices = admin("GET", "/simulator", null);
        String host = choices.path("users").get(0).path("id").asText();
        String player = choices.path("users").get(1).path("id").asText();
        String course = choices.path("courses").get(0).path("id").asText();
        String teeTimeId = admin("POST", "/simulator/tee-times", "{\"hostId\":\"" + host + "\",\"courseId\":\""
                + course + "\",\"inDays\":3,\"localTime\":\"08:00\",\"totalSlots\":4}").path("teeTimeId").asText();
        String joinEvent = admin("POST", "/simulator/tee-times/" + teeTimeId + "/join",
                "{\"userId\":\"" + player + "\"}").path("eventId").asText();

        // the digest job held back: the player's look stays pending while the operator looks
        admin("POST", "/routes/job-missed-digests/stop", "");
        String firstMessage;
        try {
            firstMessage = admin("POST", "/simulator/tee-times/" + teeTimeId + "/messages", "{\"senderId\":\"" + host
                    + "\",\"body\":\"Meet at the range\"}").path("eventId").asText();
            admin("POST", "/simulator/tee-times/" + teeTimeId + "/messages", "{\"senderId\":\"" + host
                    + "\",\"body\":\"Bring layers\"}");
            UsersView users = (UsersView) window.views().get(8);
            fx(() -> {
                users.selectTab("user-tab-digests");
                return null;
            });
            await().atMost(WAIT).until(() -> {
                fx(() -> {
                    console.lookUpUser(player);
                    return null;
                });
                return fx(() -> users.pendingTable().table().getItems().size()) == 1;
            });
            JsonNode pending = fx(() -> users.pendingTable().table().getItems().get(0));
            assertThat(pending.path("teeTimeId").asText()).isEqualTo(teeTimeId);
            assertThat(pending.path("kind").asText()).isEqualTo("messages");
            assertThat(pending.path("unseen").asInt()).isEqualTo(2);
            assertThat(cell(users.pendingTable(), 0, 3)).as("the Digest due column").matches("\\d\\d:\\d\\d:\\d\\d");
            assertThat(fx(() -> label("#user-missed-summary").getText()))
                    .startsWith("2 unseen in 1 room, next digest due ");
            Screenshots.save(window.scene(), "10-users-digest-pending");

            // the Inspector: who has the first message unseen, and the digest due for them
            show(7);
            InspectorView inspector = (InspectorView) window.views().get(7);
            fx(() -> {
                inspector.selectTab("tab-unseen");
                return null;
            });
            trace(firstMessage);
            await().atMost(WAIT).until(() -> fx(() -> inspector.unseenTable().table().getItems().size()) == 2);
            assertThat(fx(() -> inspector.tabText("tab-unseen"))).isEqualTo("Unseen / digests (2)");
            assertThat(rows(inspector.unseenTable(), 0, 1)).containsExactlyInAnyOrder(host + " own", player + " unseen");
            assertThat(rows(inspector.unseenTable(), 0, 2)).anyMatch(r -> r.matches(player + " due \\d\\d:\\d\\d:\\d\\d"));
            Screenshots.save(window.scene(), "11-inspector-unseen");
        } finally {
            admin("POST", "/routes/job-missed-digests/start", "");
        }

        // the job runs: the digests are queued (push and e-mail) and nothing is pending any more
        show(8);
        UsersView users = (UsersView) window.views().get(8);
        await().atMost(WAIT).until(() -> {
            fx(() -> {
                console.lookUpUser(player);
                return null;
            });
            return fx(() -> users.digestsTable().table().getItems().size()) == 2;
        });
        assertThat(rows(users.digestsTable(), 2, 3)).allMatch(r -> r.startsWith(teeTimeId + " "))
                .extracting(r -> r.split(" ")[1]).containsExactlyInAnyOrder("email", "push");
        assertThat(cell(users.digestsTable(), 0, 6)).as("the chat's 2 messages; the room's join").isEqualTo("chat 2 · room 1");
        assertThat(fx(() -> users.pendingTable().table().getItems().size())).isZero();
        assertThat(fx(() -> label("#user-missed-summary").getText())).startsWith("nothing unseen pending · 2 digests queued");
        Screenshots.save(window.scene(), "12-users-digests-sent");

        // the host's in-app row for the join, with the receipt the receipts code records
        var db = sandbox.engine().database().dataSource();
        long inApp = await().atMost(WAIT).until(() -> Sql.first(db, "the host's in-app row", "select max(id) from"
                + " notifications where user_id = ? and notification_type = 'slot_joined'", r -> r.getLong(1), host)
                .orElse(0L), id -> id > 0);
        Instant acked = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Sql.update(db, "stand in for a receipt", "update notifications set acknowledged_at = ?, fallback_at = ?,"
                + " fallback_outcome = 'no_device' where id = ?", acked, acked, inApp);
        fx(() -> {
            users.selectTab("user-tab-receipts");
            console.lookUpUser(host);
            return null;
        });
        await().atMost(WAIT).until(() -> fx(() -> users.receiptsTable().table().getItems().stream()
                .anyMatch(r -> r.path("id").asLong() == inApp)));
        assertThat(cellOf(users.receiptsTable(), inApp, 1)).isEqualTo("slot_joined");
        assertThat(cellOf(users.receiptsTable(), inApp, 4)).as("Acknowledged").isNotEqualTo("not yet").isNotBlank();
        assertThat(cellOf(users.receiptsTable(), inApp, 6)).as("Push fallback").isEqualTo("no push: no push device");
        Screenshots.save(window.scene(), "13-users-receipts");

        // the same receipt on the join's in-app row in the Inspector
        show(7);
        InspectorView inspector = (InspectorView) window.views().get(7);
        fx(() -> {
            inspector.selectTab("tab-in-app");
            return null;
        });
        trace(joinEvent);
        String ackedShown = Format.time(com.fasterxml.jackson.databind.node.TextNode.valueOf(acked.toString()));
        await().atMost(WAIT).until(() -> rows(inspector.inAppTable(), 0, 4), r -> r.contains(host + " " + ackedShown));
        assertThat(rows(inspector.inAppTable(), 0, 5)).contains(host + " no push: no push device");
        Screenshots.save(window.scene(), "14-inspector-receipt");
    }

    // ---- helpers

    static void show(int view) throws Exception {
        fx(() -> {
            window.showView(view);
            return null;
        });
    }

    /** Types an event id into "Trace an event" and runs it, as the operator does. */
    static void trace(String eventId) throws Exception {
        // the trace bar sits in a split pane, whose items join the scene graph with its skin, at the next pulse
        await().atMost(WAIT).until(() -> fx(() -> window.views().get(7).root().lookup("#trace-event") != null));
        fx(() -> {
            javafx.scene.Node view = window.views().get(7).root();
            ((javafx.scene.control.TextField) view.lookup("#trace-event")).setText(eventId);
            ((javafx.scene.control.Button) view.lookup("#trace-run")).fire();
            return null;
        });
    }

    static JsonNode admin(String method, String path, String body) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.url() + "/api/v1/admin" + path))
                .header("Authorization", "Bearer " + sandbox.adminToken()).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).path("data");
    }

    /** The text the operator sees in one cell. */
    static String cell(DataTable table, int row, int column) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        return fx(() -> String.valueOf(table.table().getColumns().get(column).getCellData(row)));
    }

    /** The text shown in {@code column} of the row whose {@code id} is {@code id}, read in one go. */
    static String cellOf(DataTable table, long id, int column) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        return fx(() -> {
            var items = table.table().getItems();
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i).path("id").asLong() == id) {
                    return String.valueOf(table.table().getColumns().get(column).getCellData(i));
                }
            }
            return "(no row " + id + ")";
        });
    }

    /** Each row as "column a + ' ' + column b", as shown. */
    static List<String> rows(DataTable table, int a, int b) throws Exception {
        return fx(() -> {
            List<String> out = new java.util.ArrayList<>();
            for (int i = 0; i < table.table().getItems().size(); i++) {
                out.add(table.table().getColumns().get(a).getCellData(i) + " "
                        + table.table().getColumns().get(b).getCellData(i));
            }
            return out;
        });
    }

    static Label label(String id) {
        return (Label) robot.lookup(id).query();
    }

    static <T> T fx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    }
}
