package golf.linkup.bench.notifications;

import com.sun.management.OperatingSystemMXBean;
import golf.linkup.engine.domain.GeoPoint;
import golf.linkup.engine.domain.Industry;
import golf.linkup.engine.domain.SkillLevel;
import golf.linkup.engine.domain.User;
import golf.linkup.engine.gateway.fanout.FanoutPublisher;
import golf.linkup.engine.metrics.EngineMetrics;
import golf.linkup.engine.notifications.Channel;
import golf.linkup.engine.notifications.ChannelSender;
import golf.linkup.engine.notifications.Delivery;
import golf.linkup.engine.notifications.DeliveryOutcome;
import golf.linkup.engine.notifications.NotificationType;
import golf.linkup.engine.notifications.Priority;
import golf.linkup.engine.notifications.StoredChannelSender;
import golf.linkup.engine.notifications.WebPushSubscriptions;
import golf.linkup.engine.notifications.inapp.InAppSender;
import golf.linkup.engine.notifications.outbox.JdbcOutboxStore;
import golf.linkup.engine.notifications.outbox.OutboxDispatcher;
import golf.linkup.engine.sandbox.push.SandboxPushService;
import golf.linkup.engine.notifications.push.VapidKeys;
import golf.linkup.engine.notifications.push.WebPushSender;
import golf.linkup.engine.notifications.push.WebPushSettings;
import golf.linkup.engine.storage.Database;
import golf.linkup.notifications.email.CamelEmailSender;
import golf.linkup.notifications.email.SandboxMailServer;
import golf.linkup.redis.RedisConnections;
import golf.linkup.redis.RedisFanoutPublisher;
import golf.linkup.sandbox.EmbeddedRedis;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.server.handlers.BlockingHandler;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import org.apache.camel.impl.DefaultCamelContext;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

/**
 * Outbox-to-channel throughput: how many notification rows per second the real
 * {@link OutboxDispatcher} takes from {@code notification_queue} to a channel and marks sent.
 *
 * <p>It migrates a fresh database (an in-memory H2 like the sandbox's, or a new schema in the local
 * PostgreSQL, dropped afterwards), inserts {@code users} users and {@code rows} due outbox rows of
 * one channel with a JDBC batch (enqueueing is not what is measured) and ANALYZEs the queue, then
 * runs {@code deliverDue(channel, batch)} in a loop on {@code workers} threads, each a dispatcher
 * with its own claimant name as separate engine instances would have, until every row is settled.
 * Before that a warm-up of {@code warmup} rows goes the same way, unmeasured.
 *
 * <p>Options (defaults): {@code --db h2|postgres} (h2), {@code --channel in_app|email|push}
 * (in_app), {@code --rows} (20000), {@code --batch} (200), {@code --workers 1..8} (1),
 * {@code --users} (300), {@code --warmup} (2000), {@code --pool} (10, the engine's default),
 * {@code --analyze true|false} (true), {@code --sink inline|process} (inline: the push service or
 * GreenMail in this JVM; process: in a JVM of its own, {@link RemoteSink}, whose CPU per row is then
 * reported too), {@code --email-connections 0..64} (4, the engine's default: e-mails each worker sends
 * at once, one kept SMTP connection per thread; 0 sends them one at a time on the worker). PostgreSQL is {@value #PG_URL} as user {@code postgres}.
 *
 * <p>The channels are the real senders against the sandbox's local sinks: in-app is
 * {@link InAppSender} (a notification-centre row and a live message PUBLISHed on an embedded Redis
 * through {@link RedisFanoutPublisher}, with a subscriber counting what arrives); e-mail is
 * {@link CamelEmailSender} over camel-mail to the sandbox GreenMail; push is {@link WebPushSender}
 * (aes128gcm + VAPID) to the {@link SandboxPushService} on an Undertow, which verifies, decrypts
 * and records every push; one subscription per user.
 *
 * <p>Reports rows per second from the first claim to the last row marked sent, the thread time per
 * row spent claiming, sending, auditing and marking, the senders' latencies from
 * {@code notification_log}, and checks that every row is {@code sent} with exactly one attempt and
 * that the sink received exactly one message per row.
 *
 * <pre>java -cp 'benchmarks/target/linkup-benchmarks.jar:benchmarks/target/lib/*' \
 *   golf.linkup.bench.notifications.OutboxThroughput --db h2 --rows 20000 --channel in_app --batch 200 --workers 1</pre>
 */
public final class OutboxThroughput {

