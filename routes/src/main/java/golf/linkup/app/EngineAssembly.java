package golf.linkup.app;

import golf.linkup.engine.admin.inspector.DeliveryLedger;
import golf.linkup.engine.auth.JwtIssuer;
import golf.linkup.engine.config.EngineSettings;
import golf.linkup.engine.metrics.EngineMetrics;
import golf.linkup.engine.storage.Database;
import golf.linkup.engine.storage.DeadLetterStore;
import golf.linkup.redis.RedisConnections;
import golf.linkup.sandbox.EmbeddedRedis;
import java.time.Clock;
import java.time.Duration;

/**
 * The composition root of one engine instance: builds the feature assemblies in dependency order,
 * each from what the ones before it built (docs/architecture.md, "Modules"), starts them, and closes
 * everything they opened in reverse. Nothing is connected after it is built; what only exists with
 * the Camel context comes in through {@link CamelSide}.
 */
public final class EngineAssembly implements EngineHandle, AutoCloseable {

    /** Events whose deliveries the console's inspector remembers. */
    private static final int DELIVERIES_REMEMBERED = 2_000;

    private final Closer closer = new Closer();
    private final InfrastructureAssembly infrastructure;
    private final IntakeAssembly intake;
    private final GatewayAssembly gateway;
    private final NotificationAssembly notifications;
    private final MatchingAssembly matching;
    private final BookingAssembly booking;
    private final FollowUpAssembly followUp;
    private final ReceiptsAssembly receipts;
    private final WebhookAssembly webhook;
    private final ScheduleAssembly schedules;
    private final OperationsAssembly operations;

    EngineAssembly(AllSettings settings, Clock clock, CamelSide camel) {
        try {
            infrastructure = new InfrastructureAssembly(settings.engine(), clock, closer);
            intake = new IntakeAssembly(infrastructure);
            DeliveryLedger ledger = new DeliveryLedger(DELIVERIES_REMEMBERED);
            gateway = new GatewayAssembly(infrastructure, intake, (eventId, envelope, reached) -> ledger.record(
                    eventId, DeliveryLedger.messageType(envelope.payload()), envelope.rooms(), reached));
            notifications = new NotificationAssembly(infrastructure, gateway, camel.wakeDeliveries());
            matching = new MatchingAssembly(infrastructure, gateway, notifications, settings.matching(),
                    camel.notifyIntents(), camel.routesRunning());
            booking = new BookingAssembly(infrastructure, intake, gateway, notifications);
            followUp = new FollowUpAssembly(infrastructure, gateway, notifications, settings.followUp());
            receipts = new ReceiptsAssembly(infrastructure, gateway, notifications, settings.receipts());
            webhook = new WebhookAssembly(infrastructure, followUp, settings.webhook());
            schedules = new ScheduleAssembly(infrastructure, intake, notifications, matching, booking, followUp,
                    receipts, settings.schedules());
            operations = new OperationsAssembly(infrastructure, intake, gateway, notifications, followUp, schedules,
                    camel, ledger);
            new DemoAssembly(infrastructure, intake, gateway);
        } catch (RuntimeException e) {
            closer.close();
            throw e;
        }
    }

    /** Opens the port, then starts the supervisor, presence, the watchdogs, the seen-position flush and the figures. */
    void start() {
        gateway.start();
        followUp.start();
        operations.start();
    }

    /**
     * The start of shutdown: this instance takes no more job firings, closes every client with 1001,
     * stops the port and the Redis subscriptions (nothing new comes in while the routes drain). The
     * rest stays up until {@link #close()}, which stops the sandbox's embedded Redis last (it has no
     * shutdown hook of its own that would stop it earlier: {@link EmbeddedRedis}).
     */
    void stopAcceptingClients() {
        operations.stopAcceptingClients();
        // no new firings here (the rest of the cluster takes them); running jobs finish through their routes
        schedules.scheduler().standbyAndDrain(Duration.ofSeconds(10));
        gateway.stopAcceptingClients();
        infrastructure.redis().stopListening();
    }

    @Override
    public void close() {
        closer.close();
    }

    IntakeAssembly intake() {
        return intake;
    }

    BookingAssembly booking() {
        return booking;
    }

    WebhookAssembly webhook() {
        return webhook;
    }

    // ---- EngineHandle

    @Override
    public int httpPort() {
        return gateway.port();
    }

    @Override
    public EngineSettings settings() {
        return infrastructure.settings();
    }

    @Override
    public JwtIssuer jwtIssuer() {
        return gateway.jwtIssuer();
    }

    @Override
    public RedisConnections redis() {
        return infrastructure.redis();
    }

    @Override
    public Database database() {
        return infrastructure.database();
    }

    @Override
    public EngineMetrics metrics() {
        return infrastructure.metrics();
    }

    @Override
    public DeadLetterStore deadLetters() {
        return infrastructure.deadLetters();
    }

    @Override
    public GatewayAssembly gateway() {
        return gateway;
    }

    @Override
    public MatchingAssembly matching() {
        return matching;
    }

    @Override
    public NotificationAssembly notifications() {
        return notifications;
    }

    @Override
    public ScheduleAssembly schedules() {
        return schedules;
    }

    @Override
    public ReceiptsAssembly receipts() {
        return receipts;
    }
}
