package golf.linkup.app;

import golf.linkup.engine.config.EngineSettings;
import golf.linkup.engine.metrics.EngineMetrics;
import golf.linkup.engine.storage.CachingParticipants;
import golf.linkup.engine.storage.CachingTeeTimeDirectory;
import golf.linkup.engine.storage.Database;
import golf.linkup.engine.storage.DeadLetterStore;
import golf.linkup.engine.storage.JdbcDeadLetterStore;
import golf.linkup.engine.storage.JdbcMatchingStore;
import golf.linkup.engine.storage.JdbcParticipants;
import golf.linkup.engine.storage.JdbcTeeTimeDirectory;
import golf.linkup.engine.storage.TeeTimeDirectory;
import golf.linkup.redis.RedisConnections;
import golf.linkup.sandbox.EmbeddedRedis;
import golf.linkup.sandbox.SandboxData;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every feature stands on: settings, clock, metrics, Redis (an embedded one in the sandbox when
 * no URL is set), the database (with the sample data when asked) and the stores several features
 * read: tee times and people, users as matching and notifications see them, dead letters.
 */
public final class InfrastructureAssembly {

    private static final Logger LOG = LoggerFactory.getLogger(InfrastructureAssembly.class);

    private final EngineSettings settings;
    private final Clock clock;
    private final Closer closer;
    private final EngineMetrics metrics = new EngineMetrics();
    private final RedisConnections redis;
    private final Database database;
    private final TeeTimeDirectory directory;
    private final CachingParticipants participants;
    private final DeadLetterStore deadLetters;
    private final JdbcMatchingStore users;

    InfrastructureAssembly(EngineSettings settings, Clock clock, Closer closer) {
        this.settings = settings;
        this.clock = clock;
        this.closer = closer;
        URI redisUri;
        if (settings.redisUri().isPresent()) {
            redisUri = settings.redisUri().get();
        } else {
            EmbeddedRedis embedded = closer.add(EmbeddedRedis.start());
            redisUri = embedded.uri();
            LOG.info("started an embedded Redis on {}", redisUri);
        }
        redis = closer.add(new RedisConnections(redisUri));
        String dbUrl = settings.dbUrl().orElse("jdbc:h2:mem:linkup;DB_CLOSE_DELAY=-1");
        database = closer.add(Database.open(dbUrl, settings.dbUser(), settings.dbPassword(), settings.dbPoolSize(),
                null));
        if (settings.loadSampleData()) {
            SandboxData.load(database.dataSource(), settings.sampleDataDir(), clock);
        }
        directory = new CachingTeeTimeDirectory(new JdbcTeeTimeDirectory(database.dataSource()), clock,
                Duration.ofMinutes(1), 10_000);
        participants = new CachingParticipants(new JdbcParticipants(database.dataSource()), clock,
                settings.gateway().participantsCacheTtl(), settings.gateway().participantsCacheSize());
        deadLetters = new JdbcDeadLetterStore(database.dataSource());
        users = new JdbcMatchingStore(database.dataSource());
    }

    public EngineSettings settings() {
        return settings;
    }

    public Clock clock() {
        return clock;
    }

    /** Where each assembly registers what it opens, closed in reverse with the engine. */
    Closer closer() {
        return closer;
    }

    public EngineMetrics metrics() {
        return metrics;
    }

    public RedisConnections redis() {
        return redis;
    }

    public Database database() {
        return database;
    }

    /** Tee times and people, cached for a minute (the live updates and the gateway read it). */
    public TeeTimeDirectory directory() {
        return directory;
    }

    /**
     * Each tee time's host and players, remembered for the gateway's subscribes; the live path
     * forgets a tee time on every event that can change them.
     */
    public CachingParticipants participants() {
        return participants;
    }

    public DeadLetterStore deadLetters() {
        return deadLetters;
    }

    /** Users and tee times as matching, notifications and the timed jobs read them. */
    public JdbcMatchingStore users() {
        return users;
    }
}
