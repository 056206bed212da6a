package golf.linkup.bench.matching;

import golf.linkup.engine.matching.InMemorySocialGraph;
import golf.linkup.engine.matching.RelatednessMap;
import golf.linkup.engine.matching.Scorer;
import golf.linkup.engine.matching.ScoringTeeTime;
import golf.linkup.engine.matching.ScoringUser;
import golf.linkup.engine.matching.SocialCircle;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Scored pairs per second on one thread. 4,096 (user, tee time) pairs, half of them in the same
 * metro (every PROXIMITY branch is taken), the other half anywhere; one op = one pair.
 * {@code fullScoreWithSocialLookup} asks the user's precomputed {@link SocialCircle} for every pair
 * (the honest full score); {@code scoreWithKnownLink} takes the link as given (the arithmetic alone).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ScorerBenchmark {

    static final int PAIRS = 4096;

    private final Scorer scorer = new Scorer(RelatednessMap.DEFAULT);
    private final long now = MatchingDataGenerator.NOW.toEpochMilli();
    private ScoringUser[] users;
    private ScoringTeeTime[] teeTimes;
    private SocialCircle[] circles;
    private boolean[] links;

    @Setup
    public void setUp() {
        MatchingDataGenerator data = new MatchingDataGenerator(1).withUsers(50_000);
        InMemorySocialGraph graph = data.socialGraph(8);
        List<ScoringTeeTime> pool = data.teeTimes("tt", 20_000);
        users = new ScoringUser[PAIRS];
        teeTimes = new ScoringTeeTime[PAIRS];
        circles = new SocialCircle[PAIRS];
        links = new boolean[PAIRS];
        java.util.SplittableRandom random = new java.util.SplittableRandom(2);
        for (int i = 0; i < PAIRS; i++) {
            teeTimes[i] = pool.get(random.nextInt(pool.size()));
            users[i] = i % 2 == 0 ? data.randomUserNear(teeTimes[i]) : data.randomUser();
            circles[i] = graph.circleOf(users[i].id());
            links[i] = circles[i].contains(teeTimes[i].hostId());
        }
    }

    @Benchmark
    @OperationsPerInvocation(PAIRS)
    public int fullScoreWithSocialLookup() {
        int sum = 0;
        for (int i = 0; i < PAIRS; i++) {
            ScoringTeeTime t = teeTimes[i];
            sum += scorer.score(users[i], t, now, circles[i].contains(t.hostId()));
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(PAIRS)
    public int scoreWithKnownLink() {
        int sum = 0;
        for (int i = 0; i < PAIRS; i++) {
            sum += scorer.score(users[i], teeTimes[i], now, links[i]);
        }
        return sum;
    }
}
