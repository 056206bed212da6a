package golf.linkup.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import golf.linkup.engine.gateway.connections.ClientConnection;
import golf.linkup.engine.gateway.history.StreamPosition;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The JavaScript client and the demo page, tested where they run: {@code node --test} for the
 * client's parts, and headless Chromium (Debian's {@code chromium}, driven by playwright-core from
 * {@code clients/js/node_modules}) on the demo page served by a real engine, with one browser context
 * per person: the host, a player and a guest who joins. The browser script is
 * {@code clients/js/test/demo.e2e.mjs}; this test starts the engine with fixtures and a control server
 * the script calls to publish events on Redis (as the API server does) and to drop a player's socket,
 * then asserts on the script's result, including its accessibility audit (axe-core) and the desktop
 * and phone screenshots it leaves in {@code routes/target/demo-e2e}.
 *
 * <p>Skipped, saying why, only when node or chromium is not installed ({@code .ci/run} installs both
 * and runs {@code npm ci}); a missing {@code node_modules} is installed here with {@code npm ci}.
 */
class DemoPageEndToEndTest {

    private static final Path CLIENT_DIR = Path.of("..", "clients", "js").toAbsolutePath().normalize();
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));
    private static final Duration NODE_LIMIT = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theClientsUnitTestsPassUnderNode() throws Exception {
        assumeNode();
        List<String> command = new ArrayList<>(List.of("node", "--test"));
        try (Stream<Path> files = Files.list(CLIENT_DIR.resolve("test"))) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".test.mjs")).sorted()
                    .forEach(n -> command.add("test/" + n));
        }
        assertThat(command).hasSizeGreaterThan(2);

        Run run = run(command);

        assertThat(run.exit).as("node --test output:%n%s", run.output).isZero();
        assertThat(run.output).contains("# fail 0").containsPattern("# pass [1-9]");
    }

    @Test
    void theDemoPageShowsTheFeedChatPresenceTypingAndRecoversAfterADroppedSocket() throws Exception {
        assumeNode();
        assumeThat(Files.isExecutable(CHROMIUM)).as("chromium is not installed at %s (apt-get install -y chromium,"
                + " or set CHROMIUM_PATH): the browser test is skipped", CHROMIUM).isTrue();
        installPlaywrightCore();

        String s = UUID.randomUUID().toString().substring(0, 8);
        String host = "demo-host-" + s;
        String player = "demo-player-" + s;
        String guest = "demo-guest-" + s;
        String otherHost = "demo-other-" + s;
        String room = "tt-room-" + s;
        String fresh = "tt-new-" + s;
        String recommended = "tt-rec-" + s;
        Map<String, String> overrides = EngineInstance.defaults(SharedRedis.uri());
        overrides.put("linkup.demo.enabled", "true");
        overrides.put("linkup.demo.dir", "../clients");
        overrides.put("linkup.gateway.presence.disconnect-grace", "300ms");
        overrides.put("linkup.gateway.presence.batch-window", "50ms");
        // the announced tee time must stay out of the recommendations until its tee-time.created:
        // the reconciler, which indexes tee times no run has matched, does not fire during the test
        overrides.put("linkup.schedules.matching-reconciler", "0 0 0 1 1 ? 2099");
        ExecutorService controlThreads = Executors.newFixedThreadPool(2);
        HttpServer control = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        try (EngineInstance engine = EngineInstance.start(overrides);
                EventPublisher events = new EventPublisher(SharedRedis.uri())) {
            Instant now = Instant.now();
            new Fixtures(engine.engine().database().dataSource())
                    .course("c-demo-" + s, "Demo Links", "Testville", 40.71, -74.0, "America/New_York")
                    .user(host, "Avery Stone", "Stone Capital", "FINANCE")
                    .user(player, "Blake Rivers", "Rivers & Co", "FINANCE")
                    .teeTime(room, host, "c-demo-" + s, now.plus(Duration.ofDays(2)), "FINANCE", false, 4, player)
                    .teeTime(fresh, host, "c-demo-" + s, now.plus(Duration.ofDays(3)), "FINANCE", false, 4)
                    .user(guest, "Casey Morgan", "Morgan Advisory", "FINANCE")
                    .user(otherHost, "Drew Palmer", "Palmer Partners", "FINANCE")
                    .teeTime(recommended, otherHost, "c-demo-" + s, now.plus(Duration.ofDays(1)), "FINANCE", false, 4);
            // what the API server's writes do: the matching index learns of the recommended tee time
            // (the announced one stays unknown until its tee-time.created)
            engine.engine().matching().service().refreshTeeTime(recommended);
            control.createContext("/", exchange -> control(exchange, engine, events));
            control.setExecutor(controlThreads);
            control.start();

            Run run = run(List.of("node", "test/demo.e2e.mjs",
                    "--base", "http://127.0.0.1:" + engine.port(),
                    "--control", "http://127.0.0.1:" + control.getAddress().getPort(),
                    "--host", host, "--player", player, "--guest", guest, "--room", room, "--new-tee-time", fresh,
                    "--recommended", recommended,
                    "--industry", "FINANCE", "--chromium", CHROMIUM.toString(),
                    "--artifacts", Path.of("target", "demo-e2e").toAbsolutePath().toString()));

            assertThat(run.exit).as("the browser test failed (screenshots in routes/target/demo-e2e):%n%s", run.output)
                    .isZero();
            JsonNode result = JSON.readTree(run.output.lines().filter(l -> l.startsWith("RESULT "))
                    .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no RESULT line in:\n" + run.output))
                    .substring("RESULT ".length()));
            assertThat(result.path("checks")).extracting(JsonNode::asText).containsExactly(
                    "both pages load and join the room",
                    "the player's recommendations show on load, each score with its reasons on hover",
                    "each player sees the other online",
                    "a tee time published on Redis appears in both feeds",
                    "typing reaches the other player and is not echoed to the typist",
                    "chat goes both ways and the typing indicator clears on send",
                    "the server drops the player; what is published meanwhile is recovered once, in order",
                    "the player sends again after the reconnect",
                    "a non-player sees names and a read-only view of the tee time",
                    "a join through hold and confirm shows on the other page with count and chips in agreement",
                    "the host's notification centre counts the join",
                    "the host token was refreshed over the socket before it expired",
                    "a cancellation by the host disables the composer on every page",
                    "the page works at phone width",
                    "the accessibility audit finds no serious or critical violations",
                    "closing the player page turns the player away for the host",
                    "no script errors on any page");
            JsonNode recovery = result.path("recovery");
            assertThat(recovery.path("reconnects").asInt()).isEqualTo(1);
            assertThat(recovery.path("duplicatesDropped").asInt()).isEqualTo(1);
            assertThat(recovery.path("rooms")).extracting(r -> r.path("room").asText() + "=" + r.path("recovered"))
                    .contains("chat:" + room + "=true", "tee-time:" + room + "=true", "feed:FINANCE=true");
            for (String page : List.of("desktopHost", "phoneGuest")) {
                JsonNode audit = result.path("audit").path(page);
                assertThat(audit.path("serious").asInt() + audit.path("critical").asInt())
                        .as("axe-core on %s: %s", page, audit.path("violations")).isZero();
            }
            assertThat(result.path("screenshots")).extracting(JsonNode::asText)
                    .allSatisfy(png -> assertThat(Path.of(png)).isNotEmptyFile()).hasSize(2);
        } finally {
            control.stop(0);
            controlThreads.shutdownNow();
        }
    }

    /**
     * The script's levers: {@code POST /publish?awaitRoom=R...} publishes the body on linkup:events
     * and answers once the engine appended it to each named room's history; {@code POST /drop?user=U}
     * closes that user's sockets (1011, as a failing server would); {@code GET /connections?user=U}
     * counts them.
     */
    private static void control(HttpExchange exchange, EngineInstance engine, EventPublisher events) throws IOException {
        int status = 200;
        String answer;
        try {
            Map<String, List<String>> query = query(exchange.getRequestURI().getRawQuery());
            String user = query.getOrDefault("user", List.of("")).get(0);
            var registry = engine.engine().gateway().connections();
            switch (exchange.getRequestURI().getPath()) {
                case "/publish" -> {
                    String event = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                    List<String> rooms = query.getOrDefault("awaitRoom", List.of());
                    Map<String, StreamPosition> before = new LinkedHashMap<>();
                    rooms.forEach(r -> before.put(r, engine.engine().gateway().roomHistory().position(r)));
                    events.publish(event);
                    for (String r : rooms) {
                        await().atMost(Duration.ofSeconds(10)).until(() -> {
                            StreamPosition p = engine.engine().gateway().roomHistory().position(r);
                            StreamPosition was = before.get(r); // an empty room has offset 0 and no lasting epoch
                            return p.offset() > 0 && (!p.epoch().equals(was.epoch()) || p.offset() > was.offset());
                        });
                    }
                    answer = "{\"published\":true}";
                }
                case "/drop" -> {
                    List<ClientConnection> dropped = List.copyOf(registry.connectionsOf(user));
                    for (ClientConnection c : dropped) {
                        c.close(1011, "dropped by the test");
                        engine.engine().gateway().service().closed(c);
                    }
                    answer = "{\"closed\":" + dropped.size() + "}";
                }
                case "/connections" -> answer = "{\"count\":" + registry.connectionsOf(user).size() + "}";
                default -> {
                    status = 404;
                    answer = "{\"error\":\"no such control path\"}";
                }
            }
        } catch (RuntimeException e) {
            status = 500;
            answer = JSON.createObjectNode().put("error", e.toString()).toString();
        }
        byte[] body = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return out;
    }

    private static void assumeNode() throws InterruptedException {
        Run version;
        try {
            version = run(List.of("node", "--version"));
        } catch (IOException e) {
            version = null;
        }
        assumeThat(version != null && version.exit == 0).as("node is not installed (Node 20+): the JavaScript client"
                + " tests are skipped").isTrue();
        int major = Integer.parseInt(version.output.trim().replaceFirst("^v(\\d+).*$", "$1"));
        assumeThat(major).as("node %s is older than 20: the JavaScript client tests are skipped", version.output.trim())
                .isGreaterThanOrEqualTo(20);
    }

    /** playwright-core from package-lock.json ({@code npm ci}; it downloads no browser). */
    private static void installPlaywrightCore() throws Exception {
        if (Files.isDirectory(CLIENT_DIR.resolve("node_modules").resolve("playwright-core"))) {
            return;
        }
        Run install = run(List.of("npm", "ci", "--no-audit", "--no-fund"));
        assertThat(install.exit).as("npm ci in %s failed:%n%s", CLIENT_DIR, install.output).isZero();
    }

    private record Run(int exit, String output) {
    }

    /** Runs a command in clients/js, its output echoed to the test log; killed after {@link #NODE_LIMIT}. */
    private static Run run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(CLIENT_DIR.toFile()).redirectErrorStream(true).start();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> {
            try (InputStream in = process.getInputStream()) {
                in.transferTo(output);
            } catch (IOException e) {
                // the process ended
            }
        }, "node-output");
        reader.start();
        if (!process.waitFor(NODE_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        reader.join(5_000);
        String text = output.toString(StandardCharsets.UTF_8);
        System.out.println("$ " + String.join(" ", command) + "\n" + text);
        return new Run(process.isAlive() ? -1 : process.exitValue(), text);
    }
}
