package golf.linkup.engine.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import golf.linkup.engine.health.HealthMonitor;
import golf.linkup.engine.health.Problem;
import golf.linkup.engine.health.ProblemSource;
import golf.linkup.engine.json.Json;
import golf.linkup.engine.json.JsonResponses;
import golf.linkup.engine.metrics.EngineMetrics;
import io.undertow.Handlers;
import io.undertow.Undertow;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /health} and {@code /metrics} on a real Undertow, asked by a real HTTP client. */
class HttpHandlersTest {

    private final AtomicBoolean redisUp = new AtomicBoolean(true);
    private final AtomicBoolean redisCheckThrows = new AtomicBoolean(false);
    private final EngineMetrics metrics = new EngineMetrics();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Undertow server;
    private int port;

    private static HealthIndicator indicator(String name, java.util.function.Supplier<HealthIndicator.Status> check) {
        return new HealthIndicator() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Status check() {
                return check.get();
            }
        };
    }

    private final AtomicBoolean stopping = new AtomicBoolean(false);
    private final AtomicBoolean intakeBehind = new AtomicBoolean(false);

    /** The indicators as critical checks, plus a warning-only check (like intake lag). */
    private HealthMonitor monitor(List<HealthIndicator> indicators) {
        List<ProblemSource> sources = new java.util.ArrayList<>();
        indicators.forEach(i -> sources.add(HealthHandler.critical(i, "overview")));
        sources.add(new ProblemSource() {
            @Override
            public String name() {
                return "intake";
            }

            @Override
            public List<Problem> problems() {
                return intakeBehind.get() ? List.of(Problem.warning("intake-lag", "intake",
                        "event intake is behind by 42 s", "overview")) : List.of();
            }
        });
        return new HealthMonitor(sources);
    }

    @BeforeEach
    void startServer() {
        List<HealthIndicator> indicators = List.of(
                indicator("database", () -> HealthIndicator.Status.up("H2 in memory")),
                indicator("redis", () -> {
                    if (redisCheckThrows.get()) {
                        throw new IllegalStateException("boom");
                    }
                    return redisUp.get() ? HealthIndicator.Status.up("PONG")
                            : HealthIndicator.Status.down("connection refused");
                }));
        server = Undertow.builder()
                .addHttpListener(0, "127.0.0.1")
                .setHandler(Handlers.path()
                        .addExactPath("/health", new HealthHandler(monitor(indicators), () -> false,
                                HealthHandler.Kind.COMBINED))
                        .addExactPath("/health/ready", new HealthHandler(monitor(indicators), stopping::get,
                                HealthHandler.Kind.READINESS))
                        .addExactPath("/health/live", new HealthHandler(monitor(indicators), stopping::get,
                                HealthHandler.Kind.LIVENESS))
                        .addExactPath("/metrics", new MetricsHandler(metrics.registry())))
                .build();
        server.start();
        port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    }

    @AfterEach
    void stopServer() {
        server.stop();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthIsUpWhileEveryComponentIsUp() throws Exception {
        HttpResponse<String> r = get("/health");

        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode body = Json.MAPPER.readTree(r.body());
        assertEquals("UP", body.path("status").asText());
        assertEquals("UP", body.path("components").path("database").path("status").asText());
        assertEquals("ok", body.path("components").path("redis").path("detail").asText());
        assertEquals(0, body.path("problems").size());
    }

    @Test
    void aWarningMakesHealthDegradedButStillReady() throws Exception {
        intakeBehind.set(true);

        HttpResponse<String> combined = get("/health");
        HttpResponse<String> ready = get("/health/ready");

        assertEquals(200, combined.statusCode());
        JsonNode body = Json.MAPPER.readTree(combined.body());
        assertEquals("DEGRADED", body.path("status").asText());
        assertEquals("DEGRADED", body.path("components").path("intake").path("status").asText());
        assertEquals("event intake is behind by 42 s", body.path("problems").get(0).path("message").asText());
        assertEquals("WARNING", body.path("problems").get(0).path("severity").asText());
        assertEquals(200, ready.statusCode());
    }

    @Test
    void readinessFailsWhileStoppingAndLivenessDoesNot() throws Exception {
        stopping.set(true);

        assertEquals(503, get("/health/ready").statusCode());
        assertEquals(200, get("/health/live").statusCode());
        assertTrue(get("/health/ready").body().contains("shutting down"));
    }

    @Test
    void livenessStaysUpWhileADependencyIsDown() throws Exception {
        redisUp.set(false);

        assertEquals(200, get("/health/live").statusCode());
        assertEquals(503, get("/health/ready").statusCode());
    }

    @Test
    void healthIsDownWith503WhenOneComponentIsDown() throws Exception {
        redisUp.set(false);

        HttpResponse<String> r = get("/health");

        assertEquals(503, r.statusCode());
        JsonNode body = Json.MAPPER.readTree(r.body());
        assertEquals("DOWN", body.path("status").asText());
        assertEquals("UP", body.path("components").path("database").path("status").asText());
        assertEquals("DOWN", body.path("components").path("redis").path("status").asText());
        assertEquals("redis: connection refused", body.path("components").path("redis").path("detail").asText());
        assertEquals("CRITICAL", body.path("problems").get(0).path("severity").asText());
    }

    @Test
    void anIndicatorThatThrowsCountsAsDown() throws Exception {
        redisCheckThrows.set(true);

        HttpResponse<String> r = get("/health");

        assertEquals(503, r.statusCode());
        JsonNode redis = Json.MAPPER.readTree(r.body()).path("components").path("redis");
        assertEquals("DOWN", redis.path("status").asText());
        assertTrue(redis.path("detail").asText().contains("boom"), redis.toString());
    }

    @Test
    void metricsAreServedInThePrometheusTextFormat() throws Exception {
        metrics.messageIn();
        metrics.clientError("INVALID_JSON");
        metrics.bindConnectionGauges(() -> 3, () -> 2, () -> 5);

        HttpResponse<String> r = get("/metrics");

        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        assertTrue(r.body().contains("linkup_ws_messages_in_total 1.0"), r.body());
        assertTrue(r.body().contains("linkup_ws_errors_total{code=\"INVALID_JSON\"} 1.0"), r.body());
        assertTrue(r.body().contains("linkup_ws_connections 3.0"), r.body());
        assertTrue(r.body().contains("linkup_ws_users 2.0"), r.body());
        assertFalse(r.body().isBlank());
    }

    @Test
    void jsonResponsesHaveTheApiShape() throws Exception {
        JsonNode ok = Json.MAPPER.readTree(JsonResponses.success(java.util.Map.of("n", 1)));
        JsonNode error = Json.MAPPER.readTree(JsonResponses.error("TOKEN_EXPIRED", "the token expired"));

        assertTrue(ok.path("success").asBoolean());
        assertEquals(1, ok.path("data").path("n").asInt());
        assertFalse(error.path("success").asBoolean());
        assertEquals("TOKEN_EXPIRED", error.path("error").path("code").asText());
        assertEquals("the token expired", error.path("error").path("message").asText());
    }
}
