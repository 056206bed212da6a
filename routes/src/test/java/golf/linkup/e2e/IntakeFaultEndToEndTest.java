package golf.linkup.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import golf.linkup.engine.auth.JwtIssuer;
import golf.linkup.engine.config.EngineSettings;
import golf.linkup.engine.gateway.history.RoomHistory;
import golf.linkup.engine.gateway.history.RoomMessage;
import golf.linkup.engine.gateway.history.StreamPosition;
import golf.linkup.engine.storage.Database;
import golf.linkup.notifications.email.CamelEmailSender;
import golf.linkup.notifications.email.SandboxMailServer;
import golf.linkup.redis.RedisConnections;
import golf.linkup.redis.RedisRoomHistory;
import golf.linkup.sandbox.EmbeddedRedis;
import golf.linkup.sandbox.SandboxData;
import golf.linkup.testing.PostgresProbe;
import golf.linkup.testing.TestDatabase;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.args.ClientType;
import redis.clients.jedis.params.ClientKillParams;
import redis.clients.jedis.params.XAddParams;

/**
 * The durable intake's promise, tested the way it fails in production: engine processes killed with
 * SIGKILL while a publisher keeps appending, two instances sharing one consumer group, and a database
 * shared by both (PostgreSQL when one answers at 127.0.0.1:5432, else H2 served over TCP by this
 * test). Afterwards every event's effects exist exactly once: each room's history holds each of its
 * events once, at contiguous offsets, in publish order; one in-app notification per cancelled tee
 * time and player; each e-mail the outbox sent arrived once; one dead letter per malformed event; and a
 * client that reconnects with its last position recovers what was appended while nobody listened.
 */
class IntakeFaultEndToEndTest {

    private static final String STREAM = "linkup:events:stream";
    private static final Duration SETTLE = Duration.ofSeconds(90);

    private EmbeddedRedis redis;
    private SandboxMailServer mail;
    private Server h2;
    private TestDatabase postgres;
    private Database database;
    private String dbUrl;
    private String dbUser;
    private final List<EngineProcess> engines = new ArrayList<>();
    private RedisConnections redisClients;
    private RoomHistory history;

    private Path redisDir;

    @BeforeEach
    void sharedParts() throws Exception {
        // with persistence (AOF), as production's Redis must run for the guarantee: one test restarts it
        redisDir = java.nio.file.Files.createTempDirectory("linkup-fault-redis");
        redis = EmbeddedRedis.startOn(EngineProcess.freePort(), redisDir);
        mail = new SandboxMailServer().start();
        // PostgreSQL when it answers (-Dlinkup.faults.db=h2 forces H2 over TCP, what runs where it does not)
        if (PostgresProbe.available() && !"h2".equals(System.getProperty("linkup.faults.db"))) {
            postgres = TestDatabase.postgres();
            database = postgres.database();
            dbUrl = postgres.url();
            dbUser = PostgresProbe.user();
        } else {
            h2 = Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
            dbUrl = "jdbc:h2:tcp://127.0.0.1:" + h2.getPort() + "/mem:faults;DB_CLOSE_DELAY=-1";
            dbUser = "sa";
            database = Database.open(dbUrl, dbUser, "", 4, null);
        }
        SandboxData.load(database.dataSource(), Path.of("../sample-data"), Clock.systemUTC());
        redisClients = new RedisConnections(redis.uri());
        history = new RedisRoomHistory(redisClients.template(), Clock.systemUTC(), 5_000, Duration.ofMinutes(10));
    }

