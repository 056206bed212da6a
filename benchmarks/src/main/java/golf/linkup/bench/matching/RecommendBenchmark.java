package golf.linkup.bench.matching;

import golf.linkup.engine.matching.InMemorySocialGraph;
import golf.linkup.engine.matching.MatchingSettings;
import golf.linkup.engine.matching.Recommendation;
import golf.linkup.engine.matching.Recommender;
import golf.linkup.engine.matching.Scorer;
import golf.linkup.engine.matching.ScoringUser;
import golf.linkup.engine.matching.TeeTimeIndex;
import golf.linkup.engine.matching.UserSpatialIndex;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A user's top 50 among 100,000 open tee times, uncached: every call ranks the whole index for the
 * next of 4,096 users (200,000 generated users, ~8 connections each; the user's social circle is
 * built on first need, inside the measured call). SampleTime gives p50, p99, max.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class RecommendBenchmark {

    private static final int QUERIES = 4096;

    private Recommender recommender;
    private ScoringUser[] queries;
    private int next;

    @Setup
    public void setUp() {
        MatchingDataGenerator data = new MatchingDataGenerator(4).withUsers(200_000);
        InMemorySocialGraph graph = data.socialGraph(8);
        TeeTimeIndex teeTimes = new TeeTimeIndex();
        teeTimes.upsertAll(data.teeTimes("tt", 100_000));
        Clock clock = Clock.fixed(MatchingDataGenerator.NOW, ZoneOffset.UTC);
        recommender = new Recommender(new Scorer(MatchingSettings.DEFAULTS.relatedness()), teeTimes,
                new UserSpatialIndex(), graph, clock, MatchingSettings.DEFAULTS);
        queries = new ScoringUser[QUERIES];
        for (int i = 0; i < QUERIES; i++) {
            queries[i] = data.randomUser();
        }
    }

    @Benchmark
    public List<Recommendation> top50() {
        ScoringUser user = queries[next];
        next = (next + 1) % QUERIES;
        return recommender.recommend(user);
    }
}
