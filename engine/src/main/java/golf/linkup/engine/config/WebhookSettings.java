package golf.linkup.engine.config;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The backend events webhook ({@code linkup.webhook.*}): every entry of the backend events stream is
 * POSTed, signed, to {@code url}. Every key is documented in {@code application.properties}.
 *
 * @param url               where events are POSTed; empty turns the webhook off
 * @param secret            the HMAC-SHA256 key receivers verify signatures with (never logged)
 * @param maxAttempts       POSTs of one event before it is dead-lettered (the first included)
 * @param backoffInitial    the wait before the second attempt
 * @param backoffMultiplier each further wait is the previous one times this
 * @param backoffMax        no wait is longer than this
 * @param timeout           the connect and the whole-answer time-out of one attempt
 */
public record WebhookSettings(
        Optional<URI> url,
        String secret,
        int maxAttempts,
        Duration backoffInitial,
        double backoffMultiplier,
        Duration backoffMax,
        Duration timeout) {

    /** A secret shorter than this is refused: it would be guessable. */
    public static final int MIN_SECRET_LENGTH = 16;

    /** Every key of the feature: others under {@code linkup.webhook.} are refused (a typo would be ignored). */
    public static final java.util.Set<String> KEYS = java.util.Set.of("linkup.webhook.url", "linkup.webhook.secret",
            "linkup.webhook.max-attempts", "linkup.webhook.backoff.initial", "linkup.webhook.backoff.multiplier",
            "linkup.webhook.backoff.max", "linkup.webhook.timeout");

    public static WebhookSettings read(SettingsReader in) {
        for (String key : in.keysStartingWith("linkup.webhook.")) {
            if (!KEYS.contains(key)) {
                in.refuse(key, "is not a webhook setting (known: " + String.join(", ", new java.util.TreeSet<>(KEYS))
                        + ")");
            }
        }
        Optional<URI> url = in.uri("linkup.webhook.url", "http", "https");
        String secret = in.string("linkup.webhook.secret", "");
        if (url.isPresent() && secret.isEmpty()) {
            in.refuse("linkup.webhook.secret", "is required when linkup.webhook.url is set (receivers verify the"
                    + " signature with it)");
        } else if (url.isPresent() && secret.length() < MIN_SECRET_LENGTH) {
            in.refuse("linkup.webhook.secret", "is " + secret.length() + " characters; at least "
                    + MIN_SECRET_LENGTH + " are needed (32 random bytes, hex or base64, recommended)");
        }
        int attempts = in.integer("linkup.webhook.max-attempts", 5, 1, 50);
        Duration initial = in.duration("linkup.webhook.backoff.initial", Duration.ofSeconds(1));
        double multiplier = in.decimal("linkup.webhook.backoff.multiplier", 2.0, 1.0, 10.0);
        Duration max = in.duration("linkup.webhook.backoff.max", Duration.ofSeconds(30));
        if (max.compareTo(initial) < 0) {
            in.refuse("linkup.webhook.backoff.max", max + " is shorter than linkup.webhook.backoff.initial ("
                    + initial + ")");
            max = initial;
        }
        Duration timeout = in.duration("linkup.webhook.timeout", Duration.ofSeconds(5));
        if (timeout.compareTo(Duration.ofMillis(100)) < 0 || timeout.compareTo(Duration.ofMinutes(2)) > 0) {
            in.refuse("linkup.webhook.timeout", timeout + " is outside 100ms..2m");
            timeout = Duration.ofSeconds(5);
        }
        return new WebhookSettings(url, secret, attempts, initial, multiplier, max, timeout);
    }

    /** The defaults ({@link #read} with no key set): off. */
    public static WebhookSettings defaults() {
        return read(new SettingsReader(key -> null));
    }

    public boolean enabled() {
        return url.isPresent();
    }

    /** The wait before attempt {@code n} (2 for the first retry), as the route's back-off computes it. */
    public Duration backoffBefore(int attempt) {
        double millis = backoffInitial.toMillis() * Math.pow(backoffMultiplier, Math.max(0, attempt - 2));
        return Duration.ofMillis((long) Math.min(millis, backoffMax.toMillis()));
    }

    /** The longest one event can take before it is delivered or dead-lettered: every attempt timing out. */
    public Duration longestDelivery() {
        Duration total = timeout.multipliedBy(maxAttempts);
        for (int attempt = 2; attempt <= maxAttempts; attempt++) {
            total = total.plus(backoffBefore(attempt));
        }
        return total;
    }

    /** The URL as it may be shown and logged: no user info, no query (either may hold a token). */
    public String displayUrl() {
        return url.map(WebhookSettings::display).orElse("(off)");
    }

    /** {@code uri} without user info, query or fragment. */
    public static String display(URI uri) {
        StringBuilder out = new StringBuilder(uri.getScheme()).append("://").append(uri.getHost());
        if (uri.getPort() >= 0) {
            out.append(':').append(uri.getPort());
        }
        out.append(uri.getRawPath() == null ? "" : uri.getRawPath());
        if (uri.getRawQuery() != null) {
            out.append("?…");
        }
        return out.toString();
    }

    /** Never the secret. */
    @Override
    public String toString() {
        return "WebhookSettings[url=" + displayUrl() + ", secret=" + (secret.isEmpty() ? "(none)" : "(set)")
                + ", maxAttempts=" + maxAttempts + ", backoff=" + backoffInitial + " x" + backoffMultiplier + " up to "
                + backoffMax + ", timeout=" + timeout + "]";
    }
}
