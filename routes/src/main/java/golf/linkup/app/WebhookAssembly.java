package golf.linkup.app;

import golf.linkup.engine.config.WebhookSettings;
import golf.linkup.engine.webhook.WebhookClient;
import golf.linkup.engine.webhook.WebhookMetrics;
import golf.linkup.intake.EventStreamEndpoint;
import golf.linkup.intake.GroupStreamReader;
import golf.linkup.intake.RedisEventStream;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backend events webhook ({@code linkup.webhook.*}), when its URL is set: the backend events
 * stream read through the consumer group {@value #GROUP} (one instance posts each entry), the
 * signing HTTP client and the figures; the route is {@code routes/WebhookRoutes}.
 *
 * <p>The group is created when this is built, before the port opens, and starts after the stream's
 * newest entry: turning the webhook on posts what happens from then on, not the stream's history.
 * Entries are read one at a time, so the claim idle (how long an entry stays with a member that may
 * have died) only has to outlast the few entries a member holds, each at worst every attempt timing
 * out: a member that is alive and retrying is never overtaken, and the order holds.
 */
public final class WebhookAssembly {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookAssembly.class);
    /** The consumer group on the backend events stream. */
    public static final String GROUP = "linkup-webhook";
    /** Entries per read: one, so a retried entry holds back as few others as possible. */
    static final int BATCH = 1;
    private static final Duration READ_BLOCK = Duration.ofSeconds(1);
    private static final Duration MIN_CLAIM_IDLE = Duration.ofSeconds(30);

    private final WebhookSettings settings;
    private final Optional<Parts> parts;

    /** What exists when the webhook is on. */
    record Parts(RedisEventStream stream, GroupStreamReader reader, WebhookClient client, WebhookMetrics metrics) {
    }

    WebhookAssembly(InfrastructureAssembly infrastructure, FollowUpAssembly followUp, WebhookSettings settings) {
        this.settings = settings;
        // the figures exist (at 0) with the webhook off too: dashboards see zeros, not gaps
        WebhookMetrics metrics = new WebhookMetrics(infrastructure.metrics().meterRegistry());
        Optional<String> backendStream = followUp.backendStream();
        if (!settings.enabled() || backendStream.isEmpty()) {
            parts = Optional.empty();
            return;
        }
        var clock = infrastructure.clock();
        RedisEventStream stream = new RedisEventStream(infrastructure.redis(), backendStream.get(), GROUP, true);
        Duration claimIdle = claimIdle(settings);
        GroupStreamReader reader = new GroupStreamReader("webhook", stream, infrastructure.settings().instanceId(),
                BATCH, READ_BLOCK, claimIdle, clock);
        parts = Optional.of(new Parts(stream, reader, new WebhookClient(settings, clock, metrics), metrics));
        try {
            stream.redis().withJedis(stream::ensureGroup);
        } catch (RuntimeException e) {
            // the reader creates it when it connects; what is appended until then is not posted
            LOG.warn("webhook: could not create the consumer group {} on {} yet ({}); the reader will", GROUP,
                    stream.key(), e.toString());
        }
        LOG.info("webhook: posting {} to {} (up to {} attempts, claim idle {} s)", stream.key(),
                settings.displayUrl(), settings.maxAttempts(), claimIdle.toSeconds());
    }

    /** Longer than a live member can hold an entry: every entry it holds failing every attempt by time-out. */
    static Duration claimIdle(WebhookSettings settings) {
        Duration held = settings.longestDelivery().multipliedBy(EventStreamEndpoint.entriesHeldAtMost(BATCH))
                .plusSeconds(10);
        return held.compareTo(MIN_CLAIM_IDLE) < 0 ? MIN_CLAIM_IDLE : held;
    }

    public WebhookSettings settings() {
        return settings;
    }

    /** Empty when the webhook is off. */
    Optional<Parts> parts() {
        return parts;
    }
}