    static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    static final String FANOUT_CHANNEL = "linkup:fanout";
    static final String MAIL_FROM = "LinkUp Golf <notifications@linkup.golf>";
    static final Duration LEASE = Duration.ofMinutes(2);

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        String dbKind = o.getOrDefault("db", "h2");
        int rows = Integer.parseInt(o.getOrDefault("rows", "20000"));
        Channel channel = Channel.valueOf(o.getOrDefault("channel", "in_app").toUpperCase(Locale.ROOT));
        int batch = Integer.parseInt(o.getOrDefault("batch", "200"));
        int workers = Integer.parseInt(o.getOrDefault("workers", "1"));
        int userCount = Integer.parseInt(o.getOrDefault("users", "300"));
        int warmup = Integer.parseInt(o.getOrDefault("warmup", "2000"));
        int pool = Integer.parseInt(o.getOrDefault("pool", "10"));
        boolean analyze = Boolean.parseBoolean(o.getOrDefault("analyze", "true"));
        String sinkKind = o.getOrDefault("sink", "inline");
        // the engine's default (linkup.notifications.email-connections); 0: one at a time on the worker, as before
        int emailConnections = Integer.parseInt(o.getOrDefault("email-connections", "4"));
        if (!sinkKind.equals("inline") && !sinkKind.equals("process")) {
            throw new IllegalArgumentException("--sink inline|process, not " + sinkKind);
        }
        boolean remote = sinkKind.equals("process");
        if (!dbKind.equals("h2") && !dbKind.equals("postgres")) {
            throw new IllegalArgumentException("--db h2|postgres, not " + dbKind);
        }
        if (emailConnections < 0 || emailConnections > 64) {
            throw new IllegalArgumentException("--email-connections 0..64");
        }
        if (workers < 1 || workers > 8 || rows < 1 || batch < 1 || userCount < 1) {
            throw new IllegalArgumentException("need rows, batch, users >= 1 and 1..8 workers");
        }

