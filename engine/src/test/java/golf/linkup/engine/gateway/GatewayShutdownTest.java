package golf.linkup.engine.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import golf.linkup.engine.auth.Identity;
import golf.linkup.engine.gateway.connections.CloseCodes;
import golf.linkup.engine.gateway.connections.ConnectionRegistry;
import golf.linkup.engine.metrics.EngineMetrics;
import golf.linkup.testing.InMemoryTeeTimeDirectory;
import golf.linkup.testing.RecordingOutbound;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Graceful shutdown: stop accepting, let queues drain, close with 1001, and never wait past the timeout. */
class GatewayShutdownTest {

    private final ConnectionRegistry registry = new ConnectionRegistry();
    private final GatewayService gateway = new GatewayService(registry, new InMemoryTeeTimeDirectory(),
            new EngineMetrics(), Clock.systemUTC(), 100);

    private Identity user(String id) {
        return new Identity(id, Set.of(), Instant.now().plusSeconds(3600), Optional.empty());
    }

    @Test
    void queuedMessagesAreWrittenBeforeTheGoingAwayCloseAndAStuckClientIsCutAtTheTimeout() throws Exception {
        RecordingOutbound draining = RecordingOutbound.held();
        RecordingOutbound stuck = RecordingOutbound.held();
        var d = gateway.open(user("draining"), draining);
        var s = gateway.open(user("stuck"), stuck);
        d.send("m1");
        d.send("m2");
        s.send("m1");

        CompletableFuture<Integer> cut = CompletableFuture.supplyAsync(() -> gateway.shutdown("bye", Duration.ofMillis(500)));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> gateway.refusal().isPresent());
        assertThat(gateway.refusal()).contains("SHUTTING_DOWN");
        while (draining.inFlight() > 0 || d.queued() > 0) {
            draining.completeNext(); // the draining client reads; the stuck one never does
        }

        assertThat(cut.get(5, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(draining.texts()).endsWith("m1", "m2");
        assertThat(draining.closeCode()).isEqualTo(CloseCodes.GOING_AWAY);
        assertThat(stuck.closeCode()).isEqualTo(CloseCodes.GOING_AWAY);
        assertThat(registry.connectionCount()).isZero();
    }
}
