package golf.linkup.routes;

import golf.linkup.engine.events.InvalidEventException;
import golf.linkup.engine.metrics.EngineMetrics;
import golf.linkup.engine.storage.DeadLetterStore;
import golf.linkup.engine.storage.StorageException;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.spi.IdempotentRepository;

/**
 * Error handling the event routes opt into (kept out of the routes themselves):
 * <ul>
 *   <li>{@code event-errors}: an invalid event is dead-lettered at once, by one instance of the
 *       cluster (sending it again would give the same answer); a database failure is retried 3 times with exponential back-off
 *       (0.1 s, 0.3 s, 0.9 s), then dead-lettered; anything else is dead-lettered. Every case is
 *       handled, so the consumer keeps reading the next event.</li>
 *   <li>{@code job-errors}: a timer job that fails is logged and counted; it runs again next time.</li>
 *   <li>{@code fanout-errors}: a fan-out message that cannot be delivered is logged and counted;
 *       the subscription keeps going.</li>
 * </ul>
 */
public final class EventErrorHandling extends RouteConfigurationBuilder {

    public static final String EVENT_ERRORS = "event-errors";
    public static final String FANOUT_ERRORS = "fanout-errors";
    public static final String JOB_ERRORS = "job-errors";

    private final DeadLetterStore deadLetters;
    private final IdempotentRepository clusterClaims;
    private final EngineMetrics metrics;
    private final String source;

    public EventErrorHandling(DeadLetterStore deadLetters, IdempotentRepository clusterClaims, EngineMetrics metrics,
            String source) {
        this.deadLetters = deadLetters;
        this.clusterClaims = clusterClaims;
        this.metrics = metrics;
        this.source = source;
    }

    @Override
    public void configuration() {
        DeadLetterRecorder recorder = new DeadLetterRecorder(deadLetters, clusterClaims, metrics, source);
        routeConfiguration(EVENT_ERRORS)
                .onException(InvalidEventException.class)
                    .handled(true)
                    .process(recorder)
                .end()
                .onException(StorageException.class)
                    .maximumRedeliveries(3)
                    .redeliveryDelay(100)
                    .useExponentialBackOff()
                    .backOffMultiplier(3)
                    .retryAttemptedLogLevel(org.apache.camel.LoggingLevel.WARN)
                    .handled(true)
                    .process(recorder)
                .end()
                .onException(Exception.class)
                    .handled(true)
                    .process(recorder)
                .end();

        routeConfiguration(JOB_ERRORS)
                .onException(Exception.class)
                    .handled(true)
                    .process(exchange -> metrics.jobFailed(exchange.getFromRouteId()))
                    .log(org.apache.camel.LoggingLevel.ERROR, "golf.linkup.routes.Jobs",
                            "job ${routeId} failed, it runs again at its next firing: ${exception.message}")
                .end();

        routeConfiguration(FANOUT_ERRORS)
                .onException(Exception.class)
                    .handled(true)
                    .process(exchange -> metrics.fanoutFailed())
                    .log(org.apache.camel.LoggingLevel.ERROR, "golf.linkup.routes.FanoutRoutes",
                            "fan-out message not delivered: ${exception.message}")
                .end();
    }
}
