package golf.linkup.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import golf.linkup.e2e.openapi.OpenApiDocument;
import golf.linkup.e2e.openapi.OpenApiDocument.Operation;
import golf.linkup.e2e.openapi.RequestGenerator;
import golf.linkup.e2e.openapi.RequestGenerator.GeneratedRequest;
import golf.linkup.e2e.openapi.ResponseConformance;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The HTTP API against its own document: requests generated from docs/openapi.yaml for every
 * operation, as a known user, as an admin whose own id the database does not know, and now and
 * then without a token or as an unknown user, sent to a real engine. Every answer must be one the
 * document lists for the operation (status, content type, body schema, headers with a fixed value)
 * and none may be a server error. The seed is fixed ({@code -Dlinkup.fuzz.seed} changes it,
 * {@code -Dlinkup.fuzz.requests} the rounds), so a failure reproduces; the counts, every mismatch
 * and the answers by operation and status are written to {@code target/openapi-conformance.txt}.
 */
class OpenApiConformanceEndToEndTest {

    /** Requests per operation and token kind; the run stays well under a minute. */
    static final int REQUESTS_PER_OPERATION = Integer.getInteger("linkup.fuzz.requests", 15);
    static final long SEED = Long.getLong("linkup.fuzz.seed", 20261207L);
    /** A bound on the whole run, whatever the machine: generation stops there and says so. */
    static final Duration BUDGET = Duration.ofSeconds(45);

    static EngineInstance engine;

    @BeforeAll
    static void startEngine() throws Exception {
        Map<String, String> overrides = EngineInstance.defaults(SharedRedis.uri());
        overrides.put("linkup.demo.dir", "../clients"); // the demo page and its stand-in API are operations too
        engine = EngineInstance.start(overrides);
        Instant inTwoDays = Instant.now().plus(Duration.ofDays(2));
        new Fixtures(engine.engine().database().dataSource())
                .course("c-fz", "Fuzz Links", "Austin", 30.27, -97.74, "America/Chicago")
                .user("fz-user-1", "Fay Zed", "Acme", "TECH")
                .user("fz-user-2", "Finn Zo", "Acme", "TECH")
                .user("fz-user-3", "Flo Zu", "Initech", "FINANCE")
                .teeTime("tt-fz-1", "fz-user-2", "c-fz", inTwoDays, "TECH", false, 4)
                .teeTime("tt-fz-2", "fz-user-1", "c-fz", inTwoDays.plus(Duration.ofHours(3)), "TECH", true, 4,
                        "fz-user-3")
                .teeTime("tt-fz-full", "fz-user-3", "c-fz", inTwoDays, "FINANCE", false, 2, "fz-user-2");
    }

    @AfterAll
    static void stopEngine() throws Exception {
        engine.close();
    }

    private record Finding(String token, GeneratedRequest request, int status, String problem) {
        @Override
        public String toString() {
            return "[" + token + "] " + request + " -> " + status + ": " + problem;
        }
    }

    @Test
    void everyOperationAnswersAsTheDocumentSaysAndNeverWithAServerError() throws Exception {
        OpenApiDocument document = OpenApiDocument.read(Path.of("..", "docs", "openapi.yaml"));
        ResponseConformance conformance = new ResponseConformance(document);
        RequestGenerator generator = new RequestGenerator(document, SEED, Map.of(
                "user", List.of("fz-user-1", "fz-user-2", "fz-user-3", "nobody-we-know"),
                "teeTime", List.of("tt-fz-1", "tt-fz-2", "tt-fz-full", "tt-unknown")));
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("user", engine.token("fz-user-1"));
        tokens.put("admin", engine.engine().jwtIssuer().issue("fz-ops", Duration.ofHours(1), List.of("admin")));
        String unknownUser = engine.token("not-in-the-database");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        List<Operation> operations = document.operations().stream()
                .filter(op -> !op.path().equals("/")) // the WebSocket handshake: asyncapi.yaml and the gateway tests
                .toList();

        List<Finding> serverErrors = new ArrayList<>();
        List<Finding> mismatches = new ArrayList<>();
        int requests = 0;
        Map<String, Map<Integer, Integer>> statuses = new java.util.TreeMap<>();
        long started = System.nanoTime();
        boolean outOfTime = false;
        for (int round = 0; round < REQUESTS_PER_OPERATION && !outOfTime; round++) {
            for (Operation operation : operations) {
                for (Map.Entry<String, String> token : tokens.entrySet()) {
                    if (System.nanoTime() - started > BUDGET.toNanos()) {
                        outOfTime = true;
                        break;
                    }
                    GeneratedRequest request = generator.next(operation);
                    String kind = token.getKey();
                    String bearer = token.getValue();
                    if (round % 7 == 3) {
                        kind = "no token";
                        bearer = null;
                    } else if (round % 7 == 5 && kind.equals("user")) {
                        kind = "unknown user";
                        bearer = unknownUser;
                    }
                    HttpResponse<String> response = http.send(build(request, bearer), HttpResponse.BodyHandlers.ofString());
                    requests++;
                    statuses.computeIfAbsent(operation.name(), k -> new java.util.TreeMap<>())
                            .merge(response.statusCode(), 1, Integer::sum);
                    String contentType = response.headers().firstValue("Content-Type").orElse(null);
                    if (response.statusCode() >= 500) {
                        serverErrors.add(new Finding(kind, request, response.statusCode(), abbreviate(response.body())));
                    }
                    Optional<String> problem = conformance.problem(operation, response.statusCode(), contentType,
                            response.body(), name -> response.headers().firstValue(name));
                    if (problem.isPresent()) {
                        mismatches.add(new Finding(kind, request, response.statusCode(), problem.get() + " body: "
                                + abbreviate(response.body())));
                    }
                }
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        String summary = "OpenAPI conformance (seed " + SEED + "): " + operations.size() + " operations, " + requests
                + " requests in " + took.toMillis() + " ms, " + serverErrors.size() + " server errors, "
                + mismatches.size() + " answers outside the document" + (outOfTime ? " (stopped at the time budget)" : "");
        StringBuilder report = new StringBuilder(summary).append('\n');
        serverErrors.forEach(f -> report.append("5xx: ").append(f).append('\n'));
        mismatches.forEach(f -> report.append("mismatch: ").append(f).append('\n'));
        report.append("answers by operation and status:\n");
        statuses.forEach((op, counts) -> report.append("  ").append(op).append(' ').append(counts).append('\n'));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "openapi-conformance.txt"), report);
        System.out.println(summary);

        assertThat(requests).as("requests sent").isGreaterThanOrEqualTo(operations.size() * tokens.size());
        assertThat(serverErrors).as(summary).isEmpty();
        assertThat(mismatches).as(summary).isEmpty();
    }

    private HttpRequest build(GeneratedRequest request, String bearer) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + engine.port()
                + request.pathAndQuery())).timeout(Duration.ofSeconds(10));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        if (request.body() != null) {
            b.header("Content-Type", "application/json");
            b.method(request.method(), HttpRequest.BodyPublishers.ofString(request.body()));
        } else {
            b.method(request.method(), HttpRequest.BodyPublishers.noBody());
        }
        return b.build();
    }

    private static String abbreviate(String s) {
        return s == null || s.length() <= 400 ? s : s.substring(0, 400) + "…";
    }
}
