package golf.linkup.routes;

import golf.linkup.engine.config.WebhookSettings;
import golf.linkup.engine.webhook.WebhookFailure;
import golf.linkup.engine.webhook.WebhookMetrics;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;

/**
 * {@code webhook-errors}, the webhook route's error handling. A retryable failure (408, 429, 5xx, a
 * time-out, no connection) is tried again up to {@code linkup.webhook.max-attempts} attempts in all,
 * waiting {@code backoff.initial}, then each wait times {@code backoff.multiplier}, at most
 * {@code backoff.max}; then dead-lettered as {@code WEBHOOK_EXHAUSTED}. A refusal (any other answer)
 * is dead-lettered at once as {@code WEBHOOK_REFUSED}; an entry that is not a backend event as
 * {@code WEBHOOK_INVALID_ENTRY}; anything else as {@code PROCESSING_FAILED}. Always handled: the
 * entry is acknowledged and the next one goes out.
 */
public final class WebhookErrorHandling extends RouteConfigurationBuilder {

    public static final String WEBHOOK_ERRORS = "webhook-errors";

    private final WebhookSettings settings;
    private final WebhookDeadLetters deadLetters;
    private final WebhookMetrics metrics;

    public WebhookErrorHandling(WebhookSettings settings, WebhookDeadLetters deadLetters, WebhookMetrics metrics) {
        this.settings = settings;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
    }

    @Override
    public void configuration() {
        routeConfiguration(WEBHOOK_ERRORS)
                .onException(WebhookFailure.Retryable.class)
                    .maximumRedeliveries(settings.maxAttempts() - 1)
                    .redeliveryDelay(settings.backoffInitial().toMillis())
                    .useExponentialBackOff()
                    .backOffMultiplier(settings.backoffMultiplier())
                    .maximumRedeliveryDelay(settings.backoffMax().toMillis())
                    .retryAttemptedLogLevel(LoggingLevel.WARN)
                    .onRedelivery(exchange -> metrics.retried())
                    .handled(true)
                    .process(deadLetters.as(WebhookDeadLetters.EXHAUSTED))
                .end()
                .onException(WebhookFailure.Refused.class)
                    .handled(true)
                    .process(deadLetters.as(WebhookDeadLetters.REFUSED))
                .end()
                .onException(WebhookRoutes.InvalidBackendEntryException.class)
                    .handled(true)
                    .process(deadLetters.as(WebhookDeadLetters.INVALID_ENTRY))
                .end()
                .onException(Exception.class)
                    .handled(true)
                    .process(deadLetters.as("PROCESSING_FAILED"))
                .end();
    }
}
