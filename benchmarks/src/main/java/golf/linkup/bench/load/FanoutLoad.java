package golf.linkup.bench.load;

import golf.linkup.engine.auth.JwtIssuer;
import golf.linkup.engine.config.EngineSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.Pipeline;

/**
 * Fan-out load against a running engine (start one with {@code bin/linkup sandbox}) or any server
 * that speaks the same subset ({@code --state} names its state file): connects {@code clients}
 * WebSocket clients ({@link LoadClients}) spread over {@code rooms} tee-time rooms, publishes
 * {@code events} {@code tee-time.updated} events (with their industry, so no database read) on
 * Redis at {@code rate} per second (0 = as fast as possible), and measures what the clients
 * receive: events per second end to end, deliveries per second, latency from PUBLISH to the client
 * having parsed the message (p50/p99/max), losses, and the server process's CPU time per delivered
 * message, split into user and system time and by thread (from /proc, when it runs here), and the
 * tool's own CPU. With {@code --windows SECONDS} it also prints the p99 of each window of that many
 * seconds of the measured phase, by publish time (a fresh server's warm-up: {@code --warmup 0}).
 *
 * <p>Loopback only; bounded in count and time; stops by itself.
 *
 * <pre>java -cp 'benchmarks/target/linkup-benchmarks.jar:benchmarks/target/lib/*' \
 *   golf.linkup.bench.load.FanoutLoad --clients 100 --rooms 10 --events 20000 --rate 0</pre>
 */
public final class FanoutLoad {

    /** Whether events are appended to the stream (else PUBLISHed); set once from {@code --transport}. */
    private static boolean STREAM;
    /** Latency windows to report ({@code --windows}), in seconds; 0: none. Set once. */
    private static int WINDOW_SECONDS;

    public static void main(String[] args) throws Exception {
        Map<String, String> o = LoadOptions.parse(args);
        Properties sandbox = LoadOptions.sandbox(o);
        int port = Integer.parseInt(o.getOrDefault("port", sandbox.getProperty("http.port", "3001")));
        URI redis = URI.create(o.getOrDefault("redis", sandbox.getProperty("redis.url", "redis://127.0.0.1:6379")));
        long enginePid = Long.parseLong(o.getOrDefault("pid", sandbox.getProperty("pid", "-1")));
        int clients = Integer.parseInt(o.getOrDefault("clients", "100"));
        int rooms = Integer.parseInt(o.getOrDefault("rooms", "10"));
        int events = Integer.parseInt(o.getOrDefault("events", "20000"));
        int rate = Integer.parseInt(o.getOrDefault("rate", "0"));
        int warmup = Integer.parseInt(o.getOrDefault("warmup", "2000"));
        WINDOW_SECONDS = Integer.parseInt(o.getOrDefault("windows", "0"));
        // stream: XADD to the engine's event stream (the publisher contract); pubsub: PUBLISH on the
        // legacy channel (what the Node.js yardstick reads, and what this engine bridges)
        STREAM = !"pubsub".equals(o.getOrDefault("transport", sandbox.getProperty("events.stream") != null ? "stream"
                : "pubsub"));
        String secret = o.getOrDefault("secret", EngineSettings.SANDBOX_JWT_SECRET);
        int clientThreads = Integer.parseInt(o.getOrDefault("client-threads", "2"));
        if (!isLoopback(redis.getHost())) {
            throw new IllegalArgumentException("load targets loopback only, not " + redis.getHost());
        }

        System.out.printf("engine ws://127.0.0.1:%d, redis %s, %d clients in %d rooms, %d events at %s%n", port, redis,
                clients, rooms, events, rate == 0 ? "max rate" : rate + "/s");
        JwtIssuer tokens = new JwtIssuer(secret, Clock.systemUTC());
        String runId = Long.toString(System.nanoTime(), 36);
        try (LoadClients load = new LoadClients(clientThreads)) {
            for (int i = 0; i < clients; i++) {
                LoadClients.Client c = load.connect(URI.create("ws://127.0.0.1:" + port + "/?token="
                        + tokens.issue("load-" + i, Duration.ofHours(1))));
                c.send("{\"id\":\"s\",\"type\":\"subscribe:tee-time\",\"data\":{\"teeTimeId\":\"load-" + runId
                        + "-" + (i % rooms) + "\"}}");
            }
            for (LoadClients.Client c : load.clients) {
                c.subscribed.get(10, TimeUnit.SECONDS);
            }
            measure(load.clients, redis, runId, rooms, clients / rooms, events, warmup, rate, port, enginePid);
        }
    }

