package golf.linkup.app;

import static org.assertj.core.api.Assertions.assertThat;

import golf.linkup.e2e.SharedRedis;
import java.io.File;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The engine as an operator starts it (a JVM of its own, configured by environment variables): a
 * refusal to start is one message naming what to change, with no stack trace and no shutdown-hook line.
 */
class LinkupApplicationProcessTest {

    record Ended(int status, String output) {
    }

    static Ended runEngine(Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(System.getProperty("java.home") + File.separator + "bin" + File.separator
                + "java", "-cp", System.getProperty("java.class.path"), LinkupApplication.class.getName())
                .redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("LINKUP_"));
        pb.environment().putAll(env);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as(output).isTrue();
        return new Ended(p.exitValue(), output);
    }

    static void assertNoStackTraceNorShutdownHook(String output) {
        assertThat(output).doesNotContain("\tat ").doesNotContain("Exception in thread")
                .doesNotContain("shutdown hook triggered");
    }

    @Test
    void productionWithNothingConfiguredNamesEveryMissingKeyAndExits() throws Exception {
        Ended ended = runEngine(Map.of("LINKUP_PROFILE", "production", "LINKUP_HTTP_PORT", "0"));

        assertThat(ended.status()).as(ended.output()).isEqualTo(2);
        assertThat(ended.output()).contains("LinkUp engine refused to start")
                .contains("LINKUP_REDIS_URL", "LINKUP_DB_URL", "LINKUP_JWT_SECRET", "LINKUP_SMTP_URL",
                        "LINKUP_PUSH_VAPID_KEYS_FILE", "LINKUP_GATEWAY_ALLOWED_ORIGINS", "LINKUP_PUBLIC_URL");
        assertNoStackTraceNorShutdownHook(ended.output());
    }

    @Test
    void badValuesOfSeveralFeaturesAreNamedInOneMessage() throws Exception {
        Ended ended = runEngine(Map.of("LINKUP_HTTP_PORT", "abc", "LINKUP_SCHEDULES_ZONE", "Mars/Olympus",
                "MATCHING_RECIPIENTS_MIN_SCORE", "101"));

        assertThat(ended.status()).as(ended.output()).isEqualTo(2);
        assertThat(ended.output()).contains("LinkUp engine refused to start: 3 configuration keys cannot be used")
                .contains("LINKUP_HTTP_PORT", "LINKUP_SCHEDULES_ZONE", "MATCHING_RECIPIENTS_MIN_SCORE");
        assertNoStackTraceNorShutdownHook(ended.output());
    }

    @Test
    void aWebhookUrlWithoutASecretIsRefusedNamingTheSecretsVariable() throws Exception {
        Ended ended = runEngine(Map.of("LINKUP_HTTP_PORT", "0", "LINKUP_WEBHOOK_URL", "https://api.example.com/hooks"));

        assertThat(ended.status()).as(ended.output()).isEqualTo(2);
        assertThat(ended.output()).contains("LinkUp engine refused to start: configuration key 'linkup.webhook.secret'"
                + " (env LINKUP_WEBHOOK_SECRET): is required when linkup.webhook.url is set");
        assertNoStackTraceNorShutdownHook(ended.output());
    }

    @Test
    void aPortInUseIsNamedWithTheVariableThatChangesIt() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            Ended ended = runEngine(Map.of("LINKUP_HTTP_PORT", Integer.toString(taken.getLocalPort()),
                    "LINKUP_HTTP_HOST", "127.0.0.1", "LINKUP_REDIS_URL", SharedRedis.uri().toString(),
                    "LINKUP_SAMPLE_DATA_LOAD", "false", "LINKUP_TEMPLATES_DIR", "../templates",
                    "LINKUP_PUSH_VAPID_KEYS_FILE", "target/vapid-keys.json"));

            assertThat(ended.status()).as(ended.output()).isEqualTo(2);
            assertThat(ended.output()).contains("port " + taken.getLocalPort() + " on 127.0.0.1 is already in use")
                    .contains("LINKUP_HTTP_PORT");
            assertNoStackTraceNorShutdownHook(ended.output());
        }
    }
}
