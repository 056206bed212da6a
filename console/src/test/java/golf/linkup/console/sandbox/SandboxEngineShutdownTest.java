package golf.linkup.console.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import golf.linkup.console.client.AdminClient;
import golf.linkup.console.model.Console;
import golf.linkup.console.model.UiQueue;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Closing the console stops its sandbox engine within 5 s, after the console watched it and a
 * simulated event went through every channel (no route or thread waits for Camel's forced shutdown).
 */
class SandboxEngineShutdownTest {

    @Test
    void theSandboxEngineStopsWithinFiveSecondsAfterAnOperatorUsedIt() throws Exception {
        SandboxEngine sandbox = SandboxEngine.start(Map.of(
                "linkup.http.port", "0",
                "linkup.http.host", "127.0.0.1",
                "linkup.db.url", "jdbc:h2:mem:shutdown-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "linkup.templates.dir", "../templates",
                "linkup.sample-data.dir", "../sample-data",
                "linkup.push.vapid-keys-file", "target/vapid-keys.json",
                "linkup.instance-id", "shutdown-test"));
        Console console = new Console(new AdminClient(sandbox.url(), sandbox.adminToken()), UiQueue.direct());
        console.start();
        console.show(Console.Topics.INSPECTOR);
        console.createTeeTime("user-0001", "course-bethpage-black", 2, "09:00", 4);
        await().atMost(Duration.ofSeconds(30)).until(() -> console.inspectorEvents().rows().size() >= 1
                && console.inspectorEvents().rows().get(0).path("emails").asInt() + console.inspectorEvents().rows()
                        .get(0).path("pushes").asInt() >= 0);
        await().atMost(Duration.ofSeconds(30)).until(() -> console.overview().latestProperty().get() != null);

        long start = System.nanoTime();
        console.close();
        sandbox.close();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.println("sandbox engine stopped in " + took.toMillis() + " ms");
        assertThat(took).isLessThan(Duration.ofSeconds(5));
    }
}
