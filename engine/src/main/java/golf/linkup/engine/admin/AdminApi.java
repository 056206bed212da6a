package golf.linkup.engine.admin;

import com.fasterxml.jackson.databind.JsonNode;
import golf.linkup.engine.admin.figures.FigureSampler;
import golf.linkup.engine.admin.followup.FollowUpAdmin;
import golf.linkup.engine.admin.inspector.Inspector;
import golf.linkup.engine.admin.queues.ActionOutcome;
import golf.linkup.engine.admin.queues.QueueAdmin;
import golf.linkup.engine.admin.simulator.ScenarioPlayer;
import golf.linkup.engine.admin.simulator.SimulatedEvent;
import golf.linkup.engine.admin.simulator.Simulator;
import golf.linkup.engine.admin.simulator.SimulatorException;
import golf.linkup.engine.gateway.connections.ClientConnection;
import golf.linkup.engine.gateway.connections.CloseCodes;
import golf.linkup.engine.gateway.connections.ConnectionRegistry;
import golf.linkup.engine.health.HealthMonitor;
import golf.linkup.engine.health.Problem;
import golf.linkup.engine.http.api.ApiException;
import golf.linkup.engine.http.api.ApiRequest;
import golf.linkup.engine.http.api.ApiResponse;
import golf.linkup.engine.http.api.ApiRouter;
import golf.linkup.engine.http.api.ApiRouter.Access;
import golf.linkup.engine.schedules.ScheduledJobs;
import golf.linkup.engine.webhook.WebhookEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operations API under {@code /api/v1/admin}: what the console shows and does, for an admin token
 * only (401 without a valid token, 403 without the {@code admin} role). Reads: figures, connections,
 * rooms, queues, dead letters, routes, jobs, simulated events. Actions: disconnect a connection;
 * retry, cancel and requeue; start, stop, suspend and resume a route; fire a job; the sandbox
 * simulator and scenario player (403 {@code SANDBOX_ONLY} elsewhere). Every action is logged with
 * the operator's user id. docs/openapi.yaml lists them; docs/console.md explains them.
 */
public final class AdminApi {

    /**
     * What this instance cannot see by itself: the users' presence across the cluster (the gateway's
     * presence service) and a room's members on every instance (the room sizes each instance
     * publishes every few seconds).
     */
    public record ClusterView(
            java.util.function.Function<java.util.Collection<String>, java.util.Map<String, String>> presence,
            java.util.function.Function<String, Map<String, Integer>> roomByInstance) {
    }

    private final java.util.function.Function<java.util.Collection<String>, java.util.Map<String, String>> presence;

    private static final Logger LOG = LoggerFactory.getLogger(AdminApi.class);

    /** A connection as the Connections view lists it; {@code bufferFill} is queued / capacity (0..1). */
    public record ConnectionInfo(String id, String userId, String device, String remoteAddress, Instant openedAt,
            List<String> rooms, int queued, int capacity, double bufferFill, boolean slow, long sent, long dropped) {
    }

    /** A room: its kind ({@code feed}, {@code tee-time}, {@code user}), connections and distinct users here. */
    public record RoomInfo(String room, String kind, int connections, int users) {
    }

    /** {@code presence}: the user's status across the cluster as operators see it ("online", "away (hidden)", ...). */
    public record RoomMember(String connectionId, String userId, String device, Instant openedAt, String presence) {
    }

    /** A timed job, times and duration flattened for JSON (null when unknown). */
    public record JobInfo(String name, String description, String schedule, Instant nextFireAt, Instant lastFiredAt,
            String lastOutcome, Long lastDurationMillis, boolean paused) {
    }

    private final ConnectionRegistry connections;
    private final QueueAdmin queues;
    private final RouteControl routes;
    private final Supplier<Optional<ScheduledJobs>> jobs;
    private final Optional<Simulator> simulator;
    private final Optional<ScenarioPlayer> player;
    private final Inspector inspector;
    private final FigureSampler figures;
    private final HealthMonitor health;
    private final QueueAdmin.RequeueProbes requeueProbes;
    private final Clock clock;
    private final FollowUpAdmin followUps;