        System.out.printf("outbox -> %s on %s: %,d rows (+%,d warm-up) for %d users, batch %d, %d worker(s),"
                + " pool %d, sink %s%s; load average %s%n", channel.key(), dbKind, rows, warmup, userCount, batch, workers,
                pool, remote ? "in another process" : "in this process",
                channel == Channel.EMAIL ? ", " + emailConnections + " SMTP connection(s) per worker" : "", loadAverage());
        Deque<AutoCloseable> closing = new ArrayDeque<>();
        String schema = null;
        try {
            Database database;
            if (dbKind.equals("h2")) {
                database = Database.open("jdbc:h2:mem:bench" + UUID.randomUUID().toString().replace("-", "")
                        + ";DB_CLOSE_DELAY=-1", "sa", "", pool, null);
            } else {
                schema = "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
                pgExecute("create schema " + schema);
                database = Database.open(PG_URL + "?currentSchema=" + schema, "postgres", "", pool, schema);
            }
            closing.push(database);
            DataSource ds = database.dataSource();
            Clock clock = Clock.systemUTC();

            Map<String, User> users = users(userCount);
            insertUsers(ds, users.values());

            Sink sink = switch (channel) {
                case IN_APP -> inAppSink(ds, clock, closing);
                case EMAIL -> remote ? remoteEmailSink(closing) : emailSink(closing);
                case PUSH -> remote ? remotePushSink(List.copyOf(users.keySet()), closing) : pushSink(users.keySet(), closing);
            };
            TimedSender sender = TimedSender.of(sink.sender());
            TimedOutboxStore store = new TimedOutboxStore(new JdbcOutboxStore(ds));
            EngineMetrics metrics = new EngineMetrics();
            List<OutboxDispatcher> dispatchers = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                // each worker is an instance: its own pool of e-mail threads, one kept SMTP connection each
                java.util.concurrent.ExecutorService emailSends = null;
                if (emailConnections > 0) {
                    String prefix = "bench-email-" + (char) ('a' + w) + "-";
                    AtomicLong n = new AtomicLong();
                    emailSends = java.util.concurrent.Executors.newFixedThreadPool(emailConnections, r -> {
                        Thread t = new Thread(r, prefix + n.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
                    closing.push(emailSends::shutdownNow);
                }
                dispatchers.add(new OutboxDispatcher(store, Map.of(channel, sender), id -> Optional.ofNullable(users.get(id)),
                        clock, metrics.meterRegistry(), "bench-instance-" + (char) ('a' + w), LEASE,
                        OutboxDispatcher.RetryPolicy.DEFAULT, emailSends));
            }
            List<String> userIds = List.copyOf(users.keySet());

            if (warmup > 0) {
                insertRows(ds, "w", warmup, channel, userIds, clock.instant());
                long start = System.nanoTime();
                store.reset();
                Phase w = deliver(dispatchers, store, channel, batch, warmup);
                System.out.printf("warm-up: %,d rows in %.2f s%n", w.delivered(), (System.nanoTime() - start) / 1e9);
            }
            store.reset();
            sender.reset();
            sink.resetTimers();

            long insertStart = System.nanoTime();
            insertRows(ds, "m", rows, channel, userIds, clock.instant());
            if (analyze) {
                // as autovacuum would have done to a table this size: the planner sees the real row counts
                try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                    s.execute(database.isPostgres() ? "analyze notification_queue" : "analyze table notification_queue");
                }
            }
            System.out.printf("inserted %,d due rows in %.2f s (JDBC batch%s, not measured)%n", rows,
                    (System.nanoTime() - insertStart) / 1e9, analyze ? ", then ANALYZE" : "");

            OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long sinkCpu0 = sink.cpuNanos();
            Map<String, Long> threads0 = golf.linkup.bench.load.FanoutLoad.threadTicks(ProcessHandle.current().pid());
            Map<String, Long> sinkThreads0 = sink.pid() > 0 ? golf.linkup.bench.load.FanoutLoad.threadTicks(sink.pid()) : Map.of();
            long cpu0 = os.getProcessCpuTime();
            long[] gc0 = gc();
            long wall0 = System.nanoTime();
            Phase measured = deliver(dispatchers, store, channel, batch, rows);
            long wall1 = System.nanoTime();
            long cpu1 = os.getProcessCpuTime();
            long sinkCpu1 = sink.cpuNanos();
            Map<String, Long> threads1 = golf.linkup.bench.load.FanoutLoad.threadTicks(ProcessHandle.current().pid());
            Map<String, Long> sinkThreads1 = sink.pid() > 0 ? golf.linkup.bench.load.FanoutLoad.threadTicks(sink.pid()) : Map.of();
            long[] gc1 = gc();

            double seconds = (store.lastSentAt.get() - store.firstClaimAt.get()) / 1e9;
            System.out.printf("delivered %,d rows in %.3f s: %,.0f rows/s end to end (first claim -> last row marked sent)%n",
                    measured.delivered(), seconds, rows / seconds);
            for (int w = 0; w < workers; w++) {
                System.out.printf("  worker %c: %,d rows in %,d claims, %,d empty claims%n", (char) ('a' + w),
                        measured.perWorker()[w], measured.claimsPerWorker()[w], measured.emptyClaimsPerWorker()[w]);
            }
            double n = rows;
            double threadNanos = (double) (wall1 - wall0) * workers;
            // the settle call contains the in-app store, which the sender's timer counts already
            double settleOwn = Math.max(0, store.settleNanos.sum() - sender.storeNanos.sum());
            double accounted = store.claimNanos.sum() + sender.nanos.sum() + store.logNanos.sum() + store.markNanos.sum()
                    + store.logAndMarkNanos.sum() + settleOwn;
            System.out.printf("thread time per row (us): claim %.1f, send %.1f%s, audit log %.1f, mark %.1f,"
                    + " log+mark in one call %.1f, claim's log+marks in one transaction %.1f (+ commit),"
                    + " rest (dispatcher code, waits for answers and after empty claims) %.1f; %,d claims%n",
                    store.claimNanos.sum() / n / 1e3, sender.nanos.sum() / n / 1e3, sink.sendDetail(n),
                    store.logNanos.sum() / n / 1e3, store.markNanos.sum() / n / 1e3, store.logAndMarkNanos.sum() / n / 1e3,
                    settleOwn / n / 1e3, Math.max(0, threadNanos - accounted) / n / 1e3, store.claims.sum());
            System.out.printf("process CPU %.2f s (%.0f us per row; the database server's is not included for"
                    + " PostgreSQL), GC %d collections %d ms%n", (cpu1 - cpu0) / 1e9, (cpu1 - cpu0) / n / 1e3,
                    gc1[0] - gc0[0], gc1[1] - gc0[1]);
            System.out.println("  by thread (us per row, /proc ticks of 10 ms): " + byThread(threads0, threads1, n));
            if (sinkCpu0 >= 0) {
                // the yardstick's own cost: at X us per message it can take at most 2e6 / X messages/s on two cores
                System.out.printf("sink process CPU %.2f s (%.0f us per row, its CPU included what it received late)%n",
                        (sinkCpu1 - sinkCpu0) / 1e9, (sinkCpu1 - sinkCpu0) / n / 1e3);
                System.out.println("  by thread (us per row): " + byThread(sinkThreads0, sinkThreads1, n));
            }
            long[] latencies = logLatencies(ds);
            if (latencies.length > 0) {
                System.out.printf("send latency (notification_log.latency_ms): p50 %d ms, p99 %d ms, max %d ms%n",
                        pct(latencies, 0.50), pct(latencies, 0.99), latencies[latencies.length - 1]);
            }

            boolean ok = verify(ds, rows, warmup, channel, sink);
            System.out.printf(Locale.ROOT, "RESULT channel=%s db=%s rows=%d workers=%d batch=%d rows_per_s=%.0f"
                    + " seconds=%.3f verified=%s%n", channel.key(), dbKind, rows, workers, batch, rows / seconds,
                    seconds, ok);
            if (!ok) {
                System.exit(2);
            }
        } finally {
            while (!closing.isEmpty()) {
                try {
                    closing.pop().close();
                } catch (Exception e) {
                    System.err.println("while closing: " + e);
                }
            }
            if (schema != null) {
                pgExecute("drop schema if exists " + schema + " cascade");
            }
        }
    }

