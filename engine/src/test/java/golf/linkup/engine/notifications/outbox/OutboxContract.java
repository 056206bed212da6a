package golf.linkup.engine.notifications.outbox;

import static golf.linkup.engine.notifications.Channel.EMAIL;
import static golf.linkup.engine.notifications.Channel.IN_APP;
import static golf.linkup.engine.notifications.Channel.PUSH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import golf.linkup.engine.gateway.fanout.FanoutEnvelope;
import golf.linkup.engine.json.Json;
import golf.linkup.engine.notifications.Channel;
import golf.linkup.engine.notifications.ChannelSender;
import golf.linkup.engine.notifications.Delivery;
import golf.linkup.engine.notifications.DeliveryOutcome;
import golf.linkup.engine.notifications.NotificationType;
import golf.linkup.engine.notifications.NotificationUsers;
import golf.linkup.engine.notifications.Priority;
import golf.linkup.engine.notifications.StoredChannelSender;
import golf.linkup.engine.notifications.inapp.InAppSender;
import golf.linkup.engine.notifications.outbox.OutboxDispatcher.RetryPolicy;
import golf.linkup.testing.AdjustableClock;
import golf.linkup.testing.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the JDBC outbox and its dispatcher promise on every database the engine runs on: idempotent
 * enqueue, leased claims that never hand one row to two claimants, delivery outcomes, back-off,
 * priority order, and the crash semantics (in-app stored and marked in one transaction: exactly once; push at-least-once; e-mail at most once).
 * Subclasses say which database; each test gets a fresh, migrated one.
 */
abstract class OutboxContract {

    static final Instant T0 = Instant.parse("2026-06-10T16:00:00Z");
    static final Duration LEASE = Duration.ofSeconds(30);
    static final RetryPolicy RETRY = new RetryPolicy(4, Duration.ofSeconds(2), Duration.ofMinutes(10));
    static final String USER = NotificationUsers.NEW_YORK.id();

    TestDatabase db;
    JdbcOutboxStore store;
    AdjustableClock clock;
    SimpleMeterRegistry meters;

    abstract TestDatabase openDatabase();