    /** How long an action is watched for its outcome before the answer says it is still under way. */
    static final java.time.Duration WATCH = java.time.Duration.ofSeconds(3);

    /**
     * @param jobs      the clustered scheduler's jobs, when this engine has one
     * @param simulator present in the sandbox only, as is {@code player}
     * @param health    the engine's problems (the same monitor {@code /health} reads)
     * @param cluster   presence and room members across the cluster
     * @param followUps a user's pending and sent missed-message digests and in-app receipts
     */
    public AdminApi(ConnectionRegistry connections, QueueAdmin queues, RouteControl routes,
            Supplier<Optional<ScheduledJobs>> jobs, Optional<Simulator> simulator, Optional<ScenarioPlayer> player,
            Inspector inspector, FigureSampler figures, HealthMonitor health, QueueAdmin.RequeueProbes requeueProbes,
            ClusterView cluster, FollowUpAdmin followUps, Clock clock) {
        this.followUps = followUps;
        this.presence = cluster.presence();
        this.roomByInstance = cluster.roomByInstance();
        this.connections = connections;
        this.queues = queues;
        this.routes = routes;
        this.jobs = jobs;
        this.simulator = simulator;
        this.player = player;
        this.inspector = inspector;
        this.figures = figures;
        this.health = health;
        this.requeueProbes = requeueProbes;
        this.clock = clock;
    }

