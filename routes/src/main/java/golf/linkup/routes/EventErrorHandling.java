package golf.linkup.routes;

import golf.linkup.engine.events.InvalidEventException;
import golf.linkup.engine.metrics.EngineMetrics;
import golf.linkup.engine.storage.DeadLetterStore;
import golf.linkup.engine.storage.StorageException;
import golf.linkup.intake.DeliveriesExhaustedException;
import org.apache.camel.LoggingLevel;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.model.OnExceptionDefinition;
import org.apache.camel.model.RouteConfigurationDefinition;

/**
 * Error handling the routes opt into (kept out of the routes themselves):
 * <ul>
 *   <li>{@code event-errors} (every instance's live path): an event the parser refuses is skipped
 *       here (the consumer group dead-letters it once for the cluster); one its handler refuses
 *       (an unknown tee time) is dead-lettered once per stream entry; a database failure is retried 3 times
 *       with exponential back-off (0.1 s, 0.3 s, 0.9 s), then recorded as this instance's dead
 *       letter; anything else is recorded at once. Always handled: the reader goes on.</li>
 *   <li>{@code ingest-errors} ({@code ingest-events}, which parses and routes in memory): the same
 *       without the retries, so Camel keeps no copy of each event's exchange for a redelivery that
 *       cannot help.</li>
 *   <li>{@code cluster-event-errors} (the consumer group's once-per-cluster path): an invalid event,
 *       or an entry delivered more than {@code linkup.events.max-deliveries} times, is dead-lettered
 *       once and acknowledged; any other failure (database failures after the same 3 retries) is
 *       <em>not</em> handled: the entry stays pending and the group hands it out again after
 *       {@code linkup.events.claim-idle}, on whichever instance is free.</li>
 *   <li>{@code cluster-intake-errors} ({@code cluster-events}, which parses, checks and claims
 *       before handing the work to {@code cluster-once}): the same without the retries, which
 *       {@code cluster-once} and the steps after it do.</li>
 *   <li>{@code booking-event-errors}: the same as {@code cluster-event-errors} for the waitlist
 *       reconciliation of an event, which also counts each failure in
 *       {@code linkup.booking.event_failures}.</li>
 *   <li>{@code index-errors}: refreshing this instance's matching index is retried through a Redis
 *       or database blip (8 times, 0.2 s doubling to 10 s), then logged and counted.</li>
 *   <li>{@code job-errors}: a timer job that fails is logged and counted; it runs again next time.</li>
 *   <li>{@code fanout-errors}: a fan-out message that cannot be delivered is logged and counted;
 *       the subscription keeps going.</li>
 * </ul>
 */
public final class EventErrorHandling extends RouteConfigurationBuilder {

    public static final String EVENT_ERRORS = "event-errors";
    public static final String INGEST_ERRORS = "ingest-errors";
    public static final String CLUSTER_EVENT_ERRORS = "cluster-event-errors";
    public static final String CLUSTER_INTAKE_ERRORS = "cluster-intake-errors";
    public static final String BOOKING_EVENT_ERRORS = "booking-event-errors";
    public static final String FANOUT_ERRORS = "fanout-errors";
    public static final String JOB_ERRORS = "job-errors";
    public static final String INDEX_ERRORS = "index-errors";

    private final DeadLetterStore deadLetters;
    private final EngineMetrics metrics;
    private final String source;

    public EventErrorHandling(DeadLetterStore deadLetters, EngineMetrics metrics, String source) {
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.source = source;
    }

