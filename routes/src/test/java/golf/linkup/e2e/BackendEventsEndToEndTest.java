package golf.linkup.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.resps.StreamEntry;

/**
 * The backend events stream as an API server reads it, with two engine instances on one Redis and
 * one database: a user's connection, disconnection and presence changes appear once for the cluster
 * whichever instances hold their connections, and a reconnect storm within the disconnect grace
 * adds a bounded number of entries.
 */
class BackendEventsEndToEndTest {

    private static final Logger LOG = LoggerFactory.getLogger(BackendEventsEndToEndTest.class);
    static final String STREAM = "linkup:backend:test-" + UUID.randomUUID();
    static EngineInstance a;
    static EngineInstance b;
    static Jedis redis;

    @BeforeAll
    static void startTwoEngines() throws Exception {
        Map<String, String> common = EngineInstance.defaults(SharedRedis.uri());
        common.put("linkup.db.url", "jdbc:h2:mem:backend-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        common.put("linkup.backend-events.stream", STREAM);
        common.put("linkup.gateway.presence.disconnect-grace", "5s"); // the production default
        Map<String, String> first = new HashMap<>(common);
        first.put("linkup.instance-id", "backend-a-" + UUID.randomUUID().toString().substring(0, 6));
        Map<String, String> second = new HashMap<>(common);
        second.put("linkup.instance-id", "backend-b-" + UUID.randomUUID().toString().substring(0, 6));
        a = EngineInstance.start(first);
        b = EngineInstance.start(second);
        redis = new Jedis(SharedRedis.uri());
    }

    @AfterAll
    static void stop() throws Exception {
        redis.del(STREAM);
        redis.close();
        a.close();
        b.close();
    }

    @Test
    void aUserWithTabsOnBothInstancesIsConnectedOnceAndDisconnectedOnceWithReasonAndDuration() {
        String user = "tabs-" + UUID.randomUUID().toString().substring(0, 6);
        try (WsTestClient onA = a.connect(user); WsTestClient onB = b.connect(user)) {
            onA.awaitType("connected");
            onB.awaitType("connected");
            await().atMost(Duration.ofSeconds(10)).until(() -> !of(user, "presence.changed").isEmpty());
        }
        // both tabs closed: after the grace, one disconnection (each instance reconciles; one appends)
        await().atMost(Duration.ofSeconds(15)).until(() -> !of(user, "user.disconnected").isEmpty());
        await().atMost(Duration.ofSeconds(10)).until(() -> of(user, "presence.changed").size() >= 2);

        assertThat(of(user, "user.connected")).hasSize(1);
        List<Map<String, String>> disconnected = of(user, "user.disconnected");
        assertThat(disconnected).hasSize(1);
        assertThat(disconnected.get(0)).containsEntry("reason", "closed").containsKey("durationMs")
                .containsKey("connectedAtMs").containsKey("at");
        assertThat(Long.parseLong(disconnected.get(0).get("durationMs"))).isNotNegative();
        assertThat(of(user, "presence.changed")).extracting(e -> e.get("status"))
                .as("online once, then away (with lastSeen) once").containsExactly("online", "away");
        assertThat(of(user, "presence.changed").get(1)).containsKey("lastSeen");
        assertThat(types(user)).as("in order").containsExactly("user.connected", "presence.changed",
                "user.disconnected", "presence.changed");
    }

    @Test
    void aStormOfAThousandReconnectsWithinTheGraceAddsABoundedNumberOfEntries() throws Exception {
        int users = 20;
        int reconnectsEach = 50;
        String prefix = "storm-" + UUID.randomUUID().toString().substring(0, 6) + "-";
        List<WsTestClient> first = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            first.add((i % 2 == 0 ? a : b).connect(prefix + i));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> count(prefix, "user.connected") == users
                && all(prefix).stream().filter(e -> "online".equals(e.get("status"))).count() == users);
        long before = all(prefix).size();

        // every user drops and comes back 50 times, alternating instances: 1,000 reconnects
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(users);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            int u = i;
            done.add(pool.submit(() -> {
                WsTestClient current = first.get(u);
                for (int r = 1; r <= reconnectsEach; r++) {
                    current.close();
                    current = ((u + r) % 2 == 0 ? a : b).connect(prefix + u);
                    current.awaitType("connected");
                }
                return current;
            }));
        }
        List<WsTestClient> last = new ArrayList<>();
        for (Future<?> f : done) {
            last.add((WsTestClient) f.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - started) / 1e9;
        // a marker user on each instance, closed after the storm: once both markers' disconnections
        // are in the stream, each instance's presence thread has reconciled every storm disconnection
        // (scheduled earlier, after the same grace, on that one thread)
        String marker = "marker-" + prefix;
        for (EngineInstance instance : List.of(a, b)) {
            String who = marker + (instance == a ? "a" : "b");
            try (WsTestClient m = instance.connect(who)) {
                m.awaitType("connected");
                await().atMost(Duration.ofSeconds(30)).until(() -> !of(who, "user.connected").isEmpty());
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> !of(marker + "a", "user.disconnected").isEmpty()
                && !of(marker + "b", "user.disconnected").isEmpty());
        List<Map<String, String>> stormEntries = all(prefix).subList((int) before, all(prefix).size());
        Map<String, Long> byType = new java.util.TreeMap<>();
        stormEntries.forEach(e -> byType.merge(e.get("type") + " " + e.getOrDefault("status", "")
                + e.getOrDefault("reason", ""), 1L, Long::sum));
        LOG.info("reconnect storm: {} reconnects in {} s gave {} backend entries {} ({} before the storm for {} users)",
                users * reconnectsEach, String.format("%.1f", seconds), stormEntries.size(), byType, before, users);
        // the rate is what this machine's clients manage (10 s for 1,000 when it is quiet); the bound
        // below holds whatever the rate, as long as each user is back within the grace
        assertThat(stormEntries.size()).as("bounded: at most one entry per user").isLessThanOrEqualTo(users);
        assertThat(stormEntries).noneMatch(e -> e.get("type").equals("user.disconnected"));
        last.forEach(WsTestClient::close);
    }

    // ------------------------------------------------------------------ reading the stream as the API server does

    static List<Map<String, String>> all(String userPrefix) {
        List<Map<String, String>> out = new ArrayList<>();
        for (StreamEntry e : redis.xrange(STREAM, (StreamEntryID) null, (StreamEntryID) null)) {
            if (e.getFields().getOrDefault("userId", "").startsWith(userPrefix)) {
                out.add(e.getFields());
            }
        }
        return out;
    }

    static List<Map<String, String>> of(String user, String type) {
        return all(user).stream().filter(e -> e.get("userId").equals(user) && e.get("type").equals(type)).toList();
    }

    static List<String> types(String user) {
        return all(user).stream().filter(e -> e.get("userId").equals(user)).map(e -> e.get("type")).toList();
    }

    static long count(String prefix, String type) {
        return all(prefix).stream().filter(e -> e.get("type").equals(type)).count();
    }
}