    public void register(ApiRouter api) {
        // ?history=true: the last 15 minutes a second at a time; ?minutes=N (1..1440): the last N minutes,
        // a second at a time up to 15 and a minute at a time beyond
        api.route("GET", "/admin/figures", Access.ADMIN, r -> {
            int minutes = r.intQuery("minutes", "true".equals(optionalQuery(r, "history")) ? 15 : 0, 0, 1440);
            return ApiResponse.ok(Map.of(
                    "latest", figures.latest().map(f -> (Object) f).orElse(Map.of()),
                    "history", minutes == 0 ? List.of() : figures.history(java.time.Duration.ofMinutes(minutes)),
                    "resolutionSeconds", minutes > 15 ? 60 : 1));
        });
        api.route("GET", "/admin/problems", Access.ADMIN, r -> ApiResponse.ok(health.problems()));
        api.route("GET", "/admin/connections", Access.ADMIN,
                r -> ApiResponse.ok(connections(r.intQuery("limit", 1000, 1, 100_000))));
        api.route("POST", "/admin/connections/{id}/disconnect", Access.ADMIN, this::disconnect);
        api.route("GET", "/admin/users/{id}", Access.ADMIN, r -> ApiResponse.ok(user(r.path("id"))));
        api.route("POST", "/admin/users/{id}/disconnect", Access.ADMIN, this::disconnectUser);
        api.route("GET", "/admin/rooms", Access.ADMIN, r -> ApiResponse.ok(rooms()));
        api.route("GET", "/admin/rooms/{room}", Access.ADMIN, r -> ApiResponse.ok(members(r.path("room"))));
        api.route("GET", "/admin/queues", Access.ADMIN, r -> ApiResponse.ok(queues.summary()));
        api.route("GET", "/admin/queues/rows", Access.ADMIN, this::queueRows);
        api.route("GET", "/admin/queues/search", Access.ADMIN, this::searchQueue);
        api.route("POST", "/admin/queues/rows/{id}/retry", Access.ADMIN, r -> {
            long id = id(r);
            ActionOutcome outcome = queues.retryAndWatch(id, WATCH).orElseThrow(() ->
                    refused(id, "row " + id + " is neither failed nor cancelled"));
            LOG.info("operator {} retried outbox row {}: {}", r.identity().userId(), id, outcome.message());
            return ApiResponse.ok(Map.of("id", id, "outcome", outcome.outcome(), "message", outcome.message()));
        });
        api.route("POST", "/admin/queues/rows/{id}/cancel", Access.ADMIN, r -> {
            long id = id(r);
            if (!queues.cancel(id)) {
                throw refused(id, "row " + id + " is not pending, or an instance is sending it now");
            }
            LOG.info("operator {} cancelled outbox row {}", r.identity().userId(), id);
            return ApiResponse.ok(Map.of("id", id, "status", "cancelled"));
        });
        api.route("GET", "/admin/dead-letters", Access.ADMIN,
                r -> ApiResponse.ok(queues.deadLetters(r.intQuery("limit", 100, 1, 1000))));
        api.route("POST", "/admin/dead-letters/{id}/requeue", Access.ADMIN, r -> {
            long id = id(r);
            // a webhook dead letter is a backend event the receiver did not take, not an event for the stream
            if (queues.deadLetter(id).filter(WebhookEvent::isWebhookDeadLetter).isPresent()) {
                throw new ApiException(409, "CONFLICT", "dead letter " + id + " is a backend event the webhook could"
                        + " not deliver, not an event for linkup:events; it is not requeued (its reason says what the"
                        + " receiver answered; the receiver can read the event from the backend events stream)");
            }
            ActionOutcome outcome = queues.requeueAndWatch(id, WATCH, requeueProbes)
                    .orElseThrow(() -> ApiException.notFound("dead letter " + id));
            LOG.info("operator {} requeued dead letter {}: {}", r.identity().userId(), id, outcome.message());
            Map<String, Object> answer = new java.util.LinkedHashMap<>();
            answer.put("id", id);
            answer.put("outcome", outcome.outcome());
            answer.put("message", outcome.message());
            answer.put("newDeadLetterId", outcome.newDeadLetterId());
            return ApiResponse.ok(answer);
        });
        api.route("GET", "/admin/routes", Access.ADMIN, r -> ApiResponse.ok(routes.routes()));
        api.route("POST", "/admin/routes/{id}/{action}", Access.ADMIN, this::routeAction);
        api.route("GET", "/admin/jobs", Access.ADMIN, r -> ApiResponse.ok(jobs()));
        api.route("POST", "/admin/jobs/{name}/fire", Access.ADMIN, r -> {
            ScheduledJobs scheduled = jobs.get().orElseThrow(AdminApi::noScheduler);
            String name = r.path("name");
            Optional<Instant> firedBefore = lastFired(scheduled, name);
            try {
                scheduled.fireNow(name);
            } catch (NoSuchElementException e) {
                throw ApiException.notFound("job " + name);
            }
            String message = watchJob(scheduled, name, firedBefore);
            LOG.info("operator {} fired job {}: {}", r.identity().userId(), name, message);
            return ApiResponse.ok(Map.of("name", name, "fired", true, "message", message));
        });
        registerSimulator(api);
        api.route("GET", "/admin/inspector/events", Access.ADMIN,
                r -> ApiResponse.ok(inspector.recent(r.intQuery("limit", 100, 1, 500))));
        api.route("GET", "/admin/inspector/events/{id}", Access.ADMIN, r -> ApiResponse.ok(
                inspector.details(r.path("id")).orElseThrow(() -> ApiException.notFound("event " + r.path("id")
                        + ": nothing known of it on this instance (" + inspector.reach() + ")"))));
    }

