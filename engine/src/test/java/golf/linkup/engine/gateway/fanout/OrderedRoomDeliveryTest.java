package golf.linkup.engine.gateway.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import golf.linkup.engine.auth.Identity;
import golf.linkup.engine.gateway.connections.ClientConnection;
import golf.linkup.engine.gateway.connections.ConnectionRegistry;
import golf.linkup.engine.gateway.history.InMemoryRoomHistory;
import golf.linkup.engine.gateway.history.RoomHistory;
import golf.linkup.engine.gateway.history.StreamPosition;
import golf.linkup.engine.metrics.EngineMetrics;
import golf.linkup.testing.AdjustableClock;
import golf.linkup.testing.RecordingOutbound;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Event-caused messages are sequenced in batches and delivered in submission order, or without offsets when history fails. */
class OrderedRoomDeliveryTest {

    private final ConnectionRegistry registry = new ConnectionRegistry();
    private final EngineMetrics metrics = new EngineMetrics();
    private final AdjustableClock clock = new AdjustableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final RecordingOutbound out = RecordingOutbound.immediate();

    private void connect(String... rooms) {
        var c = new ClientConnection("c-1", new Identity("u", Set.of(), Instant.parse("2030-01-01T00:00:00Z"),
                Optional.empty()), out, 10_000, Instant.EPOCH, () -> { });
        registry.register(c);
        for (String room : rooms) {
            registry.join(c, room);
        }
    }

    private static FanoutEnvelope envelope(String room, int n) {
        return FanoutEnvelope.toRooms(List.of(room), "{\"type\":\"t\",\"data\":{\"n\":" + n + "}}", 0);
    }

    @Test
    void messagesArriveInSubmissionOrderWithConsecutiveOffsetsAndEventIds() throws Exception {
        connect("tee-time:a");
        try (var delivery = new OrderedRoomDelivery(new RoomSequencer(new InMemoryRoomHistory(clock, 100,
                Duration.ofMinutes(2)), metrics), new LocalDelivery(registry, metrics), metrics)) {
            for (int n = 1; n <= 500; n++) {
                delivery.submit("ev-" + n, List.of(envelope("tee-time:a", n)));
            }
            delivery.submit("ev-two", List.of(envelope("tee-time:a", 501), envelope("tee-time:a", 502)));
            await().atMost(Duration.ofSeconds(10)).until(() -> out.texts().size() == 502);
        }
        List<JsonNode> got = out.messages();
        assertThat(got).extracting(m -> m.path("offset").asLong())
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 502).mapToObj(i -> (long) i).toList());
        assertThat(got).extracting(m -> m.path("data").path("n").asInt())
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 502).boxed().toList());
        assertThat(got.get(0).path("id").asText()).isEqualTo("ev-1");
        assertThat(got.get(501).path("id").asText()).isEqualTo("ev-two/1");
    }

    @Test
    void whenTheHistoryFailsMessagesStillGoOutWithTheirIdButNoOffset() throws Exception {
        connect("tee-time:b", "user:u");
        RoomHistory broken = new RoomHistory() {
            @Override
            public List<StreamPosition> append(String messageId, List<String> rooms, String payload) {
                throw new IllegalStateException("Redis is away");
            }

            @Override
            public Recovery since(String room, StreamPosition since) {
                throw new IllegalStateException("Redis is away");
            }

            @Override
            public StreamPosition position(String room) {
                throw new IllegalStateException("Redis is away");
            }
        };
        try (var delivery = new OrderedRoomDelivery(new RoomSequencer(broken, metrics), new LocalDelivery(registry,
                metrics), metrics)) {
            delivery.submit("ev-1", List.of(envelope("tee-time:b", 1)));
            await().atMost(Duration.ofSeconds(10)).until(() -> out.texts().size() == 1);
        }
        JsonNode m = out.lastMessage();
        assertThat(m.path("id").asText()).isEqualTo("ev-1");
        assertThat(m.has("offset")).isFalse();
        assertThat(metrics.count("linkup.history.failures")).isEqualTo(1);
    }
}