    @BeforeEach
    void open() {
        db = openDatabase();
        store = new JdbcOutboxStore(db.dataSource());
        clock = new AdjustableClock(T0);
        meters = new SimpleMeterRegistry();
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------

    OutboxRow row(String key, String userId, NotificationType type, Channel channel, Priority priority,
            Instant scheduledFor) {
        return new OutboxRow(0, key + ":" + channel.key(), key, userId, type, channel, "title " + key, "body " + key,
                channel == EMAIL ? "<p>" + key + "</p>" : null, "{\"action\":\"open_tee_time\",\"key\":\"" + key + "\"}",
                "{}", "en-US", priority, null, 1, scheduledFor, "pending", 0, null, null, clock.instant());
    }

    /** Queues a row for the New York user and returns its id. */
    long queue(String key, Channel channel, Priority priority, Instant scheduledFor) {
        return queue(row(key, USER, NotificationType.SLOT_JOINED, channel, priority, scheduledFor));
    }

    long queue(String key, Channel channel) {
        return queue(key, channel, Priority.NORMAL, clock.instant());
    }

    long queue(OutboxRow r) {
        assertTrue(store.enqueue(r), "queued " + r.idempotencyKey());
        return db.queryLong("select id from notification_queue where idempotency_key = '" + r.idempotencyKey() + "'");
    }

    OutboxRow find(long id) {
        return store.find(id).orElseThrow(() -> new AssertionError("no outbox row " + id));
    }

    OutboxDispatcher dispatcher(String claimant, ChannelSender... senders) {
        Map<Channel, ChannelSender> byChannel = new HashMap<>();
        for (ChannelSender s : senders) {
            byChannel.put(s.channel(), s);
        }
        return new OutboxDispatcher(store, byChannel, NotificationUsers.lookup(), clock, meters, claimant, LEASE, RETRY);
    }

    /** A sender that answers by a script and remembers every delivery it was handed, in order. */
    static final class ScriptedSender implements ChannelSender {
        final Channel channel;
        final Function<Delivery, DeliveryOutcome> script;
        final List<Delivery> seen = new CopyOnWriteArrayList<>();

        ScriptedSender(Channel channel, Function<Delivery, DeliveryOutcome> script) {
            this.channel = channel;
            this.script = script;
        }

        @Override
        public Channel channel() {
            return channel;
        }

        @Override
        public DeliveryOutcome send(Delivery d) {
            seen.add(d);
            return script.apply(d);
        }

        List<Long> ids() {
            return seen.stream().map(Delivery::outboxId).toList();
        }
    }

    /** Thrown by a sender to stop a dispatcher dead, as a killed process would: nothing after it runs. */
    static final class SimulatedCrash extends Error {
        SimulatedCrash() {
            super("simulated crash");
        }
    }

    /** Delegates, and on the {@code crashOn}-th delivery (1-based) crashes after the delegate delivered. */
    static ChannelSender crashingAfter(ChannelSender delegate, int crashOn) {
        AtomicInteger calls = new AtomicInteger();
        return new ChannelSender() {
            @Override
            public Channel channel() {
                return delegate.channel();
            }

            @Override
            public DeliveryOutcome send(Delivery d) {
                DeliveryOutcome outcome = delegate.send(d);
                if (calls.incrementAndGet() == crashOn) {
                    throw new SimulatedCrash();
                }
                return outcome;
            }
        };
    }

    record LogRow(long queueId, String userId, String type, String channel, int attempt, String outcome,
            String providerResponse, long latencyMillis) {
    }

    List<LogRow> log(long queueId) {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "select queue_id, user_id, notification_type, channel, attempt, outcome, provider_response, latency_ms"
                        + " from notification_log where queue_id = ? order by id")) {
            ps.setLong(1, queueId);
            List<LogRow> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new LogRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                            rs.getString(6), rs.getString(7), rs.getLong(8)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    long unclaimed() {
        return db.queryLong("select count(*) from notification_queue where claimed_by is null");
    }

    long pending() {
        return db.queryLong("select count(*) from notification_queue where status = 'pending'");
    }

    Instant sentAt(long id) {
        try (Connection c = db.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("select sent_at from notification_queue where id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                OffsetDateTime at = rs.getObject(1, OffsetDateTime.class);
                return at == null ? null : at.toInstant();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- the store ------------------------------------------------------------------------------

    @Test
    void enqueueingTheSameIdempotencyKeyTwiceWritesOneRow() {
        OutboxRow r = row("slot_joined:e-1:u-ny", USER, NotificationType.SLOT_JOINED, PUSH, Priority.HIGH, T0);

        assertTrue(store.enqueue(r));
        assertFalse(store.enqueue(r));

        assertEquals(1, db.queryLong("select count(*) from notification_queue"));
        assertTrue(store.contains("slot_joined:e-1:u-ny:push"));
        assertFalse(store.contains("slot_joined:e-1:u-ny:email"));
    }

    @Test
    void aQueuedRowReadsBackWithEveryField() {
        long id = queue(row("k-1", USER, NotificationType.TEE_TIME_CANCELLED, EMAIL, Priority.HIGH,
                T0.plusSeconds(90)));

        OutboxRow r = find(id);
        assertEquals("k-1:email", r.idempotencyKey());
        assertEquals("k-1", r.notificationKey());
        assertEquals(USER, r.userId());
        assertEquals(NotificationType.TEE_TIME_CANCELLED, r.type());
        assertEquals(EMAIL, r.channel());
        assertEquals("title k-1", r.title());
        assertEquals("<p>k-1</p>", r.html());
        assertEquals(Priority.HIGH, r.priority());
        assertEquals(T0.plusSeconds(90), r.scheduledFor());
        assertEquals(T0, r.createdAt());
        assertEquals("pending", r.status());
        assertEquals(0, r.retryCount());
        assertNull(r.claimedBy());
    }

    @Test
    void aClaimTakesDueRowsOfItsChannelOnlyAndLeasesThemUntilTheLeaseRunsOut() {
        long due = queue("due", PUSH);
        queue("later", PUSH, Priority.NORMAL, T0.plus(LEASE));
        queue("other-channel", EMAIL);

        List<OutboxRow> first = store.claimDue(PUSH, T0, 10, "a", LEASE);
        assertEquals(List.of(due), first.stream().map(OutboxRow::id).toList());
        assertNull(first.get(0).claimedBy(), "a first claim was not interrupted");

        assertEquals(List.of(), store.claimDue(PUSH, T0, 10, "b", LEASE), "leased to a");
        assertEquals(List.of("later"), store.claimDue(PUSH, T0.plus(LEASE), 10, "b", LEASE).stream()
                .map(OutboxRow::notificationKey).toList(), "at the lease's end it is still a's");

        List<OutboxRow> retaken = store.claimDue(PUSH, T0.plus(LEASE).plusMillis(1), 10, "c", LEASE);
        assertEquals(List.of(due), retaken.stream().map(OutboxRow::id).toList());
        assertEquals("a", retaken.get(0).claimedBy(), "a retaken row names the interrupted claimant");
    }

    @Test
    void concurrentClaimsNeverHandOutOneRowTwice() throws Exception {
        int rows = 150;
        for (int i = 0; i < rows; i++) {
            queue("k-" + i, IN_APP);
        }
        int threads = 4;
        Map<Long, List<String>> claimedBy = new ConcurrentHashMap<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String claimant = "claimant-" + t;
                results.add(pool.submit(() -> {
                    start.await();
                    int claims = 0;
                    // until nothing is left: on H2 a claim racing another may come back empty although
                    // free rows are due ("up to" limit rows), so an empty claim does not mean done
                    while (unclaimed() > 0) {
                        for (OutboxRow r : store.claimDue(IN_APP, T0, 3, claimant, LEASE)) {
                            claims++;
                            claimedBy.computeIfAbsent(r.id(), k -> new CopyOnWriteArrayList<>()).add(claimant);
                        }
                    }
                    return claims;
                }));
            }
            start.countDown();
            for (Future<Integer> f : results) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(rows, claimedBy.size(), "every row claimed");
        claimedBy.forEach((id, who) -> assertEquals(1, who.size(), () -> "row " + id + " claimed by " + who));
        assertEquals(rows, db.queryLong("select count(*) from notification_queue where claimed_by is not null"));
    }

    @Test
    void interruptingNotificationsAreCountedByNotificationNotByChannelAndWithoutCriticalTransactionalOrInApp() {
        queue(row("a", USER, NotificationType.NEW_TEE_TIME, PUSH, Priority.NORMAL, T0));
        queue(row("a", USER, NotificationType.NEW_TEE_TIME, EMAIL, Priority.NORMAL, T0));
        queue(row("b", USER, NotificationType.SLOT_JOINED, PUSH, Priority.HIGH, T0));
        queue(row("c", USER, NotificationType.SLOT_JOINED, IN_APP, Priority.NORMAL, T0));
        queue(row("d", USER, NotificationType.SYSTEM_ANNOUNCEMENT, PUSH, Priority.CRITICAL, T0));
        queue(row("e", "someone-else", NotificationType.NEW_TEE_TIME, PUSH, Priority.NORMAL, T0));
        queue(row("f", USER, NotificationType.TEE_TIME_CANCELLED, EMAIL, Priority.HIGH, T0)); // transactional

        assertEquals(2, store.interruptingCountSince(USER, null, T0));
        assertEquals(0, store.interruptingCountSince(USER, NotificationType.TEE_TIME_CANCELLED, T0));
        assertEquals(1, store.interruptingCountSince(USER, NotificationType.NEW_TEE_TIME, T0));
        assertEquals(0, store.interruptingCountSince(USER, null, T0.plusMillis(1)), "created before since");
    }

    @Test
    void aHeldBatchIsFoundUpdatedAndNoLongerHeldOnceDue() {
        OutboxRow r = row("b-2", USER, NotificationType.NEW_TEE_TIME, PUSH, Priority.NORMAL, T0.plusSeconds(300));
        long id = queue(new OutboxRow(0, r.idempotencyKey(), r.notificationKey(), r.userId(), r.type(), r.channel(),
                r.title(), r.body(), r.html(), r.data(), r.model(), r.locale(), r.priority(), "batch-1", 1,
                r.scheduledFor(), "pending", 0, null, null, T0));

        assertTrue(store.batchStartedSince("batch-1", PUSH, T0));
        assertFalse(store.batchStartedSince("batch-1", PUSH, T0.plusMillis(1)));
        assertFalse(store.batchStartedSince("batch-1", EMAIL, T0));
        assertEquals(Optional.of(id), store.heldBatch("batch-1", PUSH, T0).map(OutboxRow::id));

        store.updateBatch(id, 2, "2 new", "2 new tee times", null, "{}", "{\"count\":2}");
        OutboxRow updated = find(id);
        assertEquals(2, updated.batchCount());
        assertEquals("2 new", updated.title());
        assertEquals("{\"count\":2}", updated.model());

        assertEquals(Optional.empty(), store.heldBatch("batch-1", PUSH, T0.plusSeconds(300)), "due: not held");
    }

    @Test
    void onlyFailedOrCancelledRowsCanBeRequeued() {
        long failed = queue("failed", PUSH);
        long sent = queue("sent", PUSH);
        store.markFailed(failed, "410 gone");
        store.markSent(sent, T0);

        assertTrue(store.requeue(failed, T0.plusSeconds(5)));
        assertFalse(store.requeue(sent, T0.plusSeconds(5)));
        assertEquals("pending", find(failed).status());
        assertEquals(T0.plusSeconds(5), find(failed).scheduledFor());
    }

    @Test
    void depthCountsRowsByChannelAndStatusAndTheOldestDueAgeIsMeasured() {
        queue("a", PUSH, Priority.NORMAL, T0.minusSeconds(40));
        queue("b", PUSH, Priority.NORMAL, T0.plusSeconds(40));
        store.markSent(queue("c", EMAIL), T0);

        assertEquals(Map.of("email/sent", 1L, "push/pending", 2L), store.depth());
        assertEquals(Optional.of(Duration.ofSeconds(40)), store.oldestDueAge(T0));
        assertEquals(Optional.empty(), store.oldestDueAge(T0.minusSeconds(41)));
    }

    // ---- delivery outcomes ----------------------------------------------------------------------

    @Test
    void aSentDeliveryIsMarkedSentAndItsAttemptLoggedWithItsLatency() {
        long id = queue("k-1", PUSH);
        ScriptedSender push = new ScriptedSender(PUSH, d -> {
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(25);
            while (System.nanoTime() < until) {
                Thread.onSpinWait(); // a provider that takes 25 ms to answer
            }
            return DeliveryOutcome.sent("201 Created");
        });
        clock.advance(Duration.ofSeconds(3));

        assertEquals(1, dispatcher("a", push).deliverDue(PUSH, 10));

        OutboxRow r = find(id);
        assertEquals("sent", r.status());
        assertNull(r.claimedBy());
        assertEquals(T0.plusSeconds(3), sentAt(id));
        List<LogRow> log = log(id);
        assertEquals(1, log.size(), log.toString());
        LogRow l = log.get(0);
        assertEquals(new LogRow(id, USER, "slot_joined", "push", 1, "SENT", "201 Created", l.latencyMillis()), l);
        assertTrue(l.latencyMillis() >= 25, "latency " + l.latencyMillis() + " ms");
        Delivery d = push.seen.get(0);
        assertEquals("k-1:push", d.idempotencyKey());
        assertEquals("Nora York", d.recipient().name());
        assertEquals("title k-1", d.message().title());
        assertEquals("open_tee_time", d.message().data().get("action"));
        assertEquals(1, d.attempt());
        assertEquals(1.0, meters.counter("linkup.notifications.delivered", "channel", "push", "outcome", "sent").count());
    }

    @Test
    void aSkippedDeliveryIsCancelledWithTheReason() {
        long id = queue("k-1", PUSH);

        dispatcher("a", new ScriptedSender(PUSH, d -> DeliveryOutcome.skipped("no active subscription")))
                .deliverDue(PUSH, 10);

        OutboxRow r = find(id);
        assertEquals("cancelled", r.status());
        assertEquals("no active subscription", r.errorMessage());
        assertEquals("SKIPPED", log(id).get(0).outcome());
    }

    @Test
    void aFailedDeliveryIsDeadLetteredAndNeverTriedAgain() {
        long id = queue("k-1", EMAIL);
        ScriptedSender email = new ScriptedSender(EMAIL, d -> DeliveryOutcome.failed("550 no such mailbox"));
        OutboxDispatcher a = dispatcher("a", email);

        a.deliverDue(EMAIL, 10);
        clock.advance(Duration.ofDays(1));
        assertEquals(0, a.deliverDue(EMAIL, 10));

        assertEquals("failed", find(id).status());
        assertEquals("550 no such mailbox", find(id).errorMessage());
        assertEquals(1, email.seen.size());
    }

    @Test
    void aRowOfAnUnknownUserIsCancelledWithoutCallingTheSender() {
        long id = queue(row("k-1", "ghost", NotificationType.SLOT_JOINED, PUSH, Priority.NORMAL, T0));
        ScriptedSender push = new ScriptedSender(PUSH, d -> DeliveryOutcome.sent("ok"));

        dispatcher("a", push).deliverDue(PUSH, 10);

        assertEquals("cancelled", find(id).status());
        assertEquals("the user no longer exists", find(id).errorMessage());
        assertEquals(List.of(), push.seen);
    }

    @Test
    void aRetryGoesBackToPendingWithExponentialBackOffWithinTheJitterBoundsUntilItGivesUp() {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(queue("k-" + i, EMAIL));
        }
        ScriptedSender email = new ScriptedSender(EMAIL, d -> DeliveryOutcome.retry("503 busy", null));
        OutboxDispatcher a = dispatcher("a", email);

        for (int attempt = 1; attempt < RETRY.maxAttempts(); attempt++) {
            Instant now = clock.instant();
            assertEquals(10, a.deliverDue(EMAIL, 100), "attempt " + attempt);
            long full = RETRY.base().toMillis() << (attempt - 1);
            Set<Instant> next = new HashSet<>();
            for (long id : ids) {
                OutboxRow r = find(id);
                assertEquals("pending", r.status());
                assertEquals(attempt, r.retryCount());
                assertEquals("503 busy", r.errorMessage());
                assertNull(r.claimedBy());
                Duration wait = Duration.between(now, r.scheduledFor());
                assertTrue(wait.toMillis() >= full / 2 && wait.toMillis() <= full,
                        "attempt " + attempt + " waits " + wait + ", expected " + full / 2 + ".." + full + " ms");
                next.add(r.scheduledFor());
            }
            assertTrue(next.size() > 1, "jitter spreads the retries: " + next);
            clock.set(Collections.min(next).minusMillis(1));
            assertEquals(0, a.deliverDue(EMAIL, 100), "nothing is due before its back-off ends");
            clock.set(Collections.max(next));
        }

        assertEquals(10, a.deliverDue(EMAIL, 100));
        for (long id : ids) {
            OutboxRow r = find(id);
            assertEquals("failed", r.status());
            assertEquals("gave up after 4 attempts: 503 busy", r.errorMessage());
            List<LogRow> outcomes = log(id).stream().filter(l -> !l.outcome().equals("STARTED")).toList();
            assertEquals(List.of(1, 2, 3, 4), outcomes.stream().map(LogRow::attempt).toList());
            assertTrue(outcomes.stream().allMatch(l -> l.outcome().equals("RETRY")));
            assertEquals(List.of(1, 2, 3, 4), log(id).stream().filter(l -> l.outcome().equals("STARTED"))
                    .map(LogRow::attempt).toList(), "each e-mail attempt is logged as started first");
        }
        assertEquals(List.of(1, 2, 3, 4), email.seen.stream().filter(d -> d.outboxId() == ids.get(0))
                .map(Delivery::attempt).toList(), "a retried e-mail is sent again: its claim ended cleanly");
    }

    @Test
    void aLongerRetryAfterThanTheBackOffIsRespected() {
        long id = queue("k-1", PUSH);

        dispatcher("a", new ScriptedSender(PUSH, d -> DeliveryOutcome.retry("429", Duration.ofMinutes(30))))
                .deliverDue(PUSH, 10);

        assertEquals(T0.plus(Duration.ofMinutes(30)), find(id).scheduledFor());
        assertEquals(1, find(id).retryCount());
    }

    @Test
    void aShorterRetryAfterThanTheBackOffDoesNotShortenIt() {
        long id = queue("k-1", PUSH);

        dispatcher("a", new ScriptedSender(PUSH, d -> DeliveryOutcome.retry("429", Duration.ofMillis(1))))
                .deliverDue(PUSH, 10);

        Duration wait = Duration.between(T0, find(id).scheduledFor());
        assertTrue(wait.toMillis() >= 1000 && wait.toMillis() <= 2000, wait.toString());
    }

    @Test
    void aSenderThatThrowsCountsAsARetry() {
        long id = queue("k-1", PUSH);

        dispatcher("a", new ScriptedSender(PUSH, d -> {
            throw new IllegalStateException("connection reset");
        })).deliverDue(PUSH, 10);

        OutboxRow r = find(id);
        assertEquals("pending", r.status());
        assertEquals(1, r.retryCount());
        assertTrue(r.errorMessage().startsWith("sender error: java.lang.IllegalStateException: connection reset"),
                r.errorMessage());
        assertEquals("RETRY", log(id).get(0).outcome());
    }

    @Test
    void theBackOffIsCappedAndNeverOverflows() {
        RetryPolicy p = new RetryPolicy(50, Duration.ofSeconds(2), Duration.ofSeconds(5));
        for (int i = 0; i < 200; i++) {
            long first = p.backoff(1, null).toMillis();
            long second = p.backoff(2, null).toMillis();
            long third = p.backoff(3, null).toMillis();
            long fortieth = p.backoff(40, null).toMillis();
            assertTrue(first >= 1000 && first <= 2000, "1st " + first);
            assertTrue(second >= 2000 && second <= 4000, "2nd " + second);
            assertTrue(third >= 2500 && third <= 5000, "3rd (capped) " + third);
            assertTrue(fortieth >= 2500 && fortieth <= 5000, "40th (capped) " + fortieth);
        }
    }

    @Test
    void criticalIsDeliveredFirstThenHigherPriorityThenTheOlderSchedule() {
        queue("low", PUSH, Priority.LOW, T0);
        queue("normal-later", PUSH, Priority.NORMAL, T0.minusSeconds(1));
        queue("normal-earlier", PUSH, Priority.NORMAL, T0.minusSeconds(2));
        queue("critical", PUSH, Priority.CRITICAL, T0);
        queue("high", PUSH, Priority.HIGH, T0);
        ScriptedSender push = new ScriptedSender(PUSH, d -> DeliveryOutcome.sent("ok"));
        OutboxDispatcher a = dispatcher("a", push);

        assertEquals(1, a.deliverDue(PUSH, 1));
        assertEquals(4, a.deliverDue(PUSH, 10));

        assertEquals(List.of("critical:push", "high:push", "normal-earlier:push", "normal-later:push", "low:push"),
                push.seen.stream().map(Delivery::idempotencyKey).toList());
    }

    @Test
    void aDispatcherWithoutASenderForTheChannelClaimsNothing() {
        queue("k-1", EMAIL);
        OutboxDispatcher pushOnly = dispatcher("a", new ScriptedSender(PUSH, d -> DeliveryOutcome.sent("ok")));

        assertFalse(pushOnly.handles(EMAIL));
        assertEquals(0, pushOnly.deliverDue(EMAIL, 10));
        assertEquals(1, store.claimDue(EMAIL, T0, 10, "b", LEASE).size(), "left for someone who can send it");
    }

    // ---- several instances and crashes ----------------------------------------------------------

    @Test
    void twoDispatchersDeliveringConcurrentlyNeverGetTheSameRow() throws Exception {
        int rows = 100;
        for (int i = 0; i < rows; i++) {
            queue("k-" + i, IN_APP);
        }
        Map<Long, List<String>> deliveredBy = new ConcurrentHashMap<>();
        CountDownLatch bothDelivering = new CountDownLatch(2);
        AtomicInteger overlapMissed = new AtomicInteger();
        List<OutboxDispatcher> dispatchers = new ArrayList<>();
        for (String claimant : List.of("instance-a", "instance-b")) {
            AtomicInteger calls = new AtomicInteger();
            dispatchers.add(dispatcher(claimant, new ScriptedSender(IN_APP, d -> {
                if (calls.incrementAndGet() == 1) {
                    // hold the first claim until the other instance has claimed too: they overlap for sure
                    bothDelivering.countDown();
                    try {
                        if (!bothDelivering.await(10, TimeUnit.SECONDS)) {
                            overlapMissed.incrementAndGet();
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                deliveredBy.computeIfAbsent(d.outboxId(), k -> new CopyOnWriteArrayList<>()).add(claimant);
                return DeliveryOutcome.sent("ok");
            })));
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (OutboxDispatcher d : dispatchers) {
                runs.add(pool.submit(() -> {
                    while (pending() > 0) {
                        d.deliverDue(IN_APP, 5); // may claim nothing while the other holds the rest
                    }
                }));
            }
            for (Future<?> f : runs) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(0, overlapMissed.get(), "both instances were delivering at the same time");
        assertEquals(rows, deliveredBy.size());
        deliveredBy.forEach((id, who) -> assertEquals(1, who.size(), () -> "row " + id + " delivered by " + who));
        Set<String> instances = new HashSet<>();
        deliveredBy.values().forEach(instances::addAll);
        assertEquals(Set.of("instance-a", "instance-b"), instances);
        assertEquals(rows, db.queryLong("select count(*) from notification_queue where status = 'sent'"));
    }

    /** The in-app sender, dying after it stored a claim's centre rows and before the transaction commits. */
    static StoredChannelSender crashingBeforeCommit(StoredChannelSender delegate) {
        return new StoredChannelSender() {
            @Override
            public Channel channel() {
                return delegate.channel();
            }

            @Override
            public DeliveryOutcome send(Delivery d) {
                return delegate.send(d);
            }

            @Override
            public Stored store(Connection c, List<Delivery> deliveries) throws SQLException {
                delegate.store(c, deliveries);
                throw new SimulatedCrash();
            }
        };
    }

    @Test
    void anInAppClaimIsStoredAndMarkedInOneTransactionSoACrashStoresNothingAndTheRowsAreDeliveredOnceAfterTheLease()
            throws Exception {
        List<Long> ids = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            ids.add(queue("k-" + i, IN_APP));
        }
        List<FanoutEnvelope> published = new CopyOnWriteArrayList<>();
        InAppSender inApp = new InAppSender(db.dataSource(), published::add, clock);

        // instance a claims all 10, stores their centre rows and dies before the commit
        assertThrows(SimulatedCrash.class, () -> dispatcher("instance-a", crashingBeforeCommit(inApp)).deliverDue(IN_APP, 10));
        assertEquals(0, db.queryLong("select count(*) from notifications"), "nothing of the crashed claim is stored");
        assertEquals(0, db.queryLong("select count(*) from notification_log"));
        assertEquals(10, db.queryLong("select count(*) from notification_queue where status = 'pending'"
                + " and claimed_by = 'instance-a'"));
        assertEquals(List.of(), published, "no live message before the commit");

        OutboxDispatcher b = dispatcher("instance-b", inApp);
        assertEquals(0, b.deliverDue(IN_APP, 10), "a's rows are leased until the lease runs out");
        clock.advance(LEASE.plusSeconds(1));
        assertEquals(10, b.deliverDue(IN_APP, 10));

        for (long id : ids) {
            assertEquals("sent", find(id).status(), "row " + id);
            assertEquals(1, db.queryLong("select count(*) from notifications where queue_id = " + id),
                    "row " + id + " is in the notification centre once");
            List<LogRow> log = log(id);
            assertEquals(1, log.size(), log.toString());
            long centreId = db.queryLong("select id from notifications where queue_id = " + id);
            assertEquals("SENT", log.get(0).outcome());
            assertEquals("stored as notification " + centreId, log.get(0).providerResponse());
        }
        Map<Long, Integer> liveMessagesPerCentreRow = new LinkedHashMap<>();
        for (FanoutEnvelope e : published) {
            long centreId = Json.MAPPER.readTree(e.payload()).path("data").path("notification").path("id").asLong();
            liveMessagesPerCentreRow.merge(centreId, 1, Integer::sum);
        }
        assertEquals(10, published.size(), "one live message per notification");
        assertEquals(10, liveMessagesPerCentreRow.size(), "ten distinct notifications reached the user");
        assertEquals(10.0, meters.counter("linkup.notifications.delivered", "channel", "in_app", "outcome", "sent").count());
    }

    @Test
    void pushesOfACrashedClaimArePushedAgainAfterTheLeaseAndEachRowIsMarkedOnce() {
        List<Long> ids = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            ids.add(queue("k-" + i, PUSH));
        }
        Map<Long, AtomicInteger> pushed = new ConcurrentHashMap<>();
        ScriptedSender push = new ScriptedSender(PUSH, d -> {
            pushed.computeIfAbsent(d.outboxId(), k -> new AtomicInteger()).incrementAndGet();
            return DeliveryOutcome.sent("201 Created");
        });

        // instance a pushes 5 of its 10 and dies: its outcomes are recorded per claim, so none is marked
        assertThrows(SimulatedCrash.class, () -> dispatcher("instance-a", crashingAfter(push, 5)).deliverDue(PUSH, 10));
        assertEquals(0, db.queryLong("select count(*) from notification_queue where status = 'sent'"));
        clock.advance(LEASE.plusSeconds(1));
        assertEquals(10, dispatcher("instance-b", push).deliverDue(PUSH, 10));

        for (long id : ids) {
            assertEquals("sent", find(id).status(), "row " + id);
            assertEquals(1, log(id).size(), "row " + id + " has one recorded attempt");
        }
        assertEquals(10, pushed.size());
        assertEquals(5, pushed.values().stream().filter(n -> n.get() == 2).count(),
                "the five pushed before the crash were pushed again (at-least-once; the Topic shows each once)");
    }

    @Test
    void anEmailWhoseAttemptWasInterruptedIsFailedNotSentAgainAndEveryEmailIsSentAtMostOnce() {
        List<Long> ids = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            ids.add(queue("k-" + i, EMAIL));
        }
        Map<Long, AtomicInteger> sentToProvider = new ConcurrentHashMap<>();
        ScriptedSender email = new ScriptedSender(EMAIL, d -> {
            sentToProvider.computeIfAbsent(d.outboxId(), k -> new AtomicInteger()).incrementAndGet();
            return DeliveryOutcome.sent("250 queued as " + d.outboxId());
        });

        // instance a claims 10, sends 4, and dies right after handing the 5th to the provider
        assertThrows(SimulatedCrash.class, () -> dispatcher("instance-a", crashingAfter(email, 5)).deliverDue(EMAIL, 10));
        clock.advance(LEASE.plusSeconds(1));
        OutboxDispatcher b = dispatcher("instance-b", email);
        assertEquals(6, b.deliverDue(EMAIL, 10));

        sentToProvider.forEach((id, n) -> assertEquals(1, n.get(), "e-mail " + id + " sent " + n + " times"));
        Set<Long> expectedSent = new java.util.HashSet<>(ids);
        assertEquals(expectedSent, sentToProvider.keySet(), "every e-mail reached the provider exactly once");
        for (long id : ids.subList(0, 4)) {
            assertEquals("sent", find(id).status());
        }
        // the 5th: its attempt started and never recorded an outcome, so it is not sent again
        long fifth = ids.get(4);
        OutboxRow interrupted = find(fifth);
        assertEquals("failed", interrupted.status());
        assertTrue(interrupted.errorMessage().contains("instance-a") && interrupted.errorMessage().contains("interrupted"),
                interrupted.errorMessage());
        assertEquals(List.of("STARTED", "UNKNOWN"), log(fifth).stream().map(LogRow::outcome).toList());
        // the 6th to 10th were claimed by a but never started: b delivered them normally
        for (long id : ids.subList(5, 10)) {
            assertEquals("sent", find(id).status(), "row " + id);
            assertEquals(List.of("STARTED", "SENT"), log(id).stream().map(LogRow::outcome).toList(), "row " + id);
        }
        assertEquals(1, sentToProvider.get(fifth).get(), "the interrupted e-mail reached the provider once, not twice");

        // only an operator's explicit requeue sends the interrupted one again
        assertFalse(store.requeue(ids.get(5), clock.instant()), "a sent row is not requeued");
        assertTrue(store.requeue(fifth, clock.instant()));
        assertEquals(1, b.deliverDue(EMAIL, 10));
        assertEquals("sent", find(fifth).status());
        assertEquals(2, sentToProvider.get(fifth).get());
        assertEquals(0, b.deliverDue(EMAIL, 10));
    }

    @Test
    void aClaimsEmailsGoOverSeveralConnectionsAtOnceAndEachIsSentOnceWithItsOwnAttemptRows() throws Exception {
        List<Long> ids = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            ids.add(queue("k-" + i, EMAIL));
        }
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        Map<Long, AtomicInteger> sentToProvider = new ConcurrentHashMap<>();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        CountDownLatch fourInside = new CountDownLatch(4);
        ScriptedSender email = new ScriptedSender(EMAIL, d -> {
            int now = inside.incrementAndGet();
            mostAtOnce.accumulateAndGet(now, Math::max);
            threads.add(Thread.currentThread().getName());
            fourInside.countDown();
            try {
                fourInside.await(10, TimeUnit.SECONDS); // the first four wait for each other: they overlap
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            sentToProvider.computeIfAbsent(d.outboxId(), k -> new AtomicInteger()).incrementAndGet();
            inside.decrementAndGet();
            return DeliveryOutcome.sent("250 queued as " + d.outboxId());
        });
        ExecutorService connections = Executors.newFixedThreadPool(4);
        try {
            OutboxDispatcher a = new OutboxDispatcher(store, Map.of(EMAIL, email), NotificationUsers.lookup(), clock,
                    meters, "instance-a", LEASE, RETRY, connections);

            assertEquals(20, a.deliverDue(EMAIL, 50));

            assertEquals(4, mostAtOnce.get(), "four e-mails were with the provider at once");
            assertEquals(4, threads.size(), "over the pool's four threads (one SMTP connection each)");
            assertEquals(new HashSet<>(ids), sentToProvider.keySet());
            sentToProvider.forEach((id, n) -> assertEquals(1, n.get(), "e-mail " + id + " sent " + n + " times"));
            for (long id : ids) {
                assertEquals("sent", find(id).status(), "row " + id);
                assertEquals(List.of("STARTED", "SENT"), log(id).stream().map(LogRow::outcome).toList(), "row " + id);
            }
            assertEquals(0, a.deliverDue(EMAIL, 50));
        } finally {
            connections.shutdownNow();
        }
    }

    @Test
    void whenAnInstanceDiesWithEmailsInFlightOnSeveralConnectionsNoneIsSentTwice() throws Exception {
        List<Long> ids = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            ids.add(queue("k-" + i, EMAIL));
        }
        Map<Long, AtomicInteger> sentToProvider = new ConcurrentHashMap<>();
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger hanging = new AtomicInteger();
        CountDownLatch processGone = new CountDownLatch(1);
        // instance a: the first five e-mails are answered; from the sixth on the provider takes the e-mail
        // and the process dies before the answer (the threads hang, then vanish without a trace)
        ChannelSender dying = new ScriptedSender(EMAIL, d -> {
            sentToProvider.computeIfAbsent(d.outboxId(), k -> new AtomicInteger()).incrementAndGet();
            if (calls.incrementAndGet() <= 5) {
                return DeliveryOutcome.sent("250 queued as " + d.outboxId());
            }
            hanging.incrementAndGet();
            try {
                processGone.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new SimulatedCrash();
        });
        ExecutorService connectionsA = Executors.newFixedThreadPool(4);
        ExecutorService instanceA = Executors.newSingleThreadExecutor();
        try {
            OutboxDispatcher a = new OutboxDispatcher(store, Map.of(EMAIL, dying), NotificationUsers.lookup(), clock,
                    meters, "instance-a", LEASE, RETRY, connectionsA);
            instanceA.submit(() -> a.deliverDue(EMAIL, 10));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> hanging.get() == 4);

            clock.advance(LEASE.plusSeconds(1));
            ScriptedSender email = new ScriptedSender(EMAIL, d -> {
                sentToProvider.computeIfAbsent(d.outboxId(), k -> new AtomicInteger()).incrementAndGet();
                return DeliveryOutcome.sent("250 queued as " + d.outboxId());
            });
            OutboxDispatcher b = dispatcher("instance-b", email);
            assertEquals(5, b.deliverDue(EMAIL, 10), "the five a had not finished");

            assertEquals(new HashSet<>(ids), sentToProvider.keySet(), "every e-mail reached the provider");
            sentToProvider.forEach((id, n) -> assertEquals(1, n.get(), "e-mail " + id + " sent " + n + " times"));
            Map<String, Long> byStatus = new HashMap<>();
            for (long id : ids) {
                byStatus.merge(find(id).status(), 1L, Long::sum);
            }
            assertEquals(Map.of("sent", 6L, "failed", 4L), byStatus,
                    "the four in flight when a died are failed (outcome unknown); the one a never started was sent by b");
            for (long id : ids) {
                List<String> outcomes = log(id).stream().map(LogRow::outcome).toList();
                if (find(id).status().equals("failed")) {
                    assertEquals(List.of("STARTED", "UNKNOWN"), outcomes, "row " + id);
                    assertTrue(find(id).errorMessage().contains("interrupted"), find(id).errorMessage());
                } else {
                    assertEquals(List.of("STARTED", "SENT"), outcomes, "row " + id);
                }
            }
        } finally {
            processGone.countDown();
            connectionsA.shutdownNow();
            instanceA.shutdownNow();
        }
    }
}
