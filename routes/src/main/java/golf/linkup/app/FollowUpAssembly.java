package golf.linkup.app;

import golf.linkup.engine.backendevents.BackendEvents;
import golf.linkup.engine.config.FollowUpSettings;
import golf.linkup.engine.missed.MissedDigestStatus;
import golf.linkup.engine.missed.MissedMessageDigests;
import golf.linkup.engine.missed.SeenTracker;
import golf.linkup.engine.storage.JdbcParticipants;
import golf.linkup.redis.RedisBackendEventLog;
import golf.linkup.redis.RedisMissedMessageStore;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the engine does beyond the socket, wired onto the gateway: the backend events stream
 * ({@code user.connected}, {@code user.disconnected}, {@code presence.changed}: observes presence)
 * and missed-message digests (observes deliveries and subscriptions, flushes what sockets took to
 * Redis every {@link #FLUSH_PERIOD}; the digest job itself runs on the clustered scheduler).
 */
public final class FollowUpAssembly {

    private static final Logger LOG = LoggerFactory.getLogger(FollowUpAssembly.class);
    /** How often seen positions and scheduled looks go to Redis: part of a digest's delay accuracy. */
    static final Duration FLUSH_PERIOD = Duration.ofMillis(500);

    private final Optional<RedisBackendEventLog> backendLog;
    private final Optional<SeenTracker> tracker;
    private final Optional<MissedMessageDigests> digests;
    private final Optional<MissedDigestStatus> missedStatus;
    private final ScheduledExecutorService flusher;

    /**
     * Registers its observers on presence, room delivery and the gateway's subscriptions: the one
     * place where parts built earlier are told of listeners afterwards, since these features only
     * watch the gateway (the gateway works the same without them).
     */
    FollowUpAssembly(InfrastructureAssembly infrastructure, GatewayAssembly gateway,
            NotificationAssembly notifications, FollowUpSettings settings) {
        var engineSettings = infrastructure.settings();
        var redis = infrastructure.redis().template();
        var clock = infrastructure.clock();
        var meters = infrastructure.metrics().meterRegistry();
        if (settings.backendEnabled()) {
            RedisBackendEventLog log = new RedisBackendEventLog(redis, settings.backendStream(),
                    settings.backendMaxLength(), settings.backendMaxAge());
            gateway.presence().observe(new BackendEvents(log,
                    engineSettings.gateway().presenceDisconnectGrace(), meters));
            backendLog = Optional.of(log);
        } else {
            backendLog = Optional.empty();
        }
        if (settings.missedEnabled()) {
            RedisMissedMessageStore store = new RedisMissedMessageStore(redis, engineSettings.gateway().historyTtl());
            SeenTracker seen = new SeenTracker(gateway.connections(), store, clock, settings.missedDelay());
            gateway.roomDelivery().afterBatch(seen::delivered);
            gateway.service().onCaughtUp(seen::caughtUp);
            tracker = Optional.of(seen);
            var participants = new JdbcParticipants(infrastructure.database().dataSource());
            digests = Optional.of(new MissedMessageDigests(store, gateway.roomHistory(), participants,
                    infrastructure.users(), notifications.rules(), notifications.service(), clock,
                    settings.missedDelay()));
            missedStatus = Optional.of(new MissedDigestStatus(store, gateway.roomHistory(), participants, clock));
        } else {
            tracker = Optional.empty();
            digests = Optional.empty();
            missedStatus = Optional.empty();
        }
        flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "linkup-missed-flush");
            t.setDaemon(true);
            return t;
        });
        infrastructure.closer().add(flusher::shutdownNow);
    }

    /** Starts flushing what sockets took (no-op when digests are off). */
    void start() {
        tracker.ifPresent(seen -> flusher.scheduleWithFixedDelay(() -> {
            try {
                seen.flush();
            } catch (RuntimeException e) {
                LOG.warn("missed messages: flushing seen positions failed (retried next time): {}", e.toString());
            }
        }, FLUSH_PERIOD.toMillis(), FLUSH_PERIOD.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** The digest job's work, for the clustered scheduler. */
    Object runDigests() {
        return digests.map(MissedMessageDigests::run).map(Object::toString).orElse("missed-message digests are off");
    }

    /** What operators read of pending digests (empty when digests are off). */
    public Optional<MissedDigestStatus> missedStatus() {
        return missedStatus;
    }

    /** The backend stream's key, when backend events are on. */
    public Optional<String> backendStream() {
        return backendLog.map(RedisBackendEventLog::stream);
    }

}