    private void registerSimulator(ApiRouter api) {
        api.route("GET", "/admin/simulator", Access.ADMIN, r -> {
            Simulator sim = sandboxSimulator();
            return ApiResponse.ok(Map.of("users", sim.writes().users(1000), "courses", sim.writes().courses(200),
                    "teeTimes", sim.writes().openTeeTimes(100), "scenarios", player.map(ScenarioPlayer::scenarios)
                            .orElse(List.of()), "player", player.map(ScenarioPlayer::status).orElse(null)));
        });
        api.route("POST", "/admin/simulator/tee-times", Access.ADMIN, r -> simulate(r, (sim, body) -> {
            String courseId = text(body, "courseId");
            Instant startsAt = startsAt(body, sim.writes().courseZone(courseId));
            return sim.createTeeTime(text(body, "hostId"), courseId, startsAt, body.path("totalSlots").asInt(4),
                    body.path("openToAll").asBoolean(false), body.path("skillLevel").asText("ANY"), "form");
        }));
        api.route("POST", "/admin/simulator/tee-times/{id}/join", Access.ADMIN,
                r -> simulate(r, (sim, body) -> sim.join(r.path("id"), text(body, "userId"), "form")));
        api.route("POST", "/admin/simulator/tee-times/{id}/leave", Access.ADMIN,
                r -> simulate(r, (sim, body) -> sim.leave(r.path("id"), text(body, "userId"), "form")));
        api.route("POST", "/admin/simulator/tee-times/{id}/messages", Access.ADMIN,
                r -> simulate(r, (sim, body) -> sim.message(r.path("id"), text(body, "senderId"), text(body, "body"),
                        "form")));
        api.route("POST", "/admin/simulator/tee-times/{id}/cancel", Access.ADMIN,
                r -> simulate(r, (sim, body) -> sim.cancel(r.path("id"), body.path("reason").asText(""), "form")));
        api.route("GET", "/admin/simulator/scenario", Access.ADMIN, r -> ApiResponse.ok(sandboxPlayer().status()));
        api.route("POST", "/admin/simulator/scenario/play", Access.ADMIN, r -> {
            ScenarioPlayer p = sandboxPlayer();
            JsonNode body = r.body();
            try {
                ScenarioPlayer.Status status = p.play(text(body, "name"), body.path("speed").asDouble(60));
                LOG.info("operator {} plays scenario {} at speed {}", r.identity().userId(), status.scenario(),
                        status.speed());
                return ApiResponse.ok(status);
            } catch (IllegalStateException e) {
                throw new ApiException(409, "CONFLICT", e.getMessage());
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(e.getMessage());
            }
        });
        api.route("POST", "/admin/simulator/scenario/stop", Access.ADMIN, r -> ApiResponse.ok(sandboxPlayer().stop()));
    }

    // ---- what the stream's topics send, too

    public List<ConnectionInfo> connections(int limit) {
        List<ConnectionInfo> out = new ArrayList<>();
        for (ClientConnection c : connections.connections()) {
            if (out.size() >= limit) {
                break;
            }
            int queued = c.queued();
            out.add(new ConnectionInfo(c.id(), c.userId(), c.userAgent(), c.remoteAddress(), c.openedAt(),
                    List.copyOf(new TreeSet<>(c.rooms())), queued, c.capacity(),
                    c.capacity() == 0 ? 0 : (double) queued / c.capacity(), c.isSlow(), c.sent(), c.dropped()));
        }
        out.sort(java.util.Comparator.comparing(ConnectionInfo::openedAt).thenComparing(ConnectionInfo::id));
        return out;
    }

    public List<RoomInfo> rooms() {
        List<RoomInfo> out = new ArrayList<>();
        connections.roomSizes().forEach((room, size) -> {
            Set<String> users = new HashSet<>();
            connections.members(room).forEach(c -> users.add(c.userId()));
            int colon = room.indexOf(':');
            out.add(new RoomInfo(room, colon < 0 ? "other" : room.substring(0, colon), size, users.size()));
        });
        return out;
    }

