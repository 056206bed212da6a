package golf.linkup.engine.gateway.connections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import golf.linkup.engine.auth.Identity;
import golf.linkup.testing.RecordingOutbound;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConnectionRegistryTest {

    private final ConnectionRegistry registry = new ConnectionRegistry();
    private final AtomicInteger ids = new AtomicInteger();

    private ClientConnection connectionOf(String userId) {
        return new ClientConnection("c-" + ids.incrementAndGet(),
                new Identity(userId, Set.of(), Instant.parse("2030-01-01T00:00:00Z"), Optional.empty()),
                RecordingOutbound.immediate(), 100, Instant.EPOCH, () -> { });
    }

    @Test
    void registeringPutsTheConnectionInItsUsersRoom() {
        var c = connectionOf("u-1");

        registry.register(c);

        assertEquals(Set.of(c), registry.members("user:u-1"));
        assertEquals(Set.of("user:u-1"), c.rooms());
        assertSame(c, registry.connection(c.id()));
        assertEquals(1, registry.connectionCount());
        assertEquals(1, registry.userCount());
    }

    @Test
    void joiningAndLeavingARoomChangesItsMembers() {
        var a = connectionOf("u-1");
        var b = connectionOf("u-2");
        registry.register(a);
        registry.register(b);

        assertEquals(1, registry.join(a, "tee-time:tt-1"));
        assertEquals(2, registry.join(b, "tee-time:tt-1"));
        assertEquals(Set.of(a, b), registry.members("tee-time:tt-1"));

        assertTrue(registry.leave(a, "tee-time:tt-1"));
        assertEquals(Set.of(b), registry.members("tee-time:tt-1"));
        assertFalse(a.rooms().contains("tee-time:tt-1"));
    }

    @Test
    void joiningTwiceCountsOnce() {
        var a = connectionOf("u-1");
        registry.register(a);

        registry.join(a, "feed:TECH");

        assertEquals(1, registry.join(a, "feed:TECH"));
    }

    @Test
    void leavingARoomOneIsNotInSaysSo() {
        var a = connectionOf("u-1");
        registry.register(a);

        assertFalse(registry.leave(a, "feed:TECH"));
        assertEquals(Set.of(), registry.members("feed:TECH"));
    }

    @Test
    void anEmptyRoomDisappears() {
        var a = connectionOf("u-1");
        registry.register(a);
        registry.join(a, "feed:TECH");

        registry.leave(a, "feed:TECH");

        assertEquals(Map.of("user:u-1", 1), registry.roomSizes());
        assertEquals(1, registry.roomCount());
    }

    @Test
    void unregisteringLeavesEveryRoomAndEmptyRoomsDisappear() {
        var a = connectionOf("u-1");
        var b = connectionOf("u-2");
        registry.register(a);
        registry.register(b);
        registry.join(a, "feed:TECH");
        registry.join(a, "tee-time:tt-1");
        registry.join(b, "tee-time:tt-1");

        registry.unregister(a);

        assertEquals(Map.of("user:u-2", 1, "tee-time:tt-1", 1), registry.roomSizes());
        assertEquals(Set.of(), a.rooms());
        assertNull(registry.connection(a.id()));
        assertEquals(1, registry.connectionCount());
        assertEquals(1, registry.userCount());
    }

    @Test
    void unregisteringTwiceIsHarmless() {
        var a = connectionOf("u-1");
        registry.register(a);

        registry.unregister(a);
        registry.unregister(a);

        assertEquals(0, registry.connectionCount());
        assertEquals(0, registry.userCount());
        assertEquals(0, registry.roomCount());
    }

    @Test
    void twoTabsOfOneUserAreOneUser() {
        var tab1 = connectionOf("u-1");
        var tab2 = connectionOf("u-1");

        registry.register(tab1);
        registry.register(tab2);
        assertEquals(2, registry.connectionCount());
        assertEquals(1, registry.userCount());
        assertEquals(Set.of(tab1, tab2), registry.members("user:u-1"));

        registry.unregister(tab1);
        assertEquals(1, registry.userCount(), "the user is still here in the other tab");

        registry.unregister(tab2);
        assertEquals(0, registry.userCount());
    }

    @Test
    void concurrentJoinsAndLeavesLeaveConsistentCounts() throws Exception {
        int threads = 8;
        int rounds = 2_000;
        List<ClientConnection> connections = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            var c = connectionOf("u-" + i);
            registry.register(c);
            connections.add(c);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                var c = connections.get(t);
                done.add(pool.submit(() -> {
                    start.await();
                    for (int r = 0; r < rounds; r++) {
                        String room = "tee-time:tt-" + (r % 5);
                        registry.join(c, room);
                        registry.join(c, "feed:TECH");
                        registry.leave(c, room);
                        if (r % 2 == 0) {
                            registry.leave(c, "feed:TECH");
                        }
                    }
                    registry.join(c, "tee-time:tt-kept");
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(20, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        Map<String, Integer> sizes = registry.roomSizes();
        assertEquals(threads, sizes.get("feed:TECH"), "every connection ended in feed:TECH");
        assertEquals(threads, sizes.get("tee-time:tt-kept"));
        for (int i = 0; i < 5; i++) {
            assertNull(sizes.get("tee-time:tt-" + i), "left rooms are gone: " + sizes);
        }
        for (var c : connections) {
            assertEquals(Set.of("user:" + c.userId(), "feed:TECH", "tee-time:tt-kept"), c.rooms());
        }
        assertEquals(threads, registry.userCount());
    }

    @Test
    void concurrentTabsOpeningAndClosingKeepTheUserCountRight() throws Exception {
        int threads = 8;
        int rounds = 5_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                // two threads per user: their tabs come and go at the same time
                String user = "u-" + (t / 2);
                done.add(pool.submit(() -> {
                    start.await();
                    for (int r = 0; r < rounds; r++) {
                        var tab = connectionOf(user);
                        registry.register(tab);
                        registry.unregister(tab);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(20, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(0, registry.connectionCount());
        assertEquals(0, registry.roomCount());
        assertEquals(0, registry.userCount(), "no user is connected any more");
    }

    @Test
    void aSubscriptionThatArrivesAfterTheConnectionClosedLeavesNothingBehind() {
        ClientConnection c = connectionOf("late");
        registry.register(c);
        c.markClosed();
        registry.unregister(c);

        registry.join(c, "tee-time:late-subscribe");

        org.junit.jupiter.api.Assertions.assertFalse(registry.roomSizes().containsKey("tee-time:late-subscribe"));
        org.junit.jupiter.api.Assertions.assertEquals(0, registry.userCount());
    }
}
