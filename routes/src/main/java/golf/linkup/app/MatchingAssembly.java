package golf.linkup.app;

import golf.linkup.engine.http.api.MatchingApi;
import golf.linkup.engine.matching.MatchingService;
import golf.linkup.engine.matching.MatchingSettings;
import golf.linkup.redis.RedisConnections;
import golf.linkup.redis.RedisRecommendationCache;
import java.time.Clock;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import golf.linkup.engine.notifications.NotificationIntent;
import org.springframework.data.redis.core.RedisCallback;

/**
 * Matching: scores users against tee times, keeps each user's top N in a Redis cache shared by every
 * instance (an invalidation anywhere counts everywhere), tells matching users of new tee times
 * through the notification rules, and serves the recommendations/suggestions/status API.
 */
public final class MatchingAssembly {

    private final MatchingSettings settings;
    private final MatchingService matching;

    /**
     * @param notifyIntents where the new-tee-time intents go (the {@code notify-intents} route)
     * @param routesRunning whether the Camel routes run (the status API reports it)
     */
    MatchingAssembly(InfrastructureAssembly infrastructure, GatewayAssembly gateway,
            NotificationAssembly notifications, MatchingSettings settings,
            Consumer<NotificationIntent> notifyIntents, BooleanSupplier routesRunning) {
        this.settings = settings;
        Clock clock = infrastructure.clock();
        var cache = new RedisRecommendationCache(infrastructure.redis().template(), clock, settings.cacheTtl());
        matching = new MatchingService(infrastructure.users(), settings, cache, clock,
                infrastructure.metrics().meterRegistry(), infrastructure.settings().instanceId(),
                (teeTimeId, user, eventId) -> notifications.rules().newTeeTime(teeTimeId, user,
                        eventId != null ? eventId : "run-" + clock.millis())
                        .ifPresent(notifyIntents));
        matching.loadAll();
        RedisConnections redis = infrastructure.redis();
        new MatchingApi(matching, infrastructure.directory(), () -> new MatchingApi.RuntimeStatus(
                routesRunning.getAsBoolean(), gateway.port() > 0 && routesRunning.getAsBoolean(),
                gateway.connections().connectionCount(), answersPing(redis))).register(gateway.api());
    }

    public MatchingService service() {
        return matching;
    }

    MatchingSettings settings() {
        return settings;
    }

    private static boolean answersPing(RedisConnections redis) {
        try {
            return "PONG".equalsIgnoreCase(redis.template().execute((RedisCallback<String>) c -> c.ping()));
        } catch (RuntimeException e) {
            return false;
        }
    }
}
