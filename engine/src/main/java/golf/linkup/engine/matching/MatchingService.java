package golf.linkup.engine.matching;

import golf.linkup.engine.domain.TeeTimeStatus;
import golf.linkup.engine.domain.User;
import golf.linkup.engine.metrics.EngineMetrics;
import golf.linkup.engine.storage.MatchingStore;
import golf.linkup.engine.storage.MatchingStore.MatchableTeeTime;
import golf.linkup.engine.storage.MatchingStore.MatchingRun;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The matching engine of one instance: in-memory indexes of users and upcoming tee times (loaded
 * from the database, refreshed on every tee-time event), the shared recommendation cache, and
 * targeted matching with a durable cooldown.
 *
 * <p>Concurrency: index refreshes come from one thread (the ordered event stream); reads
 * (recommendations, suggestions, explanations) may come from any thread and see consistent
 * snapshots (the indexes' contract). {@link #matchTeeTime} may run on any instance at once:
 * {@link MatchingStore#claimNotification} decides atomically who is told.
 */
public final class MatchingService {

    private static final Logger LOG = LoggerFactory.getLogger(MatchingService.class);

    /** How long a user is not told again about the same tee time. */
    public static final Duration COOLDOWN = Duration.ofHours(1);
    /** Candidates asked of the index per notification slot, so users in cooldown can be skipped. */
    private static final int CANDIDATES_PER_SLOT = 4;

    public enum Trigger { EVENT, RECONCILER, MANUAL }

    private final MatchingStore store;
    private final MatchingSettings settings;
    private final RecommendationCache cache;
    private final Clock clock;
    private final String instanceId;
    private final MatchListener listener;
    private final Scorer scorer;
    private final UserSpatialIndex users = new UserSpatialIndex();
    private final TeeTimeIndex teeTimes = new TeeTimeIndex();
    private final SwappableSocialGraph social = new SwappableSocialGraph(InMemorySocialGraph.of(List.of()));
    private final Recommender recommender;
    private final RecipientFinder recipients;
    private final Timer runTimer;
    private final Counter cacheHits;
    private final Counter cacheMisses;
    private final java.util.concurrent.atomic.AtomicInteger runsInFlight = new java.util.concurrent.atomic.AtomicInteger();

    public MatchingService(MatchingStore store, MatchingSettings settings, RecommendationCache cache, Clock clock,
            MeterRegistry meters, String instanceId, MatchListener listener) {
        this.store = store;
        this.settings = settings;
        this.cache = cache;
        this.clock = clock;
        this.instanceId = instanceId;
        this.listener = listener;
        this.scorer = new Scorer(settings.relatedness());
        this.recommender = new Recommender(scorer, teeTimes, users, social, clock, settings);
        this.recipients = new RecipientFinder(scorer, users, social, clock, settings);
        this.runTimer = EngineMetrics.matchingRun(meters);
        this.cacheHits = Counter.builder("linkup.matching.cache").tag("result", "hit")
                .description("recommendation cache look-ups").register(meters);
        this.cacheMisses = Counter.builder("linkup.matching.cache").tag("result", "miss").register(meters);
    }

    /** Loads users, connections and upcoming tee times into the indexes. */
    public synchronized void loadAll() {
        long start = System.nanoTime();
        List<ScoringUser> all = store.allUsers().stream().map(ScoringUser::of).toList();
        users.upsertAll(all);
        social.replace(InMemorySocialGraph.of(store.allConnections()));
        List<ScoringTeeTime> upcoming = store.upcomingTeeTimes(clock.instant()).stream()
                .map(MatchingService::scoring).toList();
        teeTimes.upsertAll(upcoming);
        LOG.info("matching indexes loaded: {} users, {} upcoming tee times in {} ms", users.size(), teeTimes.size(),
                (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * Brings one tee time's index entry up to date with the database and invalidates the cached
     * lists the change can affect. Every instance calls this for every tee-time or slot event.
     */
    public synchronized void refreshTeeTime(String teeTimeId) {
        ScoringTeeTime before = teeTimes.get(teeTimeId);
        ScoringTeeTime after = store.findTeeTime(teeTimeId).filter(this::matchable).map(MatchingService::scoring)
                .orElse(null);
        if (after == null) {
            teeTimes.remove(teeTimeId);
        } else {
            teeTimes.upsert(after);
        }
        if (before != null || after != null) {
            cache.invalidate(recommender.impactOf(before, after));
        }
    }

    /**
     * Targeted matching of one tee time: the best qualifying users, each told at most once
     * an hour about it, at most {@code recipientMaxCount} per run. The run is recorded.
     */
    public MatchResult matchTeeTime(String teeTimeId, Trigger trigger, String eventId) {
        runsInFlight.incrementAndGet();
        try {
            return match(teeTimeId, trigger, eventId);
        } finally {
            runsInFlight.decrementAndGet();
        }
    }

    /** True while a matching run is in progress on this instance. */
    public boolean isProcessing() {
        return runsInFlight.get() > 0;
    }

    private MatchResult match(String teeTimeId, Trigger trigger, String eventId) {
        long start = System.nanoTime();
        Instant now = clock.instant();
        ScoringTeeTime teeTime = teeTimes.get(teeTimeId);
        if (teeTime == null) {
            teeTime = store.findTeeTime(teeTimeId).filter(this::matchable).map(MatchingService::scoring).orElse(null);
        }
        if (teeTime == null) {
            LOG.debug("nothing to match: tee time {} is not open and upcoming", teeTimeId);
            return MatchResult.nothing(teeTimeId);
        }
        int cap = settings.recipientMaxCount();
        List<ScoredUser> matches = recipients.recipientsOf(teeTime, settings.recipientMinScore(),
                cap * CANDIDATES_PER_SLOT);
        List<ScoredUser> notified = new ArrayList<>();
        for (ScoredUser candidate : matches) {
            if (notified.size() >= cap) {
                break;
            }
            if (store.claimNotification(teeTimeId, candidate.userId(), candidate.score(), now, COOLDOWN)) {
                notified.add(candidate);
                listener.notify(teeTimeId, candidate, eventId);
            }
        }
        long micros = (System.nanoTime() - start) / 1_000;
        runTimer.record(micros, TimeUnit.MICROSECONDS);
        store.recordRun(new MatchingRun(teeTimeId, trigger.name(), eventId, instanceId, now, matches.size(),
                notified.size(), micros));
        LOG.info("matched tee time {} ({}): {} matches, {} notified", teeTimeId, trigger, matches.size(),
                notified.size());
        return new MatchResult(teeTimeId, List.copyOf(matches), List.copyOf(notified), micros);
    }

    /**
     * Matches every upcoming open tee time that no run has looked at (events lost while down) and that
     * was created or re-opened within {@link MatchingSettings#notifyWindow()}: older ones are not news,
     * so a first start on an existing database tells nobody about its backlog.
     */
    public int reconcile() {
        Instant now = clock.instant();
        List<String> missed = store.teeTimesNeverMatched(now, now.minus(settings.notifyWindow()), 1_000);
        for (String id : missed) {
            refreshTeeTime(id);
            matchTeeTime(id, Trigger.RECONCILER, null);
        }
        if (!missed.isEmpty()) {
            LOG.info("reconciler matched {} tee times that had no matching run", missed.size());
        }
        return missed.size();
    }

    /** The user's top {@code limit} (at most the configured 50), from the cache when fresh. */
    public Optional<List<Recommendation>> recommendations(String userId, int limit) {
        Optional<ScoringUser> user = user(userId);
        if (user.isEmpty()) {
            return Optional.empty();
        }
        Optional<List<Recommendation>> cached = cache.get(userId);
        List<Recommendation> list;
        if (cached.isPresent()) {
            cacheHits.increment();
            list = cached.get();
        } else {
            cacheMisses.increment();
            list = recommender.recommend(user.get());
            cache.put(userId, list);
        }
        return Optional.of(list.subList(0, Math.min(limit, list.size())));
    }

    /** "Users who might want to join" a tee time; empty when the tee time is not open and upcoming. */
    public Optional<List<ScoredUser>> suggestedPlayers(String teeTimeId) {
        return Optional.ofNullable(teeTimes.get(teeTimeId)).map(recommender::suggestPlayers);
    }

    /** Each factor's points and reason for a user and a tee time (any status: it says why not). */
    public Optional<ScoreExplanation> explain(String userId, String teeTimeId) {
        Optional<ScoringUser> user = user(userId);
        if (user.isEmpty()) {
            return Optional.empty();
        }
        ScoringTeeTime teeTime = teeTimes.get(teeTimeId);
        if (teeTime == null) {
            teeTime = store.findTeeTime(teeTimeId).map(MatchingService::scoring).orElse(null);
        }
        if (teeTime == null) {
            return Optional.empty();
        }
        return Optional.of(scorer.explain(user.get(), teeTime, clock, social));
    }

    /** The indexed tee time, for showing recommendations (null when not indexed). */
    public ScoringTeeTime indexedTeeTime(String teeTimeId) {
        return teeTimes.get(teeTimeId);
    }

    public Stats stats() {
        double hits = cacheHits.count();
        double total = hits + cacheMisses.count();
        double p99 = EngineMetrics.quantileUpperBound(runTimer, 0.99, TimeUnit.MILLISECONDS);
        return new Stats(users.size(), teeTimes.size(), runTimer.count(), runTimer.mean(TimeUnit.MILLISECONDS), p99,
                total == 0 ? 0 : hits / total);
    }

    /** Matching figures for {@code /api/v1/realtime/stats}. */
    public record Stats(int indexedUsers, int indexedTeeTimes, long runs, double meanRunMillis, double p99RunMillis,
            double cacheHitRate) {
    }

    /** The indexed user, else read from the database and indexed (users are created by the API server). */
    private Optional<ScoringUser> user(String userId) {
        ScoringUser indexed = users.get(userId);
        if (indexed != null) {
            return Optional.of(indexed);
        }
        Optional<User> stored = store.findUser(userId);
        stored.ifPresent(u -> {
            synchronized (this) {
                users.upsert(ScoringUser.of(u));
            }
        });
        return stored.map(ScoringUser::of);
    }

    private boolean matchable(MatchableTeeTime t) {
        TeeTimeStatus status = t.teeTime().status();
        return (status == TeeTimeStatus.OPEN || status == TeeTimeStatus.FULL)
                && t.teeTime().startsAt().isAfter(clock.instant());
    }

    private static ScoringTeeTime scoring(MatchableTeeTime t) {
        return ScoringTeeTime.of(t.teeTime(), t.course(), t.host(), t.playerIds());
    }
}
