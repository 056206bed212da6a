package golf.linkup.routes;

import static org.assertj.core.api.Assertions.assertThat;

import golf.linkup.engine.gateway.fanout.FanoutEnvelope;
import golf.linkup.engine.notifications.Channel;
import golf.linkup.engine.notifications.NotificationType;
import golf.linkup.engine.notifications.NotificationUsers;
import golf.linkup.engine.notifications.Priority;
import golf.linkup.engine.notifications.inapp.InAppSender;
import golf.linkup.engine.notifications.outbox.JdbcOutboxStore;
import golf.linkup.engine.notifications.outbox.OutboxDispatcher;
import golf.linkup.engine.notifications.outbox.OutboxRow;
import golf.linkup.testing.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The delivery half of {@link NotificationRoutes} on its own: a wake-up on {@code deliver-in_app}
 * takes every due in-app row through the real dispatcher and sender to the notification centre
 * (an H2 database) and the live-message publisher, batch after batch, and nothing is delivered
 * twice when it is woken again.
 */
class NotificationDeliveryRoutesTest extends CamelTestSupport {

    private final TestDatabase db = TestDatabase.h2();
    private final JdbcOutboxStore outbox = new JdbcOutboxStore(db.dataSource());
    private final List<FanoutEnvelope> live = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeDatabase() {
        db.close();
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        Clock clock = Clock.systemUTC();
        OutboxDispatcher dispatcher = new OutboxDispatcher(outbox,
                Map.of(Channel.IN_APP, new InAppSender(db.dataSource(), live::add, clock)), NotificationUsers.lookup(),
                clock, new SimpleMeterRegistry(), "route-test", Duration.ofMinutes(2), OutboxDispatcher.RetryPolicy.DEFAULT);
        return new NotificationRoutes(dispatcher, Duration.ofHours(1));
    }

    private void queue(int count) {
        Instant due = Instant.now().minusSeconds(1);
        for (int i = 0; i < count; i++) {
            String key = "route-test-" + i;
            outbox.enqueue(new OutboxRow(0, key + ":in_app", key, NotificationUsers.NEW_YORK.id(),
                    NotificationType.SLOT_JOINED, Channel.IN_APP, "title " + i, "body " + i, null, "{}", "{}", "en-US",
                    Priority.NORMAL, null, 1, due, "pending", 0, null, null, due));
        }
    }

    @Test
    void aWakeUpDeliversEveryDueRowBatchAfterBatchAndAnotherDeliversNothingTwice() {
        int rows = NotificationRoutes.BATCH + 50; // two claims
        queue(rows);
        NotifyBuilder delivered = new NotifyBuilder(context).fromRoute(NotificationRoutes.deliveryRouteId(Channel.IN_APP))
                .whenCompleted(1).create();

        template.sendBody(NotificationRoutes.wakeUri(Channel.IN_APP), "wake");

        assertThat(delivered.matches(30, TimeUnit.SECONDS)).isTrue();
        assertThat(db.queryLong("select count(*) from notification_queue where status = 'sent'")).isEqualTo(rows);
        assertThat(db.queryLong("select count(*) from notifications")).isEqualTo(rows);
        assertThat(live).hasSize(rows);

        NotifyBuilder again = new NotifyBuilder(context).fromRoute(NotificationRoutes.deliveryRouteId(Channel.IN_APP))
                .whenCompleted(1).create();
        template.sendBody(NotificationRoutes.wakeUri(Channel.IN_APP), "wake");
        assertThat(again.matches(30, TimeUnit.SECONDS)).isTrue();
        assertThat(db.queryLong("select count(*) from notifications")).isEqualTo(rows);
        assertThat(live).hasSize(rows);
    }

    @Test
    void onlyTheChannelsTheDispatcherHandlesGetDeliveryRoutes() {
        assertThat(context.getRoute("deliver-in_app")).isNotNull();
        assertThat(context.getRoute("deliver-in_app-timer")).isNotNull();
        assertThat(context.getRoute("deliver-push")).isNull();
        assertThat(context.getRoute("deliver-email")).isNull();
    }
}
