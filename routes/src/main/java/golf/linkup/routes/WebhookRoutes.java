package golf.linkup.routes;

import golf.linkup.engine.webhook.WebhookClient;
import golf.linkup.engine.webhook.WebhookEvent;
import golf.linkup.engine.webhook.WebhookMetrics;
import golf.linkup.intake.EventStreamEndpoint;
import golf.linkup.intake.RedisEventStream;
import java.time.Clock;
import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * {@code webhook-backend-events}: the backend events stream, read through a consumer group of its
 * own (each entry goes to one instance; one that dies holding entries leaves them pending and
 * another takes them over), each entry POSTed as signed JSON ({@link WebhookClient}) to
 * {@code linkup.webhook.url}, then acknowledged. Retries with back-off and dead letters are the
 * route configuration's ({@link WebhookErrorHandling}): 2xx = delivered; 408, 429, 5xx, a time-out,
 * no connection = tried again until {@code linkup.webhook.max-attempts}; any other answer = dead
 * letter at once. Entries are posted one at a time in stream order, a retried one holding back the
 * ones after it.
 */
public final class WebhookRoutes extends RouteBuilder {

    public static final String ROUTE_ID = "webhook-backend-events";
    /** Property: the {@link WebhookEvent} being posted. */
    static final String WEBHOOK_EVENT = "linkupWebhookEvent";
    /** Property: the attempts made so far (what a dead letter says). */
    static final String ATTEMPTS = "linkupWebhookAttempts";

    private final Endpoint backendGroup;
    private final WebhookClient client;
    private final WebhookMetrics metrics;
    private final Clock clock;

    public WebhookRoutes(Endpoint backendGroup, WebhookClient client, WebhookMetrics metrics, Clock clock) {
        this.backendGroup = backendGroup;
        this.client = client;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public void configure() {
        from(backendGroup)
                .routeId(ROUTE_ID)
                .routeConfigurationId(WebhookErrorHandling.WEBHOOK_ERRORS)
                .routeDescription("backend events stream (consumer group) → signed POST to " + client.shownUrl()
                        + " → acknowledged; refused or out of attempts → dead letter")
                .process(WebhookRoutes::event)
                .process(this::post);
    }

    /** The entry's fields become the JSON body; an entry without a type is not posted. */
    private static void event(Exchange exchange) {
        String entryId = exchange.getMessage().getHeader(EventStreamEndpoint.ENTRY_ID, String.class);
        @SuppressWarnings("unchecked")
        Map<String, String> fields = exchange.getMessage().getHeader(EventStreamEndpoint.FIELDS, Map.class);
        if (fields == null || fields.isEmpty()) {
            throw new InvalidBackendEntryException("entry " + entryId + " is no longer in the stream (trimmed by"
                    + " linkup.backend-events.max-length or .max-age before it was posted)");
        }
        if (!fields.containsKey("type")) {
            throw new InvalidBackendEntryException("entry " + entryId + " has no type field: " + fields);
        }
        WebhookEvent event = WebhookEvent.of(entryId, fields);
        exchange.setProperty(WEBHOOK_EVENT, event);
        exchange.getMessage().setHeader(ExchangeKeys.EVENT_ID, event.id());
        exchange.getMessage().setHeader(ExchangeKeys.EVENT_TYPE, event.type());
        exchange.getMessage().setBody(event.text());
    }

    /** One attempt; a redelivery (the route configuration's) runs only this step again. */
    private void post(Exchange exchange) {
        WebhookEvent event = exchange.getProperty(WEBHOOK_EVENT, WebhookEvent.class);
        int attempt = 1 + exchange.getMessage().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class);
        exchange.setProperty(ATTEMPTS, attempt);
        client.deliver(event, attempt);
        metrics.delivered(RedisEventStream.millisOf(event.id()), clock.millis());
    }

    /** A backend stream entry the engine did not write (no {@code type}): dead-lettered, not posted. */
    static final class InvalidBackendEntryException extends RuntimeException {
        InvalidBackendEntryException(String message) {
            super(message);
        }
    }
}
