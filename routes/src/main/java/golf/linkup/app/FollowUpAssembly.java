package golf.linkup.app;

import golf.linkup.engine.backendevents.BackendEvents;
import golf.linkup.engine.config.FollowUpSettings;
import golf.linkup.engine.gateway.GatewayService;
import golf.linkup.engine.gateway.connections.ConnectionRegistry;
import golf.linkup.engine.gateway.fanout.OrderedRoomDelivery;
import golf.linkup.engine.gateway.history.RoomHistory;
import golf.linkup.engine.gateway.presence.PresenceService;
import golf.linkup.engine.missed.MissedMessageDigests;
import golf.linkup.engine.missed.SeenTracker;
import golf.linkup.engine.notifications.NotificationRules;
import golf.linkup.engine.notifications.intake.NotificationService;
import golf.linkup.engine.storage.MatchingStore;
import golf.linkup.engine.storage.Participants;
import golf.linkup.redis.RedisBackendEventLog;
import golf.linkup.redis.RedisMissedMessageStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * What the engine does beyond the socket, wired onto the gateway: the backend events stream
 * ({@code user.connected}, {@code user.disconnected}, {@code presence.changed}: observes presence)
 * and missed-message digests (observes deliveries and subscriptions, flushes what sockets took to
 * Redis every {@link #FLUSH_PERIOD}; the digest job itself runs on the clustered scheduler).
 */
public final class FollowUpAssembly implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FollowUpAssembly.class);
    /** How often seen positions and scheduled looks go to Redis: part of a digest's delay accuracy. */
    static final Duration FLUSH_PERIOD = Duration.ofMillis(500);

    /** What the assembly needs from the rest of the engine. */
    public record Parts(StringRedisTemplate redis, PresenceService presence, GatewayService gateway,
            ConnectionRegistry connections, OrderedRoomDelivery roomDelivery, RoomHistory history,
            Participants participants, MatchingStore teeTimes, NotificationRules rules,
            NotificationService notifications, Clock clock, Duration disconnectGrace, Duration historyTtl,
            MeterRegistry meters) {
    }

    private final Optional<RedisBackendEventLog> backendLog;
    private final Optional<SeenTracker> tracker;
    private final Optional<MissedMessageDigests> digests;
    private final ScheduledExecutorService flusher;

    public FollowUpAssembly(FollowUpSettings settings, Parts parts) {
        if (settings.backendEnabled()) {
            RedisBackendEventLog log = new RedisBackendEventLog(parts.redis(), settings.backendStream(),
                    settings.backendMaxLength(), settings.backendMaxAge());
            parts.presence().observe(new BackendEvents(log, parts.disconnectGrace(), parts.meters()));
            backendLog = Optional.of(log);
        } else {
            backendLog = Optional.empty();
        }
        if (settings.missedEnabled()) {
            RedisMissedMessageStore store = new RedisMissedMessageStore(parts.redis(), parts.historyTtl());
            SeenTracker seen = new SeenTracker(parts.connections(), store, parts.clock(), settings.missedDelay());
            parts.roomDelivery().afterBatch(seen::delivered);
            parts.gateway().onCaughtUp(seen::caughtUp);
            tracker = Optional.of(seen);
            digests = Optional.of(new MissedMessageDigests(store, parts.history(), parts.participants(),
                    parts.teeTimes(), parts.rules(), parts.notifications(), parts.clock(), settings.missedDelay()));
        } else {
            tracker = Optional.empty();
            digests = Optional.empty();
        }
        flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "linkup-missed-flush");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts flushing what sockets took (no-op when digests are off). */
    public void start() {
        tracker.ifPresent(seen -> flusher.scheduleWithFixedDelay(() -> {
            try {
                seen.flush();
            } catch (RuntimeException e) {
                LOG.warn("missed messages: flushing seen positions failed (retried next time): {}", e.toString());
            }
        }, FLUSH_PERIOD.toMillis(), FLUSH_PERIOD.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** The digest job's work, for the clustered scheduler. */
    public Object runDigests() {
        return digests.map(MissedMessageDigests::run).map(Object::toString).orElse("missed-message digests are off");
    }

    /** The backend stream's key, when backend events are on. */
    public Optional<String> backendStream() {
        return backendLog.map(RedisBackendEventLog::stream);
    }

    @Override
    public void close() {
        flusher.shutdownNow();
    }
}
