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
import golf.linkup.engine.notifications.StoredChannelSender;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
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
 * <p>Three ways through a claim, by channel:
 * <ul>
 *   <li><b>stored channels</b> ({@link StoredChannelSender}, in-app): the claim's centre rows, audit
 *       rows and sent marks in one transaction, then the live messages. A crash before the commit
 *       leaves nothing stored and the rows claimed; after the lease they are delivered again. So each
 *       row is stored exactly once, with one commit per claim.</li>
 *   <li><b>e-mail</b>: row by row, each with its own {@code STARTED} row and its own mark (see
 *       below): a crash must not leave e-mails the provider accepted looking unsent. The rows of a
 *       claim go one at a time, or several at once on the {@code emailSends} executor (one SMTP
 *       connection per thread).</li>
 *   <li><b>every other channel</b> (push): the claim's sends are started one after the other and may
 *       be in flight together ({@link ChannelSender#sendAsync}); once all have answered, their
 *       outcomes are recorded in one transaction. A crash before that commit leaves the claim's rows
 *       claimed: after the lease they are pushed again (at-least-once; a push carries a Topic, so a
 *       device shows it once).</li>
 * </ul>
 *
 * <p>Crashes and e-mail: before each e-mail goes to SMTP a {@code STARTED} audit row is written; an e-mail
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
    private final Executor emailSends;

    /** E-mails one at a time on the claiming thread. */
    public OutboxDispatcher(OutboxStore outbox, Map<Channel, ChannelSender> senders,
            Function<String, Optional<User>> users, Clock clock, MeterRegistry meters, String claimant, Duration lease,
            RetryPolicy retry) {
        this(outbox, senders, users, clock, meters, claimant, lease, retry, null);
    }

    /**
     * @param emailSends where a claim's e-mails are sent, several at once (each still with its own
     *                   {@code STARTED} row and mark), or null for one at a time on the claiming thread.
     *                   A fixed pool of N threads gives N SMTP connections kept open (one per thread);
     *                   a crash then leaves at most N e-mails with an unknown outcome instead of one.
     */
    public OutboxDispatcher(OutboxStore outbox, Map<Channel, ChannelSender> senders,
            Function<String, Optional<User>> users, Clock clock, MeterRegistry meters, String claimant, Duration lease,
            RetryPolicy retry, Executor emailSends) {
        this.emailSends = emailSends;
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
        if (rows.isEmpty()) {
            return 0;
        }
        if (sender instanceof StoredChannelSender stored) {
            deliverStored(stored, rows);
        } else if (channel == Channel.EMAIL && emailSends != null) {
            deliverEach(sender, rows);
        } else if (channel == Channel.EMAIL) {
            for (OutboxRow row : rows) {
                deliver(sender, row);
            }
        } else {
            deliverTogether(sender, rows);
        }
        return rows.size();
    }

    /** The claim's deliveries of a stored channel and their marks in one transaction, then its after-commit work. */
    private void deliverStored(StoredChannelSender sender, List<OutboxRow> rows) {
        List<SettledRow> settled = new ArrayList<>();
        List<OutboxRow> deliverable = new ArrayList<>();
        List<Delivery> deliveries = new ArrayList<>();
        for (OutboxRow row : rows) {
            Optional<Delivery> delivery = delivery(row);
            if (delivery.isEmpty()) {
                settled.add(userGone(row));
            } else {
                deliverable.add(row);
                deliveries.add(delivery.get());
            }
        }
        AtomicReference<Runnable> afterCommit = new AtomicReference<>(() -> { });
        long start = System.nanoTime();
        try {
            outbox.settle(settled, clock.instant(), c -> {
                if (deliveries.isEmpty()) {
                    return List.of();
                }
                StoredChannelSender.Stored stored = sender.store(c, deliveries);
                afterCommit.set(stored.afterCommit());
                long millis = (System.nanoTime() - start) / 1_000_000;
                List<SettledRow> sent = new ArrayList<>(deliverable.size());
                for (int i = 0; i < deliverable.size(); i++) {
                    OutboxRow row = deliverable.get(i);
                    sent.add(SettledRow.sent(row, row.retryCount() + 1, stored.responses().get(i), millis));
                }
                return sent;
            });
        } catch (RuntimeException e) {
            // nothing of the claim was stored: every deliverable row goes back for a retry
            LOG.warn("{} delivery of {} notifications failed: {}", sender.channel().key(), deliverable.size(),
                    e.toString());
            List<SettledRow> retries = new ArrayList<>(settled);
            for (OutboxRow row : deliverable) {
                retries.add(settle(row, row.retryCount() + 1, DeliveryOutcome.retry("database: " + e, null), 0,
                        clock.instant()));
            }
            outbox.settle(retries, clock.instant(), null);
            retries.forEach(this::count);
            return;
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        Timer timer = deliveryTimers.get(sender.channel());
        for (int i = 0; i < deliverable.size(); i++) {
            timer.record(millis, TimeUnit.MILLISECONDS);
            count(deliverable.get(i), "sent");
        }
        settled.forEach(this::count);
        afterCommit.get().run();
    }

    /** The claim's sends started one after the other, possibly in flight together; their outcomes recorded in one transaction. */
    private void deliverTogether(ChannelSender sender, List<OutboxRow> rows) {
        List<SettledRow> settled = new ArrayList<>(rows.size());
        List<CompletableFuture<SettledRow>> pending = new ArrayList<>(rows.size());
        for (OutboxRow row : rows) {
            Optional<Delivery> delivery = delivery(row);
            if (delivery.isEmpty()) {
                settled.add(userGone(row));
                continue;
            }
            long start = System.nanoTime();
            CompletableFuture<DeliveryOutcome> outcome;
            try {
                outcome = sender.sendAsync(delivery.get());
            } catch (RuntimeException e) {
                outcome = CompletableFuture.failedFuture(e);
            }
            pending.add(outcome.handle((o, error) -> {
                long millis = (System.nanoTime() - start) / 1_000_000;
                if (error != null || o == null) {
                    LOG.warn("{} sender failed on notification {}: {}", row.channel().key(), row.id(), String.valueOf(error));
                    o = DeliveryOutcome.retry("sender error: " + error, null);
                }
                deliveryTimers.get(row.channel()).record(millis, TimeUnit.MILLISECONDS);
                return settle(row, row.retryCount() + 1, o, millis, clock.instant());
            }));
        }
        for (CompletableFuture<SettledRow> each : pending) {
            settled.add(each.join());
        }
        outbox.settle(settled, clock.instant(), null);
        settled.forEach(this::count);
    }

    /**
     * A claim's e-mails on {@link #emailSends}, each as {@link #deliver} (its own STARTED row, send
     * and mark), as many at once as it has threads; returns when every one is settled. A failure of
     * the store (the database) goes to the caller after the others have finished, as it would from
     * the serial loop, and leaves its row claimed for the lease.
     */
    private void deliverEach(ChannelSender sender, List<OutboxRow> rows) {
        List<CompletableFuture<Void>> sends = new ArrayList<>(rows.size());
        for (OutboxRow row : rows) {
            sends.add(CompletableFuture.runAsync(() -> deliver(sender, row), emailSends));
        }
        RuntimeException first = null;
        for (CompletableFuture<Void> send : sends) {
            try {
                send.join();
            } catch (CompletionException e) {
                if (first == null) {
                    first = e.getCause() instanceof RuntimeException r ? r : e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** What an outcome makes of a row: its audit outcome, new status and, for a retry, when. */
    private SettledRow settle(OutboxRow row, int attempt, DeliveryOutcome outcome, long millis, Instant now) {
        String response = outcome.providerResponse();
        String logged = outcome.status().name();
        return switch (outcome.status()) {
            case SENT -> SettledRow.sent(row, attempt, response, millis);
            case SKIPPED -> new SettledRow(row, attempt, logged, response, millis, "cancelled", response, null);
            case FAILED -> new SettledRow(row, attempt, logged, response, millis, "failed", response, null);
            case RETRY -> attempt >= retry.maxAttempts()
                    ? new SettledRow(row, attempt, logged, response, millis, "failed",
                            "gave up after " + attempt + " attempts: " + response, null)
                    : new SettledRow(row, attempt, logged, response, millis, "pending", response,
                            now.plus(retry.backoff(attempt, outcome.retryAfter())));
        };
    }

    private static SettledRow userGone(OutboxRow row) {
        return new SettledRow(row, row.retryCount() + 1, null, null, 0, "cancelled", "the user no longer exists", null);
    }

    /** The delivery of a row, or empty when its user no longer exists. */
    private Optional<Delivery> delivery(OutboxRow row) {
        return users.apply(row.userId()).map(u -> new Delivery(row.id(), row.idempotencyKey(),
                new Recipient(u.id(), u.name(), u.email(), u.locale(), u.timeZone()), row.type(), row.channel(),
                row.priority(), new RenderedMessage(row.title(), row.body(), row.html(), data(row.data())),
                row.retryCount() + 1));
    }

    private void count(SettledRow s) {
        String outcome = switch (s.status()) {
            case "sent" -> "sent";
            case "pending" -> "retry";
            case "cancelled" -> "skipped";
            default -> s.reason() != null && s.reason().startsWith("gave up after") ? "dead" : "failed";
        };
        count(s.row(), outcome);
    }

    /** One e-mail: a STARTED audit row, the send, then its outcome (see the class comment). */
    private void deliver(ChannelSender sender, OutboxRow row) {
        int attempt = row.retryCount() + 1;
        if (row.claimedBy() != null && outbox.attemptUnfinished(row.id(), attempt)) {
            String why = "an earlier attempt by " + row.claimedBy() + " was interrupted and its outcome is unknown;"
                    + " not sent again (requeue to resend)";
            outbox.markFailed(row.id(), why);
            outbox.logAttempt(row.id(), row.userId(), row.type(), row.channel(), attempt, "UNKNOWN", why, 0);
            count(row, "unknown");
            return;
        }
        Optional<Delivery> delivery = delivery(row);
        if (delivery.isEmpty()) {
            outbox.markCancelled(row.id(), "the user no longer exists");
            count(row, "skipped");
            return;
        }
        outbox.logAttempt(row.id(), row.userId(), row.type(), row.channel(), attempt, "STARTED", null, 0);
        long start = System.nanoTime();
        DeliveryOutcome outcome;
        try {
            outcome = sender.send(delivery.get());
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
