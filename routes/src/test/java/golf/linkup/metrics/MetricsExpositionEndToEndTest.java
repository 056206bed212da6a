package golf.linkup.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import golf.linkup.e2e.EngineInstance;
import golf.linkup.e2e.EventPublisher;
import golf.linkup.e2e.SharedRedis;
import golf.linkup.e2e.WsTestClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What an operator's Prometheus sees at {@code GET /metrics} of a running engine: a scrape that
 * {@code promtool check metrics} finds nothing wrong with (promtool is run when installed, and the
 * same rules are checked in Java either way), latencies as histograms, and exactly the metrics the
 * README's table documents, each there from start-up.
 */
class MetricsExpositionEndToEndTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Path README = Path.of("../README.md");
    /** A row of the README's metric table: | `name`[, `name`…] | type | labels | meaning | */
    private static final Pattern ROW = Pattern.compile(
            "^\\| ((?:`[a-z_:][a-z0-9_:]*`(?:, )?)+) \\| (counter|gauge|histogram|summary) \\|", Pattern.MULTILINE);
    private static final Pattern NAME = Pattern.compile("`([a-z0-9_:]+)`");

    static String scrape(int port) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        return answer.body();
    }

    @Test
    void aScrapeAfterTrafficBreaksNoneOfPromtoolsRules() throws Exception {
        Map<String, String> settings = EngineInstance.defaults(SharedRedis.uri());
        settings.put("linkup.sample-data.load", "true");
        settings.put("linkup.sample-data.dir", "../sample-data");
        try (EngineInstance engine = EngineInstance.start(settings);
                EventPublisher publisher = new EventPublisher(SharedRedis.uri());
                WsTestClient client = engine.connect("user-0001")) {
            client.awaitType("connected");
            client.send("{\"type\":\"subscribe:feed\"}");
            client.awaitType("subscribed");
            publisher.publish(EventPublisher.teeTimeCreated("tt-0001"));
            publisher.publish(EventPublisher.teeTimeCancelled("tt-0002", "rain"));
            publisher.publish("{not json");
            client.awaitType("feed:new-tee-time");
            // the new tee time's in-app notifications can be delivered before the group reaches the
            // malformed entry: wait for its dead letter too
            await().atMost(Duration.ofSeconds(20)).until(() -> scrape(engine.port())
                    .contains("linkup_notifications_delivery_seconds_count{channel=\"in_app\"} ")
                    && !scrape(engine.port()).contains("linkup_notifications_delivery_seconds_count{channel=\"in_app\"} 0.0")
                    && scrape(engine.port()).contains("linkup_events_dead_lettered_total{reason=\"NOT_JSON\"} 1.0"));

            String scrape = scrape(engine.port());
            Files.writeString(Path.of("target/metrics-after-traffic.txt"), scrape);
            assertThat(ExpositionRules.problems(scrape)).isEmpty();
            assertThat(promtool(scrape)).isEmpty();

            var families = ExpositionRules.parse(scrape);
            for (String latency : new String[] {"linkup_delivery_latency_seconds", "linkup_matching_run_seconds",
                    "linkup_notifications_delivery_seconds"}) {
                assertThat(families.get(latency).type()).as(latency).isEqualTo("histogram");
                assertThat(families.get(latency).samples().stream().filter(s -> s.name().endsWith("_bucket"))
                        .map(s -> s.labels().get("le")).distinct().count()).as(latency + " buckets").isGreaterThan(8);
            }
            assertThat(scrape).contains("route_id=\"ingest-events\"").doesNotContain("routeId=")
                    .contains("linkup_events_dead_lettered_total{reason=\"NOT_JSON\"} 1.0");
        }
    }

    @Test
    void everyMetricOfTheReadmeTableIsScrapedFromStartUpAndNoOther() throws Exception {
        try (EngineInstance engine = EngineInstance.start(EngineInstance.defaults(SharedRedis.uri()))) {
            String startUp = scrape(engine.port());
            Files.writeString(Path.of("target/metrics-at-start-up.txt"), startUp);
            var families = ExpositionRules.parse(startUp);
            Set<String> scraped = new TreeSet<>();
            families.values().forEach(f -> {
                String base = f.name().endsWith("_max") ? f.name().substring(0, f.name().length() - 4) : null;
                boolean maxOfDistribution = base != null && families.containsKey(base)
                        && Set.of("histogram", "summary").contains(families.get(base).type());
                if (!maxOfDistribution) {
                    scraped.add(f.name());
                }
            });
            Map<String, String> documented = documentedMetrics();
            assertThat(scraped).as("families scraped at start-up vs the README's metric table")
                    .containsExactlyInAnyOrderElementsOf(documented.keySet());
            documented.forEach((name, type) -> assertThat(families.get(name).type()).as(name).isEqualTo(type));
            // counters with known label values are there at 0 before anything happened
            assertThat(scrape(engine.port()))
                    .contains("linkup_events_total{type=\"slot.joined\"} 0.0")
                    .contains("linkup_notifications_queued_total{channel=\"email\",type=\"tee_time_cancelled\"} 0.0")
                    .contains("linkup_booking_refused_total{code=\"TEE_TIME_FULL\"} 0.0")
                    .contains("linkup_matching_run_seconds_count 0");
        }
    }

    /** Metric name → type, from the README's metrics table. */
    static Map<String, String> documentedMetrics() throws IOException {
        Matcher rows = ROW.matcher(Files.readString(README, StandardCharsets.UTF_8));
        Map<String, String> documented = new java.util.TreeMap<>();
        while (rows.find()) {
            Matcher names = NAME.matcher(rows.group(1));
            while (names.find()) {
                documented.put(names.group(1), rows.group(2));
            }
        }
        assertThat(documented).as("the README's metric table").isNotEmpty();
        return documented;
    }

    /** promtool's complaints about the scrape (none when promtool is not installed). */
    static String promtool(String scrape) throws Exception {
        Path promtool = java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "/usr/bin").split(":"))
                .map(dir -> Path.of(dir, "promtool")).filter(Files::isExecutable).findFirst().orElse(null);
        if (promtool == null) {
            System.err.println("promtool is not installed (Debian package prometheus): its rules are checked in Java only");
            return "";
        }
        Process p = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
        try (var in = p.getOutputStream()) {
            in.write(scrape.getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return p.exitValue() == 0 ? output.strip() : output.strip() + " (exit " + p.exitValue() + ")";
    }
}
