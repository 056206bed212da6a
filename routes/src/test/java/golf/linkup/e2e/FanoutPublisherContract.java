package golf.linkup.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import golf.linkup.engine.auth.Identity;
import golf.linkup.engine.gateway.connections.ClientConnection;
import golf.linkup.engine.gateway.connections.ConnectionRegistry;
import golf.linkup.engine.gateway.connections.Outbound;
import golf.linkup.engine.gateway.fanout.FanoutEnvelope;
import golf.linkup.engine.gateway.fanout.FanoutPublisher;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What every {@link FanoutPublisher} promises: an envelope published once reaches each connection
 * in its rooms once, envelopes from one thread arrive in publish order, and rooms nobody is in
 * cost nothing. Subclasses supply the implementation and the registry its deliveries land in.
 */
abstract class FanoutPublisherContract {

    /** The publisher under test. */
    protected abstract FanoutPublisher publisher();

    /** The registry that the publisher's deliveries reach (on this instance). */
    protected abstract ConnectionRegistry registry();

    /** An in-memory socket: records what was sent, completes every write at once. */
    static final class RecordingOutbound implements Outbound {
        final BlockingQueue<String> sent = new LinkedBlockingQueue<>();

        @Override
        public void sendText(String text, Consumer<Throwable> done) {
            sent.add(text);
            done.accept(null);
        }

        @Override
        public void close(int code, String reason) {
        }

        @Override
        public String remoteAddress() {
            return "memory";
        }

        String next() throws InterruptedException {
            String text = sent.poll(10, TimeUnit.SECONDS);
            assertThat(text).as("a delivery within 10 s").isNotNull();
            return text;
        }
    }

    RecordingOutbound connect(String userId, String... rooms) {
        var outbound = new RecordingOutbound();
        var identity = new Identity(userId, Set.of(), Instant.now().plusSeconds(3600), Optional.empty());
        var connection = new ClientConnection(userId + "-" + System.nanoTime(), identity, outbound, 1000, Instant.now(),
                () -> { });
        registry().register(connection);
        for (String room : rooms) {
            registry().join(connection, room);
        }
        return outbound;
    }

    @Test
    void anEnvelopeReachesEachMemberOfItsRoomsOnceInPublishOrder() throws Exception {
        RecordingOutbound both = connect("both", "tee-time:c1", "feed:LEGAL");
        RecordingOutbound feedOnly = connect("feed", "feed:LEGAL");
        List<String> payloads = IntStream.rangeClosed(1, 200).mapToObj(i -> "{\"n\":" + i + "}").toList();

        for (String p : payloads) {
            publisher().publish(FanoutEnvelope.toRooms(List.of("tee-time:c1", "feed:LEGAL"), p, 0));
        }
        publisher().publish(FanoutEnvelope.toRooms(List.of("feed:LEGAL"), "{\"end\":true}", 0));

        for (RecordingOutbound client : List.of(both, feedOnly)) {
            for (String expected : payloads) {
                assertThat(client.next()).isEqualTo(expected);
            }
            assertThat(client.next()).isEqualTo("{\"end\":true}");
        }
    }

    @Test
    void theSendersOwnConnectionsCanBeLeftOut() throws Exception {
        RecordingOutbound typist = connect("typist", "tee-time:c2");
        RecordingOutbound reader = connect("reader", "tee-time:c2");

        publisher().publish(FanoutEnvelope.toRooms(List.of("tee-time:c2"), "{\"typing\":true}", 0).excluding("typist"));
        publisher().publish(FanoutEnvelope.toRooms(List.of("tee-time:c2"), "{\"marker\":true}", 0));

        assertThat(reader.next()).isEqualTo("{\"typing\":true}");
        assertThat(typist.next()).isEqualTo("{\"marker\":true}");
    }
}
