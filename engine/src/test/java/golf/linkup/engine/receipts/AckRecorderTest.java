package golf.linkup.engine.receipts;

import static org.assertj.core.api.Assertions.assertThat;

import golf.linkup.testing.AdjustableClock;
import golf.linkup.testing.PostgresProbe;
import golf.linkup.testing.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The ack recorder on a real, migrated database: a burst of acks is one round of writes, only the
 * user's own notifications are marked (others are ignored and counted), the first ack is kept.
 */
class AckRecorderTest {

    static final Instant STORED = Instant.parse("2026-06-09T16:00:00Z");

    @Test
    void aBurstOfAcksFromManyConnectionsIsRecordedInOneRoundOfWrites() throws Exception {
        try (TestDatabase db = TestDatabase.h2()) {
            burstIsOneRound(db);
        }
    }

    @Test
    void onPostgresqlToo() throws Exception {
        Assumptions.assumeTrue(PostgresProbe.available(), PostgresProbe.SKIP_MESSAGE);
        try (TestDatabase db = TestDatabase.postgres()) {
            burstIsOneRound(db);
            onlyOwnNotificationsAreMarked(db);
        }
    }

    static void burstIsOneRound(TestDatabase db) throws Exception {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            ids.add(notification(db, "user-" + (i % 5)));
        }
        AdjustableClock clock = new AdjustableClock(STORED.plusSeconds(3));
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (AckRecorder recorder = new AckRecorder(new ReceiptStore(db.dataSource()), clock, meters, true)) {
            List<CompletableFuture<?>> answers = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                // one ack per notification, as a client acks each on arrival; queued before the thread runs
                answers.add(recorder.acknowledge("user-" + (i % 5), List.of(ids.get(i))).toCompletableFuture());
            }
            recorder.start();
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

            assertThat(meters.counter("linkup.receipts.writes").count()).as("rounds of writes").isEqualTo(1);
            assertThat(meters.counter("linkup.receipts.acks").count()).isEqualTo(200);
            assertThat(db.queryLong("select count(*) from notifications where acknowledged_at is not null"))
                    .isEqualTo(200);
            var delay = meters.get("linkup.receipts.ack.delay").timer();
            assertThat(delay.count()).isEqualTo(200);
            assertThat(delay.max(TimeUnit.MILLISECONDS)).isEqualTo(3_000);
        }
    }

    @Test
    void onlyTheUsersOwnNotificationsAreMarkedAndTheFirstAckStays() throws Exception {
        try (TestDatabase db = TestDatabase.h2()) {
            onlyOwnNotificationsAreMarked(db);
        }
    }

    static void onlyOwnNotificationsAreMarked(TestDatabase db) throws Exception {
        long mine = notification(db, "ana");
        long theirs = notification(db, "bob");
        AdjustableClock clock = new AdjustableClock(STORED.plusSeconds(10));
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (AckRecorder recorder = new AckRecorder(new ReceiptStore(db.dataSource()), clock, meters, true).start()) {
            recorder.acknowledge("ana", List.of(mine, theirs, 987_654_321L)).toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            clock.advance(Duration.ofMinutes(5));
            recorder.acknowledge("ana", List.of(mine)).toCompletableFuture().get(10, TimeUnit.SECONDS);

            assertThat(acknowledgedAt(db, mine)).as("the first ack is kept").isEqualTo(STORED.plusSeconds(10));
            assertThat(acknowledgedAt(db, theirs)).as("someone else's").isNull();
            assertThat(meters.counter("linkup.receipts.acks.ignored", "reason", "foreign").count()).isEqualTo(1);
            assertThat(meters.counter("linkup.receipts.acks.ignored", "reason", "unknown").count()).isEqualTo(1);
            assertThat(meters.get("linkup.receipts.ack.delay").timer().count()).as("timed once").isEqualTo(1);
        }
    }

    @Test
    void offAnAckIsAnsweredAndCountedButNothingIsStored() throws Exception {
        try (TestDatabase db = TestDatabase.h2()) {
            long id = notification(db, "ana");
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            try (AckRecorder recorder = new AckRecorder(new ReceiptStore(db.dataSource()),
                    new AdjustableClock(STORED), meters, false).start()) {
                recorder.acknowledge("ana", List.of(id)).toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
            assertThat(acknowledgedAt(db, id)).isNull();
            assertThat(meters.counter("linkup.receipts.acks").count()).isEqualTo(1);
        }
    }

    /** A centre row stored at {@link #STORED}; returns its id. */
    static long notification(TestDatabase db, String userId) {
        db.update("insert into notifications (user_id, notification_type, title, body, created_at)"
                + " values (?, 'system_announcement', 't', 'b', ?)", userId, STORED.atOffset(java.time.ZoneOffset.UTC));
        return db.queryLong("select max(id) from notifications");
    }

    static Instant acknowledgedAt(TestDatabase db, long id) {
        try (var c = db.dataSource().getConnection();
                var ps = c.prepareStatement("select acknowledged_at from notifications where id = ?")) {
            ps.setLong(1, id);
            try (var rs = ps.executeQuery()) {
                rs.next();
                var at = rs.getObject(1, java.time.OffsetDateTime.class);
                return at == null ? null : at.toInstant();
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