    public List<RoomMember> members(String room) {
        List<RoomMember> out = new ArrayList<>();
        Set<String> users = new HashSet<>();
        connections.members(room).forEach(c -> users.add(c.userId()));
        java.util.Map<String, String> statuses;
        try {
            statuses = users.isEmpty() ? java.util.Map.of() : presence.apply(users);
        } catch (RuntimeException e) {
            statuses = java.util.Map.of(); // presence lives in Redis: the members still show without it
        }
        java.util.Map<String, String> known = statuses;
        connections.members(room).forEach(c -> out.add(new RoomMember(c.id(), c.userId(), c.userAgent(), c.openedAt(),
                known.getOrDefault(c.userId(), "unknown"))));
        out.sort(java.util.Comparator.comparing(RoomMember::userId).thenComparing(RoomMember::connectionId));
        return out;
    }

    /** The engine's problems now (the stream sends them every second). */
    public List<Problem> problems() {
        return health.problems();
    }

    public QueueAdmin.Summary queueSummary() {
        return queues.summary();
    }

    public List<RouteControl.RouteStatus> routeStatuses() {
        return routes.routes();
    }

    /** The jobs, or an empty list when this engine has no scheduler yet. */
    public List<JobInfo> jobsOrEmpty() {
        return jobs.get().map(AdminApi::jobInfos).orElse(List.of());
    }

    public List<Inspector.Summary> inspectorEvents() {
        return inspector.recent(100);
    }

    public Optional<ScenarioPlayer.Status> scenarioStatus() {
        return player.map(ScenarioPlayer::status);
    }

    /**
     * One user as operators look into them: presence across the cluster, this instance's connections
     * (each instance answers for its own sockets), how many connections they have on every instance
     * (from the cluster's room sizes, a few seconds behind), the rooms they are in here, their
     * latest notifications by channel with each outcome, and their follow-ups: rooms with unseen
     * messages or changes and when the digest is due, digests queued, in-app receipts.
     */
    public record UserInfo(String userId, String presence, List<ConnectionInfo> connections, List<String> rooms,
            Map<String, Integer> connectionsByInstance, List<QueueAdmin.QueueRow> notifications,
            long notificationsTotal, FollowUpAdmin.UserFollowUp followUp) {
    }

    private final java.util.function.Function<String, Map<String, Integer>> roomByInstance;

    public UserInfo user(String userId) {
        List<ConnectionInfo> mine = connections(100_000).stream().filter(c -> c.userId().equals(userId)).toList();
        TreeSet<String> inRooms = new TreeSet<>();
        mine.forEach(c -> inRooms.addAll(c.rooms()));
        String status;
        try {
            status = presence.apply(List.of(userId)).getOrDefault(userId, "unknown");
        } catch (RuntimeException e) {
            status = "unknown (presence not readable: " + e.getMessage() + ")";
        }
        QueueAdmin.Page latest = queues.search(new QueueAdmin.Search(null, userId, null, null, null, null, null, 0, 50));
        Map<String, Integer> everywhere;
        try {
            everywhere = roomByInstance.apply("user:" + userId);
        } catch (RuntimeException e) {
            everywhere = Map.of(); // read from Redis: the user still shows without it
        }
        FollowUpAdmin.UserFollowUp followUp;
        try {
            followUp = followUps.user(userId);
        } catch (RuntimeException e) {
            // pending digests are read from Redis: the user still shows without them
            LOG.warn("user {}: follow-ups not readable: {}", userId, e.toString());
            followUp = new FollowUpAdmin.UserFollowUp(false, List.of(), List.of(), List.of());
        }
        return new UserInfo(userId, status, mine, List.copyOf(inRooms), everywhere, latest.rows(), latest.total(),
                followUp);
    }

    /** Closes every connection of the user on this instance with 1008 and the operator's reason. */
    private ApiResponse disconnectUser(ApiRequest r) throws ApiException {
        String userId = r.path("id");
        String reason = r.body().path("reason").asText("").strip();
        if (reason.isEmpty()) {
            throw ApiException.badRequest("'reason' is required: the user's apps are told it");
        }
        if (reason.length() > 100) {
            throw ApiException.badRequest("'reason' is at most 100 characters (it travels in the close frame)");
        }
        int closed = 0;
        for (ClientConnection c : connections.connections()) {
            if (c.userId().equals(userId)) {
                c.close(CloseCodes.POLICY_VIOLATION, reason);
                closed++;
            }
        }
        LOG.info("operator {} disconnected all {} connections of {} here: {}", r.identity().userId(), closed, userId,
                reason);
        return ApiResponse.ok(Map.of("userId", userId, "closed", closed, "reason", reason));
    }

