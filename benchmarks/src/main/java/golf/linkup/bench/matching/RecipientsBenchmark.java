package golf.linkup.bench.matching;

import golf.linkup.engine.matching.InMemorySocialGraph;
import golf.linkup.engine.matching.MatchingSettings;
import golf.linkup.engine.matching.RecipientFinder;
import golf.linkup.engine.matching.Recommender;
import golf.linkup.engine.matching.Scorer;
import golf.linkup.engine.matching.ScoredUser;
import golf.linkup.engine.matching.ScoringTeeTime;
import golf.linkup.engine.matching.ScoringUser;
import golf.linkup.engine.matching.SocialCircle;
import golf.linkup.engine.domain.GeoPoint;
import golf.linkup.engine.matching.TeeTimeImpact;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;

/**
 * Queries on 1,000,000 users (~4M connections): recipients of a new tee time (same industry, or
 * every industry for the 20% open to all, within 100 km, score >= 60), capped at the default 5 and
 * uncapped; "users who might want to join" (related industries, 250 km, top 20); and the cache
 * impact of a new tee time (ids of the audience within 250 km). Each call takes the next of 4,096
 * generated tee times, placed like the users (so big metros are queried most). SampleTime gives
 * the latency distribution (p50, p99, max).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms6g", "-Xmx6g"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class RecipientsBenchmark {

    private static final int QUERIES = 4096;

    private RecipientFinder finder;
    private Scorer scorer;
    private InMemorySocialGraph graph;
    private ScoringUser[] everyone;
    private Recommender recommender;
    private ScoringTeeTime[] queries;
    private int next;

    @Setup
    public void setUp() {
        MatchingDataGenerator data = new MatchingDataGenerator(3).withUsers(1_000_000);
        graph = data.socialGraph(8);
        everyone = data.users.toArray(new ScoringUser[0]);
        UserSpatialIndex users = new UserSpatialIndex();
        users.upsertAll(data.users);
        Clock clock = Clock.fixed(MatchingDataGenerator.NOW, ZoneOffset.UTC);
        scorer = new Scorer(MatchingSettings.DEFAULTS.relatedness());
        finder = new RecipientFinder(scorer, users, graph, clock, MatchingSettings.DEFAULTS);
        recommender = new Recommender(scorer, new TeeTimeIndex(), users, graph, clock, MatchingSettings.DEFAULTS);
        queries = data.teeTimes("q", QUERIES).toArray(new ScoringTeeTime[0]);
    }

    private ScoringTeeTime nextQuery() {
        ScoringTeeTime t = queries[next];
        next = (next + 1) % QUERIES;
        return t;
    }

    @Benchmark
    public List<ScoredUser> recipientsTop5() {
        return finder.recipientsOf(nextQuery());
    }

    /**
     * The same recipients (top 5, score >= 60, 100 km) without the index: every user's industry
     * and haversine distance checked (one GeoPoint allocated per user), as a reference for what the
     * index saves. Slow: the documented runs select the other benchmarks by regex.
     */
    @Benchmark
    public List<ScoredUser> bruteForceTop5() {
        ScoringTeeTime t = nextQuery();
        long now = MatchingDataGenerator.NOW.toEpochMilli();
        SocialCircle circle = graph.circleOf(t.hostId());
        PriorityQueue<ScoredUser> top = new PriorityQueue<>(WORST_FIRST);
        for (ScoringUser u : everyone) {
            if (!u.located() || (!t.openToAll() && u.industry() != t.industry())
                    || GeoPoint.distanceKm(u.location().lat(), u.location().lng(), t.courseLat(), t.courseLng()) > 100) {
                continue;
            }
            int score = scorer.score(u, t, now, circle.contains(u.id()));
            if (score >= 60) {
                top.add(new ScoredUser(u.id(), score));
                if (top.size() > 5) {
                    top.poll();
                }
            }
        }
        List<ScoredUser> out = new ArrayList<>(top);
        out.sort(WORST_FIRST.reversed());
        return out;
    }

    private static final Comparator<ScoredUser> WORST_FIRST =
            Comparator.comparingInt(ScoredUser::score).thenComparing(ScoredUser::userId, Comparator.reverseOrder());

    @Benchmark
    public List<ScoredUser> recipientsUncapped() {
        return finder.recipientsOf(nextQuery(), 60, Integer.MAX_VALUE);
    }

    @Benchmark
    public List<ScoredUser> suggestPlayersTop20() {
        return recommender.suggestPlayers(nextQuery());
    }

    @Benchmark
    public TeeTimeImpact impactOfNewTeeTime() {
        return recommender.impactOf(null, nextQuery());
    }
}
