package golf.linkup.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import golf.linkup.sandbox.EmbeddedRedis;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code /health} is green only while the Redis subscriptions really deliver and the database
 * answers; a dead subscriber turns it red within seconds, and it recovers with Redis.
 * {@code /metrics} serves the engine's and Camel's figures to Prometheus.
 */
class HealthAndMetricsEndToEndTest {

    static final HttpClient HTTP = HttpClient.newHttpClient();

    static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthTurnsRedWithinSecondsWhenRedisDiesAndGreenWhenItReturns() throws Exception {
        EmbeddedRedis redis = EmbeddedRedis.start();
        int redisPort = redis.port();
        Map<String, String> overrides = EngineInstance.defaults(redis.uri());
        overrides.put("linkup.health.stale-after", "1500ms");
        try (EngineInstance engine = EngineInstance.start(overrides)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> get(engine.port(), "/health").statusCode() == 200);

            redis.close();
            long stoppedAt = System.nanoTime();
            await().atMost(Duration.ofSeconds(10)).until(() -> get(engine.port(), "/health").statusCode() == 503);
            long secondsToRed = Duration.ofNanos(System.nanoTime() - stoppedAt).toSeconds();
            JsonNode body = new ObjectMapper().readTree(get(engine.port(), "/health").body());
            assertThat(body.path("status").asText()).isEqualTo("DOWN");
            // the event stream's readers notice first: they read at least every second
            assertThat(body.path("components").path("intake").path("status").asText()).isEqualTo("DOWN");
            assertThat(body.path("problems").toString()).contains("stream reader has not read");
            assertThat(get(engine.port(), "/health/ready").statusCode()).isEqualTo(503);
            assertThat(get(engine.port(), "/health/live").statusCode()).isEqualTo(200);
            assertThat(body.path("components").path("database").path("status").asText()).isEqualTo("UP");
            assertThat(secondsToRed).isLessThanOrEqualTo(5);

            redis = EmbeddedRedis.startOn(redisPort);
            await().atMost(Duration.ofSeconds(20)).until(() -> get(engine.port(), "/health").statusCode() == 200);
        } finally {
            redis.close();
        }
    }

    @Test
    void metricsServeConnectionsEventsAndRouteFiguresToPrometheus() throws Exception {
        try (EngineInstance engine = EngineInstance.start(EngineInstance.defaults(SharedRedis.uri()));
                WsTestClient client = engine.connect("metrics-user")) {
            client.awaitType("connected");
            HttpResponse<String> metrics = get(engine.port(), "/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
            assertThat(metrics.body())
                    .contains("linkup_ws_connections 1.0")
                    .contains("linkup_ws_messages_out_total")
                    .contains("linkup_delivery_latency_seconds")
                    .contains("route_id=\"ingest-events\"");
        }
    }

    @Test
    void aStoppedDeliveryRouteTurnsHealthRedWithinSecondsAndNamesIt() throws Exception {
        try (EngineInstance engine = EngineInstance.start(EngineInstance.defaults(SharedRedis.uri()))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> get(engine.port(), "/health").statusCode() == 200);

            engine.camel().getRouteController().stopRoute("fanout-deliver");
            long stoppedAt = System.nanoTime();
            await().atMost(Duration.ofSeconds(5)).until(() -> get(engine.port(), "/health/ready").statusCode() == 503);
            assertThat(Duration.ofNanos(System.nanoTime() - stoppedAt)).isLessThan(Duration.ofSeconds(5));
            JsonNode body = new ObjectMapper().readTree(get(engine.port(), "/health").body());
            assertThat(body.path("status").asText()).isEqualTo("DOWN");
            assertThat(body.path("problems").toString()).contains("fanout-deliver");

            engine.camel().getRouteController().startRoute("fanout-deliver");
            await().atMost(Duration.ofSeconds(5)).until(() -> get(engine.port(), "/health").statusCode() == 200);
        }
    }
}