    // ---- handlers

    private ApiResponse disconnect(ApiRequest r) throws ApiException {
        ClientConnection c = connections.connection(r.path("id"));
        if (c == null) {
            throw ApiException.notFound("connection " + r.path("id") + " on this instance");
        }
        c.close(CloseCodes.POLICY_VIOLATION, "disconnected by an operator");
        LOG.info("operator {} disconnected {}", r.identity().userId(), c);
        return ApiResponse.ok(Map.of("id", c.id(), "userId", c.userId(), "closed", true));
    }

    private ApiResponse queueRows(ApiRequest r) throws ApiException {
        String status = Optional.ofNullable(optionalQuery(r, "status")).orElse("failed");
        if (!Set.of("pending", "sent", "failed", "cancelled").contains(status)) {
            throw ApiException.badRequest("status must be pending, sent, failed or cancelled");
        }
        String channel = optionalQuery(r, "channel");
        if (channel != null && !Set.of("in_app", "email", "push").contains(channel)) {
            throw ApiException.badRequest("channel must be in_app, email or push");
        }
        return ApiResponse.ok(queues.rows(status, channel, r.intQuery("limit", 100, 1, 1000)));
    }

    /** {@code GET /admin/queues/search?eventId=&userId=&type=&channel=&status=&from=&to=&offset=&limit=}. */
    private ApiResponse searchQueue(ApiRequest r) throws ApiException {
        String status = optionalQuery(r, "status");
        if (status != null && !Set.of("pending", "sent", "failed", "cancelled").contains(status)) {
            throw ApiException.badRequest("status must be pending, sent, failed or cancelled");
        }
        String channel = optionalQuery(r, "channel");
        if (channel != null && !Set.of("in_app", "email", "push").contains(channel)) {
            throw ApiException.badRequest("channel must be in_app, email or push");
        }
        return ApiResponse.ok(queues.search(new QueueAdmin.Search(optionalQuery(r, "eventId"),
                optionalQuery(r, "userId"), optionalQuery(r, "type"), channel, status, instantQuery(r, "from"),
                instantQuery(r, "to"), r.intQuery("offset", 0, 0, 10_000_000), r.intQuery("limit", 100, 1, 1000))));
    }

