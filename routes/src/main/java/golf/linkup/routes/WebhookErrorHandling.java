package golf.linkup.routes;

import golf.linkup.engine.config.WebhookSettings;
import golf.linkup.engine.webhook.WebhookFailure;
import golf.linkup.engine.webhook.WebhookMetrics;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
    private static final Logger LOG = LoggerFactory.getLogger(WebhookErrorHandling.class);

    private final WebhookSettings settings;
    private final WebhookDeadLetters deadLetters;
    private final WebhookMetrics metrics;

    public WebhookErrorHandling(WebhookSettings settings, WebhookDeadLetters deadLetters, WebhookMetrics metrics) {
        this.settings = settings;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
    }

    private void retrying(Exchange exchange) {
        metrics.retried();
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (cause == null) {
            cause = exchange.getException();
        }
        LOG.warn("webhook: backend event id={} type={} attempt {} of {} failed ({}); trying again",
                exchange.getMessage().getHeader(ExchangeKeys.EVENT_ID),
                exchange.getMessage().getHeader(ExchangeKeys.EVENT_TYPE),
                exchange.getProperty(WebhookRoutes.ATTEMPTS), settings.maxAttempts(),
                cause == null ? "?" : cause.getMessage());
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
                    // one line per retry with the event's id and type (Camel's own names only its exchange)
                    .logRetryAttempted(false)
                    .logExhausted(false)
                    .onRedelivery(this::retrying)
                    .handled(true)
                    .process(deadLetters.as(WebhookDeadLetters.EXHAUSTED))
                .end()
                .onException(WebhookFailure.Refused.class)
                    .handled(true)
                    .logExhausted(false)
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
