package golf.linkup.routes;

import golf.linkup.engine.events.DomainEvent;
import golf.linkup.engine.notifications.NotificationIntent;
import golf.linkup.engine.notifications.NotificationRules;
import golf.linkup.engine.notifications.intake.NotificationPlanner;
import golf.linkup.engine.notifications.intake.NotificationTemplating;
import golf.linkup.engine.notifications.intake.OutboxWriter;
import golf.linkup.engine.notifications.intake.PlannedNotification;
import golf.linkup.engine.notifications.intake.RenderedNotification;
import java.util.List;
import java.util.function.Consumer;
import org.apache.camel.CamelExchangeException;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;

/**
 * From a cause to the outbox, one visible step at a time (the engine's beans each do one thing):
 * <ul>
 *   <li>{@code notify-event}: on the instance the consumer group gave a {@code slot.joined},
 *       {@code slot.left} or {@code tee-time.cancelled} event, the rules ({@link NotificationRules})
 *       decide who is told, on which channels;</li>
 *   <li>{@code notify-intents}: each intent (from {@code notify-event}, and the new-tee-time intents
 *       targeted matching decides on, sent here by {@link #sender}) goes through the policy
 *       ({@link NotificationPlanner}: settings, frequency limits, quiet hours, batching), then each
 *       channel left is rendered ({@link NotificationTemplating}) and written to the outbox
 *       ({@link OutboxWriter}, idempotent on cause + recipient + channel); a channel that got a row
 *       wakes its delivery route ({@code deliver-<channel>}).</li>
 * </ul>
 * Errors: {@code cluster-event-errors} (a database failure is retried 3 times at the step that
 * failed; after that the group entry stays pending, and the next attempt writes only what is
 * missing). Reminders, digests, the admin's send and booking effects are plain Java callers and use
 * {@code NotificationService.enqueue}, which runs the same three steps in one call.
 */
public final class NotifyRoutes extends RouteBuilder {

    public static final String NOTIFY_EVENT = "direct:notify-event";
    public static final String NOTIFY_INTENTS = "direct:notify-intents";
    /** Header: the wake-up endpoint of the channel a row was just written for. */
    private static final String WAKE_URI = "linkupWakeUri";

    private final NotificationRules rules;
    private final NotificationPlanner planner;
    private final NotificationTemplating templating;
    private final OutboxWriter outbox;

    public NotifyRoutes(NotificationRules rules, NotificationPlanner planner, NotificationTemplating templating,
            OutboxWriter outbox) {
        this.rules = rules;
        this.planner = planner;
        this.templating = templating;
        this.outbox = outbox;
    }

    /**
     * Hands intents made outside a route (targeted matching's new-tee-time decisions) to
     * {@code notify-intents}; a failure there is rethrown as it was, so the caller's route
     * configuration sees the same exception it would have seen from the database.
     */
    public static Consumer<NotificationIntent> sender(ProducerTemplate producer) {
        return intent -> {
            try {
                producer.sendBody(NOTIFY_INTENTS, List.of(intent));
            } catch (CamelExecutionException e) {
                Throwable cause = e;
                while ((cause instanceof CamelExecutionException || cause instanceof CamelExchangeException)
                        && cause.getCause() != null) {
                    cause = cause.getCause(); // Camel's wrappers: the producer's, then the split's
                }
                throw cause instanceof RuntimeException failure ? failure : e;
            }
        };
    }

    @Override
    public void configure() {
        from(NOTIFY_EVENT)
                .routeId("notify-event")
                .routeConfigurationId(EventErrorHandling.CLUSTER_EVENT_ERRORS)
                .routeDescription("the rules: who is told of a slot or a cancellation, on which channels")
                .process(exchange -> exchange.getMessage().setBody(
                        rules.intentsFor(exchange.getMessage().getBody(DomainEvent.class))))
                .to(NOTIFY_INTENTS);

        from(NOTIFY_INTENTS)
                .routeId("notify-intents")
                .routeConfigurationId(EventErrorHandling.CLUSTER_EVENT_ERRORS)
                .routeDescription("each intent: policy (settings, limits, quiet hours, batching) → template → outbox"
                        + " → wake the channel's delivery")
                // stopOnException: a failure fails the whole exchange (by default a split goes on and
                // drops it), so the group entry stays pending and the next attempt writes what is missing
                .split(body()).stopOnException()
                    // the policy: the channels that are queued, when, and whether folded into a held summary
                    .process(exchange -> exchange.getMessage().setBody(
                            planner.plan(exchange.getMessage().getBody(NotificationIntent.class)).channels()))
                    .split(body()).stopOnException()
                        .process(exchange -> exchange.getMessage().setBody(
                                templating.render(exchange.getMessage().getBody(PlannedNotification.class))))
                        .filter(exchange -> outbox.write(exchange.getMessage().getBody(RenderedNotification.class)))
                            .process(exchange -> exchange.getMessage().setHeader(WAKE_URI, NotificationRoutes.wakeUri(
                                    exchange.getMessage().getBody(RenderedNotification.class).planned().channel())))
                            // a wire tap: the wake-up is a copy of its own; sent as this exchange, seda would
                            // hand it this exchange's completions (the group's "done" mark, the acknowledgement)
                            .wireTap("${header." + WAKE_URI + "}")
                        .end()
                    .end()
                .end();
    }
}
