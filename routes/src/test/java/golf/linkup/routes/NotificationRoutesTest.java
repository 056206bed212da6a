package golf.linkup.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import golf.linkup.engine.matching.ScoredUser;
import golf.linkup.engine.notifications.Channel;
import golf.linkup.engine.notifications.ChannelSender;
import golf.linkup.engine.notifications.Delivery;
import golf.linkup.engine.notifications.DeliveryOutcome;
import golf.linkup.engine.notifications.NotificationRules;
import golf.linkup.engine.notifications.intake.NotificationService;
import golf.linkup.engine.notifications.outbox.JdbcOutboxStore;
import golf.linkup.engine.notifications.outbox.OutboxDispatcher;
import golf.linkup.engine.notifications.outbox.OutboxRow;
import golf.linkup.engine.storage.JdbcMatchingStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.RoutesBuilder;
import org.junit.jupiter.api.Test;

/**
 * The delivery routes' entry, with {@code notify-intents} in front of them: a row written there
 * wakes {@code deliver-in_app}, which hands it to the channel's sender at once (the timer is set to
 * an hour, so only the wake-up can have done it) and records it as sent. The in-app sender is the
 * edge here (a recorder); what a channel does with a row is tested with the senders themselves.
 */
class NotificationRoutesTest extends RouteTestSupport {

    private final JdbcOutboxStore outbox = new JdbcOutboxStore(db.dataSource());
    private final JdbcMatchingStore store = new JdbcMatchingStore(db.dataSource());
    private final List<Delivery> delivered = new CopyOnWriteArrayList<>();

    NotificationRoutesTest() {
        super(false);
    }

    @Override
    protected RoutesBuilder[] routes() {
        NotificationService notifications = notificationService(outbox, store);
        ChannelSender inApp = new ChannelSender() {
            @Override
            public Channel channel() {
                return Channel.IN_APP;
            }

            @Override
            public DeliveryOutcome send(Delivery delivery) {
                delivered.add(delivery);
                return DeliveryOutcome.sent("stored");
            }
        };
        OutboxDispatcher dispatcher = new OutboxDispatcher(outbox, Map.of(Channel.IN_APP, inApp), store::findUser,
                Clock.systemUTC(), metrics.meterRegistry(), "instance-a", Duration.ofMinutes(2),
                OutboxDispatcher.RetryPolicy.DEFAULT);
        return new RoutesBuilder[] {
            new NotifyRoutes(new NotificationRules(store), notifications.planner(), notifications.templating(),
                    notifications.writer()),
            new NotificationRoutes(dispatcher, Duration.ofHours(1))
        };
    }

    @Test
    void aRowWrittenByNotifyIntentsIsDeliveredAtOnceByItsChannelsRoute() {
        db.insertCourse("c-ny", "Bethpage Black", "Farmingdale", "US", 40.7448, -73.4540, "America/New_York");
        db.insertUser("u-host", "Ada Host", "Acme Capital", "FINANCE");
        db.insertUser("u-2", "Ben Player", "Blue Fund", "FINANCE");
        db.insertTeeTime("tt-1", "u-host", "c-ny", Instant.now().plus(Duration.ofDays(3)), "FINANCE", false, 4);

        template.sendBody(NotifyRoutes.NOTIFY_INTENTS, List.of(new NotificationRules(store)
                .newTeeTime("tt-1", new ScoredUser("u-2", 90), "evt-1").orElseThrow()));

        await().atMost(Duration.ofSeconds(10)).until(() -> !delivered.isEmpty());
        assertThat(delivered).extracting(d -> d.recipient().userId()).containsExactly("u-2");
        await().atMost(Duration.ofSeconds(10)).until(() -> outbox.forUser("u-2").stream()
                .anyMatch(r -> r.channel() == Channel.IN_APP && "sent".equals(r.status())));
        assertThat(outbox.forUser("u-2")).filteredOn(r -> r.channel() == Channel.PUSH).extracting(OutboxRow::status)
                .as("no push sender here: the row waits").containsExactly("pending");
    }
}
