package golf.linkup.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operations API and stream against a real engine instance: only an admin token gets in; the
 * stream pushes a snapshot every second and the figures follow real connections; a route stopped by
 * an operator stops handling events and handles them again once started; a simulated tee time is
 * written, published and followed in the inspector down to the e-mail its cancellation sent; the
 * timed jobs are listed and fired through the clustered scheduler.
 */
class AdminApiEndToEndTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final Duration WAIT = Duration.ofSeconds(15);
    static EngineInstance engine;
    static EventPublisher events;
    static String admin;

    @TempDir
    static Path sampleDir;

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(sampleDir.resolve("scenarios"));
        Files.writeString(sampleDir.resolve("scenarios/tiny-day.json"), """
                {"name":"tiny-day","steps":[
                  {"at":0,"do":"create","as":"a","host":"hana","course":"bethpage","inDays":3,"localTime":"08:00","slots":4},
                  {"at":30,"do":"join","teeTime":"a","user":"ivan"},
                  {"at":60,"do":"message","teeTime":"a","user":"ivan","body":"Bringing extra balls"},
                  {"at":90,"do":"join","teeTime":"a","user":"nobody-here"}]}
                """);
        Map<String, String> settings = EngineInstance.defaults(SharedRedis.uri());
        settings.put("linkup.sample-data.dir", sampleDir.toString());
        engine = EngineInstance.start(settings);
        events = new EventPublisher(SharedRedis.uri());
        admin = engine.engine().jwtIssuer().issue("ops", Duration.ofHours(1), List.of("admin"));
        Instant saturday = Instant.now().plus(4, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        new Fixtures(engine.engine().database().dataSource())
                .course("bethpage", "Bethpage Black Course", "Farmingdale", 40.7446, -73.4543, "America/New_York")
                .user("hana", "Hana Sato", "Kestrel Capital", "FINANCE", "en", "America/New_York")
                .user("ivan", "Ivan Petrov", "Harborline Capital", "FINANCE", "en", "America/New_York")
                .user("jo", "Jo Park", "Northwind Advisory", "FINANCE", "en", "America/New_York")
                .teeTime("tt-admin", "hana", "bethpage", saturday, "FINANCE", false, 4, "ivan");
    }

    @AfterAll
    static void stop() throws Exception {
        events.close();
        engine.close();
    }

    @Test
    void adminEndpointsAndTheStreamRefuseAUserTokenAndAMissingOne() throws Exception {
        String user = engine.token("hana");
        for (String[] call : new String[][] {{"GET", "/api/v1/admin/connections"}, {"GET", "/api/v1/admin/routes"},
                {"POST", "/api/v1/admin/routes/live-message-sent/stop"}, {"GET", "/api/v1/admin/queues"},
                {"POST", "/api/v1/admin/simulator/tee-times"}, {"GET", "/api/v1/admin/inspector/events"}}) {
            HttpResponse<String> asUser = call(call[0], call[1], user, "{}");
            assertThat(asUser.statusCode()).as(call[1]).isEqualTo(403);
            assertThat(JSON.readTree(asUser.body()).path("error").path("code").asText()).isEqualTo("FORBIDDEN");
            assertThat(call(call[0], call[1], null, "{}").statusCode()).as(call[1]).isEqualTo(401);
        }
        assertThat(WsTestClient.handshakeStatus(stream(user), null)).isEqualTo(403);
        assertThat(WsTestClient.handshakeStatus(stream("not-a-jwt"), null)).isEqualTo(401);
    }

    @Test
    void theStreamPushesASnapshotEverySecondThatFollowsTheConnections() throws Exception {
        try (WsTestClient console = WsTestClient.connect(stream(admin))) {
            JsonNode history = console.awaitType("history");
            assertThat(history.path("data").isArray()).isTrue();
            JsonNode first = console.awaitType("figures");
            JsonNode second = console.awaitType("figures");
            assertThat(Instant.parse(second.path("data").path("at").asText()))
                    .isAfter(Instant.parse(first.path("data").path("at").asText()));
            assertThat(second.path("data").has("deliveryP99Millis")).isTrue();
            assertThat(second.path("data").path("outboxDepth").isObject()).isTrue();

            try (WsTestClient jo = engine.connect("jo")) {
                jo.awaitType("connected");
                JsonNode withJo = console.await("figures counting jo's connection",
                        m -> m.path("type").asText().equals("figures") && m.path("data").path("connections").asInt() >= 1
                                && m.path("data").path("users").asInt() >= 1);
                assertThat(withJo.path("data").path("rooms").asInt()).isGreaterThanOrEqualTo(1);

                console.send("{\"type\":\"watch\",\"topics\":[\"connections\",\"routes\"]}");
                JsonNode connections = console.await("the connections topic with jo", m -> m.path("type").asText()
                        .equals("connections") && m.path("data").findValuesAsText("userId").contains("jo"));
                JsonNode joRow = null;
                for (JsonNode row : connections.path("data")) {
                    joRow = row.path("userId").asText().equals("jo") ? row : joRow;
                }
                assertThat(joRow.path("capacity").asInt()).isEqualTo(100);
                assertThat(joRow.path("device").asText()).as("the JDK client's User-Agent").contains("Java");
                assertThat(console.awaitType("routes").path("data").findValuesAsText("id")).contains("ingest-events");

                // a room's members with their presence across the cluster
                org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() -> {
                    JsonNode members = data(call("GET", "/api/v1/admin/rooms/user:jo", admin, null));
                    assertThat(members.findValuesAsText("presence")).containsExactly("online");
                });

                console.send("{\"type\":\"watch\",\"topics\":[\"gossip\"]}");
                assertThat(console.awaitType("error").path("message").asText()).contains("unknown topic 'gossip'");

                HttpResponse<String> disconnected = call("POST", "/api/v1/admin/connections/"
                        + joRow.path("id").asText() + "/disconnect", admin, "");
                assertThat(disconnected.statusCode()).isEqualTo(200);
                assertThat(jo.awaitClose()).isEqualTo(1008);
            }
        }
    }

    @Test
    void aRouteStoppedByAnOperatorHoldsItsEventsUntilItIsStartedAgain() throws Exception {
        HttpResponse<String> stopped = call("POST", "/api/v1/admin/routes/live-message-sent/stop", admin, "");
        assertThat(stopped.statusCode()).as(stopped.body()).isEqualTo(200);
        assertThat(JSON.readTree(stopped.body()).path("data").path("state").asText()).isEqualTo("Stopped");
        JsonNode problem = problem("route-stopped:live-message-sent");
        assertThat(problem.path("severity").asText()).as("a delivery route").isEqualTo("CRITICAL");
        assertThat(problem.path("message").asText()).contains("live-message-sent is stopped");
        assertThat(problem.path("view").asText()).isEqualTo("routes");
        try (WsTestClient ivan = engine.connect("ivan")) {
            ivan.awaitType("connected");
            ivan.subscribeTeeTime("tt-admin");

            events.publish(EventPublisher.messageSent("tt-admin", "FINANCE", "m-while-stopped", "hana", "Anyone there?"));
            // the ingest route waits for the stopped route (Camel direct: up to 30 s) instead of losing the event
            await().atMost(WAIT).until(() -> route("ingest-events").path("inflight").asLong() == 1);
            assertThat(ivan.receivedOfType("tee-time:message")).isEmpty();

            HttpResponse<String> started = call("POST", "/api/v1/admin/routes/live-message-sent/start", admin, "");
            assertThat(JSON.readTree(started.body()).path("data").path("state").asText()).isEqualTo("Started");
            events.publish(EventPublisher.messageSent("tt-admin", "FINANCE", "m-after-start", "hana", "Back again"));
            assertThat(ivan.awaitType("tee-time:message").toString()).contains("Anyone there?");
            assertThat(ivan.awaitType("tee-time:message").toString()).contains("Back again");
        }
        assertThat(route("live-message-sent").path("exchanges").asLong()).isGreaterThanOrEqualTo(2);
        await().atMost(WAIT).until(() -> problem("route-stopped:live-message-sent").isMissingNode());
        assertThat(call("POST", "/api/v1/admin/routes/no-such-route/stop", admin, "").statusCode()).isEqualTo(404);
        assertThat(call("POST", "/api/v1/admin/routes/ingest-events/explode", admin, "").statusCode()).isEqualTo(400);
    }

    @Test
    void oneUserIsShownInOnePlaceAndAllTheirConnectionsAreClosedWithTheOperatorsReason() throws Exception {
        try (WsTestClient kim = engine.connect("kim"); WsTestClient kimPhone = engine.connect("kim")) {
            kim.awaitType("connected");
            kimPhone.awaitType("connected");
            await().atMost(WAIT).until(() -> data(call("GET", "/api/v1/admin/users/kim", admin, null))
                    .path("connections").size() == 2);
            JsonNode user = data(call("GET", "/api/v1/admin/users/kim", admin, null));
            assertThat(user.path("rooms").toString()).contains("user:kim");
            await().atMost(WAIT).until(() -> data(call("GET", "/api/v1/admin/users/kim", admin, null))
                    .path("connectionsByInstance").toString().endsWith(":2}"));
            assertThat(user.path("presence").asText()).isNotBlank();
            assertThat(user.path("notifications").isArray()).isTrue();
            assertThat(call("POST", "/api/v1/admin/users/kim/disconnect", admin, "{}").statusCode()).isEqualTo(400);
            JsonNode closed = data(call("POST", "/api/v1/admin/users/kim/disconnect", admin,
                    "{\"reason\":\"account under review\"}"));
            assertThat(closed.path("closed").asInt()).isEqualTo(2);
            assertThat(kim.awaitClose()).isEqualTo(1008);
            assertThat(kimPhone.awaitClose()).isEqualTo(1008);
        }
    }

    @Test
    void figuresComeASecondAtATimeForFifteenMinutesAndAMinuteAtATimeForADay() throws Exception {
        await().atMost(WAIT).until(() -> data(call("GET", "/api/v1/admin/figures?minutes=15", admin, null))
                .path("history").size() >= 2);
        JsonNode recent = data(call("GET", "/api/v1/admin/figures?minutes=15", admin, null));
        assertThat(recent.path("resolutionSeconds").asInt()).isEqualTo(1);
        JsonNode day = data(call("GET", "/api/v1/admin/figures?minutes=1440", admin, null));
        assertThat(day.path("resolutionSeconds").asInt()).isEqualTo(60);
        assertThat(day.path("history").isArray()).isTrue();
        assertThat(call("GET", "/api/v1/admin/figures?minutes=1441", admin, null).statusCode()).isEqualTo(400);
    }

    @Test
    void anyPublishedEventIsTracedWithWhatThisInstanceDeliveredAndHowFarBackItReaches() throws Exception {
        try (WsTestClient ivan = engine.connect("ivan")) {
            ivan.awaitType("connected");
            ivan.subscribeTeeTime("tt-admin");
            events.publish(EventPublisher.event("outside-1", "message.sent", "{\"teeTimeId\":\"tt-admin\","
                    + "\"industry\":\"FINANCE\",\"message\":{\"id\":\"m-outside\",\"senderId\":\"hana\","
                    + "\"body\":\"From the API server\",\"sentAt\":\"2026-05-01T10:00:00Z\"}}"));
            ivan.awaitType("tee-time:message");
        }
        JsonNode traced = data(call("GET", "/api/v1/admin/inspector/events/outside-1", admin, null));
        assertThat(traced.path("event").path("source").asText()).isEqualTo("outside");
        assertThat(traced.path("wsMessages").get(0).path("messageType").asText()).isEqualTo("tee-time:message");
        assertThat(traced.path("wsMessages").get(0).path("rooms").toString()).contains("chat:tt-admin");
        assertThat(traced.path("wsMessages").get(0).path("connections").asInt()).isEqualTo(1);
        assertThat(traced.path("reach").asText()).contains("the last 2000 events this instance delivered");
        HttpResponse<String> unknown = call("GET", "/api/v1/admin/inspector/events/never-published", admin, null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("nothing known of it on this instance");
    }

    @Test
    void aSimulatedTeeTimeIsFollowedInTheInspectorDownToItsEmail() throws Exception {
        JsonNode created = data(call("POST", "/api/v1/admin/simulator/tee-times", admin,
                "{\"hostId\":\"hana\",\"courseId\":\"bethpage\",\"inDays\":5,\"localTime\":\"09:10\",\"totalSlots\":4}"));
        String teeTimeId = created.path("teeTimeId").asText();
        assertThat(created.path("type").asText()).isEqualTo("tee-time.created");
        assertThat(created.path("subscribers").asLong()).isGreaterThanOrEqualTo(1);

        try (WsTestClient hana = engine.connect("hana")) {
            hana.awaitType("connected");
            hana.subscribeTeeTime(teeTimeId);
            JsonNode joined = data(call("POST", "/api/v1/admin/simulator/tee-times/" + teeTimeId + "/join", admin,
                    "{\"userId\":\"jo\"}"));
            hana.await("jo joining", m -> m.path("type").asText().equals("tee-time:slot-joined"));
            JsonNode joinDetails = awaitDetails(joined.path("eventId").asText(),
                    d -> d.path("wsMessages").size() > 0 && d.path("pushes").size() > 0);
            assertThat(joinDetails.path("wsMessages").findValuesAsText("messageType")).contains("tee-time:slot-joined");
            assertThat(joinDetails.path("pushes").get(0).path("json").asText()).as("decrypted for hana").contains("Jo");
        }

        JsonNode cancelled = data(call("POST", "/api/v1/admin/simulator/tee-times/" + teeTimeId + "/cancel", admin,
                "{\"reason\":\"Frost delay all morning\"}"));
        JsonNode details = awaitDetails(cancelled.path("eventId").asText(), d -> d.path("emails").size() > 0
                && d.path("inApp").size() > 0);
        JsonNode email = details.path("emails").get(0);
        assertThat(email.path("to").asText()).contains("jo@example.com");
        assertThat(email.path("subject").asText()).startsWith("Cancelled: your tee time at Bethpage");
        assertThat(email.path("html").asText()).contains("<");
        assertThat(email.path("text").asText()).contains("Frost delay");
        assertThat(details.path("notifications").findValuesAsText("channel")).contains("email", "push", "in_app");

        String cancelledId = cancelled.path("eventId").asText();
        JsonNode found = data(call("GET", "/api/v1/admin/queues/search?eventId=" + cancelledId, admin, null));
        assertThat(found.path("total").asLong()).as("every row the event caused, whatever its status")
                .isEqualTo(details.path("notifications").size());
        assertThat(found.path("rows").findValuesAsText("channel")).contains("email", "push", "in_app");
        assertThat(found.path("rows").findValuesAsText("notificationKey")).allMatch(k -> k.contains(":" + cancelledId + ":"));
        JsonNode emailsOnly = data(call("GET", "/api/v1/admin/queues/search?eventId=" + cancelledId
                + "&channel=email&limit=1", admin, null));
        assertThat(emailsOnly.path("rows").findValuesAsText("channel")).containsOnly("email");
        assertThat(call("GET", "/api/v1/admin/queues/search?from=yesterday", admin, null).statusCode()).isEqualTo(400);

        JsonNode listed = data(call("GET", "/api/v1/admin/inspector/events", admin, null));
        assertThat(listed.get(0).path("event").path("eventId").asText()).isEqualTo(cancelled.path("eventId").asText());
        assertThat(listed.get(0).path("emails").asInt()).isEqualTo(1);

        HttpResponse<String> again = call("POST", "/api/v1/admin/simulator/tee-times/" + teeTimeId + "/cancel", admin, "{}");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(again.body()).path("error").path("message").asText()).contains("already cancelled");
    }

    @Test
    void aScenarioPlaysAtFullSpeedAndCountsTheStepThatCouldNotBeDone() throws Exception {
        JsonNode options = data(call("GET", "/api/v1/admin/simulator", admin, null));
        assertThat(options.path("scenarios").toString()).contains("tiny-day");

        JsonNode playing = data(call("POST", "/api/v1/admin/simulator/scenario/play", admin,
                "{\"name\":\"tiny-day\",\"speed\":0}"));
        assertThat(playing.path("stepsTotal").asInt()).isEqualTo(4);
        await().atMost(WAIT).until(() -> data(call("GET", "/api/v1/admin/simulator/scenario", admin, null))
                .path("state").asText().equals("FINISHED"));
        JsonNode done = data(call("GET", "/api/v1/admin/simulator/scenario", admin, null));
        assertThat(done.path("stepsDone").asInt()).isEqualTo(4);
        assertThat(done.path("failures").asInt()).isEqualTo(1);
        assertThat(done.path("lastError").asText()).contains("nobody-here");
        assertThat(call("POST", "/api/v1/admin/simulator/scenario/play", admin, "{\"name\":\"../etc\"}").statusCode())
                .isEqualTo(400);
    }

    @Test
    void failedNotificationsAreListedAndRetriedAndDeadLettersRequeued() throws Exception {
        new Fixtures(engine.engine().database().dataSource()).exec("insert into notification_queue (idempotency_key,"
                + " notification_key, user_id, notification_type, channel, title, body, priority, priority_rank,"
                + " scheduled_for, status, retry_count, error_message) values ('k-failed:in_app', 'k-failed', 'jo',"
                + " 'slot_joined', 'in_app', 'Hello', 'World', 'normal', 2, current_timestamp, 'failed', 5, 'gave up')");
        JsonNode failed = data(call("GET", "/api/v1/admin/queues/rows?status=failed", admin, null));
        long id = failed.get(0).path("id").asLong();
        assertThat(failed.get(0).path("error").asText()).isEqualTo("gave up");
        JsonNode retried = data(call("POST", "/api/v1/admin/queues/rows/" + id + "/retry", admin, ""));
        assertThat(retried.path("message").asText()).as(retried.toString()).isIn("row " + id + " sent",
                "row " + id + " is pending again; not sent within 3 s");
        await().atMost(WAIT).until(() -> data(call("GET", "/api/v1/admin/queues/rows?status=sent", admin, null))
                .findValuesAsText("notificationKey").contains("k-failed"));
        assertThat(call("POST", "/api/v1/admin/queues/rows/" + id + "/cancel", admin, "").statusCode())
                .as("a sent row cannot be cancelled").isEqualTo(409);

        events.publish("{\"id\":\"broken-1\",\"type\":\"slot.joined\",\"occurredAt\":\"2026-01-01T00:00:00Z\",\"data\":{}}");
        await().atMost(WAIT).until(() -> data(call("GET", "/api/v1/admin/dead-letters", admin, null))
                .findValuesAsText("eventId").contains("broken-1"));
        long letter = data(call("GET", "/api/v1/admin/dead-letters", admin, null)).get(0).path("id").asLong();
        JsonNode requeued = data(call("POST", "/api/v1/admin/dead-letters/" + letter + "/requeue", admin, ""));
        assertThat(requeued.path("outcome").asText()).as(requeued.toString()).isEqualTo("refused-again");
        long again = requeued.path("newDeadLetterId").asLong();
        assertThat(again).isGreaterThan(letter);
        assertThat(requeued.path("message").asText()).startsWith("refused again as dead letter " + again + ": ");
        await().atMost(WAIT).until(() -> problem("dead-letters-rising").path("message").asText()
                .startsWith("dead letters: 2 new in the last"));
        assertThat(data(call("GET", "/api/v1/admin/queues", admin, null)).path("depths").isArray()).isTrue();
    }

    @Test
    void theTimedJobsAreListedAndOneFiresNowWithItsOutcomeRecorded() throws Exception {
        JsonNode jobs = data(call("GET", "/api/v1/admin/jobs", admin, null));
        assertThat(jobs.findValuesAsText("name")).contains("reminders", "matching-reconciler", "daily-clean-up");
        JsonNode reconciler = null;
        for (JsonNode job : jobs) {
            reconciler = job.path("name").asText().equals("matching-reconciler") ? job : reconciler;
        }
        assertThat(reconciler.path("schedule").asText()).isNotBlank();
        assertThat(reconciler.hasNonNull("nextFireAt")).isTrue();

        assertThat(call("POST", "/api/v1/admin/jobs/matching-reconciler/fire", admin, "").statusCode()).isEqualTo(200);
        await().atMost(WAIT).until(() -> {
            for (JsonNode job : data(call("GET", "/api/v1/admin/jobs", admin, null))) {
                if (job.path("name").asText().equals("matching-reconciler") && job.hasNonNull("lastOutcome")) {
                    return true;
                }
            }
            return false;
        });
        assertThat(call("POST", "/api/v1/admin/jobs/no-such-job/fire", admin, "").statusCode()).isEqualTo(404);
        assertThat(call("POST", "/api/v1/admin/jobs/reminders/fire", engine.token("hana"), "").statusCode())
                .isEqualTo(403);
    }

    private static JsonNode awaitDetails(String eventId, java.util.function.Predicate<JsonNode> complete) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(WAIT).until(() -> {
            last[0] = data(call("GET", "/api/v1/admin/inspector/events/" + eventId, admin, null));
            return complete.test(last[0]);
        });
        return last[0];
    }

    private static JsonNode route(String routeId) throws Exception {
        for (JsonNode route : data(call("GET", "/api/v1/admin/routes", admin, null))) {
            if (route.path("id").asText().equals(routeId)) {
                return route;
            }
        }
        throw new AssertionError("no route " + routeId);
    }

    private static URI stream(String token) {
        return URI.create("ws://127.0.0.1:" + engine.port() + "/api/v1/admin/stream?token=" + token);
    }

    static JsonNode data(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("data");
    }

    static HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + engine.port() + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The problem with this id in {@code GET /admin/problems}, or a missing node. */
    private static JsonNode problem(String id) throws Exception {
        for (JsonNode p : data(call("GET", "/api/v1/admin/problems", admin, null))) {
            if (p.path("id").asText().equals(id)) {
                return p;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

}
