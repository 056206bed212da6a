package golf.linkup.engine.notifications.outbox;

import com.fasterxml.jackson.core.type.TypeReference;
import golf.linkup.engine.domain.User;
import golf.linkup.engine.json.Json;
import golf.linkup.engine.metrics.EngineMetrics;
import golf.linkup.engine.notifications.Channel;
import golf.linkup.engine.notifications.ChannelSender;
import golf.linkup.engine.notifications.Delivery;
import golf.linkup.engine.notifications.DeliveryOutcome;
import golf.linkup.engine.notifications.Recipient;
import golf.linkup.engine.notifications.RenderedMessage;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers due outbox rows of one channel: claim (lease, SKIP LOCKED), send, audit, mark.
 *
 * <p>Outcomes: SENT → sent; SKIPPED → cancelled with the reason; FAILED → failed (dead-lettered);
 * RETRY (or a sender exception) → back to pending after an exponential back-off with jitter
 * (base × 2^(attempt−1), capped, 50–100 % of it, never sooner than the provider's Retry-After),
 * until {@code maxAttempts}, then failed with the last reason.
 *
 * <p>Crashes: a claim whose lease ran out is taken again. In-app and push are then delivered again
 * (the in-app row is unique per outbox row, push carries a Topic), so they are at-least-once and
 * visible once. Before each e-mail goes to SMTP a {@code STARTED} audit row is written; an e-mail
 * whose attempt was started but has no outcome is NOT sent again (what the relay did is unknown and
 * e-mail cannot be taken back): the row is failed with that reason for an operator to requeue.
 * E-mails the crashed instance claimed but never started are simply delivered. So no e-mail is
 * ever sent twice and no row is lost.
 */
public final class OutboxDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxDispatcher.class);

    /** Retries and their spacing. */
    public record RetryPolicy(int maxAttempts, Duration base, Duration cap) {
        public static final RetryPolicy DEFAULT = new RetryPolicy(6, Duration.ofSeconds(2), Duration.ofMinutes(10));

        Duration backoff(int attempt, Duration retryAfter) {
            long exp = base.toMillis() << Math.min(20, Math.max(0, attempt - 1));
            long capped = Math.min(cap.toMillis(), exp);
            long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
            long wanted = retryAfter == null ? 0 : retryAfter.toMillis();
            return Duration.ofMillis(Math.max(jittered, wanted));
        }
    }

    private final OutboxStore outbox;
    private final Map<Channel, ChannelSender> senders;
    private final Function<String, Optional<User>> users;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Map<Channel, Timer> deliveryTimers = new java.util.EnumMap<>(Channel.class);
    /** {@code linkup.notifications.delivered} by "channel/outcome", looked up once each. */
    private final Map<String, io.micrometer.core.instrument.Counter> delivered = new java.util.concurrent.ConcurrentHashMap<>();
    private final String claimant;
    private final Duration lease;
    private final RetryPolicy retry;

    public OutboxDispatcher(OutboxStore outbox, Map<Channel, ChannelSender> senders,
            Function<String, Optional<User>> users, Clock clock, MeterRegistry meters, String claimant, Duration lease,
            RetryPolicy retry) {
        this.outbox = outbox;
        this.senders = Map.copyOf(senders);
        this.users = users;
        this.clock = clock;
        this.meters = meters;
        for (Channel channel : Channel.values()) {
            deliveryTimers.put(channel, EngineMetrics.notificationDelivery(meters, channel));
        }
        this.claimant = claimant;
        this.lease = lease;
        this.retry = retry;
    }

    public boolean handles(Channel channel) {
        return senders.containsKey(channel);
    }

    /** Claims and delivers up to {@code limit} due rows of the channel; returns how many were claimed. */
    public int deliverDue(Channel channel, int limit) {
        ChannelSender sender = senders.get(channel);
        if (sender == null) {
            return 0;
        }
        List<OutboxRow> rows = outbox.claimDue(channel, clock.instant(), limit, claimant, lease);
        for (OutboxRow row : rows) {
            deliver(sender, row);
        }
        return rows.size();
    }

    private void deliver(ChannelSender sender, OutboxRow row) {
        int attempt = row.retryCount() + 1;
        if (row.channel() == Channel.EMAIL && row.claimedBy() != null && outbox.attemptUnfinished(row.id(), attempt)) {
            String why = "an earlier attempt by " + row.claimedBy() + " was interrupted and its outcome is unknown;"
                    + " not sent again (requeue to resend)";
            outbox.markFailed(row.id(), why);
            outbox.logAttempt(row.id(), row.userId(), row.type(), row.channel(), attempt, "UNKNOWN", why, 0);
            count(row, "unknown");
            return;
        }
        Optional<User> user = users.apply(row.userId());
        if (user.isEmpty()) {
            outbox.markCancelled(row.id(), "the user no longer exists");
            count(row, "skipped");
            return;
        }
        User u = user.get();
        Delivery delivery = new Delivery(row.id(), row.idempotencyKey(),
                new Recipient(u.id(), u.name(), u.email(), u.locale(), u.timeZone()), row.type(), row.channel(),
                row.priority(), new RenderedMessage(row.title(), row.body(), row.html(), data(row.data())), attempt);
        if (row.channel() == Channel.EMAIL) {
            outbox.logAttempt(row.id(), row.userId(), row.type(), row.channel(), attempt, "STARTED", null, 0);
        }
        long start = System.nanoTime();
        DeliveryOutcome outcome;
        try {
            outcome = sender.send(delivery);
        } catch (RuntimeException e) {
            LOG.warn("{} sender failed on notification {}: {}", row.channel().key(), row.id(), e.toString());
            outcome = DeliveryOutcome.retry("sender error: " + e, null);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        deliveryTimers.get(row.channel()).record(millis, TimeUnit.MILLISECONDS);
        Instant now = clock.instant();
        if (outcome.status() == DeliveryOutcome.Status.SENT) {
            // the common case: audit and mark in one go (one transaction in the JDBC store)
            outbox.markSentAndLog(row, attempt, outcome.providerResponse(), millis, now);
        } else {
            outbox.logAttempt(row.id(), row.userId(), row.type(), row.channel(), attempt, outcome.status().name(),
                    outcome.providerResponse(), millis);
            switch (outcome.status()) {
                case SKIPPED -> outbox.markCancelled(row.id(), outcome.providerResponse());
                case FAILED -> outbox.markFailed(row.id(), outcome.providerResponse());
                case RETRY -> {
                    if (attempt >= retry.maxAttempts()) {
                        outbox.markFailed(row.id(), "gave up after " + attempt + " attempts: "
                                + outcome.providerResponse());
                        count(row, "dead");
                        return;
                    }
                    outbox.markRetry(row.id(), attempt, now.plus(retry.backoff(attempt, outcome.retryAfter())),
                            outcome.providerResponse());
                }
                default -> throw new IllegalStateException("unhandled outcome " + outcome.status());
            }
        }
        count(row, outcome.status().name().toLowerCase(java.util.Locale.ROOT));
    }

    private void count(OutboxRow row, String outcome) {
        delivered.computeIfAbsent(row.channel().key() + "/" + outcome, k -> meters.counter(
                "linkup.notifications.delivered", "channel", row.channel().key(), "outcome", outcome)).increment();
    }

    private static Map<String, Object> data(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            return Json.MAPPER.readValue(json, new TypeReference<Map<String, Object>>() { });
        } catch (java.io.IOException e) {
            return Map.of();
        }
    }
}
