package golf.linkup.bench.notifications;

import golf.linkup.engine.notifications.Channel;
import golf.linkup.engine.notifications.NotificationType;
import golf.linkup.engine.notifications.outbox.OutboxRow;
import golf.linkup.engine.notifications.outbox.OutboxStore;
import golf.linkup.engine.notifications.outbox.SettledRow;
import golf.linkup.engine.storage.Sql;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The real store with a stopwatch around what the dispatcher calls while delivering: claims, the
 * audit log, and the marks. Also notes when the first claim started and when the last row was
 * marked sent, which bound the end-to-end measurement. Two {@code System.nanoTime()} calls per
 * call are all it adds.
 */
final class TimedOutboxStore implements OutboxStore {

    private final OutboxStore delegate;
    final LongAdder claimNanos = new LongAdder();
    final LongAdder claims = new LongAdder();
    final LongAdder logNanos = new LongAdder();
    final LongAdder markNanos = new LongAdder();
    /** {@link #markSentAndLog}: the audit row and the mark in one call (one transaction in the JDBC store). */
    final LongAdder logAndMarkNanos = new LongAdder();
    final AtomicLong firstClaimAt = new AtomicLong(Long.MAX_VALUE);
    final AtomicLong lastSentAt = new AtomicLong(Long.MIN_VALUE);
    /** Rows marked anything (sent, retry, failed, cancelled) since the last reset. */
    final AtomicLong settled = new AtomicLong();

    TimedOutboxStore(OutboxStore delegate) {
        this.delegate = delegate;
    }

    /** Forgets what was timed (after the warm-up). */
    void reset() {
        claimNanos.reset();
        claims.reset();
        logNanos.reset();
        markNanos.reset();
        logAndMarkNanos.reset();
        settleNanos.reset();
        firstClaimAt.set(Long.MAX_VALUE);
        lastSentAt.set(Long.MIN_VALUE);
        settled.set(0);
    }

    @Override
    public List<OutboxRow> claimDue(Channel channel, Instant now, int limit, String claimant, Duration lease) {
        long start = System.nanoTime();
        firstClaimAt.accumulateAndGet(start, Math::min);
        try {
            return delegate.claimDue(channel, now, limit, claimant, lease);
        } finally {
            claimNanos.add(System.nanoTime() - start);
            claims.increment();
        }
    }

    @Override
    public void markSent(long id, Instant at) {
        long start = System.nanoTime();
        try {
            delegate.markSent(id, at);
        } finally {
            long end = System.nanoTime();
            markNanos.add(end - start);
            lastSentAt.accumulateAndGet(end, Math::max);
            settled.incrementAndGet();
        }
    }

    @Override
    public void markSentAndLog(OutboxRow row, int attempt, String providerResponse, long latencyMillis, Instant at) {
        long start = System.nanoTime();
        try {
            delegate.markSentAndLog(row, attempt, providerResponse, latencyMillis, at);
        } finally {
            long end = System.nanoTime();
            logAndMarkNanos.add(end - start);
            lastSentAt.accumulateAndGet(end, Math::max);
            settled.incrementAndGet();
        }
    }

    @Override
    public void logAttempt(long queueId, String userId, NotificationType type, Channel channel, int attempt,
            String outcome, String providerResponse, long latencyMillis) {
        long start = System.nanoTime();
        try {
            delegate.logAttempt(queueId, userId, type, channel, attempt, outcome, providerResponse, latencyMillis);
        } finally {
            logNanos.add(System.nanoTime() - start);
        }
    }

    /** The whole {@link #settle} call, the in-app store inside it included (the sender's timer has that part too). */
    final LongAdder settleNanos = new LongAdder();

    @Override
    public void settle(List<SettledRow> outcomes, Instant at,
            Sql.Transaction<List<SettledRow>, RuntimeException> alongside) {
        long start = System.nanoTime();
        java.util.concurrent.atomic.AtomicInteger more = new java.util.concurrent.atomic.AtomicInteger();
        try {
            delegate.settle(outcomes, at, alongside == null ? null : c -> {
                List<SettledRow> extra = alongside.run(c);
                more.set(extra.size());
                return extra;
            });
        } finally {
            long end = System.nanoTime();
            settleNanos.add(end - start);
            lastSentAt.accumulateAndGet(end, Math::max);
            settled.addAndGet(outcomes.size() + more.get());
        }
    }

    @Override
    public void markRetry(long id, int retryCount, Instant next, String error) {
        long start = System.nanoTime();
        try {
            delegate.markRetry(id, retryCount, next, error);
        } finally {
            markNanos.add(System.nanoTime() - start);
            settled.incrementAndGet();
        }
    }

    @Override
    public void markFailed(long id, String error) {
        long start = System.nanoTime();
        try {
            delegate.markFailed(id, error);
        } finally {
            markNanos.add(System.nanoTime() - start);
            settled.incrementAndGet();
        }
    }

    @Override
    public void markCancelled(long id, String reason) {
        long start = System.nanoTime();
        try {
            delegate.markCancelled(id, reason);
        } finally {
            markNanos.add(System.nanoTime() - start);
            settled.incrementAndGet();
        }
    }

    // ---- not on the delivery path: passed through untimed ---------------------------------------

    @Override
    public boolean enqueue(OutboxRow row) {
        return delegate.enqueue(row);
    }

    @Override
    public boolean contains(String idempotencyKey) {
        return delegate.contains(idempotencyKey);
    }

    @Override
    public Optional<OutboxRow> heldBatch(String batchKey, Channel channel, Instant now) {
        return delegate.heldBatch(batchKey, channel, now);
    }

    @Override
    public boolean batchStartedSince(String batchKey, Channel channel, Instant since) {
        return delegate.batchStartedSince(batchKey, channel, since);
    }

    @Override
    public void updateBatch(long id, int count, String title, String body, String html, String data, String model) {
        delegate.updateBatch(id, count, title, body, html, data, model);
    }

    @Override
    public int interruptingCountSince(String userId, NotificationType type, Instant since) {
        return delegate.interruptingCountSince(userId, type, since);
    }

    @Override
    public boolean requeue(long id, Instant now) {
        return delegate.requeue(id, now);
    }

    @Override
    public Map<String, Long> depth() {
        return delegate.depth();
    }

    @Override
    public Optional<Duration> oldestDueAge(Instant now) {
        return delegate.oldestDueAge(now);
    }

    @Override
    public Optional<OutboxRow> find(long id) {
        return delegate.find(id);
    }

    @Override
    public List<OutboxRow> forUser(String userId) {
        return delegate.forUser(userId);
    }

    @Override
    public boolean attemptUnfinished(long queueId, int attempt) {
        return delegate.attemptUnfinished(queueId, attempt);
    }
}