    @AfterEach
    void stopAll() throws Exception {
        for (EngineProcess e : engines) {
            e.close();
        }
        redisClients.close();
        if (postgres != null) {
            postgres.close();
        } else {
            database.close();
            h2.stop();
        }
        mail.close();
        redis.close();
        try (var files = java.nio.file.Files.walk(redisDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    private EngineProcess engine(String name, String claimIdle) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("LINKUP_PROFILE", "sandbox");
        env.put("LINKUP_REDIS_URL", redis.uri().toString());
        env.put("LINKUP_DB_URL", dbUrl);
        env.put("LINKUP_DB_USER", dbUser);
        env.put("LINKUP_DB_POOL_SIZE", "4");
        env.put("LINKUP_SAMPLE_DATA_LOAD", "false");
        env.put("LINKUP_TEMPLATES_DIR", Path.of("../templates").toAbsolutePath().toString());
        env.put("LINKUP_SMTP_URL", "smtp://127.0.0.1:" + mail.smtpPort());
        env.put("LINKUP_PUSH_VAPID_KEYS_FILE", Path.of("target", "vapid-keys.json").toAbsolutePath().toString());
        env.put("LINKUP_DEMO_ENABLED", "false");
        env.put("LINKUP_GATEWAY_HISTORY_SIZE", "5000");
        env.put("LINKUP_GATEWAY_HISTORY_TTL", "10m");
        env.put("LINKUP_EVENTS_CLAIM_IDLE", claimIdle);
        // outbox rows a killed instance had claimed are taken over this soon (production: 2 minutes)
        env.put("LINKUP_NOTIFICATIONS_CLAIM_LEASE", "5s");
        env.put("LINKUP_JWT_SECRET", EngineSettings.SANDBOX_JWT_SECRET);
        EngineProcess engine = new EngineProcess(name, env);
        engines.add(engine);
        return engine;
    }

    @Test
    void everyEventAppendedWhileBothInstancesWereKilledHasItsEffectsExactlyOnce() throws Exception {
        EngineProcess a = engine("fault-a", "5s").start();
        EngineProcess b = engine("fault-b", "5s").start();
        Workload work = new Workload(teeTimes(), 2_000);

        AtomicInteger published = new AtomicInteger();
        ScheduledExecutorService publisher = Executors.newSingleThreadScheduledExecutor();
        try (Jedis jedis = new Jedis(redis.uri().getHost(), redis.uri().getPort())) {
            // ~200 events/s: 10 every 50 ms
            publisher.scheduleAtFixedRate(() -> {
                for (int k = 0; k < 10 && published.get() < work.events.size(); k++) {
                    jedis.xadd(STREAM, XAddParams.xAddParams(), Map.of("event", work.events.get(published.getAndIncrement())));
                }
            }, 0, 50, TimeUnit.MILLISECONDS);

            await().atMost(Duration.ofSeconds(30)).until(() -> published.get() >= 500);
            // a client's last position in one room, as a client holds it when its connection drops
            StreamPosition before = history.position("tee-time:" + work.watchedTeeTime);
            a.kill();
            b.kill();
            long killedAt = System.nanoTime();
            int atKill = published.get();

            // both down for 20 s while the publisher goes on appending
            await().pollDelay(Duration.ofSeconds(20)).atMost(Duration.ofSeconds(25)).until(() -> true);
            int whileDown = published.get() - atKill;
            a.start();
            b.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> published.get() >= work.events.size());
            publisher.shutdown();

            awaitGroupFinished();
            awaitRoomsComplete(work);
            assertThat(whileDown).as("events appended while no instance ran").isGreaterThan(1_000);
            assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).isGreaterThan(Duration.ofSeconds(20));

            assertExactlyOnceEffects(work);
            report("both instances SIGKILLed for 20 s; " + whileDown + " appended meanwhile", work, published.get(), 0);

            // a player who was watching reconnects with the position they had: everything since, once
            String room = "tee-time:" + work.watchedTeeTime;
            String token = new JwtIssuer(EngineSettings.SANDBOX_JWT_SECRET, Clock.systemUTC())
                    .issue("user-0001", Duration.ofHours(1));
            try (WsTestClient client = WsTestClient.connect(b.port(), token)) {
                client.awaitType("connected");
                JsonNode answer = client.subscribeTeeTime(work.watchedTeeTime, "{\"" + room + "\":{\"offset\":"
                        + before.offset() + ",\"epoch\":\"" + before.epoch() + "\"}}");
                assertThat(answer.path("data").path("recovered").path(room).asBoolean()).isTrue();
                List<String> expected = work.expectedIds(room);
                List<String> missed = expected.subList((int) before.offset(), expected.size());
                await().atMost(Duration.ofSeconds(10)).until(() -> roomIds(client, room).size() >= missed.size());
                assertThat(roomIds(client, room)).containsExactlyElementsOf(missed);
            }
        } finally {
            publisher.shutdownNow();
        }
    }

