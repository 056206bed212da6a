package golf.linkup.engine.gateway.connections;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import golf.linkup.engine.auth.Identity;
import golf.linkup.testing.RecordingOutbound;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ClientConnectionTest {

    private static final int CAPACITY = 100;
    private final AtomicInteger drops = new AtomicInteger();

    private ClientConnection connection(RecordingOutbound outbound) {
        return connection(outbound, CAPACITY);
    }

    private ClientConnection connection(Outbound outbound, int capacity) {
        return new ClientConnection("c-1", new Identity("u-1", Set.of(), Instant.parse("2030-01-01T00:00:00Z"),
                Optional.empty()), outbound, capacity, Instant.EPOCH, drops::incrementAndGet);
    }

    private static List<String> messages(int fromInclusive, int toExclusive) {
        return IntStream.range(fromInclusive, toExclusive).mapToObj(i -> "m" + i).toList();
    }

    @Test
    void messagesAreWrittenInOrder() {
        var out = RecordingOutbound.immediate();
        var c = connection(out);

        messages(0, 5).forEach(c::send);

        assertEquals(messages(0, 5), out.texts());
        assertEquals(5, c.sent());
        assertEquals(0, c.queued());
    }

    @Test
    void onlyOneWriteIsInFlightAtATime() {
        var out = RecordingOutbound.held();
        var c = connection(out);

        messages(0, 3).forEach(c::send);

        assertEquals(List.of("m0"), out.texts(), "the next write waits for the first to complete");
        assertEquals(1, out.inFlight());
        assertEquals(2, c.queued());

        out.completeNext();
        assertEquals(List.of("m0", "m1"), out.texts());
        assertEquals(1, out.inFlight());

        out.completeAll();
        assertEquals(messages(0, 3), out.texts());
        assertEquals(3, c.sent());
        assertEquals(0, c.queued());
    }

    @Test
    void onATransportThatWritesTogetherEverythingWaitingGoesOutInOneWriteInOrder() {
        var out = RecordingOutbound.heldTogether();
        var c = connection(out);

        messages(0, 5).forEach(c::send);
        assertEquals(List.of(1), out.writeSizes(), "the first message goes out alone; four wait behind it");
        assertEquals(4, c.queued());

        out.completeNext();
        assertEquals(List.of(1, 4), out.writeSizes(), "the four waiting messages go out as one write");
        assertEquals(0, c.queued());
        assertEquals(1, c.sent(), "sent counts a message once its write completed");

        out.completeAll();
        assertEquals(messages(0, 5), out.texts());
        assertEquals(5, c.sent());
    }

    @Test
    void oneWriteCarriesAtMostMaxTogetherMessages() {
        var out = RecordingOutbound.heldTogether();
        var c = connection(out);

        messages(0, 1 + SendQueue.MAX_TOGETHER + 3).forEach(c::send);
        out.completeAll();

        assertEquals(List.of(1, SendQueue.MAX_TOGETHER, 3), out.writeSizes());
        assertEquals(messages(0, 1 + SendQueue.MAX_TOGETHER + 3), out.texts());
    }

    @Test
    void heldMessagesWaitForTheReleaseAndThenGoOutInOneWrite() {
        var out = RecordingOutbound.heldTogether();
        var c = connection(out);

        assertTrue(c.hold(new Outgoing.Text("m0")), "the first held message asks for a release");
        assertFalse(c.hold(new Outgoing.Text("m1")), "one release per connection and batch");
        c.send("m2"); // a reply queued meanwhile does not overtake the held messages
        assertEquals(List.of(), out.texts(), "nothing is written before the release");

        c.release();
        assertEquals(List.of(3), out.writeSizes());
        assertEquals(messages(0, 3), out.texts());
    }

    @Test
    void aFailedWriteOfSeveralMessagesClosesTheConnection() {
        var out = RecordingOutbound.heldTogether();
        var c = connection(out);
        messages(0, 3).forEach(c::send);
        out.completeNext();

        out.failNext(new IOException("broken pipe"));

        assertTrue(c.isClosed());
        assertEquals(CloseCodes.INTERNAL_ERROR, out.closeCode());
        assertEquals(1, c.sent(), "only the first write completed");
    }

    @Test
    void aFullQueueDropsTheOldestWaitingMessageAndKeepsTheOrderOfTheRest() {
        var out = RecordingOutbound.held();
        var c = connection(out);

        c.send("m0"); // in flight
        messages(1, 101).forEach(c::send); // fills the queue: 100 waiting
        assertEquals(0, c.dropped());
        assertFalse(c.isSlow());

        c.send("m101"); // the 101st queued message

        assertEquals(1, c.dropped());
        assertTrue(c.isSlow());
        assertEquals(1, drops.get(), "the drop callback feeds the dropped-messages metric");
        assertEquals(CAPACITY, c.queued());

        out.completeAll();
        List<String> expected = new ArrayList<>();
        expected.add("m0");
        expected.addAll(messages(2, 102));
        expected.add("{\"type\":\"missed\",\"data\":{\"count\":1}}");
        assertEquals(expected, out.texts(), "m1 was dropped; the rest arrive in order, then the client is told");
        assertFalse(c.isSlow(), "told, the connection is no longer behind");
        assertEquals(1, c.slowEpisodes());
    }

    @Test
    void manyMessagesIntoAFullQueueDropOneEachAndTheNewestSurvive() {
        var out = RecordingOutbound.held();
        var c = connection(out);

        messages(0, 251).forEach(c::send);

        assertEquals(150, c.dropped());
        out.completeAll();
        List<String> expected = new ArrayList<>();
        expected.add("m0");
        expected.addAll(messages(151, 251));
        expected.add("{\"type\":\"missed\",\"data\":{\"count\":150}}");
        assertEquals(expected, out.texts(), "one notice for all the drops, not one per drop");
    }

    @Test
    void aFailedWriteClosesTheConnection() {
        var out = RecordingOutbound.held();
        var c = connection(out);
        messages(0, 3).forEach(c::send);

        out.failNext(new IOException("broken pipe"));

        assertTrue(c.isClosed());
        assertEquals(CloseCodes.INTERNAL_ERROR, out.closeCode());
        assertEquals(0, c.queued(), "what was waiting is discarded");
        assertEquals(List.of("m0"), out.texts(), "nothing more is written after the failure");
    }

    @Test
    void sendAfterCloseDoesNothing() {
        var out = RecordingOutbound.immediate();
        var c = connection(out);
        c.send("before");

        c.close(CloseCodes.NORMAL, "bye");
        c.send("after");

        assertEquals(List.of("before"), out.texts());
        assertEquals(CloseCodes.NORMAL, out.closeCode());
        assertEquals("bye", out.closeReason());
    }

    @Test
    void closingTwiceClosesTheSocketOnce() {
        var out = RecordingOutbound.immediate();
        var c = connection(out);

        c.close(CloseCodes.NORMAL, "bye");
        c.close(CloseCodes.GOING_AWAY, "again");

        assertEquals(1, out.closeCalls());
    }

    @Test
    void sendAfterThePeerWentAwayDoesNothingAndSendsNoCloseFrame() {
        var out = RecordingOutbound.immediate();
        var c = connection(out);

        c.markClosed();
        c.send("after");

        assertTrue(c.isClosed());
        assertEquals(List.of(), out.texts());
        assertNull(out.closeCode());
    }

    @Test
    void aLongBacklogThatDrainsSynchronouslyDoesNotOverflowTheStack() {
        // A transport may complete a write inside sendText (Undertow does when the socket takes the
        // bytes at once). Draining a backlog must not recurse once per waiting message.
        var gate = new Object() {
            Consumer<Throwable> first;
            final List<String> written = new ArrayList<>();
        };
        Outbound out = new Outbound() {
            @Override
            public void sendText(String text, Consumer<Throwable> done) {
                gate.written.add(text);
                if (gate.first == null) {
                    gate.first = done; // hold the first write back
                } else {
                    done.accept(null);
                }
            }

            @Override
            public void close(int code, String reason) {
            }

            @Override
            public String remoteAddress() {
                return "test";
            }
        };
        int backlog = 100_000;
        var c = connection(out, backlog);
        for (int i = 0; i <= backlog; i++) {
            c.send("m" + i);
        }

        gate.first.accept(null);

        assertFalse(c.isClosed());
        assertEquals(backlog + 1, gate.written.size());
        assertEquals("m" + backlog, gate.written.get(backlog));
        assertEquals(backlog + 1, c.sent());
    }

    @Test
    void sendsFromSeveralThreadsAreAllWrittenOnceEach() {
        var out = RecordingOutbound.immediate();
        var c = connection(out, 10_000);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int t = 0; t < 4; t++) {
                int thread = t;
                pool.submit(() -> messages(0, 1_000).forEach(m -> c.send(thread + ":" + m)));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> c.sent() == 4_000);
        } finally {
            pool.shutdownNow();
        }

        assertEquals(4_000, Set.copyOf(out.texts()).size());
        for (int t = 0; t < 4; t++) {
            String prefix = t + ":";
            List<String> ofThread = out.texts().stream().filter(s -> s.startsWith(prefix)).toList();
            assertEquals(messages(0, 1_000).stream().map(m -> prefix + m).toList(), ofThread,
                    "each thread's messages keep their order");
        }
    }
}