    // ---- delivery -------------------------------------------------------------------------------

    record Phase(long delivered, long[] perWorker, long[] claimsPerWorker, long[] emptyClaimsPerWorker) {
    }

    /**
     * Each worker calls deliverDue until every row of the phase is settled (marked sent, retried,
     * failed or cancelled); all start together. A worker whose claim comes back empty while rows
     * remain (the other worker holds them, or holds the locks on the first rows in claim order) tries
     * again after 1 ms, as an instance woken again would.
     */
    static Phase deliver(List<OutboxDispatcher> dispatchers, TimedOutboxStore store, Channel channel, int batch,
            long rows) throws InterruptedException {
        int workers = dispatchers.size();
        long[] perWorker = new long[workers];
        long[] claims = new long[workers];
        long[] empty = new long[workers];
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int w = 0; w < workers; w++) {
            int me = w;
            Thread t = new Thread(() -> {
                try {
                    go.await();
                    while (store.settled.get() < rows && System.nanoTime() < deadline) {
                        int got = dispatchers.get(me).deliverDue(channel, batch);
                        if (got > 0) {
                            perWorker[me] += got;
                            claims[me]++;
                        } else {
                            empty[me]++;
                            Thread.sleep(1);
                        }
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }, "bench-worker-" + (char) ('a' + w));
            threads.add(t);
            t.start();
        }
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("a worker failed", failures.get(0));
        }
        if (store.settled.get() < rows) {
            System.out.printf("gave up after 150 s with %,d of %,d rows settled%n", store.settled.get(), rows);
        }
        return new Phase(Arrays.stream(perWorker).sum(), perWorker, claims, empty);
    }

    /** The channel's real sender, and how to check what its sink received. */
    interface Sink {
        ChannelSender sender();

        /** How many messages the sink has received so far (waiting a little for stragglers). */
        long received(long expected) throws Exception;

        default String sendDetail(double rows) {
            return "";
        }

        default void resetTimers() {
        }

        /** The sink process's id, or -1 when it runs in this process. */
        default long pid() {
            return -1;
        }

        /** The sink process's CPU time, or -1 when it runs in this process. */
        default long cpuNanos() {
            return -1;
        }
    }

    static Sink inAppSink(DataSource ds, Clock clock, Deque<AutoCloseable> closing) throws Exception {
        EmbeddedRedis redis = EmbeddedRedis.start();
        closing.push(redis);
        RedisConnections connections = new RedisConnections(redis.uri());
        closing.push(connections);
        // a subscriber standing in for the engine instances' fan-out listeners: counts what arrives
        LongAdder arrived = new LongAdder();
        CountDownLatch subscribed = new CountDownLatch(1);
        JedisPubSub counter = new JedisPubSub() {
            @Override
            public void onMessage(String ch, String message) {
                arrived.increment();
            }

            @Override
            public void onSubscribe(String ch, int count) {
                subscribed.countDown();
            }
        };
        Jedis subscriber = new Jedis(redis.uri().getHost(), redis.port());
        Thread listening = new Thread(() -> subscriber.subscribe(counter, FANOUT_CHANNEL), "bench-fanout-subscriber");
        listening.setDaemon(true);
        listening.start();
        closing.push(() -> {
            counter.unsubscribe();
            listening.join(2000);
            subscriber.close();
        });
        if (!subscribed.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the fan-out subscriber did not subscribe");
        }
        RedisFanoutPublisher redisPublisher = new RedisFanoutPublisher(connections.template(), FANOUT_CHANNEL);
        LongAdder publishNanos = new LongAdder();
        FanoutPublisher timed = new FanoutPublisher() {
            @Override
            public void publish(golf.linkup.engine.gateway.fanout.FanoutEnvelope envelope) {
                long start = System.nanoTime();
                try {
                    redisPublisher.publish(envelope);
                } finally {
                    publishNanos.add(System.nanoTime() - start);
                }
            }

            @Override
            public void publishAll(List<golf.linkup.engine.gateway.fanout.FanoutEnvelope> envelopes) {
                long start = System.nanoTime();
                try {
                    redisPublisher.publishAll(envelopes);
                } finally {
                    publishNanos.add(System.nanoTime() - start);
                }
            }
        };
        InAppSender sender = new InAppSender(ds, timed, clock);
        return new Sink() {
            @Override
            public ChannelSender sender() {
                return sender;
            }

            @Override
            public long received(long expected) throws InterruptedException {
                return awaitCount(arrived::sum, expected);
            }

            @Override
            public String sendDetail(double rows) {
                return String.format(" (of which Redis PUBLISH %.1f)", publishNanos.sum() / rows / 1e3);
            }

            @Override
            public void resetTimers() {
                publishNanos.reset();
            }
        };
    }

