package golf.linkup.e2e;

import static golf.linkup.e2e.EventPublisher.teeTimeUpdated;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A reconnect storm, end to end with real sockets: 500 players drop at once, miss two messages of
 * their tee time, and reconnect at the same moment with their last position. Every one recovers
 * ({@code recovered: true}, exactly the two messages, in order), and the hosts watching them (who
 * stayed connected) see no presence change at all for players back within the disconnect grace
 * period, while a player who stays away is announced away after it.
 */
class ReconnectStormEndToEndTest {

    static final int TEE_TIMES = 125;
    static final int PLAYERS_PER_TEE_TIME = 4;
    /** Long enough for 500 reconnects on a busy 2-core machine; the test checks each player was back within it. */
    static final Duration GRACE = Duration.ofSeconds(20);
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ReconnectStormEndToEndTest.class);
    static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    static EngineInstance engine;
    static EventPublisher events;
    static ExecutorService clients;

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> settings = EngineInstance.defaults(SharedRedis.uri());
        settings.put("linkup.gateway.presence.disconnect-grace", GRACE.toMillis() + "ms");
        settings.put("linkup.gateway.presence.batch-window", "50ms");
        settings.put("linkup.gateway.admission.connections-per-second", "100000");
        settings.put("linkup.gateway.admission.burst", "100000");
        engine = EngineInstance.start(settings);
        events = new EventPublisher(SharedRedis.uri());
        clients = Executors.newFixedThreadPool(32);
        Fixtures fixtures = new Fixtures(engine.engine().database().dataSource())
                .course("c-storm", "Storm Links", "Austin", 30.27, -97.74, "America/Chicago");
        for (int t = 0; t < TEE_TIMES; t++) {
            fixtures.user(host(t), "Host " + t, "Acme", "TECH");
            String[] players = new String[PLAYERS_PER_TEE_TIME + (t == 0 ? 1 : 0)];
            for (int p = 0; p < PLAYERS_PER_TEE_TIME; p++) {
                players[p] = player(t, p);
                fixtures.user(players[p], "Player " + t + "-" + p, "Acme", "TECH");
            }
            if (t == 0) {
                players[PLAYERS_PER_TEE_TIME] = leaver();
                fixtures.user(leaver(), "Leaver", "Acme", "TECH");
            }
            fixtures.teeTime(teeTime(t), host(t), "c-storm", Instant.parse("2026-12-05T15:00:00Z"), "TECH", false,
                    players.length + 1, players);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        clients.shutdownNow();
        events.close();
        engine.close();
    }

    static String teeTime(int t) {
        return "tt-storm-" + RUN + "-" + t;
    }

    static String host(int t) {
        return "storm-host-" + RUN + "-" + t;
    }

    static String player(int t, int p) {
        return "storm-player-" + RUN + "-" + t + "-" + p;
    }

    static String leaver() {
        return "storm-leaver-" + RUN;
    }

    /** A player's client and its last position in its tee time's room. */
    static final class Player {
        final int teeTime;
        final String userId;
        WsTestClient client;
        JsonNode last;
        long droppedAt;
        long backAt;

        Player(int teeTime, String userId) {
            this.teeTime = teeTime;
            this.userId = userId;
        }

        String room() {
            return "tee-time:" + ReconnectStormEndToEndTest.teeTime(teeTime);
        }
    }

    /** Runs {@code work} for every item on the client threads, all at once; waits for all. */
    static <T, R> List<R> all(List<T> items, Function<T, R> work) throws Exception {
        List<Future<R>> futures = new ArrayList<>();
        for (T item : items) {
            futures.add(clients.submit(() -> work.apply(item)));
        }
        List<R> out = new ArrayList<>();
        for (Future<R> f : futures) {
            out.add(f.get());
        }
        return out;
    }

    static boolean isNote(JsonNode m, String room, String note) {
        return m.path("type").asText().equals("feed:tee-time-updated") && m.path("room").asText().equals(room)
                && m.path("data").path("changes").path("note").asText().equals(note);
    }

    /** The presence updates (not snapshots) {@code client} received that mention {@code userId}. */
    static List<JsonNode> presenceUpdatesAbout(WsTestClient client, String userId, int from) {
        List<JsonNode> received = client.received();
        return received.subList(from, received.size()).stream()
                .filter(m -> m.path("type").asText().equals("presence") && !m.path("data").path("snapshot").asBoolean())
                .flatMap(m -> {
                    List<JsonNode> users = new ArrayList<>();
                    m.path("data").path("users").forEach(users::add);
                    return users.stream();
                })
                .filter(u -> u.path("userId").asText().equals(userId)).toList();
    }

    static String lastStatus(WsTestClient client, String userId) {
        String status = "";
        for (JsonNode m : client.received()) {
            if (m.path("type").asText().equals("presence")) {
                for (JsonNode u : m.path("data").path("users")) {
                    if (u.path("userId").asText().equals(userId)) {
                        status = u.path("status").asText();
                    }
                }
            }
        }
        return status;
    }

    @Test
    void fiveHundredPlayersReconnectAtOnceRecoverWhatTheyMissedAndNobodySeesThemLeave() throws Exception {
        List<Integer> teeTimes = new ArrayList<>();
        List<Player> players = new ArrayList<>();
        for (int t = 0; t < TEE_TIMES; t++) {
            teeTimes.add(t);
            for (int p = 0; p < PLAYERS_PER_TEE_TIME; p++) {
                players.add(new Player(t, player(t, p)));
            }
        }
        List<WsTestClient> hosts = all(teeTimes, t -> {
            WsTestClient host = engine.connect(host(t));
            host.subscribeTeeTime(teeTime(t));
            return host;
        });
        WsTestClient leaver = engine.connect(leaver());
        leaver.subscribeTeeTime(teeTime(0));
        all(players, p -> {
            p.client = engine.connect(p.userId);
            p.client.subscribeTeeTime(teeTime(p.teeTime));
            return p;
        });
        for (int t = 0; t < TEE_TIMES; t++) {
            events.publish(teeTimeUpdated(teeTime(t), null, "{\"note\":\"before\"}"));
        }
        // a busy machine may take longer than one client's await (10 s) for 125 events to 625 clients
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> players.stream()
                .allMatch(p -> p.client.received().stream().anyMatch(m -> isNote(m, p.room(), "before"))));
        all(players, p -> p.last = p.client.await("the message before the storm", m -> isNote(m, p.room(), "before")));
        // every host has seen its players come online: that is the status they must keep
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> players.stream()
                .allMatch(p -> lastStatus(hosts.get(p.teeTime), p.userId).equals("online")));
        List<Integer> seenBefore = hosts.stream().map(h -> h.received().size()).toList();

        // the storm: everyone drops, two messages per tee time go out meanwhile, everyone comes back
        long stormStarted = System.nanoTime();
        leaver.close();
        all(players, p -> {
            p.client.close();
            p.droppedAt = System.nanoTime();
            return p;
        });
        for (String note : List.of("missed 1", "missed 2")) {
            for (int t = 0; t < TEE_TIMES; t++) {
                events.publish(teeTimeUpdated(teeTime(t), null, "{\"note\":\"" + note + "\"}"));
            }
        }
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> teeTimes.stream().allMatch(t -> hosts.get(t)
                .received().stream().anyMatch(m -> isNote(m, "tee-time:" + teeTime(t), "missed 2"))));
        long reconnecting = System.nanoTime();
        Map<String, JsonNode> answers = new ConcurrentHashMap<>();
        all(players, p -> {
            p.client = engine.connect(p.userId);
            answers.put(p.userId, p.client.subscribeTeeTime(teeTime(p.teeTime), "{\"" + p.room() + "\":{\"offset\":"
                    + p.last.path("offset").asLong() + ",\"epoch\":\"" + p.last.path("epoch").asText() + "\"}}"));
            p.backAt = System.nanoTime();
            return p;
        });
        long longestAway = players.stream().mapToLong(p -> p.backAt - p.droppedAt).max().orElseThrow();
        LOG.info("reconnect storm: {} players dropped in {} ms, reconnected and subscribed with since in {} ms;"
                + " longest away {} ms", players.size(), (reconnecting - stormStarted) / 1_000_000,
                (System.nanoTime() - reconnecting) / 1_000_000, longestAway / 1_000_000);
        assertThat(Duration.ofNanos(longestAway)).as("the premise: every player was back within the grace period")
                .isLessThan(GRACE);

        assertThat(answers.values()).hasSize(players.size())
                .allSatisfy(a -> assertThat(a.path("data").path("recovered").elements().next().asBoolean())
                        .as("recovered: %s", a).isTrue());
        all(players, p -> p.client.await("the second missed message, recovered", m -> isNote(m, p.room(), "missed 2")));
        assertThat(players).allSatisfy(p -> assertThat(p.client.received().stream()
                .filter(m -> m.path("type").asText().equals("feed:tee-time-updated"))
                .map(m -> m.path("data").path("changes").path("note").asText() + "@" + m.path("offset").asLong()))
                .as("exactly what %s missed, in order", p.userId)
                .containsExactly("missed 1@" + (p.last.path("offset").asLong() + 1),
                        "missed 2@" + (p.last.path("offset").asLong() + 2)));

        // once the grace period is over for everyone who dropped, the one who stayed away is announced...
        Awaitility.await().atMost(GRACE.plusSeconds(20)).until(() -> presenceUpdatesAbout(hosts.get(0), leaver(),
                seenBefore.get(0)).stream().anyMatch(u -> u.path("status").asText().equals("away") && u.has("lastSeen")));
        // ...and nobody saw any change for the players who came back in time
        for (Player p : players) {
            assertThat(presenceUpdatesAbout(hosts.get(p.teeTime), p.userId, seenBefore.get(p.teeTime)))
                    .as("presence updates the host saw about %s after the storm", p.userId).isEmpty();
        }
        all(players, p -> {
            p.client.close();
            return p;
        });
        hosts.forEach(WsTestClient::close);
    }
}
