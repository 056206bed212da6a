package golf.linkup.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import golf.linkup.engine.auth.Identity;
import golf.linkup.engine.gateway.connections.ClientConnection;
import golf.linkup.engine.gateway.connections.ConnectionRegistry;
import golf.linkup.engine.gateway.fanout.FanoutCodec;
import golf.linkup.engine.gateway.fanout.FanoutEnvelope;
import golf.linkup.engine.gateway.fanout.LocalDelivery;
import golf.linkup.testing.RecordingOutbound;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code fanout-deliver} with the real local delivery and a connection registry; the Redis
 * subscription (the edge) is replaced by a direct endpoint. A message for a room reaches the
 * connections in it; one that cannot be read is counted and the route keeps delivering.
 */
class FanoutRoutesTest extends RouteTestSupport {

    private final ConnectionRegistry registry = new ConnectionRegistry();
    private final RecordingOutbound ada = RecordingOutbound.immediate();

    FanoutRoutesTest() {
        super(true);
    }

    @Override
    protected RoutesBuilder[] routes() {
        return new RoutesBuilder[] {
            new FanoutRoutes("spring-redis://127.0.0.1:6379?command=SUBSCRIBE&channels=linkup:fanout",
                    new LocalDelivery(registry, metrics))
        };
    }

    @BeforeEach
    void replaceTheSubscriptionAndStart() throws Exception {
        AdviceWith.adviceWith(context, "fanout-deliver", route -> route.replaceFromWith("direct:fanout"));
        context.start();
        var connection = new ClientConnection("c-1", new Identity("u-ada", Set.of(),
                Instant.parse("2030-01-01T00:00:00Z"), Optional.empty()), ada, 100, Instant.EPOCH,
                metrics::messageDropped);
        registry.register(connection);
        registry.join(connection, "user:u-ada");
    }

    @Test
    void aMessageThatCannotBeReadIsCountedAndTheNextOneIsStillDelivered() {
        Exchange bad = template.send("direct:fanout", e -> e.getMessage().setBody("not a fan-out message"));
        template.sendBody("direct:fanout", FanoutCodec.encode(FanoutEnvelope.toRooms(List.of("user:u-ada"),
                "{\"type\":\"notification\",\"title\":\"Tee time cancelled\"}", 0)));

        assertThat(bad.getException()).as("handled: the subscription keeps going").isNull();
        assertThat(metrics.meterRegistry().counter("linkup.fanout.failures").count()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> !ada.texts().isEmpty());
        assertThat(ada.texts()).containsExactly("{\"type\":\"notification\",\"title\":\"Tee time cancelled\"}");
    }
}