    static Sink emailSink(Deque<AutoCloseable> closing) throws Exception {
        SandboxMailServer mail = new SandboxMailServer().start();
        closing.push(mail);
        DefaultCamelContext camel = new DefaultCamelContext();
        camel.start();
        closing.push(camel::stop);
        var producer = camel.createProducerTemplate();
        // the engine's endpoint options (EngineConfiguration.smtpEndpoint)
        CamelEmailSender sender = new CamelEmailSender(producer, mail.smtpEndpointUri() + "?connectionTimeout=5000",
                MAIL_FROM);
        return new Sink() {
            @Override
            public ChannelSender sender() {
                return sender;
            }

            @Override
            public long received(long expected) {
                mail.awaitMessages((int) expected, Duration.ofSeconds(10));
                return mail.receivedMessages().size();
            }
        };
    }

    static Sink pushSink(Iterable<String> userIds, Deque<AutoCloseable> closing) {
        SandboxPushService service = new SandboxPushService();
        Undertow undertow = Undertow.builder().addHttpListener(0, "127.0.0.1")
                .setHandler(Handlers.path().addPrefixPath(SandboxPushService.MOUNT_PATH, new BlockingHandler(service)))
                .build();
        undertow.start();
        closing.push(undertow::stop);
        int port = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
        String baseUrl = "http://127.0.0.1:" + port;
        VapidKeys vapid = VapidKeys.generate();
        InMemorySubscriptions subscriptions = new InMemorySubscriptions();
        for (String id : userIds) {
            subscriptions.byUser.put(id, List.of(service.createSubscription(id, baseUrl, vapid.publicKeyBase64Url())));
        }
        return counting(pushSender(subscriptions, vapid), () -> service.received().size());
    }

    /** {@link CamelEmailSender} to GreenMail in another JVM ({@link RemoteSink}). */
    static Sink remoteEmailSink(Deque<AutoCloseable> closing) throws Exception {
        RemoteSink mail = RemoteSink.start("email");
        closing.push(mail);
        DefaultCamelContext camel = new DefaultCamelContext();
        camel.start();
        closing.push(camel::stop);
        CamelEmailSender sender = new CamelEmailSender(camel.createProducerTemplate(),
                "smtp://127.0.0.1:" + mail.port + "?connectionTimeout=5000", MAIL_FROM);
        return remoteSink(sender, mail);
    }

    /** {@link WebPushSender} to the sandbox push service in another JVM ({@link RemoteSink}). */
    static Sink remotePushSink(List<String> userIds, Deque<AutoCloseable> closing) throws Exception {
        VapidKeys vapid = VapidKeys.generate();
        RemoteSink service = RemoteSink.start("push", vapid.publicKeyBase64Url(), Integer.toString(userIds.size()));
        closing.push(service);
        InMemorySubscriptions subscriptions = new InMemorySubscriptions();
        for (int i = 0; i < userIds.size(); i++) {
            subscriptions.byUser.put(userIds.get(i), List.of(service.subscriptions.get(i)));
        }
        return remoteSink(pushSender(subscriptions, vapid), service);
    }

