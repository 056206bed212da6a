package golf.linkup.engine.gateway.connections;

import static org.assertj.core.api.Assertions.assertThat;

import golf.linkup.engine.auth.Identity;
import golf.linkup.testing.AdjustableClock;
import golf.linkup.testing.RecordingOutbound;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConnectionSupervisorTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    private final AdjustableClock clock = new AdjustableClock(T0);
    private final ConnectionRegistry registry = new ConnectionRegistry();
    private final List<ClientConnection> closed = new ArrayList<>();
    private final ConnectionSupervisor supervisor = new ConnectionSupervisor(registry, clock, Duration.ofSeconds(30),
            Duration.ofSeconds(90), Duration.ofSeconds(60), closed::add);

    private ClientConnection open(RecordingOutbound out, Instant tokenExpiry) {
        var c = new ClientConnection("c-" + registry.connectionCount(), new Identity("u-1", Set.of(), tokenExpiry,
                Optional.empty()), out, 100, clock.instant(), () -> { });
        registry.register(c);
        return c;
    }

    @Test
    void aConnectionIsPingedEveryIntervalAndKeptWhilePongsComeBack() {
        var out = RecordingOutbound.immediate();
        var c = open(out, T0.plusSeconds(3600));

        for (int i = 0; i < 10; i++) { // 5 minutes
            clock.advance(Duration.ofSeconds(30));
            supervisor.tick();
            c.touched(clock.millis()); // the pong
        }

        assertThat(out.pings()).isEqualTo(10);
        assertThat(out.isClosed()).isFalse();
    }

    @Test
    void ninetySecondsWithoutAPongAbortsTheConnection() {
        var out = RecordingOutbound.immediate();
        var c = open(out, T0.plusSeconds(3600));

        clock.advance(Duration.ofSeconds(89));
        supervisor.tick();
        assertThat(out.isClosed()).isFalse();
        clock.advance(Duration.ofSeconds(1));
        supervisor.tick();

        assertThat(out.aborted()).isTrue();
        assertThat(out.closeCode()).isEqualTo(CloseCodes.HEARTBEAT_TIMEOUT);
        assertThat(closed).containsExactly(c);
        assertThat(supervisor.heartbeatTimeouts()).isEqualTo(1);
    }

    @Test
    void anExpiringTokenIsWarnedOnceThenTheConnectionClosesUnlessRefreshed() {
        var out = RecordingOutbound.immediate();
        var c = open(out, T0.plusSeconds(120));

        clock.advance(Duration.ofSeconds(60));
        c.touched(clock.millis());
        supervisor.tick();
        supervisor.tick();
        assertThat(out.messagesOfType("token-expiring")).hasSize(1);
        assertThat(out.lastMessage().path("data").path("expiresAt").asText()).isEqualTo(T0.plusSeconds(120).toString());

        c.identity(new Identity("u-1", Set.of(), T0.plusSeconds(600), Optional.empty()));
        clock.advance(Duration.ofSeconds(70));
        c.touched(clock.millis());
        supervisor.tick();
        assertThat(out.isClosed()).as("refreshed in time").isFalse();

        clock.advance(Duration.ofSeconds(420)); // 50 s before the new expiry: warned again
        c.touched(clock.millis());
        supervisor.tick();
        assertThat(out.messagesOfType("token-expiring")).hasSize(2);
        clock.advance(Duration.ofSeconds(50)); // the new expiry
        c.touched(clock.millis());
        supervisor.tick();
        assertThat(out.closeCode()).isEqualTo(CloseCodes.TOKEN_EXPIRED);
        assertThat(closed).containsExactly(c);
    }

    @Test
    void theTickIsAQuarterOfTheShortestWatchedInterval() {
        assertThat(supervisor.tickInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(new ConnectionSupervisor(registry, clock, Duration.ofMillis(200), Duration.ofMillis(700),
                Duration.ZERO, c -> { }).tickInterval()).isEqualTo(Duration.ofMillis(50));
    }
}
