package golf.linkup.bench.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.params.XAddParams;

/**
 * How many events per second a running engine takes in, as fast as it can: {@code --events N} are
 * handed over at once (appended to the stream, or PUBLISHed on the legacy channel with
 * {@code --transport pubsub}), and the tool reads the engine's {@code /metrics} until all of them
 * were handled, on one of two paths:
 * <ul>
 *   <li>{@code --path live}: note-only {@code tee-time.updated} events of the sample tee times,
 *       through parsing, room history and delivery on this instance ({@code linkup_events_total});</li>
 *   <li>{@code --path group}: {@code slot.joined} events of the sample tee times, through the
 *       once-per-cluster work into the notification outbox ({@code linkup_events_claimed_total}).</li>
 * </ul>
 * The engine is the running sandbox ({@code .linkup/sandbox.properties}) or {@code --port},
 * {@code --redis}. The same tool measures an engine that reads pub/sub only (its metric names are
 * the same), which is how the stream is compared with the intake it replaced.
 */
public final class IntakeLoad {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        Map<String, String> o = LoadOptions.parse(args);
        Properties sandbox = LoadOptions.sandbox(o);
        int port = Integer.parseInt(o.getOrDefault("port", sandbox.getProperty("http.port", "3001")));
        URI redis = URI.create(o.getOrDefault("redis", sandbox.getProperty("redis.url", "redis://127.0.0.1:6379")));
        int events = Integer.parseInt(o.getOrDefault("events", "20000"));
        String path = o.getOrDefault("path", "live");
        boolean stream = "stream".equals(o.getOrDefault("transport", "stream"));
        String metric = "group".equals(path) ? "linkup_events_claimed_total" : "linkup_events_total";
        String runId = Long.toString(System.nanoTime(), 36);

        List<String> batch = new ArrayList<>(events);
        for (int i = 0; i < events; i++) {
            String teeTime = String.format("tt-%04d", 1 + i % 200);
            String id = runId + "-" + i;
            String at = Instant.now().toString();
            batch.add("group".equals(path)
                    ? "{\"id\":\"" + id + "\",\"type\":\"slot.joined\",\"occurredAt\":\"" + at + "\",\"data\":{"
                            + "\"teeTimeId\":\"" + teeTime + "\",\"slotNumber\":4,\"userId\":\"user-" + String.format(
                                    "%04d", 1 + (i * 7) % 500) + "\"}}"
                    : "{\"id\":\"" + id + "\",\"type\":\"tee-time.updated\",\"occurredAt\":\"" + at + "\",\"data\":{"
                            + "\"teeTimeId\":\"" + teeTime + "\",\"changes\":{\"note\":\"load " + i + "\"}}}");
        }
        long enginePid = Long.parseLong(o.getOrDefault("pid", sandbox.getProperty("pid", "-1")));
        double before = total(port, metric);
        long[] cpuBefore = FanoutLoad.cpuTicks(enginePid);
        Map<String, Long> threadsBefore = FanoutLoad.threadTicks(enginePid);
        long start = System.nanoTime();
        try (Jedis jedis = new Jedis(redis.getHost(), redis.getPort())) {
            Pipeline pipe = jedis.pipelined();
            for (int i = 0; i < batch.size(); i++) {
                if (stream) {
                    pipe.xadd("linkup:events:stream", XAddParams.xAddParams(), Map.of("event", batch.get(i)));
                } else {
                    pipe.publish("linkup:events", batch.get(i));
                }
                if (i % 500 == 499) {
                    pipe.sync();
                }
            }
            pipe.sync();
        }
        long handedOver = System.nanoTime();
        double handled = 0;
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (handled < events && System.nanoTime() < deadline) {
            Thread.sleep(50);
            handled = total(port, metric) - before;
        }
        long end = System.nanoTime();
        // the delivery thread may still be writing room history: let it finish before reading the CPU
        Thread.sleep(1_000);
        long[] cpuAfter = FanoutLoad.cpuTicks(enginePid);
        Map<String, Long> threadsAfter = FanoutLoad.threadTicks(enginePid);
        String cpu = cpuBefore == null || cpuAfter == null ? "engine CPU not measured (--pid)"
                : String.format("engine CPU %.1f us per event", (cpuAfter[0] + cpuAfter[1] - cpuBefore[0] - cpuBefore[1])
                        * 1e4 / Math.max(1, handled));
        System.out.printf("%s path over %s: %d events handed over in %.2f s; %.0f handled in %.2f s: %.0f events/s;"
                + " %s%n", path, stream ? "the stream" : "pub/sub", events, (handedOver - start) / 1e9, handled,
                (end - start) / 1e9, handled / ((end - start) / 1e9), cpu);
        if (o.containsKey("threads")) {
            final double n = Math.max(1, handled);
            System.out.print("engine CPU by thread, us per event:");
            threadsAfter.entrySet().stream()
                    .map(e -> Map.entry(e.getKey(), e.getValue() - threadsBefore.getOrDefault(e.getKey(), 0L)))
                    .filter(e -> e.getValue() > 0).sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .limit(10).forEach(e -> System.out.printf(" %s %.1f;", e.getKey(), e.getValue() * 1e4 / n));
            System.out.println();
        }
    }

    /** The sum of a counter's series on the engine's /metrics. */
    static double total(int port, String metric) throws Exception {
        String body = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        double sum = 0;
        for (String line : body.split("\n")) {
            if (line.startsWith(metric + "{") || line.startsWith(metric + " ")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }
}