    static Sink remoteSink(ChannelSender sender, RemoteSink remote) {
        return new Sink() {
            @Override
            public ChannelSender sender() {
                return sender;
            }

            @Override
            public long received(long expected) throws InterruptedException {
                return awaitCount(() -> {
                    try {
                        return remote.count();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }, expected);
            }

            @Override
            public long pid() {
                return remote.pid();
            }

            @Override
            public long cpuNanos() {
                try {
                    return remote.cpuNanos();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        };
    }

    /** A sink that only counts what it received. */
    static Sink counting(ChannelSender sender, java.util.function.LongSupplier received) {
        return new Sink() {
            @Override
            public ChannelSender sender() {
                return sender;
            }

            @Override
            public long received(long expected) throws InterruptedException {
                return awaitCount(received, expected);
            }
        };
    }

    static WebPushSender pushSender(WebPushSubscriptions subscriptions, VapidKeys vapid) {
        return new WebPushSender(subscriptions, vapid, WebPushSettings.defaults("mailto:bench@linkup.golf")
                .withEndpoints(golf.linkup.engine.notifications.push.PushEndpointPolicy.sandbox(List.of(),
                        golf.linkup.engine.notifications.push.PushEndpointPolicy.systemResolver()))); // loopback push service
    }

    /** One subscription per user, in memory. */
    static final class InMemorySubscriptions implements WebPushSubscriptions {
        final Map<String, List<WebPushSubscription>> byUser = new java.util.concurrent.ConcurrentHashMap<>();
        final LongAdder deactivated = new LongAdder();

        @Override
        public List<WebPushSubscription> activeFor(String userId) {
            return byUser.getOrDefault(userId, List.of());
        }

        @Override
        public void deactivate(String endpoint) {
            deactivated.increment();
        }
    }

    /** Times the real sender. */
    static class TimedSender implements ChannelSender {
        final ChannelSender delegate;
        final LongAdder nanos = new LongAdder();
        /** Of {@link #nanos}: the stored channel's store, which runs inside the outbox's settle transaction. */
        final LongAdder storeNanos = new LongAdder();

        TimedSender(ChannelSender delegate) {
            this.delegate = delegate;
        }

        /** A timed sender of the same kind (a stored channel stays one, so the dispatcher takes the same path). */
        static TimedSender of(ChannelSender delegate) {
            return delegate instanceof StoredChannelSender stored ? new TimedStoredSender(stored) : new TimedSender(delegate);
        }

        void reset() {
            nanos.reset();
            storeNanos.reset();
        }

        @Override
        public Channel channel() {
            return delegate.channel();
        }

        @Override
        public DeliveryOutcome send(Delivery delivery) {
            long start = System.nanoTime();
            try {
                return delegate.send(delivery);
            } finally {
                nanos.add(System.nanoTime() - start);
            }
        }

        @Override
        public java.util.concurrent.CompletableFuture<DeliveryOutcome> sendAsync(Delivery delivery) {
            long start = System.nanoTime();
            try {
                return delegate.sendAsync(delivery); // the caller's part: until the request is on its way
            } finally {
                nanos.add(System.nanoTime() - start);
            }
        }
    }

    /** Times a stored channel's store and its after-commit work (the live messages). */
    static final class TimedStoredSender extends TimedSender implements StoredChannelSender {
        TimedStoredSender(StoredChannelSender delegate) {
            super(delegate);
        }

        @Override
        public Stored store(java.sql.Connection c, List<Delivery> deliveries) throws SQLException {
            long start = System.nanoTime();
            Stored stored;
            try {
                stored = ((StoredChannelSender) delegate).store(c, deliveries);
            } finally {
                long spent = System.nanoTime() - start;
                nanos.add(spent);
                storeNanos.add(spent);
            }
            Runnable after = stored.afterCommit();
            return new Stored(stored.responses(), () -> {
                long s = System.nanoTime();
                try {
                    after.run();
                } finally {
                    nanos.add(System.nanoTime() - s);
                }
            });
        }
    }

    /** The threads that used the most CPU between two /proc readings, µs per row, digits in names folded. */
    static String byThread(Map<String, Long> before, Map<String, Long> after, double rows) {
        StringBuilder out = new StringBuilder();
        after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(6)
                .forEach(e -> out.append(out.length() == 0 ? "" : ", ").append(e.getKey()).append(' ')
                        .append(String.format(Locale.ROOT, "%.0f", e.getValue() * 10_000.0 / rows)));
        return out.toString();
    }

    static long awaitCount(java.util.function.LongSupplier count, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (count.getAsLong() < expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Thread.sleep(100); // anything beyond the expected count (a duplicate) would show now
        return count.getAsLong();
    }

    // ---- data -----------------------------------------------------------------------------------

    static final String[] ZONES = {"America/New_York", "America/Chicago", "America/Los_Angeles", "Europe/London"};
    static final NotificationType[] TYPES = {NotificationType.NEW_TEE_TIME, NotificationType.SLOT_JOINED,
            NotificationType.REMINDER_24H, NotificationType.TEE_TIME_CANCELLED};

    static Map<String, User> users(int count) {
        Map<String, User> users = new LinkedHashMap<>();
        Industry[] industries = Industry.values();
        for (int i = 0; i < count; i++) {
            String id = "bench-user-" + i;
            users.put(id, new User(id, "Player " + i, "player" + i + "@example.test", "Company " + (i % 40),
                    industries[i % industries.length], "New York", new GeoPoint(40.7 + i % 10 * 0.01, -73.9),
                    SkillLevel.INTERMEDIATE, 3.5, i % 7, ZoneId.of(ZONES[i % ZONES.length]), Locale.US));
        }
        return users;
    }

    static void insertUsers(DataSource ds, Iterable<User> users) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("insert into users (id, name,"
                + " email, company, industry, city, lat, lng, skill_level, rating, completed_tee_times, time_zone, locale)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (User u : users) {
                ps.setString(1, u.id());
                ps.setString(2, u.name());
                ps.setString(3, u.email());
                ps.setString(4, u.company());
                ps.setString(5, u.industry().name());
                ps.setString(6, u.city());
                ps.setDouble(7, u.location().lat());
                ps.setDouble(8, u.location().lng());
                ps.setString(9, u.skillLevel().name());
                ps.setDouble(10, u.rating());
                ps.setInt(11, u.completedTeeTimes());
                ps.setString(12, u.timeZone().getId());
                ps.setString(13, u.locale().toLanguageTag());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** {@code count} due rows (scheduled a minute ago), keys {@code <prefix>-<i>}, users round robin. */
    static void insertRows(DataSource ds, String prefix, int count, Channel channel, List<String> userIds, Instant now)
            throws SQLException {
        OffsetDateTime due = OffsetDateTime.ofInstant(now.minusSeconds(60), ZoneOffset.UTC);
        String html = channel == Channel.EMAIL ? emailHtml() : null;
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("insert into notification_queue (idempotency_key,"
                    + " notification_key, user_id, notification_type, channel, title, body, html, data, model, locale,"
                    + " priority, priority_rank, batch_key, batch_count, scheduled_for, status, created_at)"
                    + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null, 1, ?, 'pending', ?)")) {
                for (int i = 0; i < count; i++) {
                    String key = prefix + "-" + i;
                    NotificationType type = TYPES[i % TYPES.length];
                    String teeTime = "tt-" + (i % 500);
                    ps.setString(1, key + ":" + channel.key());
                    ps.setString(2, key);
                    ps.setString(3, userIds.get(i % userIds.size()));
                    ps.setString(4, type.key());
                    ps.setString(5, channel.key());
                    ps.setString(6, "New tee time at Bethpage Black on Sat 14 Jun, 08:10");
                    ps.setString(7, "Ada Host (Acme Capital) is hosting a FINANCE round at Bethpage Black,"
                            + " Farmingdale on Saturday 14 June at 08:10. 2 of 4 slots are open. Tap to see who is playing.");
                    ps.setString(8, html);
                    ps.setString(9, "{\"action\":\"open_tee_time\",\"teeTimeId\":\"" + teeTime + "\",\"courseId\":\"c-7\"}");
                    ps.setString(10, "{}");
                    ps.setString(11, "en-US");
                    ps.setString(12, "normal");
                    ps.setInt(13, Priority.NORMAL.rank());
                    ps.setObject(14, due);
                    ps.setObject(15, due);
                    ps.addBatch();
                    if (i % 1000 == 999) {
                        ps.executeBatch();
                        c.commit();
                    }
                }
                ps.executeBatch();
                c.commit();
            }
        }
    }

    /** About 2.5 kB of HTML, the size of a rendered notification e-mail with header and footer. */
    static String emailHtml() {
        StringBuilder html = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>New tee time"
                + "</title></head><body style=\"font-family:Helvetica,Arial,sans-serif;background:#f4f6f4;margin:0\">"
                + "<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\"><tr><td align=\"center\">"
                + "<table role=\"presentation\" width=\"600\" style=\"background:#ffffff;border-radius:8px\">");
        for (int i = 0; i < 8; i++) {
            html.append("<tr><td style=\"padding:12px 24px;color:#1b3a2b;font-size:15px;line-height:22px\">")
                    .append("Ada Host (Acme Capital) is hosting a round at Bethpage Black, Farmingdale. ")
                    .append("Slot ").append(i + 1).append(" of 4.</td></tr>");
        }
        return html.append("<tr><td style=\"padding:24px\"><a href=\"https://linkup.golf/tee-times/tt-1\" style=\""
                + "background:#1b5e20;color:#fff;padding:12px 20px;border-radius:6px;text-decoration:none\">See the tee"
                + " time</a></td></tr></table><p style=\"color:#6b7b70;font-size:12px\">You get this because you follow"
                + " FINANCE tee times. <a href=\"https://linkup.golf/settings/notifications\">Notification settings</a>"
                + "</p></td></tr></table></body></html>").toString();
    }

    // ---- checks ---------------------------------------------------------------------------------

    static boolean verify(DataSource ds, int rows, int warmup, Channel channel, Sink sink) throws Exception {
        boolean ok = true;
        Map<String, Long> byStatus = new LinkedHashMap<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select status, count(*) from notification_queue"
                    + " where notification_key like 'm-%' group by status order by status")) {
                while (rs.next()) {
                    byStatus.put(rs.getString(1), rs.getLong(2));
                }
            }
            // an e-mail's attempt also has its STARTED row, written before the send: not an outcome
            long[] log = longs(s, "select count(*), count(distinct l.queue_id), coalesce(max(l.attempt), 0)"
                    + " from notification_log l join notification_queue q on q.id = l.queue_id"
                    + " where q.notification_key like 'm-%' and l.outcome <> 'STARTED'", 3);
            long[] outcomes = longs(s, "select count(*) from notification_log l join notification_queue q"
                    + " on q.id = l.queue_id where q.notification_key like 'm-%' and l.outcome not in ('SENT', 'STARTED')", 1);
            if (outcomes[0] > 0) {
                try (ResultSet rs = s.executeQuery("select l.outcome, l.provider_response, count(*) from notification_log l"
                        + " join notification_queue q on q.id = l.queue_id where q.notification_key like 'm-%'"
                        + " and l.outcome not in ('SENT', 'STARTED') group by l.outcome, l.provider_response"
                        + " order by count(*) desc fetch first 3 rows only")) {
                    while (rs.next()) {
                        System.out.printf("not sent: %d x %s %s%n", rs.getLong(3), rs.getString(1), rs.getString(2));
                    }
                }
            }
            ok &= byStatus.equals(Map.of("sent", (long) rows));
            ok &= log[0] == rows && log[1] == rows && log[2] == 1 && outcomes[0] == 0;
            System.out.printf("check: rows by status %s; %,d log attempts over %,d rows, highest attempt %d,"
                    + " %d not SENT%n", byStatus, log[0], log[1], log[2], outcomes[0]);
            if (channel == Channel.IN_APP) {
                long[] centre = longs(s, "select count(*), count(distinct n.queue_id) from notifications n"
                        + " join notification_queue q on q.id = n.queue_id where q.notification_key like 'm-%'", 2);
                ok &= centre[0] == rows && centre[1] == rows;
                System.out.printf("check: %,d notification-centre rows for %,d outbox rows%n", centre[0], centre[1]);
            }
        }
        long expected = (long) rows + warmup;
        long received = sink.received(expected);
        String what = switch (channel) {
            case IN_APP -> "live messages received on Redis " + FANOUT_CHANNEL;
            case EMAIL -> "e-mails received by GreenMail";
            case PUSH -> "pushes accepted (verified and decrypted) by the sandbox push service";
        };
        ok &= received == expected;
        System.out.printf("check: %,d %s, expected %,d (warm-up included) -> %s%n", received, what, expected,
                ok ? "OK" : "MISMATCH");
        return ok;
    }

    static long[] longs(Statement s, String sql, int columns) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            long[] out = new long[columns];
            for (int i = 0; i < columns; i++) {
                out[i] = rs.getLong(i + 1);
            }
            return out;
        }
    }

    static long[] logLatencies(DataSource ds) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "select l.latency_ms from notification_log l join notification_queue q on q.id = l.queue_id"
                        + " where q.notification_key like 'm-%' and l.outcome <> 'STARTED'")) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        }
        return out.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    static long pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, Math.max(0, (int) Math.ceil(p * sorted.length) - 1))];
    }

    // ---- environment ----------------------------------------------------------------------------

    static void pgExecute(String sql) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        p.setProperty("connectTimeout", "5");
        try (Connection c = DriverManager.getConnection(PG_URL, p); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static long[] gc() {
        long count = 0;
        long millis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount());
            millis += Math.max(0, gc.getCollectionTime());
        }
        return new long[] {count, millis};
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("options are --name value pairs, not " + args[i]);
            }
            o.put(args[i].substring(2), args[i + 1]);
        }
        return o;
    }

    private OutboxThroughput() {
    }
}
