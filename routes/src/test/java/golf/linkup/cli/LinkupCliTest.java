package golf.linkup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import golf.linkup.e2e.EventPublisher;
import golf.linkup.e2e.SharedRedis;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a person sees from {@code bin/linkup token} and {@code publish}: one line saying what was wrong, never a stack trace. */
class LinkupCliTest {

    @TempDir
    Path state;
    final Map<String, String> env = new HashMap<>();
    String stdin = "";
    String out;
    String err;

    int run(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int status = new LinkupCli(env::get, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(o, true, StandardCharsets.UTF_8), state)
                .run(List.of(args), new PrintStream(e, true, StandardCharsets.UTF_8));
        out = o.toString(StandardCharsets.UTF_8);
        err = e.toString(StandardCharsets.UTF_8);
        assertThat(err).as("no stack trace").doesNotContain("Exception").doesNotContainPattern(Pattern.compile("\\n\\s+at "));
        return status;
    }

    /** A sandbox state file as a running sandbox writes it ({@code pid} alive or not). */
    void sandboxOn(int port, long pid, String redisUrl) throws Exception {
        Files.writeString(state.resolve("sandbox-" + port + ".properties"),
                "pid=" + pid + "\nhttp.port=" + port + "\nredis.url=" + redisUrl + "\nevents.channel=linkup:events\n");
    }

    static final String EVENT = EventPublisher.teeTimeCreated("tt-0001");

    @Test
    void helpPrintsTheUsageOfBinLinkupAndAnUnknownCommandSaysSoFirst() throws Exception {
        assertThat(run("help")).isZero();
        List<String> header = Files.readAllLines(Path.of("../bin/linkup")).subList(1, 10).stream()
                .map(l -> l.replaceFirst("^# ?", "")).toList();
        assertThat(out).isEqualTo(String.join("\n", header) + "\n");

        assertThat(run("frobnicate")).isEqualTo(64);
        assertThat(err).startsWith("linkup: unknown command 'frobnicate'\n").contains("bin/linkup publish FILE|-");
    }

    @Test
    void vapidKeysWritesAKeyFileTheEngineLoadsAndNeverOverwritesOne() throws Exception {
        Path file = state.resolve("keys/vapid.pem");

        assertThat(run("vapid-keys", file.toString())).isZero();

        var keys = golf.linkup.engine.notifications.push.VapidKeys.load(file);
        assertThat(out).contains("public key: " + keys.publicKeyBase64Url());
        assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(
                java.nio.file.attribute.PosixFilePermission.OWNER_READ, java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        assertThat(run("vapid-keys", file.toString())).isEqualTo(73);
        assertThat(err).contains("exists: not overwritten");
        assertThat(golf.linkup.engine.notifications.push.VapidKeys.load(file).publicKeyBase64Url())
                .isEqualTo(keys.publicKeyBase64Url());
    }

    @Test
    void aBadTtlIsNamedWithExamples() {
        assertThat(run("token", "user-0001", "--ttl", "bogus")).isEqualTo(64);
        assertThat(err).startsWith("linkup: --ttl 'bogus' is not a duration: use e.g. 90s, 30m, 24h");
        assertThat(run("token", "user-0001", "--ttl")).isEqualTo(64);
        assertThat(err).startsWith("linkup: --ttl needs a duration");
        assertThat(run("token", "user-0001", "--ttl", "30m")).isZero();
        assertThat(out.strip()).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
    }

    @Test
    void publishingAMissingFileSaysSo() {
        assertThat(run("publish", "no-such-event.json")).isEqualTo(66);
        assertThat(err).isEqualTo("linkup: cannot read no-such-event.json: no such file\n");
    }

    @Test
    void anEventTheEngineWouldDeadLetterIsNotPublishedAndTheReasonIsGiven() {
        env.put("LINKUP_REDIS_URL", SharedRedis.uri().toString());
        stdin = "{\"id\":\"e-1\",\"type\":\"tee-time.created\",\"occurredAt\":\"2026-11-23T22:45:00Z\",\"data\":{}}";
        assertThat(run("publish", "-")).isEqualTo(65);
        assertThat(err).startsWith("linkup: not published, the engine would dead-letter this event (MISSING_FIELD):")
                .contains("teeTimeId");
        stdin = "{not json";
        assertThat(run("publish", "-")).isEqualTo(65);
        assertThat(err).contains("(NOT_JSON)");
        assertThat(out).isEmpty();
    }

    @Test
    void publishingWithNoSandboxRunningSaysHowToStartOneAndRemovesAStoppedSandboxsFile() throws Exception {
        assertThat(run("publish", "-")).isEqualTo(65); // empty input is refused before anything else
        stdin = EVENT;
        assertThat(run("publish", "-")).isEqualTo(69);
        assertThat(err).isEqualTo("linkup: no sandbox is running from this folder: start one (bin/linkup sandbox)"
                + " or set LINKUP_REDIS_URL\n");

        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        sandboxOn(3001, gone.pid(), SharedRedis.uri().toString()); // killed before it could clean up
        assertThat(run("publish", "-")).isEqualTo(69);
        assertThat(err).contains("no sandbox is running");
        assertThat(state.resolve("sandbox-3001.properties")).doesNotExist();
    }

    @Test
    void aSandboxWhoseRedisIsGoneIsNamedWithoutAStackTrace() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        sandboxOn(3001, ProcessHandle.current().pid(), "redis://127.0.0.1:" + closedPort);
        stdin = EVENT;
        assertThat(run("publish", "-")).isEqualTo(69);
        assertThat(err).startsWith("linkup: cannot publish to Redis at 127.0.0.1:" + closedPort
                + " (the sandbox on port 3001): ");
    }

    @Test
    void withTwoSandboxesRunningLinkupHttpPortChoosesOne() throws Exception {
        long me = ProcessHandle.current().pid();
        sandboxOn(3001, me, SharedRedis.uri().toString());
        sandboxOn(3104, me, SharedRedis.uri().toString());
        stdin = EVENT;

        assertThat(run("publish", "-")).isEqualTo(64);
        assertThat(err).startsWith("linkup: 2 sandboxes are running from this folder (ports 3001, 3104): set LINKUP_HTTP_PORT");

        env.put("LINKUP_HTTP_PORT", "3104");
        assertThat(run("publish", "-")).isZero();
        assertThat(out).startsWith("appended to linkup:events:stream on " + SharedRedis.uri().getHost() + ":"
                + SharedRedis.uri().getPort() + " as entry ");
        String entry = out.strip().substring(out.strip().lastIndexOf(' ') + 1);
        try (var jedis = new redis.clients.jedis.Jedis(SharedRedis.uri().getHost(), SharedRedis.uri().getPort())) {
            assertThat(jedis.xrange("linkup:events:stream", entry, entry, 1)).singleElement()
                    .satisfies(e -> assertThat(e.getFields().get("event")).isEqualTo(EVENT.strip()));
        }

        assertThat(run("publish", "--pubsub", "-")).isZero();
        assertThat(out).startsWith("published to linkup:events on " + SharedRedis.uri().getHost() + ":"
                + SharedRedis.uri().getPort()).contains("at most once");
    }
}
