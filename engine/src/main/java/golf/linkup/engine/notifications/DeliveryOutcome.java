package golf.linkup.engine.notifications;

import java.time.Duration;

/**
 * What a channel made of one delivery. {@code providerResponse} is what the provider said (status
 * line, message id), kept in the audit log. {@code retryAfter} is the provider's wish when it gave
 * one (HTTP Retry-After), else null.
 */
public record DeliveryOutcome(Status status, String providerResponse, Duration retryAfter) {

    public enum Status {
        /** Delivered (accepted by the provider). */
        SENT,
        /** Failed for now: try again later (timeouts, 429, 5xx). */
        RETRY,
        /** Will never succeed (invalid address, 400): dead-letter at once. */
        FAILED,
        /** Nothing to deliver to (no active subscription or address): done, not an error. */
        SKIPPED
    }

    public static DeliveryOutcome sent(String providerResponse) {
        return new DeliveryOutcome(Status.SENT, providerResponse, null);
    }

    public static DeliveryOutcome retry(String providerResponse, Duration retryAfter) {
        return new DeliveryOutcome(Status.RETRY, providerResponse, retryAfter);
    }

    public static DeliveryOutcome failed(String providerResponse) {
        return new DeliveryOutcome(Status.FAILED, providerResponse, null);
    }

    public static DeliveryOutcome skipped(String why) {
        return new DeliveryOutcome(Status.SKIPPED, why, null);
    }
}
