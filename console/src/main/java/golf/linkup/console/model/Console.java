package golf.linkup.console.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import golf.linkup.console.client.AdminClient;
import golf.linkup.console.client.AdminException;
import golf.linkup.console.client.AdminStreamClient;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The console's state and commands, apart from any view: what the engine pushed (figures and the
 * watched tables, through the admin stream) and what an operator does (through the admin API).
 * Properties are read-only to views and change on the UI thread only (through {@link UiQueue});
 * commands return at once, run on a worker thread and report in {@link #statusProperty()}.
 * Sandbox and attach mode differ only in where the engine is: this class talks to it by URL.
 */
public final class Console implements AutoCloseable {

    /** The topics each part of the console needs pushed while it is shown. */
    public enum Topics {
        OVERVIEW(Set.of()), CONNECTIONS(Set.of("connections")), ROOMS(Set.of("rooms")), QUEUES(Set.of("queues")),
        ROUTES(Set.of("routes")), SCHEDULES(Set.of("jobs")), SIMULATOR(Set.of("scenario", "inspector")),
        INSPECTOR(Set.of("inspector")), USERS(Set.of("connections"));

        final Set<String> topics;

        Topics(Set<String> topics) {
            this.topics = topics;
        }
    }

    private final AdminClient client;
    private final UiQueue ui;
    private final ExecutorService work = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "console-commands");
        t.setDaemon(true);
        return t;
    });
    private final AdminStreamClient stream;
    private final AtomicLong commandSeq = new AtomicLong();

    private final OverviewModel overview = new OverviewModel();
    private final TableModel connections = new TableModel();
    private final TableModel rooms = new TableModel();
    private final TableModel roomMembers = new TableModel();
    private final TableModel queueDepths = new TableModel();
    private final TableModel queueRows = new TableModel();
    private final TableModel routes = new TableModel();
    private final TableModel jobs = new TableModel();
    private final TableModel inspectorEvents = new TableModel();
    private final TableModel problems = new TableModel();
    private final ReadOnlyObjectWrapper<Banner> banner = new ReadOnlyObjectWrapper<>(this, "banner");
    private final javafx.beans.property.ReadOnlyIntegerWrapper running =
            new javafx.beans.property.ReadOnlyIntegerWrapper(this, "running", 0);
    private final ReadOnlyObjectWrapper<JsonNode> simulatorOptions = new ReadOnlyObjectWrapper<>(this, "simulatorOptions");
    private final ReadOnlyObjectWrapper<JsonNode> scenario = new ReadOnlyObjectWrapper<>(this, "scenario");
    private final ReadOnlyObjectWrapper<JsonNode> inspection = new ReadOnlyObjectWrapper<>(this, "inspection");
    private final ReadOnlyObjectWrapper<JsonNode> queueSummary = new ReadOnlyObjectWrapper<>(this, "queueSummary");
    private final ReadOnlyStringWrapper queueBrowse = new ReadOnlyStringWrapper(this, "queueBrowse", "failed");
    private final ReadOnlyStringWrapper selectedRoom = new ReadOnlyStringWrapper(this, "selectedRoom");
    private final ReadOnlyBooleanWrapper jobsAvailable = new ReadOnlyBooleanWrapper(this, "jobsAvailable", true);
    private final ReadOnlyStringWrapper streamState = new ReadOnlyStringWrapper(this, "streamState", "CONNECTING");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private volatile String inspectedEvent;
    private volatile Map<String, String> lastSearch = Map.of();
    private final ReadOnlyObjectWrapper<JsonNode> user = new ReadOnlyObjectWrapper<>(this, "user");
    private volatile boolean watchingUser;
    private final ReadOnlyObjectWrapper<List<OverviewModel.Point>> longHistory =
            new ReadOnlyObjectWrapper<>(this, "longHistory", List.of());
    private final ReadOnlyObjectWrapper<JsonNode> searchPage = new ReadOnlyObjectWrapper<>(this, "searchPage");

    public Console(AdminClient client, UiQueue ui) {
        this.client = client;
        this.ui = ui;
        this.stream = new AdminStreamClient(client, this::onStreamMessage, this::onStreamState);
    }

    /** Connects the stream and loads what is read on demand. */
    public void start() {
        checkAccess();
        stream.connect();
        refreshSimulatorOptions();
        refreshQueueRows();
        checkJobs();
    }

    /** Pushes the topics of the shown view (figures always come). */
    public void show(Topics view) {
        watchingUser = view == Topics.USERS;
        stream.watch(view.topics);
        switch (view) {
            case SCHEDULES -> checkJobs();
            case SIMULATOR -> refreshSimulatorOptions();
            case QUEUES -> refreshQueueRows();
            default -> { }
        }
    }

    // ---- the link to the engine

    /**
     * Asks the engine once whether it takes this token, so that a bad token or an engine that is not
     * there says so in a banner at once (the stream only knows that its handshake failed).
     */
    private void checkAccess() {
        work.execute(() -> {
            try {
                client.get("/problems");
            } catch (AdminException e) {
                ui.post("banner-connection", () -> banner.set(Banner.error("connection", linkProblem(e))));
            }
        });
    }

    private String linkProblem(AdminException e) {
        return switch (e.status()) {
            case 401 -> "The engine at " + client.base() + " refused the admin token (401 " + e.code() + ": "
                    + e.getMessage() + "). Start the console with a valid one: bin/linkup token ops --admin";
            case 403 -> "The engine at " + client.base() + " refused the token: it has no admin role (403 " + e.code()
                    + "). Issue one with bin/linkup token ops --admin";
            case 0 -> "Cannot reach the engine at " + client.base() + ": " + e.getMessage().replaceFirst("^cannot reach \\S+: ", "")
                    + ". Retrying every few seconds.";
            default -> "The engine at " + client.base() + " answered " + e.status() + " " + e.code() + ": "
                    + e.getMessage();
        };
    }

    private void onStreamState(AdminStreamClient.State state) {
        ui.post("stream-state", () -> {
            streamState.set(state.name());
            Banner now = banner.get();
            boolean linkBanner = now != null && "connection".equals(now.topic());
            switch (state) {
                case CONNECTED -> {
                    if (linkBanner) {
                        banner.set(null);
                    }
                }
                case RECONNECTING -> {
                    if (now == null) {
                        banner.set(Banner.error("connection", "Lost the engine at " + client.base()
                                + "; reconnecting (every 1 to 10 s). The figures shown are the last received."));
                    }
                }
                case REFUSED -> checkAccess();
                default -> { }
            }
        });
    }

    /** Hides the banner (its cause may still be there: the link's banner comes back if it is). */
    public void dismissBanner() {
        banner.set(null);
    }

    // ---- what the stream brings (stream thread → UI thread, coalesced)

    void onStreamMessage(String type, JsonNode data) {
        switch (type) {
            case "history", "figures" -> {
                overview.receive(data);
                ui.post("figures", overview::absorb);
            }
            case "problems" -> ui.post(type, () -> problems.replace(data));
            case "connections" -> ui.post(type, () -> {
                connections.replace(data);
                JsonNode shownUser = user.get();
                if (shownUser != null && watchingUser) {
                    lookUpUser(shownUser.path("userId").asText()); // their connections change with the table's
                }
            });
            case "rooms" -> ui.post(type, () -> {
                rooms.replace(data);
                String room = selectedRoom.get();
                if (room != null) {
                    refreshRoom(room);
                }
            });
            case "queues" -> ui.post(type, () -> {
                JsonNode before = queueSummary.get();
                queueSummary.set(data);
                queueDepths.replace(data.path("depths"));
                if (before == null || before.path("failed").asLong() != data.path("failed").asLong()) {
                    refreshQueueRows();
                }
            });
            case "routes" -> ui.post(type, () -> routes.replace(data));
            case "jobs" -> ui.post(type, () -> jobs.replace(data));
            case "scenario" -> ui.post(type, () -> scenario.set(data));
            case "inspector" -> ui.post(type, () -> {
                inspectorEvents.replace(data);
                String id = inspectedEvent;
                if (id != null) {
                    inspect(id); // its counts may have grown: the e-mail arrives after the event
                }
            });
            case "error" -> ui.post("stream-error", () -> {
                status.set("stream: " + data.path("message").asText());
                banner.set(Banner.error("action", "The engine refused the console's stream request: "
                        + data.path("message").asText()));
            });
            default -> { }
        }
    }

    // ---- commands

    public void disconnect(String connectionId) {
        command("disconnect " + connectionId, () -> client.post("/connections/" + AdminClient.segment(connectionId)
                + "/disconnect", ""), r -> { });
    }

    public void showRoom(String room) {
        selectedRoom.set(room);
        refreshRoom(room);
    }

    private void refreshRoom(String room) {
        work.execute(() -> {
            try {
                JsonNode members = client.get("/rooms/" + AdminClient.segment(room));
                ui.post("room-members", () -> roomMembers.replace(members));
            } catch (AdminException e) {
                ui.post("room-members", () -> roomMembers.replace(null));
            }
        });
    }

    /** Which rows the Queues view browses: failed, cancelled, pending (outbox) or dead-letters. */
    public void browseQueue(String kind) {
        queueBrowse.set(Objects.requireNonNull(kind));
        refreshQueueRows();
    }

    public void refreshQueueRows() {
        String kind = queueBrowse.get();
        if (kind.equals("search")) {
            searchQueue(lastSearch, searchPage.get() == null ? 0 : searchPage.get().path("offset").asInt());
            return;
        }
        work.execute(() -> {
            try {
                JsonNode rows = kind.equals("dead-letters") ? client.get("/dead-letters?limit=200")
                        : client.get("/queues/rows?limit=200&status=" + kind);
                ui.post("queue-rows", () -> {
                    if (kind.equals(queueBrowse.get())) {
                        queueRows.replace(rows);
                    }
                });
            } catch (AdminException e) {
                reportFailure("list the " + kind + " rows", e);
            }
        });
    }

    /**
     * Searches the whole outbox in the engine (not the rows loaded here): {@code criteria} by name
     * ({@code eventId}, {@code userId}, {@code type}, {@code channel}, {@code status}, {@code from},
     * {@code to}; blank ones are left out), one page of {@link #SEARCH_PAGE} rows from {@code offset}.
     * The Queues view then shows the results ({@code queueBrowse} = {@code search}).
     */
    public void searchQueue(Map<String, String> criteria, int offset) {
        StringBuilder query = new StringBuilder("/queues/search?limit=" + SEARCH_PAGE + "&offset=" + Math.max(0, offset));
        criteria.forEach((name, value) -> {
            if (value != null && !value.isBlank()) {
                query.append('&').append(name).append('=').append(AdminClient.segment(value.strip()));
            }
        });
        queueBrowse.set("search");
        lastSearch = Map.copyOf(criteria);
        work.execute(() -> {
            try {
                JsonNode page = client.get(query.toString());
                ui.post("queue-rows", () -> {
                    if ("search".equals(queueBrowse.get())) {
                        searchPage.set(page);
                        queueRows.replace(page.path("rows"));
                        status.set("search: " + page.path("total").asLong() + " rows match");
                    }
                });
            } catch (AdminException e) {
                reportFailure("search the outbox", e);
            }
        });
    }

    /** Loads one user: presence, connections here, rooms, latest notifications ({@link #userProperty()}). */
    public void lookUpUser(String userId) {
        work.execute(() -> {
            try {
                JsonNode details = client.get("/users/" + AdminClient.segment(userId));
                ui.post("user", () -> user.set(details));
            } catch (AdminException e) {
                reportFailure("look up " + userId, e);
            }
        });
    }

    /** Closes every connection of the user on this instance, telling their apps the reason. */
    public void disconnectUser(String userId, String reason) {
        command("disconnect " + userId, () -> client.post("/users/" + AdminClient.segment(userId) + "/disconnect",
                JsonNodeFactory.instance.objectNode().put("reason", reason)), r -> {
                    status.set("disconnect " + userId + ": " + r.path("closed").asInt() + " connections closed");
                    banner.set(Banner.info("action", "disconnect " + userId + ": " + r.path("closed").asInt()
                            + " connections closed (\"" + reason + "\")"));
                    lookUpUser(userId);
                });
    }

    /**
     * Loads the last {@code minutes} of figures for the charts (beyond 15 minutes the engine keeps one
     * point a minute, up to 24 hours) into {@link #longHistoryProperty()}.
     */
    public void loadHistory(int minutes) {
        work.execute(() -> {
            try {
                JsonNode answer = client.get("/figures?minutes=" + minutes);
                List<OverviewModel.Point> points = new java.util.ArrayList<>();
                answer.path("history").forEach(f -> points.add(OverviewModel.Point.of(f)));
                ui.post("long-history", () -> longHistory.set(List.copyOf(points)));
            } catch (AdminException e) {
                reportFailure("load " + minutes + " minutes of figures", e);
            }
        });
    }

    /** The figures {@link #loadHistory} loaded last, oldest first. */
    public ReadOnlyObjectProperty<List<OverviewModel.Point>> longHistoryProperty() {
        return longHistory.getReadOnlyProperty();
    }

    /** Rows per search page. */
    public static final int SEARCH_PAGE = 100;

    public void retry(long rowId) {
        command("retry row " + rowId, () -> client.post("/queues/rows/" + rowId + "/retry", ""), r -> {
            reportOutcome("retry row " + rowId, r);
            refreshQueueRows();
        });
    }

    public void cancelRow(long rowId) {
        command("cancel row " + rowId, () -> client.post("/queues/rows/" + rowId + "/cancel", ""),
                r -> refreshQueueRows());
    }

    public void requeueDeadLetter(long id) {
        command("requeue dead letter " + id, () -> client.post("/dead-letters/" + id + "/requeue", ""), r -> {
            reportOutcome("requeue dead letter " + id, r);
            refreshQueueRows();
        });
    }

    /** An action's outcome as the engine watched it: in the status line and, unless plainly fine, a banner. */
    private void reportOutcome(String what, JsonNode result) {
        String message = result.path("message").asText("done");
        status.set(what + ": " + message);
        String outcome = result.path("outcome").asText();
        boolean fine = outcome.equals("sent") || outcome.equals("delivered");
        banner.set(fine ? Banner.info("action", what + ": " + message) : Banner.warning("action", what + ": " + message));
    }

    /** {@code action}: start, stop, suspend or resume. */
    public void route(String routeId, String action) {
        command(action + " route " + routeId, () -> client.post("/routes/" + AdminClient.segment(routeId) + "/" + action,
                ""), r -> status.set(action + " route " + routeId + ": now " + r.path("state").asText().toLowerCase()));
    }

    public void fireJob(String name) {
        command("fire " + name, () -> client.post("/jobs/" + AdminClient.segment(name) + "/fire", ""),
                r -> status.set("fire " + name + ": " + r.path("message").asText("done")));
    }

    private void checkJobs() {
        work.execute(() -> {
            try {
                JsonNode list = client.get("/jobs");
                ui.post("jobs", () -> {
                    jobsAvailable.set(true);
                    jobs.replace(list);
                });
            } catch (AdminException e) {
                ui.post("jobs", () -> jobsAvailable.set(!"NOT_AVAILABLE".equals(e.code())));
            }
        });
    }

    public void refreshSimulatorOptions() {
        work.execute(() -> {
            try {
                JsonNode options = client.get("/simulator");
                ui.post("simulator-options", () -> simulatorOptions.set(options));
            } catch (AdminException e) {
                ui.post("simulator-options", () -> simulatorOptions.set(JsonNodeFactory.instance.objectNode()
                        .put("unavailable", e.getMessage())));
            }
        });
    }

    public void createTeeTime(String hostId, String courseId, int inDays, String localTime, int totalSlots) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("hostId", hostId).put("courseId", courseId)
                .put("inDays", inDays).put("localTime", localTime).put("totalSlots", totalSlots);
        simulate("create a tee time", "/simulator/tee-times", body);
    }

    public void join(String teeTimeId, String userId) {
        simulate("join " + teeTimeId, "/simulator/tee-times/" + AdminClient.segment(teeTimeId) + "/join",
                JsonNodeFactory.instance.objectNode().put("userId", userId));
    }

    public void leave(String teeTimeId, String userId) {
        simulate("leave " + teeTimeId, "/simulator/tee-times/" + AdminClient.segment(teeTimeId) + "/leave",
                JsonNodeFactory.instance.objectNode().put("userId", userId));
    }

    public void sendMessage(String teeTimeId, String senderId, String text) {
        simulate("message in " + teeTimeId, "/simulator/tee-times/" + AdminClient.segment(teeTimeId) + "/messages",
                JsonNodeFactory.instance.objectNode().put("senderId", senderId).put("body", text));
    }

    public void cancelTeeTime(String teeTimeId, String reason) {
        simulate("cancel " + teeTimeId, "/simulator/tee-times/" + AdminClient.segment(teeTimeId) + "/cancel",
                JsonNodeFactory.instance.objectNode().put("reason", reason));
    }

    /** {@code speed}: scenario seconds per second, 0 for as fast as possible. */
    public void play(String scenarioName, double speed) {
        command("play " + scenarioName, () -> client.post("/simulator/scenario/play", JsonNodeFactory.instance
                .objectNode().put("name", scenarioName).put("speed", speed)), r -> scenario.set(r));
    }

    public void stopScenario() {
        command("stop the scenario", () -> client.post("/simulator/scenario/stop", ""), r -> scenario.set(r));
    }

    /** Loads (and keeps refreshing) what one simulated event caused. */
    public void inspect(String eventId) {
        inspectedEvent = eventId;
        work.execute(() -> {
            try {
                JsonNode details = client.get("/inspector/events/" + AdminClient.segment(eventId));
                ui.post("inspection", () -> {
                    if (eventId.equals(inspectedEvent)) {
                        inspection.set(details);
                    }
                });
            } catch (AdminException e) {
                reportFailure("inspect " + eventId, e);
            }
        });
    }

    private void simulate(String what, String path, JsonNode body) {
        command(what, () -> client.post(path, body), event -> {
            status.set(event.path("type").asText() + " " + event.path("eventId").asText() + ": "
                    + event.path("summary").asText());
            refreshSimulatorOptions();
        });
    }

    /**
     * Runs an action on a worker thread: the status line says it is under way ({@link #runningProperty()}
     * counts those still running), then what came of it; a refusal is a banner as well.
     */
    private void command(String what, Supplier<JsonNode> call, Consumer<JsonNode> done) {
        running.set(running.get() + 1);
        status.set(what + "…");
        work.execute(() -> {
            try {
                JsonNode result = call.get();
                ui.post("command-" + commandSeq.incrementAndGet(), () -> {
                    running.set(running.get() - 1);
                    status.set(what + ": done");
                    done.accept(result);
                });
            } catch (AdminException e) {
                ui.post("command-" + commandSeq.incrementAndGet(), () -> running.set(running.get() - 1));
                reportFailure(what, e);
            } catch (RuntimeException e) {
                ui.post("command-" + commandSeq.incrementAndGet(), () -> running.set(running.get() - 1));
                reportFailure(what, new AdminException(0, "CONSOLE_ERROR", e.toString()));
            }
        });
    }

    /**
     * A failed call: the status line says what failed; the banner says why — the link's own banner when
     * the engine cannot be reached or refuses the token (whatever call found it out), else the refusal.
     */
    private void reportFailure(String what, AdminException e) {
        boolean link = e.status() == 401 || e.status() == 403 || "UNREACHABLE".equals(e.code());
        String text = link ? what + " failed: " + e.getMessage()
                : what + " refused: " + e.status() + " " + e.code() + " " + e.getMessage();
        ui.post("command-" + commandSeq.incrementAndGet(), () -> {
            status.set(text);
            banner.set(link ? Banner.error("connection", linkProblem(e)) : Banner.error("action", text));
        });
    }

    // ---- read-only state

    public AdminClient client() {
        return client;
    }

    public OverviewModel overview() {
        return overview;
    }

    public TableModel connections() {
        return connections;
    }

    public TableModel rooms() {
        return rooms;
    }

    public TableModel roomMembers() {
        return roomMembers;
    }

    public TableModel queueDepths() {
        return queueDepths;
    }

    public TableModel queueRows() {
        return queueRows;
    }

    public TableModel routes() {
        return routes;
    }

    public TableModel jobs() {
        return jobs;
    }

    public TableModel inspectorEvents() {
        return inspectorEvents;
    }

    /** The engine's problems now, as the stream pushes them every second. */
    public TableModel problems() {
        return problems;
    }

    public ReadOnlyObjectProperty<Banner> bannerProperty() {
        return banner.getReadOnlyProperty();
    }

    /** Actions sent and not answered yet. */
    public javafx.beans.property.ReadOnlyIntegerProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<JsonNode> simulatorOptionsProperty() {
        return simulatorOptions.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<JsonNode> scenarioProperty() {
        return scenario.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<JsonNode> inspectionProperty() {
        return inspection.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<JsonNode> queueSummaryProperty() {
        return queueSummary.getReadOnlyProperty();
    }

    /** The user looked up last (GET /admin/users/{id}). */
    public ReadOnlyObjectProperty<JsonNode> userProperty() {
        return user.getReadOnlyProperty();
    }

    /** The last search's page: {@code total}, {@code offset}, {@code limit}. */
    public ReadOnlyObjectProperty<JsonNode> searchPageProperty() {
        return searchPage.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty queueBrowseProperty() {
        return queueBrowse.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty selectedRoomProperty() {
        return selectedRoom.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty jobsAvailableProperty() {
        return jobsAvailable.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty streamStateProperty() {
        return streamState.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** For the status line: hand-offs to the UI thread and updates that a newer one replaced. */
    public Map<String, Long> uiFigures() {
        return Map.of("batches", ui.batches(), "superseded", ui.superseded());
    }

    @Override
    public void close() {
        stream.close();
        work.shutdownNow();
    }
}
