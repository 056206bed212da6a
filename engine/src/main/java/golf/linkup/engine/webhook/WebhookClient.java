package golf.linkup.engine.webhook;

import golf.linkup.engine.config.WebhookSettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

/**
 * One signed POST of a backend event to the configured URL (the JDK's HTTP client; redirects are
 * not followed). Headers: {@code Content-Type: application/json}, {@code X-LinkUp-Event-Id} (the
 * same on every attempt), {@code X-LinkUp-Event-Type}, {@code X-LinkUp-Attempt} (1 for the first)
 * and {@code X-LinkUp-Signature} ({@link WebhookSignature}, signed anew per attempt).
 *
 * <p>A 2xx returns; 408, 429, a 5xx, a time-out or no connection throws {@link WebhookFailure.Retryable};
 * any other answer throws {@link WebhookFailure.Refused}. The caller (a route) retries and dead-letters.
 */
public final class WebhookClient {

    public static final String EVENT_ID = "X-LinkUp-Event-Id";
    public static final String EVENT_TYPE = "X-LinkUp-Event-Type";
    public static final String ATTEMPT = "X-LinkUp-Attempt";
    /** How much of a refusing answer's body the dead letter keeps. */
    private static final int BODY_KEPT = 300;

    private final URI url;
    private final String shownUrl;
    private final Duration timeout;
    private final WebhookSignature signature;
    private final Clock clock;
    private final WebhookMetrics metrics;
    private final HttpClient http;

    public WebhookClient(WebhookSettings settings, Clock clock, WebhookMetrics metrics) {
        this.url = settings.url().orElseThrow(() -> new IllegalArgumentException("the webhook is off"));
        this.shownUrl = settings.displayUrl();
        this.timeout = settings.timeout();
        this.signature = new WebhookSignature(settings.secret());
        this.clock = clock;
        this.metrics = metrics;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1) // no h2c upgrade dance with plain-HTTP receivers
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout)
                .build();
    }

    /** The URL as shown in logs and dead letters. */
    public String shownUrl() {
        return shownUrl;
    }

    /** POSTs {@code event} (attempt number {@code attempt}, from 1); returns the 2xx status or throws. */
    public int deliver(WebhookEvent event, int attempt) {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "LinkUp-Webhook/1")
                .header(EVENT_ID, event.id())
                .header(EVENT_TYPE, event.type())
                .header(ATTEMPT, Integer.toString(attempt))
                .header(WebhookSignature.HEADER, signature.sign(clock.instant().getEpochSecond(), event.json()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(event.json()))
                .build();
        long started = System.nanoTime();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            metrics.attempt(System.nanoTime() - started, "timeout");
            throw new WebhookFailure.Retryable("no answer from " + shownUrl + " within " + timeout.toMillis() + " ms",
                    0, event.id(), e);
        } catch (IOException e) {
            metrics.attempt(System.nanoTime() - started, "no-connection");
            throw new WebhookFailure.Retryable(describe(e), 0, event.id(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WebhookFailure.Retryable("interrupted while posting to " + shownUrl, 0, event.id(), e);
        }
        int status = response.statusCode();
        String body = bodyStart(response);
        metrics.attempt(System.nanoTime() - started, status >= 200 && status < 600 ? (status / 100) + "xx" : "5xx");
        if (status >= 200 && status < 300) {
            return status;
        }
        String answer = "HTTP " + status + " from " + shownUrl + (body.isEmpty() ? "" : ": " + body);
        if (status == 408 || status == 429 || status >= 500) {
            throw new WebhookFailure.Retryable(answer, status, event.id(), null);
        }
        throw new WebhookFailure.Refused(answer + (status >= 300 && status < 400
                ? " (redirects are not followed: configure the final URL)" : ""), status, event.id());
    }

    private String describe(IOException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (e instanceof ConnectException || root instanceof ConnectException) {
            return "no connection to " + shownUrl + " (connection refused)";
        }
        return "no answer from " + shownUrl + " (" + root.getClass().getSimpleName()
                + (root.getMessage() == null ? "" : ": " + root.getMessage()) + ")";
    }

    /** The first few hundred characters of the answer, on one line; the rest is not read. */
    private static String bodyStart(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            String text = new String(in.readNBytes(BODY_KEPT), StandardCharsets.UTF_8);
            return text.replaceAll("\\s+", " ").strip();
        } catch (IOException e) {
            return "";
        }
    }
}
