package golf.linkup.bench.matching;

import golf.linkup.engine.matching.Recommendation;
import golf.linkup.redis.RedisConnections;
import golf.linkup.redis.RedisRecommendationCache;
import golf.linkup.sandbox.EmbeddedRedis;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A user's top 50 served from the recommendation cache as the engine serves it: a real Redis
 * (embedded, loopback), the engine's {@link RedisRecommendationCache} (one GET, JSON decode, the
 * freshness check). Target: ≤ 1 ms from the cache.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
public class CachedRecommendationsBenchmark {

    private EmbeddedRedis redis;
    private RedisConnections connections;
    private RedisRecommendationCache cache;

    @Setup(Level.Trial)
    public void start() {
        redis = EmbeddedRedis.start();
        connections = new RedisConnections(redis.uri());
        cache = new RedisRecommendationCache(connections.template(), Clock.systemUTC(), Duration.ofHours(1),
                "bench:reco:");
        List<Recommendation> top = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            top.add(new Recommendation("tt-" + (100_000 + i * 37), 95 - i));
        }
        for (int u = 0; u < 1_000; u++) {
            cache.put("user-" + u, top);
        }
    }

    private int next;

    @Benchmark
    public Optional<List<Recommendation>> top50FromTheCache() {
        next = (next + 1) % 1_000;
        return cache.get("user-" + next);
    }

    @TearDown(Level.Trial)
    public void stop() {
        connections.close();
        redis.close();
    }
}