    private static void measure(List<LoadClients.Client> connected, URI redis, String runId, int rooms, int perRoom,
            int events, int warmup, int rate, int port, long enginePid) {
        try (Jedis jedis = new Jedis(redis.getHost(), redis.getPort())) {
            connected.forEach(c -> c.phase = "warm-up");
            run(jedis, runId, rooms, warmup, rate, "warm-up");
            awaitQuiet(connected, (long) warmup * perRoom);
            connected.forEach(c -> {
                c.phase = "measured";
                c.resetCount();
            });
            long[] cpuBefore = cpuTicks(enginePid);
            Map<String, Long> threadsBefore = threadTicks(enginePid);
            long[] selfBefore = cpuTicks(ProcessHandle.current().pid());
            double droppedBefore = serverDropped(port);
            long start = System.nanoTime();
            run(jedis, runId, rooms, events, rate, "measured");
            long expected = (long) events * perRoom;
            awaitQuiet(connected, expected);
            long end = connected.stream().mapToLong(c -> c.lastAt.get()).max().orElse(System.nanoTime());
            long[] cpuAfter = cpuTicks(enginePid);
            Map<String, Long> threadsAfter = threadTicks(enginePid);
            long[] selfAfter = cpuTicks(ProcessHandle.current().pid());
            long got = received(connected);
            double seconds = (end - start) / 1e9;
            long[] latencies = connected.stream().flatMapToLong(c -> Arrays.stream(c.latencies())).sorted().toArray();
            double dropped = serverDropped(port) - droppedBefore;
            System.out.printf("events published: %d, deliveries expected: %d, received: %d, missing: %d"
                    + " (server dropped %.0f for slow clients)%n", events, expected, got, expected - got, dropped);
            System.out.printf("end to end: %.0f events/s, %.0f deliveries/s over %.2f s%n", events / seconds,
                    got / seconds, seconds);
            if (latencies.length > 0) {
                System.out.printf("latency publish -> client parsed: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                        pct(latencies, 0.50), pct(latencies, 0.99), latencies[latencies.length - 1] / 1e6);
            }
            if (WINDOW_SECONDS > 0) {
                printWindows(connected, start, WINDOW_SECONDS);
            }
            if (cpuBefore != null && cpuAfter != null && got > 0) {
                double user = (cpuAfter[0] - cpuBefore[0]) * 1e7; // ticks of 10 ms, in ns
                double system = (cpuAfter[1] - cpuBefore[1]) * 1e7;
                System.out.printf("engine CPU: %.2f s (user %.2f s, system %.2f s), %.2f us per delivered message"
                        + " (user %.2f, system %.2f), %.2f us per event%n", (user + system) / 1e9, user / 1e9,
                        system / 1e9, (user + system) / 1e3 / got, user / 1e3 / got, system / 1e3 / got,
                        (user + system) / 1e3 / events);
                System.out.printf("load generator CPU (this process): %.2f s over %.2f s%n",
                        (selfAfter[0] + selfAfter[1] - selfBefore[0] - selfBefore[1]) / 100.0, seconds);
                System.out.print("engine CPU by thread, us per delivered message:");
                threadsAfter.entrySet().stream()
                        .map(e -> Map.entry(e.getKey(), e.getValue() - threadsBefore.getOrDefault(e.getKey(), 0L)))
                        .filter(e -> e.getValue() > 0).sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                        .limit(8).forEach(e -> System.out.printf(" %s %.2f;", e.getKey(), e.getValue() * 1e4 / got));
                System.out.println();
            }
        }
    }

    /** The p99 (and count) of each window of {@code seconds}, by publish time from {@code start}. */
    private static void printWindows(List<LoadClients.Client> clients, long start, int seconds) {
        long window = TimeUnit.SECONDS.toNanos(seconds);
        Map<Long, java.util.stream.LongStream.Builder> byWindow = new java.util.TreeMap<>();
        for (LoadClients.Client c : clients) {
            long[] latencies = c.latencies();
            long[] sentAts = c.sentAts();
            for (int i = 0; i < Math.min(latencies.length, sentAts.length); i++) {
                long w = Math.max(0, (sentAts[i] - start) / window);
                byWindow.computeIfAbsent(w, k -> java.util.stream.LongStream.builder()).add(latencies[i]);
            }
        }
        System.out.printf("p99 per %d s window (by publish time):", seconds);
        byWindow.forEach((w, values) -> {
            long[] sorted = values.build().sorted().toArray();
            System.out.printf(" %d-%d s %.1f ms (%d);", w * seconds, (w + 1) * seconds, pct(sorted, 0.99),
                    sorted.length);
        });
        System.out.println();
    }

    private static void run(Jedis jedis, String runId, int rooms, int count, int rate, String label) {
        long interval = rate > 0 ? 1_000_000_000L / rate : 0;
        long next = System.nanoTime();
        Pipeline pipe = jedis.pipelined();
        for (int i = 0; i < count; i++) {
            if (interval > 0) {
                while (System.nanoTime() < next) {
                    LockSupport.parkNanos(Math.max(1, next - System.nanoTime()));
                }
                next += interval;
            }
            String room = "load-" + runId + "-" + (i % rooms);
            // tee-time.updated with its industry: delivered to the tee-time room (anyone may follow it)
            // without a database read; chat (message.sent) reaches only a tee time's players
            String event = "{\"id\":\"" + runId + "-" + label + "-" + i + "\",\"type\":\"tee-time.updated\","
                    + "\"occurredAt\":\"" + Instant.now() + "\",\"data\":{\"teeTimeId\":\"" + room
                    + "\",\"industry\":\"TECH\",\"changes\":{\"load\":\"" + label + "-" + i + "\",\"sentAt\":"
                    + System.nanoTime() + "}}}";
            if (STREAM) {
                pipe.xadd("linkup:events:stream", XAddParams.xAddParams(), Map.of("event", event));
            } else {
                pipe.publish("linkup:events", event);
            }
            if (interval > 0 || i % 100 == 99) {
                pipe.sync();
            }
        }
        pipe.sync();
    }

    /** Waits until {@code expected} messages arrived, or none arrived for 2 s (the rest were dropped). */
    private static void awaitQuiet(List<LoadClients.Client> clients, long expected) {
        long last = -1;
        long quietSince = System.nanoTime();
        while (true) {
            long now = received(clients);
            if (now >= expected) {
                return;
            }
            if (now != last) {
                last = now;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > TimeUnit.SECONDS.toNanos(2)) {
                return;
            }
            LockSupport.parkNanos(5_000_000);
        }
    }

    /** The engine's count of messages dropped from full send buffers, from /metrics. */
    private static double serverDropped(int port) {
        try {
            var response = HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            return response.body().lines().filter(l -> l.startsWith("linkup_ws_messages_dropped_total"))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
        } catch (IOException | InterruptedException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private static long received(List<LoadClients.Client> clients) {
        return clients.stream().mapToLong(LoadClients.Client::count).sum();
    }

    private static double pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    /** A local process's CPU time so far, {user, system} in ticks of 10 ms (/proc), or null when unavailable. */
    static long[] cpuTicks(long pid) {
        if (pid <= 0) {
            return null;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12])}; // utime, stime; USER_HZ = 100
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** CPU ticks (user + system) per thread name, digits folded ("XNIO-1 I/O-2" → "XNIO-# I/O-#"). */
    public static Map<String, Long> threadTicks(long pid) {
        Map<String, Long> byName = new HashMap<>();
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("\\d+", "#");
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    byName.merge(name, Long.parseLong(f[11]) + Long.parseLong(f[12]), Long::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return byName;
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1") || host.equals("[::1]");
    }
}