    @Override
    public void configuration() {
        DeadLetterRecorder recorder = new DeadLetterRecorder(deadLetters, metrics, source);
        // the live handlers read the database: a failure there is retried, then recorded
        retriedThreeTimes(liveRefusals(routeConfiguration(EVENT_ERRORS), recorder).onException(StorageException.class))
                    .handled(true)
                    .process(recorder)
                .end()
                .onException(Exception.class)
                    .handled(true)
                    .process(recorder)
                .end();
        // ingest-events itself only parses and routes in memory: no redelivery, so Camel does not copy
        // every event's exchange at each of its steps in case it has to deliver it again
        liveRefusals(routeConfiguration(INGEST_ERRORS), recorder)
                .onException(Exception.class)
                    .handled(true)
                    .process(recorder)
                .end();

        groupPath(routeConfiguration(CLUSTER_EVENT_ERRORS), recorder, exchange -> metrics.eventRetryLater());
        // cluster-events itself parses, checks and claims (memory and Redis); its database work is in
        // cluster-once and the steps after it, which retry: no redelivery (and no copy per step) here
        groupIntake(routeConfiguration(CLUSTER_INTAKE_ERRORS), recorder, exchange -> metrics.eventRetryLater());
        groupPath(routeConfiguration(BOOKING_EVENT_ERRORS), recorder, exchange -> {
            metrics.eventRetryLater();
            metrics.meterRegistry().counter("linkup.booking.event_failures").increment();
        });

        // this instance's matching index and the shared recommendation cache: a Redis or database
        // blip is waited out (up to ~40 s), then logged and counted; never a dead letter, since the
        // event itself is fine and the cache's lifetime bounds what a missed invalidation costs
        routeConfiguration(INDEX_ERRORS)
                .onException(Exception.class)
                    .maximumRedeliveries(8)
                    .redeliveryDelay(200)
                    .useExponentialBackOff()
                    .backOffMultiplier(2)
                    .maximumRedeliveryDelay(10_000)
                    .retryAttemptedLogLevel(LoggingLevel.DEBUG)
                    .handled(true)
                    .process(exchange -> metrics.matchingIndexFailed())
                    .log(LoggingLevel.ERROR, "golf.linkup.routes.MatchingRoutes",
                            "matching index not refreshed for event ${header.linkupEventId}: ${exception.message}")
                .end();

        routeConfiguration(JOB_ERRORS)
                .onException(Exception.class)
                    .handled(true)
                    .process(exchange -> metrics.jobFailed(exchange.getFromRouteId()))
                    .log(LoggingLevel.ERROR, "golf.linkup.routes.Jobs",
                            "job ${routeId} failed, it runs again at its next firing: ${exception.message}")
                .end();

        routeConfiguration(FANOUT_ERRORS)
                .onException(Exception.class)
                    .handled(true)
                    .process(exchange -> metrics.fanoutFailed())
                    .log(LoggingLevel.ERROR, "golf.linkup.routes.FanoutRoutes",
                            "fan-out message not delivered: ${exception.message}")
                .end();
    }

    /** The live path's answer to refused events: skipped (parser), or dead-lettered once per entry (handler). */
    private static RouteConfigurationDefinition liveRefusals(RouteConfigurationDefinition live, Processor recorder) {
        live
                // refused by the parser: the consumer group dead-letters it once for the cluster
                .onException(InvalidEventException.class)
                    .onWhen(exchange -> exchange.getProperty(ExchangeKeys.EVENT) == null)
                    .handled(true)
                    .log(LoggingLevel.DEBUG, "golf.linkup.routes.EventIngestRoutes",
                            "skipped an invalid event here (the consumer group dead-letters it): ${exception.message}")
                .end()
                // well-formed but refused by its handler (e.g. an unknown tee time): the same answer on
                // every instance, recorded once per stream entry whichever instance stores it first
                .onException(InvalidEventException.class)
                    .handled(true)
                    .process(recorder)
                .end();
        return live;
    }

    /**
     * The consumer group's path: invalid or exhausted → dead letter, acknowledged; a database failure
     * after 3 retries, or any other failure → not handled (the entry stays pending), {@code retryLater} told.
     */
    private static void groupPath(RouteConfigurationDefinition group, Processor recorder, Processor retryLater) {
        retriedThreeTimes(groupRefusals(group, recorder).onException(StorageException.class))
                    .handled(false)
                    .logStackTrace(false)
                    .process(retryLater)
                .end()
                .onException(Exception.class)
                    .handled(false)
                    .logStackTrace(false)
                    .process(retryLater)
                .end();
    }

    /** Invalid or exhausted → dead letter, acknowledged. */
    private static RouteConfigurationDefinition groupRefusals(RouteConfigurationDefinition group, Processor recorder) {
        group.onException(InvalidEventException.class, DeliveriesExhaustedException.class)
                    .handled(true)
                    .process(recorder)
                .end();
        return group;
    }

    /** {@link #groupPath} without the database retries, for a route that does not touch the database. */
    private static void groupIntake(RouteConfigurationDefinition group, Processor recorder, Processor retryLater) {
        groupRefusals(group, recorder)
                .onException(Exception.class)
                    .handled(false)
                    .logStackTrace(false)
                    .process(retryLater)
                .end();
    }

    /** A database failure: retried 3 times with exponential back-off (0.1 s, 0.3 s, 0.9 s). */
    private static OnExceptionDefinition retriedThreeTimes(OnExceptionDefinition onStorageFailure) {
        return onStorageFailure
                .maximumRedeliveries(3)
                .redeliveryDelay(100)
                .useExponentialBackOff()
                .backOffMultiplier(3)
                .retryAttemptedLogLevel(LoggingLevel.WARN);
    }
}