    private static Instant instantQuery(ApiRequest r, String name) throws ApiException {
        String text = optionalQuery(r, name);
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("'" + name + "' must be an ISO-8601 instant such as 2026-05-01T15:00:00Z");
        }
    }

    private ApiResponse routeAction(ApiRequest r) throws ApiException {
        RouteControl.Action action = RouteControl.Action.parse(r.path("action")).orElseThrow(() ->
                ApiException.badRequest("action must be start, stop, suspend or resume"));
        try {
            RouteControl.RouteStatus after = routes.apply(r.path("id"), action);
            LOG.info("operator {} did {} on route {}: now {}", r.identity().userId(), action, r.path("id"), after.state());
            return ApiResponse.ok(after);
        } catch (NoSuchElementException e) {
            throw ApiException.notFound("route " + r.path("id"));
        }
    }

    private List<JobInfo> jobs() throws ApiException {
        return jobInfos(jobs.get().orElseThrow(AdminApi::noScheduler));
    }

    private static List<JobInfo> jobInfos(ScheduledJobs scheduled) {
        return scheduled.jobs().stream().map(j -> new JobInfo(j.name(), j.description(), j.schedule(),
                j.nextFireAt().orElse(null), j.lastFiredAt().orElse(null), j.lastOutcome().orElse(null),
                j.lastDuration().map(java.time.Duration::toMillis).orElse(null), j.paused())).toList();
    }

    private static Optional<Instant> lastFired(ScheduledJobs scheduled, String name) {
        return scheduled.jobs().stream().filter(j -> j.name().equals(name)).findFirst()
                .flatMap(ScheduledJobs.JobStatus::lastFiredAt);
    }

    /** Waits up to {@link #WATCH} for the fired run's outcome in the cluster's run log. */
    private static String watchJob(ScheduledJobs scheduled, String name, Optional<Instant> firedBefore) {
        long deadline = System.nanoTime() + WATCH.toNanos();
        while (System.nanoTime() < deadline) {
            for (ScheduledJobs.JobStatus j : scheduled.jobs()) {
                if (j.name().equals(name) && j.lastFiredAt().isPresent() && !j.lastFiredAt().equals(firedBefore)
                        && j.lastOutcome().isPresent()) {
                    return "ran: " + j.lastOutcome().get() + j.lastDuration().map(d -> " in " + d.toMillis() + " ms")
                            .orElse("");
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return "fired; no outcome within " + WATCH.toSeconds() + " s (it is still running, or another instance runs it)";
    }

    private static ApiException noScheduler() {
        return new ApiException(503, "NOT_AVAILABLE", "this engine runs no scheduled jobs");
    }

    private interface SimulatorAction {
        SimulatedEvent run(Simulator simulator, JsonNode body) throws ApiException;
    }

    private ApiResponse simulate(ApiRequest r, SimulatorAction action) throws ApiException {
        Simulator sim = sandboxSimulator();
        try {
            SimulatedEvent event = action.run(sim, r.body());
            LOG.info("operator {} simulated {} {}: {}", r.identity().userId(), event.type(), event.eventId(),
                    event.summary());
            return ApiResponse.ok(event);
        } catch (SimulatorException e) {
            throw new ApiException(409, "CONFLICT", e.getMessage());
        }
    }

    private Simulator sandboxSimulator() throws ApiException {
        return simulator.orElseThrow(AdminApi::sandboxOnly);
    }

    private ScenarioPlayer sandboxPlayer() throws ApiException {
        return player.orElseThrow(AdminApi::sandboxOnly);
    }

    private static ApiException sandboxOnly() {
        return new ApiException(403, "SANDBOX_ONLY", "the simulator runs in the sandbox profile only");
    }

    /** {@code startsAt} (ISO instant), else {@code inDays} (default 2) at {@code localTime} (default 09:00) in the course's zone. */
    private Instant startsAt(JsonNode body, ZoneId zone) throws ApiException {
        try {
            if (body.hasNonNull("startsAt")) {
                return Instant.parse(body.get("startsAt").asText());
            }
            LocalTime time = LocalTime.parse(body.path("localTime").asText("09:00"));
            return java.time.LocalDate.now(clock.withZone(zone)).plusDays(body.path("inDays").asInt(2)).atTime(time)
                    .atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("startsAt must be an ISO-8601 instant and localTime HH:mm: " + e.getMessage());
        }
    }

    private static String text(JsonNode body, String field) throws ApiException {
        JsonNode v = body.get(field);
        if (v == null || !v.isValueNode() || v.asText().isBlank()) {
            throw ApiException.badRequest("'" + field + "' is required");
        }
        return v.asText();
    }

    private static long id(ApiRequest r) throws ApiException {
        try {
            return Long.parseLong(r.path("id"));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("the id must be a number");
        }
    }

    /** A refused action on an outbox row: 404 when there is no such row, else 409 {@code CONFLICT} with {@code why}. */
    private ApiException refused(long id, String why) {
        return queues.exists(id) ? new ApiException(409, "CONFLICT", why) : ApiException.notFound("outbox row " + id);
    }

    private static String optionalQuery(ApiRequest r, String name) {
        try {
            return r.query(name);
        } catch (ApiException e) {
            return null;
        }
    }
}