    @Test
    void entriesAKilledInstanceHeldAreTakenOverByTheOtherExactlyOnce() throws Exception {
        EngineProcess a = engine("hold-a", "2s").start();
        EngineProcess b = engine("hold-b", "2s").start();
        Workload work = new Workload(teeTimes(), 600);
        try (Jedis jedis = new Jedis(redis.uri().getHost(), redis.uri().getPort())) {
            var pipeline = jedis.pipelined();
            work.events.forEach(e -> pipeline.xadd(STREAM, XAddParams.xAddParams(), Map.of("event", e)));
            pipeline.sync();
            // kill A the moment it holds delivered, unacknowledged entries of the group
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(2)).until(() -> {
                boolean holding = jedis.xpending(STREAM, "linkup-engine").getConsumerMessageCount()
                        .getOrDefault("hold-a", 0L) > 0;
                if (holding) {
                    a.kill();
                }
                return holding;
            });
            long heldByA = jedis.xpending(STREAM, "linkup-engine").getConsumerMessageCount().getOrDefault("hold-a", 0L);
            assertThat(heldByA).as("entries the killed instance held").isPositive();

            awaitGroupFinished();
            awaitRoomsComplete(work);
            assertThat(jedis.xpending(STREAM, "linkup-engine").getTotal()).isZero();
            assertExactlyOnceEffects(work);
            report("one of two SIGKILLed holding " + heldByA + " entries", work, work.events.size(), 0);
        }
    }

    @Test
    void killedRedisConnectionsAndAStalledRedisLoseNothingAndHealthRecovers() throws Exception {
        EngineProcess a = engine("cut-a", "3s").start();
        Workload work = new Workload(teeTimes(), 1_200);
        try (Publisher publisher = new Publisher(work.events)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> publisher.published() >= 300);
            // every connection but the publisher's: the engine's stream readers, its pool, its subscriptions
            publisher.redis(jedis -> {
                jedis.clientKill(new ClientKillParams().type(ClientType.NORMAL).skipMe(ClientKillParams.SkipMe.YES));
                jedis.clientKill(new ClientKillParams().type(ClientType.PUBSUB));
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> publisher.published() >= 600);
            // Redis answers nobody for 8 s: the readers stall, /health goes red, then green again
            publisher.redis(jedis -> jedis.clientPause(8_000));
            await("/health red while Redis stalls").atMost(Duration.ofSeconds(8)).pollInterval(Duration.ofMillis(200))
                    .until(() -> health(a) == 503);
            await("/health green again").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> health(a) == 200);
            await().atMost(Duration.ofSeconds(60)).until(publisher::done);
            awaitGroupFinished();
            awaitRoomsComplete(work);
            assertExactlyOnceEffects(work);
            report("connections killed and Redis paused 8 s", work, publisher.published(), publisher.retries());
        }
    }

    @Test
    void aRedisRestartWithAppendOnlyPersistenceMidStreamLosesNothing() throws Exception {
        EngineProcess a = engine("restart-a", "3s").start();
        EngineProcess b = engine("restart-b", "3s").start();
        Workload work = new Workload(teeTimes(), 1_200);
        try (Publisher publisher = new Publisher(work.events)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> publisher.published() >= 500);
            int port = redis.port();
            redis.close(); // SIGTERM: Redis writes its append-only file and exits
            int atStop = publisher.published();
            redis = EmbeddedRedis.startOn(port, redisDir);
            await().atMost(Duration.ofSeconds(60)).until(publisher::done);
            assertThat(publisher.published()).isGreaterThan(atStop);
            await("both instances ready again").atMost(Duration.ofSeconds(30)).until(() -> a.ready() && b.ready());
            awaitGroupFinished();
            awaitRoomsComplete(work);
            assertExactlyOnceEffects(work);
            report("Redis restarted (AOF) mid-stream", work, publisher.published(), publisher.retries());
        }
    }

    private static int health(EngineProcess engine) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + engine.port() + "/health")).timeout(Duration.ofSeconds(3))
                .build(), java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The figures of a run, for the log (docs/architecture.md quotes them). */
    private void report(String scenario, Workload work, int published, int retries) {
        System.out.printf("intake fault test [%s]: %d events appended (%d malformed, %d cancellations), %d publisher"
                + " retries; %s; %d dead letters; %d rooms complete, 0 lost, 0 duplicates%n", scenario, published,
                work.malformed.size(), work.cancellations.size(), retries, mailFigures, work.malformed.size(),
                work.rooms().size());
    }

    private String mailFigures = "";

    /**
     * Appends the workload at about 200 events a second on a thread of its own, as an API server
     * would: an append that fails (Redis restarting) is retried until Redis takes it.
     */
    private final class Publisher implements AutoCloseable {
        private final List<String> events;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger retries = new AtomicInteger();
        private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor();
        private Jedis jedis;

        Publisher(List<String> events) {
            this.events = events;
            thread.scheduleAtFixedRate(this::tick, 0, 50, TimeUnit.MILLISECONDS);
        }

        private synchronized void tick() {
            for (int k = 0; k < 10 && next.get() < events.size(); k++) {
                try {
                    if (jedis == null) {
                        jedis = new Jedis(redis.uri().getHost(), redis.uri().getPort());
                    }
                    jedis.xadd(STREAM, XAddParams.xAddParams(), Map.of("event", events.get(next.get())));
                    next.incrementAndGet();
                } catch (RuntimeException e) {
                    retries.incrementAndGet();
                    if (jedis != null) {
                        jedis.close();
                    }
                    jedis = null;
                    return; // next tick tries again
                }
            }
        }

        /** Runs a command on the publisher's own connection (a CLIENT KILL with SKIPME spares it). */
        synchronized void redis(java.util.function.Consumer<Jedis> command) {
            if (jedis == null) {
                jedis = new Jedis(redis.uri().getHost(), redis.uri().getPort());
            }
            command.accept(jedis);
        }

        int published() {
            return next.get();
        }

        int retries() {
            return retries.get();
        }

        boolean done() {
            return next.get() >= events.size();
        }

        @Override
        public synchronized void close() {
            thread.shutdownNow();
            if (jedis != null) {
                jedis.close();
            }
        }
    }

    // ---- what the instances must have done --------------------------------------------------------

    private void awaitGroupFinished() {
        try (Jedis jedis = new Jedis(redis.uri().getHost(), redis.uri().getPort())) {
            await("the consumer group read and acknowledged every entry").atMost(SETTLE)
                    .pollInterval(Duration.ofMillis(250)).until(() -> {
                        var group = jedis.xinfoGroups(STREAM).get(0);
                        String newest = jedis.xrevrange(STREAM, "+", "-", 1).get(0).getID().toString();
                        return group.getPending() == 0 && newest.equals(group.getLastDeliveredId().toString());
                    });
        }
    }

    private void awaitRoomsComplete(Workload work) {
        await("every room's history holds its events").atMost(SETTLE).pollInterval(Duration.ofMillis(250))
                .ignoreExceptions().until(() -> work.rooms().stream().allMatch(room -> historyIds(room).size() >= work.expectedIds(room).size()));
    }

    private void assertExactlyOnceEffects(Workload work) throws Exception {
        // room history: each room's events once, in publish order, at offsets 1..n
        for (String room : work.rooms()) {
            List<RoomMessage> messages = historyOf(room);
            assertThat(messages).extracting(m -> eventIdOf(m.id())).as(room).containsExactlyElementsOf(work.expectedIds(room));
            for (int i = 0; i < messages.size(); i++) {
                assertThat(messages.get(i).offset()).as(room + " offset of message " + i).isEqualTo(i + 1);
            }
        }
        DataSource ds = database.dataSource();
        // one in-app notification per cancelled tee time and player (the host cancelled: not told)
        await("in-app notifications of every cancellation").atMost(SETTLE).until(() ->
                count(ds, "select count(*) from notification_queue where notification_type = 'tee_time_cancelled'"
                        + " and channel = 'in_app'") >= work.expectedCancellationNotices(ds));
        for (var cancel : work.cancellations.entrySet()) {
            Set<String> recipients = new TreeSet<>(strings(ds, "select user_id from notification_queue where channel ="
                    + " 'in_app' and idempotency_key like ?", "tee_time_cancelled:" + cancel.getKey() + ":%"));
            assertThat(recipients).as("told of " + cancel.getValue()).isEqualTo(new TreeSet<>(playersOf(ds, cancel.getValue())));
        }
        assertThat(count(ds, "select count(*) from (select idempotency_key from notification_queue group by"
                + " idempotency_key having count(*) > 1) d")).isZero();
        // every e-mail the outbox sent arrived once
        await("e-mails delivered").atMost(SETTLE).until(() -> count(ds, "select count(*) from notification_queue where"
                + " channel = 'email' and status = 'pending' and scheduled_for <= current_timestamp") == 0);
        long sent = count(ds, "select count(*) from notification_queue where channel = 'email' and status = 'sent'");
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() -> assertThat(receivedKeys())
                .as("e-mails marked sent that arrived").containsAll(strings(ds, "select idempotency_key from"
                        + " notification_queue where channel = 'email' and status = 'sent'")));
        mailFigures = sent + " e-mails sent and received once";
        Map<String, Integer> byKey = new LinkedHashMap<>();
        for (MimeMessage m : mail.receivedMessages()) {
            byKey.merge(m.getHeader(CamelEmailSender.IDEMPOTENCY_HEADER)[0], 1, Integer::sum);
        }
        // never twice; every e-mail marked sent arrived; an e-mail whose sender was killed between
        // handing it to SMTP and recording it may have arrived: its row is failed as "outcome
        // unknown", never sent again
        assertThat(byKey.values()).as("e-mails per idempotency key").allMatch(n -> n == 1);
        assertThat(byKey.keySet()).containsAll(strings(ds, "select idempotency_key from notification_queue where"
                + " channel = 'email' and status = 'sent'"));
        assertThat(strings(ds, "select idempotency_key from notification_queue where channel = 'email'"))
                .containsAll(byKey.keySet());
        long unknown = count(ds, "select count(*) from notification_queue where channel = 'email' and status ="
                + " 'failed' and error_message like '%outcome is unknown%'");
        assertThat((long) byKey.size()).isBetween(sent, sent + unknown);
        // one dead letter per malformed event, keeping its payload
        List<String> deadPayloads = strings(ds, "select payload from dead_letters where intake_key like 'group:%'");
        assertThat(deadPayloads).containsExactlyInAnyOrderElementsOf(work.malformed);
        assertThat(count(ds, "select count(*) from dead_letters")).isEqualTo(work.malformed.size());
    }

    private List<String> receivedKeys() throws Exception {
        List<String> keys = new ArrayList<>();
        for (MimeMessage m : mail.receivedMessages()) {
            keys.add(m.getHeader(CamelEmailSender.IDEMPOTENCY_HEADER)[0]);
        }
        return keys;
    }

    private List<RoomMessage> historyOf(String room) {
        StreamPosition now = history.position(room);
        return history.since(room, new StreamPosition(0, now.epoch())).messages();
    }

    private List<String> historyIds(String room) {
        return historyOf(room).stream().map(m -> eventIdOf(m.id())).toList();
    }

    private static String eventIdOf(String messageId) {
        int slash = messageId.indexOf('/');
        return slash < 0 ? messageId : messageId.substring(0, slash);
    }

    private static List<String> roomIds(WsTestClient client, String room) {
        return client.received().stream().filter(m -> room.equals(m.path("room").asText()))
                .map(m -> eventIdOf(m.path("id").asText())).distinct().toList();
    }

    private Map<String, String> teeTimes() throws Exception {
        Map<String, String> hosts = new LinkedHashMap<>();
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("select id, host_id from tee_times order by id");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                hosts.put(rs.getString(1), rs.getString(2));
            }
        }
        return hosts;
    }

    private static List<String> playersOf(DataSource ds, String teeTimeId) throws Exception {
        return strings(ds, "select s.user_id from tee_time_slots s join tee_times t on t.id = s.tee_time_id"
                + " where s.tee_time_id = ? and s.user_id <> t.host_id", teeTimeId);
    }

    private static long count(DataSource ds, String sql) throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<String> strings(DataSource ds, String sql, Object... args) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /**
     * A publisher's day, made from the sample data: chat in 20 tee times, note-only updates of 20
     * others, cancellations of up to 60 more, and 2% malformed events (not JSON, a missing field, an
     * unknown type). Knows which room each valid event must reach.
     */
    static final class Workload {
        final List<String> events = new ArrayList<>();
        final List<String> malformed = new ArrayList<>();
        /** Event id → cancelled tee time. */
        final Map<String, String> cancellations = new LinkedHashMap<>();
        private final Map<String, List<String>> roomEvents = new LinkedHashMap<>();
        final String watchedTeeTime;

        Workload(Map<String, String> hosts, int count) {
            List<String> ids = new ArrayList<>(hosts.keySet());
            List<String> chats = ids.subList(0, 20);
            List<String> updated = ids.subList(20, 40);
            List<String> toCancel = new ArrayList<>(ids.subList(100, 160));
            watchedTeeTime = updated.get(0);
            String run = Long.toString(System.nanoTime(), 36);
            for (int i = 0; i < count; i++) {
                String id = "fault-" + run + "-" + i;
                String at = Instant.now().toString();
                if (i % 50 == 7) {
                    String bad = switch ((i / 50) % 3) {
                        case 0 -> "{not json " + id;
                        case 1 -> "{\"id\":\"" + id + "\",\"type\":\"slot.joined\",\"occurredAt\":\"" + at
                                + "\",\"data\":{\"slotNumber\":2}}";
                        default -> "{\"id\":\"" + id + "\",\"type\":\"tee-time.exploded\",\"occurredAt\":\"" + at
                                + "\",\"data\":{\"teeTimeId\":\"" + chats.get(0) + "\"}}";
                    };
                    malformed.add(bad);
                    events.add(bad);
                } else if (i % 33 == 0 && !toCancel.isEmpty()) {
                    String tt = toCancel.remove(0);
                    cancellations.put(id, tt);
                    events.add("{\"id\":\"" + id + "\",\"type\":\"tee-time.cancelled\",\"occurredAt\":\"" + at
                            + "\",\"data\":{\"teeTimeId\":\"" + tt + "\",\"reason\":\"course closed (" + i + ")\"}}");
                    roomEvents.computeIfAbsent("tee-time:" + tt, r -> new ArrayList<>()).add(id);
                } else if (i % 2 == 0) {
                    String tt = chats.get(i % chats.size());
                    events.add("{\"id\":\"" + id + "\",\"type\":\"message.sent\",\"occurredAt\":\"" + at
                            + "\",\"data\":{\"teeTimeId\":\"" + tt + "\",\"message\":{\"id\":\"m-" + id
                            + "\",\"senderId\":\"" + hosts.get(tt) + "\",\"body\":\"message " + i + "\",\"sentAt\":\""
                            + at + "\"}}}");
                    roomEvents.computeIfAbsent("chat:" + tt, r -> new ArrayList<>()).add(id);
                } else {
                    String tt = updated.get(i % updated.size());
                    events.add("{\"id\":\"" + id + "\",\"type\":\"tee-time.updated\",\"occurredAt\":\"" + at
                            + "\",\"data\":{\"teeTimeId\":\"" + tt + "\",\"changes\":{\"note\":\"note " + i + "\"}}}");
                    roomEvents.computeIfAbsent("tee-time:" + tt, r -> new ArrayList<>()).add(id);
                }
            }
        }

        Set<String> rooms() {
            return roomEvents.keySet();
        }

        List<String> expectedIds(String room) {
            return roomEvents.getOrDefault(room, List.of());
        }

        long expectedCancellationNotices(DataSource ds) throws Exception {
            long n = 0;
            for (String tt : cancellations.values()) {
                n += playersOf(ds, tt).size();
            }
            return n;
        }
    }
}
