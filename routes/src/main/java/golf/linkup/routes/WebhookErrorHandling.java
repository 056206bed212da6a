package golf.linkup.routes;

import golf.linkup.engine.config.WebhookSettings;
import golf.linkup.engine.webhook.WebhookFailure;
import golf.linkup.engine.webhook.WebhookMetrics;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.model.OnExceptionDefinition;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code webhook-errors}, the webhook route's error handling. A retryable failure (408, 429, 5xx, a
 * time-out, no connection) is tried again up to {@code linkup.webhook.max-attempts} attempts in all,
 * waiting {@code backoff.initial}, then each wait times {@code backoff.multiplier}, at most
 * {@code backoff.max}; then dead-lettered as {@code WEBHOOK_EXHAUSTED}. While the route stops no
 * attempt is retried, and an entry whose attempts were cut short stays pending (posted again after
 * the restart, or by another instance after the claim idle). A refusal (any other answer)
 * is dead-lettered at once as {@code WEBHOOK_REFUSED}; an entry that is not a backend event as
 * {@code WEBHOOK_INVALID_ENTRY}; anything else as {@code PROCESSING_FAILED}. Handled then: the
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

    private boolean outOfAttempts(Exchange exchange) {
        return exchange.getProperty(WebhookRoutes.ATTEMPTS, 0, Integer.class) >= settings.maxAttempts();
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
        RouteConfigurationDefinition webhook = routeConfiguration(WEBHOOK_ERRORS);
        OnExceptionDefinition retryable = webhook.onException(WebhookFailure.Retryable.class)
                .maximumRedeliveries(settings.maxAttempts() - 1)
                .redeliveryDelay(settings.backoffInitial().toMillis())
                .useExponentialBackOff()
                .backOffMultiplier(settings.backoffMultiplier())
                .maximumRedeliveryDelay(settings.backoffMax().toMillis())
                // one line per retry with the event's id and type (Camel's own names only its exchange)
                .logRetryAttempted(false)
                .logExhausted(false)
                .onRedelivery(this::retrying);
        // shutting down: no more attempts; the entry stays pending and is posted again after the
        // restart (or by another instance after the claim idle), never dead-lettered for it
        retryable.getRedeliveryPolicyType().allowRedeliveryWhileStopping(false);
        // Camel also gives up early when the route stops: then the failure is not handled, so the
        // consumer leaves the entry pending (not acknowledged) instead of dead-lettering it
        retryable
                .handled(this::outOfAttempts)
                .process(exchange -> {
                    if (outOfAttempts(exchange)) {
                        deadLetters.as(WebhookDeadLetters.EXHAUSTED).process(exchange);
                    } else {
                        LOG.info("webhook: stopping after attempt {} of backend event id={}; it stays pending and is"
                                + " posted again", exchange.getProperty(WebhookRoutes.ATTEMPTS),
                                exchange.getMessage().getHeader(ExchangeKeys.EVENT_ID));
                    }
                })
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
