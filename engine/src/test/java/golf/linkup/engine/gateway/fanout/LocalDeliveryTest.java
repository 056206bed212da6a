package golf.linkup.engine.gateway.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import golf.linkup.engine.auth.Identity;
import golf.linkup.engine.domain.Industry;
import golf.linkup.engine.gateway.connections.ClientConnection;
import golf.linkup.engine.gateway.connections.ConnectionRegistry;
import golf.linkup.engine.gateway.protocol.ClientCommand.LocationFilter;
import golf.linkup.engine.gateway.rooms.FeedFilter;
import golf.linkup.engine.metrics.EngineMetrics;
import golf.linkup.engine.gateway.history.RoomMessage;
import golf.linkup.testing.RecordingOutbound;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LocalDeliveryTest {

    /** Bethpage, Long Island. */
    private static final double NEAR_LAT = 40.7448;
    private static final double NEAR_LNG = -73.4540;
    /** Pebble Beach, California: about 4,000 km away. */
    private static final double FAR_LAT = 36.5680;
    private static final double FAR_LNG = -121.9500;
    /** Around Manhattan, 50 km. */
    private static final LocationFilter AROUND_NEW_YORK = new LocationFilter(40.7580, -73.9855, 50);

    private final ConnectionRegistry registry = new ConnectionRegistry();
    private final EngineMetrics metrics = new EngineMetrics();
    private final LocalDelivery delivery = new LocalDelivery(registry, metrics);
    private final Map<ClientConnection, RecordingOutbound> outbounds = new HashMap<>();
    private int ids;

    private ClientConnection connected(String userId, String... rooms) {
        return connected(RecordingOutbound.immediate(), userId, rooms);
    }

    private ClientConnection connected(RecordingOutbound out, String userId, String... rooms) {
        var c = new ClientConnection("c-" + ++ids, new Identity(userId, Set.of(), Instant.parse("2030-01-01T00:00:00Z"),
                Optional.empty()), out, 100, Instant.EPOCH, metrics::messageDropped);
        registry.register(c);
        for (String room : rooms) {
            registry.join(c, room);
        }
        outbounds.put(c, out);
        return c;
    }

    private List<String> received(ClientConnection c) {
        return outbounds.get(c).texts();
    }

    private static FanoutEnvelope envelope(List<String> rooms, String payload) {
        return FanoutEnvelope.toRooms(rooms, payload, 0);
    }

    @Test
    void everyMemberOfTheRoomsGetsThePayload() {
        var a = connected("u-1", "feed:TECH");
        var b = connected("u-2", "tee-time:tt-1");
        var outsider = connected("u-3", "feed:LEGAL");

        int delivered = delivery.deliver(envelope(List.of("tee-time:tt-1", "feed:TECH"), "hello"));

        assertEquals(2, delivered);
        assertEquals(List.of("hello"), received(a));
        assertEquals(List.of("hello"), received(b));
        assertEquals(List.of(), received(outsider));
    }

    @Test
    void aConnectionInTwoOfTheRoomsGetsThePayloadOnce() {
        var both = connected("u-1", "tee-time:tt-1", "feed:TECH");

        int delivered = delivery.deliver(envelope(List.of("tee-time:tt-1", "feed:TECH"), "once"));

        assertEquals(1, delivered);
        assertEquals(List.of("once"), received(both));
    }

    @Test
    void theNextEnvelopeReachesTheSameConnectionAgain() {
        var both = connected("u-1", "tee-time:tt-1", "feed:TECH");

        delivery.deliver(envelope(List.of("tee-time:tt-1", "feed:TECH"), "first"));
        delivery.deliver(envelope(List.of("feed:TECH", "tee-time:tt-1"), "second"));

        assertEquals(List.of("first", "second"), received(both));
    }

    @Test
    void theExcludedUsersConnectionsAreSkipped() {
        var sender = connected("u-1", "tee-time:tt-1");
        var senderOtherTab = connected("u-1", "tee-time:tt-1");
        var other = connected("u-2", "tee-time:tt-1");

        int delivered = delivery.deliver(envelope(List.of("tee-time:tt-1"), "chat").excluding("u-1"));

        assertEquals(1, delivered);
        assertEquals(List.of(), received(sender));
        assertEquals(List.of(), received(senderOtherTab));
        assertEquals(List.of("chat"), received(other));
    }

    @Test
    void aFeedLocationFilterDropsFarTeeTimes() {
        var nearby = connected("u-1", "feed:FINANCE");
        nearby.feed(new FeedFilter(EnumSet.of(Industry.FINANCE), Optional.of(AROUND_NEW_YORK)));
        var anywhere = connected("u-2", "feed:FINANCE");
        anywhere.feed(new FeedFilter(EnumSet.of(Industry.FINANCE), Optional.empty()));

        delivery.deliver(envelope(List.of("feed:FINANCE"), "far").at(FAR_LAT, FAR_LNG));
        delivery.deliver(envelope(List.of("feed:FINANCE"), "near").at(NEAR_LAT, NEAR_LNG));

        assertEquals(List.of("near"), received(nearby));
        assertEquals(List.of("far", "near"), received(anywhere));
    }

    @Test
    void aTeeTimeRoomMemberGetsAFarTeeTimeEvenWithAFeedFilter() {
        var member = connected("u-1", "tee-time:tt-1", "feed:FINANCE");
        member.feed(new FeedFilter(EnumSet.of(Industry.FINANCE), Optional.of(AROUND_NEW_YORK)));

        delivery.deliver(envelope(List.of("feed:FINANCE", "tee-time:tt-1"), "update").at(FAR_LAT, FAR_LNG));

        assertEquals(List.of("update"), received(member), "the filter applies to feed rooms only");
    }

    @Test
    void anEnvelopeWithoutAPositionPassesEveryFeedFilter() {
        var nearby = connected("u-1", "feed:FINANCE");
        nearby.feed(new FeedFilter(EnumSet.of(Industry.FINANCE), Optional.of(AROUND_NEW_YORK)));

        delivery.deliver(envelope(List.of("feed:FINANCE"), "unpositioned"));

        assertEquals(List.of("unpositioned"), received(nearby));
    }

    @Test
    void roomsWithoutMembersDeliverNothing() {
        assertEquals(0, delivery.deliver(envelope(List.of("feed:TECH", "tee-time:nobody"), "void")));
    }

    @Test
    void messagesOutAndEnvelopesAreCounted() {
        connected("u-1", "feed:TECH");
        connected("u-2", "feed:TECH");

        delivery.deliver(envelope(List.of("feed:TECH"), "one"));
        delivery.deliver(FanoutEnvelope.toRooms(List.of("feed:TECH"), "two", EngineMetrics.nowMicros() - 1_000));

        assertEquals(4.0, metrics.count("linkup.ws.messages.out"));
        assertEquals(2.0, metrics.count("linkup.fanout.envelopes"));
        assertEquals(1, metrics.deliveryLatency().count(), "only the envelope with an ingest time is timed");
        assertTrue(metrics.registry().scrape().contains("linkup_ws_messages_out_total 4.0"));
    }

    @Test
    void theLocalPublisherDeliversStraightAway() {
        var a = connected("u-1", "feed:TECH");

        new LocalFanoutPublisher(delivery).publish(envelope(List.of("feed:TECH"), "direct"));

        assertEquals(List.of("direct"), received(a));
    }

    /** Stands in for a socket's I/O thread: one named thread that counts the tasks handed to it. */
    private static final class WriterThread implements Executor, AutoCloseable {
        final String name;
        final AtomicInteger tasks = new AtomicInteger();
        private final ExecutorService thread;

        WriterThread(String name) {
            this.name = name;
            this.thread = Executors.newSingleThreadExecutor(r -> new Thread(r, name));
        }

        @Override
        public void execute(Runnable task) {
            tasks.incrementAndGet();
            thread.execute(task);
        }

        /** Waits until every task handed over so far has run. */
        void drain() throws Exception {
            thread.submit(() -> { }).get(10, TimeUnit.SECONDS);
        }

        @Override
        public void close() {
            thread.shutdownNow();
        }
    }

    @Test
    void aFanoutHandsEachWriterThreadItsConnectionsSendsAsOneTaskInOrder() throws Exception {
        try (var io1 = new WriterThread("io-1"); var io2 = new WriterThread("io-2")) {
            List<ClientConnection> members = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                var out = RecordingOutbound.immediateWithWriter(i % 2 == 0 ? io1 : io2);
                members.add(connected(out, "u-" + i, "tee-time:tt-1"));
            }

            delivery.deliver(envelope(List.of("tee-time:tt-1"), "first"));
            delivery.deliver(envelope(List.of("tee-time:tt-1"), "second"));
            int reached = delivery.deliver(envelope(List.of("tee-time:tt-1"), "third"));
            io1.drain();
            io2.drain();

            assertThat(reached).isEqualTo(100);
            assertThat(io1.tasks).as("one hand-off per fan-out, not one per connection").hasValue(3);
            assertThat(io2.tasks).hasValue(3);
            for (int i = 0; i < members.size(); i++) {
                ClientConnection c = members.get(i);
                assertThat(received(c)).containsExactly("first", "second", "third");
                assertThat(outbounds.get(c).writingThreads()).containsOnly(i % 2 == 0 ? "io-1" : "io-2");
            }
        }
    }

    @Test
    void sequencedEnvelopesDeliveredTogetherShareOneHandOffPerWriterThread() throws Exception {
        try (var io1 = new WriterThread("io-1")) {
            var near = connected(RecordingOutbound.immediateTogetherWithWriter(io1), "u-1", "tee-time:tt-1");
            var direct = connected("u-2", "tee-time:tt-1"); // no writer thread (SSE): sent at once
            List<SequencedEnvelope> batch = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                batch.add(new SequencedEnvelope(envelope(List.of("tee-time:tt-1"), "m" + i),
                        List.of(RoomMessage.stamp("tee-time:tt-1", "id-" + i, i, "e1", "{\"n\":" + i + "}"))));
            }
            List<Integer> reached = new ArrayList<>();

            delivery.deliverSequenced(batch, new LocalDelivery.Outcome() {
                @Override
                public void delivered(int index, int connections) {
                    reached.add(connections);
                }

                @Override
                public void failed(int index, RuntimeException failure) {
                    throw failure;
                }
            });
            io1.drain();

            assertThat(reached).containsExactly(2, 2, 2, 2, 2);
            assertThat(io1.tasks).as("five envelopes, one hand-off").hasValue(1);
            for (ClientConnection c : List.of(near, direct)) {
                assertThat(received(c)).extracting(t -> t.replaceAll(".*\"n\":(\\d+).*", "$1"))
                        .containsExactly("1", "2", "3", "4", "5");
            }
            assertThat(outbounds.get(direct).writingThreads()).containsOnly(Thread.currentThread().getName());
            assertThat(outbounds.get(near).writeSizes()).as("the batch's five messages in one write").containsExactly(5);
            assertThat(outbounds.get(direct).writeSizes()).as("no writer thread: sent one by one").containsExactly(1, 1, 1, 1, 1);
        }
    }
}
