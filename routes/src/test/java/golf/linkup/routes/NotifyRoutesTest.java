package golf.linkup.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import golf.linkup.engine.events.TestEvents;
import golf.linkup.engine.matching.ScoredUser;
import golf.linkup.engine.notifications.Channel;
import golf.linkup.engine.notifications.NotificationIntent;
import golf.linkup.engine.notifications.NotificationRules;
import golf.linkup.engine.notifications.NotificationType;
import golf.linkup.engine.notifications.intake.NotificationService;
import golf.linkup.engine.notifications.outbox.JdbcOutboxStore;
import golf.linkup.engine.notifications.outbox.OutboxRow;
import golf.linkup.engine.storage.JdbcMatchingStore;
import golf.linkup.engine.storage.StorageException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code notify-event} and {@code notify-intents} with the real rules, policy, Mustache templates
 * and outbox on H2: who gets which rows, in what words, that a replay queues nothing twice, that
 * the delivery routes are woken (their wake-up endpoints are the edge, replaced by mocks), that
 * new-tee-time intents from matching take the same path, and that a database failure is retried
 * 3 times and then left failed for the consumer group to hand out again.
 */
class NotifyRoutesTest extends RouteTestSupport {

    private final JdbcOutboxStore outbox = new JdbcOutboxStore(db.dataSource());
    private final JdbcMatchingStore store = new JdbcMatchingStore(db.dataSource());
    private final NotificationRules rules = new NotificationRules(store);
    private final AtomicInteger redeliveries = new AtomicInteger();

    NotifyRoutesTest() {
        super(true);
    }

    @Override
    protected RoutesBuilder[] routes() {
        NotificationService notifications = notificationService(outbox, store);
        return new RoutesBuilder[] {
            new NotifyRoutes(rules, notifications.planner(), notifications.templating(), notifications.writer())
        };
    }

    @BeforeEach
    void adviseAndStart() throws Exception {
        AdviceWith.adviceWith(context, "notify-intents", route -> route.mockEndpointsAndSkip("seda:deliver-*"));
        context.getManagementStrategy().addEventNotifier(new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                if (event instanceof CamelEvent.ExchangeRedeliveryEvent) {
                    redeliveries.incrementAndGet();
                }
            }
        });
        context.start();
        db.insertCourse("c-ny", "Bethpage Black", "Farmingdale", "US", 40.7448, -73.4540, "America/New_York");
        db.insertUser("u-host", "Ada Host", "Acme Capital", "FINANCE");
        db.insertUser("u-p2", "Ben Player", "Blue Fund", "FINANCE");
        db.insertUser("u-p3", "Cy Joiner", null, "FINANCE");
        db.insertTeeTime("tt-1", "u-host", "c-ny", Instant.now().plus(Duration.ofDays(3)), "FINANCE", false, 4, "u-p2");
    }

    @Test
    void aSlotJoinedTellsTheHostAndPlayersByPushAndInAppInTheirWordsAndWakesThoseDeliveries() throws Exception {
        MockEndpoint inApp = getMockEndpoint("mock:seda:deliver-in_app");
        MockEndpoint push = getMockEndpoint("mock:seda:deliver-push");
        inApp.expectedMessageCount(2);
        push.expectedMessageCount(2);

        Exchange done = template.send(NotifyRoutes.NOTIFY_EVENT, e -> e.getMessage().setBody(TestEvents.parsed(
                "slot.joined", "{\"teeTimeId\":\"tt-1\",\"slotNumber\":3,\"userId\":\"u-p3\"}")));

        assertThat(done.getException()).isNull();
        MockEndpoint.assertIsSatisfied(context);
        for (String user : List.of("u-host", "u-p2")) {
            assertThat(outbox.forUser(user)).as(user).extracting(OutboxRow::channel)
                    .containsExactlyInAnyOrder(Channel.PUSH, Channel.IN_APP);
            assertThat(outbox.forUser(user)).allSatisfy(row -> {
                assertThat(row.type()).isEqualTo(NotificationType.SLOT_JOINED);
                assertThat(row.body()).contains("Cy");
                assertThat(row.status()).isEqualTo("pending");
            });
        }
        assertThat(outbox.forUser("u-p3")).as("nobody is told of their own action").isEmpty();
    }

    @Test
    void theSameEventHandledAgainQueuesNothingTwiceAndWakesNobody() throws Exception {
        Consumer<Exchange> slotJoined = e -> e.getMessage().setBody(TestEvents.parsed(
                "slot.joined", "{\"teeTimeId\":\"tt-1\",\"slotNumber\":3,\"userId\":\"u-p3\"}"));
        MockEndpoint inApp = getMockEndpoint("mock:seda:deliver-in_app");
        inApp.expectedMessageCount(2);
        template.send(NotifyRoutes.NOTIFY_EVENT, slotJoined::accept);
        inApp.assertIsSatisfied(); // the first time's wake-ups (a wire tap sends them on its own thread)
        inApp.reset();

        Exchange again = template.send(NotifyRoutes.NOTIFY_EVENT, slotJoined::accept);

        assertThat(again.getException()).isNull();
        assertThat(outbox.forUser("u-host")).hasSize(2);
        assertThat(inApp.getReceivedCounter()).isZero();
        assertThat(metrics.meterRegistry().counter("linkup.notifications.suppressed", "channel", "in_app",
                "reason", "DUPLICATE").count()).isEqualTo(2);
    }

    @Test
    void aNewTeeTimeFromMatchingTakesTheSameRouteToTheOutbox() throws Exception {
        MockEndpoint inApp = getMockEndpoint("mock:seda:deliver-in_app");
        inApp.expectedMessageCount(1);
        NotificationIntent intent = rules.newTeeTime("tt-1", new ScoredUser("u-p3", 87), "evt-9").orElseThrow();

        NotifyRoutes.sender(template).accept(intent);

        MockEndpoint.assertIsSatisfied(context);
        assertThat(outbox.forUser("u-p3")).extracting(OutboxRow::type).containsOnly(NotificationType.NEW_TEE_TIME);
        assertThat(outbox.forUser("u-p3")).extracting(OutboxRow::channel)
                .containsExactlyInAnyOrder(Channel.PUSH, Channel.IN_APP);
        assertThat(outbox.forUser("u-p3").get(0).body()).contains("Bethpage");
    }

    @Test
    void aDatabaseFailureIsRetriedThreeTimesAndReachesTheCallerAsItWas() {
        NotificationIntent intent = rules.newTeeTime("tt-1", new ScoredUser("u-p3", 87), "evt-9").orElseThrow();
        db.database().close(); // the database is gone

        Exchange done = template.send(NotifyRoutes.NOTIFY_INTENTS, e -> e.getMessage().setBody(List.of(intent)));

        assertThat(done.getException()).as("failed, so the group entry stays pending")
                .hasRootCauseInstanceOf(java.sql.SQLException.class);
        assertThat(redeliveries.get()).as("3 retries at the step that failed, no more").isEqualTo(3);
        redeliveries.set(0);
        assertThrows(StorageException.class, () -> NotifyRoutes.sender(template).accept(intent),
                "matching's route configuration sees the database failure itself");
        assertThat(redeliveries.get()).isEqualTo(3);
    }
}
