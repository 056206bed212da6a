package golf.linkup.app;

import golf.linkup.engine.admin.AdminApi;
import golf.linkup.engine.admin.AdminStream;
import golf.linkup.engine.admin.RouteControl;
import golf.linkup.engine.admin.figures.FigureSampler;
import golf.linkup.engine.admin.followup.FollowUpAdmin;
import golf.linkup.engine.admin.inspector.DeliveryLedger;
import golf.linkup.engine.admin.inspector.Inspector;
import golf.linkup.engine.admin.inspector.MailCapture;
import golf.linkup.engine.admin.problems.DeadLetterProblems;
import golf.linkup.engine.admin.problems.OutboxAgeProblems;
import golf.linkup.engine.admin.problems.RouteProblems;
import golf.linkup.engine.admin.problems.SlowClientProblems;
import golf.linkup.engine.admin.queues.QueueAdmin;
import golf.linkup.engine.admin.simulator.SandboxWrites;
import golf.linkup.engine.admin.simulator.ScenarioPlayer;
import golf.linkup.engine.admin.simulator.Simulator;
import golf.linkup.engine.health.HealthMonitor;
import golf.linkup.engine.health.ProblemSource;
import golf.linkup.engine.http.HealthHandler;
import golf.linkup.engine.http.HealthIndicator;
import golf.linkup.engine.storage.DeadLetter;
import golf.linkup.notifications.email.SandboxMailCapture;
import golf.linkup.redis.RedisEventPublication;
import golf.linkup.redis.SubscriptionWatchdog;
import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Health and operations (docs/console.md): one {@link HealthMonitor} over every check (Redis
 * subscriptions, database, intake, routes, dead letters, outbox age, slow clients) that serves
 * /health, /health/live, /health/ready, the admin API and the admin stream; the admin API under
 * {@code /api/v1/admin} with queues, the inspector, figures, and in the sandbox the simulator and the
 * scenario player.
 */
public final class OperationsAssembly {

    private final ScheduledExecutorService watchdogTimer;
    private final ScheduledExecutorService adminScheduler;
    private final List<SubscriptionWatchdog> watchdogs = new ArrayList<>();
    private final Runnable sampleIntake;
    private final FigureSampler figureSampler;
    private final AdminStream adminStream;
    private final Optional<ScenarioPlayer> scenarioPlayer;
    private final Duration healthStaleAfter;

    /** @param ledger what each event's messages reached here (the gateway records it, the inspector reads it) */
    OperationsAssembly(InfrastructureAssembly infrastructure, IntakeAssembly intake, GatewayAssembly gateway,
            NotificationAssembly notifications, FollowUpAssembly followUp, ScheduleAssembly schedules, CamelSide camel,
            DeliveryLedger ledger) {
        var settings = infrastructure.settings();
        var clock = infrastructure.clock();
        var closer = infrastructure.closer();
        var database = infrastructure.database();
        var metrics = infrastructure.metrics();
        var connections = gateway.connections();
        healthStaleAfter = settings.healthStaleAfter();
        watchdogTimer = daemonTimer("linkup-watchdog");
        closer.add(watchdogTimer::shutdownNow);
        intake.legacyWatchdog().ifPresent(watchdogs::add);
        watchdogs.add(gateway.fanoutWatchdog());
        sampleIntake = intake.intakeMonitor()::sample;

        // every check /health, the admin API and the console read, in one HealthMonitor
        List<ProblemSource> problemSources = new ArrayList<>();
        watchdogs.forEach(w -> problemSources.add(HealthHandler.critical(w, "overview")));
        problemSources.add(HealthHandler.critical(new HealthIndicator() {
            @Override
            public String name() {
                return "database";
            }

            @Override
            public Status check() {
                return database.isAlive(1) ? Status.up("answers") : Status.down("no answer within 1 s");
            }
        }, "overview"));
        problemSources.add(intake.intakeReaders());
        problemSources.add(intake.intakeMonitor());

        var publication = new RedisEventPublication(intake.eventStream());
        var queueAdmin = new QueueAdmin(database.dataSource(), infrastructure.deadLetters(), notifications.outbox(),
                publication, camel.wakeDeliveries(), clock);
        RouteControl routes = camel.routeControl();
        var sandboxPush = notifications.sandboxPush();
        Optional<Simulator> simulator = sandboxPush.map(push -> Simulator.withSandboxDevices(
                new SandboxWrites(database.dataSource()), publication, notifications.devices(),
                notifications.preferences(), push, () -> "http://127.0.0.1:" + gateway.port(), clock));
        scenarioPlayer = simulator.map(sim -> closer.add(new ScenarioPlayer(sim,
                settings.sampleDataDir().resolve("scenarios"), clock)));
        var followUps = new FollowUpAdmin(database.dataSource(), followUp.missedStatus(), clock);
        var inspector = new Inspector(() -> simulator.map(Simulator::journal).orElse(List.of()), ledger,
                database.dataSource(), notifications.sandboxMail().<MailCapture>map(SandboxMailCapture::new)
                .orElse(MailCapture.NONE), sandboxPush, followUps);
        figureSampler = new FigureSampler(connections, metrics, queueAdmin, routes, clock);
        // the console's problems: routes, dead letters, outbox age, slow clients
        problemSources.add(new RouteProblems(routes));
        problemSources.add(new DeadLetterProblems(figureSampler::history, settings.problems().deadLetterWindow()));
        problemSources.add(new OutboxAgeProblems(figureSampler::latest, settings.problems().outboxMaxAge()));
        problemSources.add(new SlowClientProblems(connections::slowConnectionCount,
                settings.problems().slowClientsMax()));
        HealthMonitor healthMonitor = new HealthMonitor(problemSources);
        BooleanSupplier notReady = () -> !camel.routesRunning().getAsBoolean();
        gateway.server()
                .exactPath("/health", new HealthHandler(healthMonitor, notReady, HealthHandler.Kind.COMBINED))
                .exactPath("/health/live", new HealthHandler(healthMonitor, () -> false, HealthHandler.Kind.LIVENESS))
                .exactPath("/health/ready", new HealthHandler(healthMonitor, notReady, HealthHandler.Kind.READINESS));
        QueueAdmin.RequeueProbes requeueProbes = new QueueAdmin.RequeueProbes() {
            @Override
            public long duplicatesDropped() {
                return (long) metrics.meterRegistry().find("linkup.events.duplicates").counters().stream()
                        .mapToDouble(Counter::count).sum();
            }

            @Override
            public int connectionsReached(String eventId) {
                return ledger.connectionsReached(eventId);
            }

            @Override
            public void allowRefusalAgain(DeadLetter letter) {
                // nothing to forget: a requeued event is a new stream entry, and dead letters are
                // unique per entry, so refused again it is recorded again
            }
        };
        var adminApi = new AdminApi(connections, queueAdmin, routes, () -> Optional.of(schedules.scheduledJobs()),
                simulator, scenarioPlayer, inspector, figureSampler, healthMonitor, requeueProbes,
                new AdminApi.ClusterView(gateway.presence()::statusesForOperators, gateway::roomByInstance), followUps,
                clock);
        adminApi.register(gateway.api());
        adminStream = new AdminStream(gateway.jwtVerifier(), figureSampler, adminApi, healthMonitor);
        gateway.server().upgradePath(AdminStream.PATH, adminStream.handler());
        adminScheduler = daemonTimer("linkup-admin-figures");
        closer.add(adminScheduler::shutdownNow);
        closer.add(figureSampler);
    }

    /** Starts the subscription watchdogs, the intake's lag sampling and the figures' sampling. */
    void start() {
        Duration interval = healthStaleAfter.dividedBy(4);
        watchdogs.forEach(w -> w.start(watchdogTimer, interval.isZero() ? Duration.ofMillis(250) : interval));
        watchdogTimer.scheduleWithFixedDelay(sampleIntake, 0, 1, TimeUnit.SECONDS);
        figureSampler.start(adminScheduler);
    }

    /** Stops a running scenario and closes the admin stream's clients. */
    void stopAcceptingClients() {
        scenarioPlayer.ifPresent(ScenarioPlayer::stop);
        adminStream.close();
    }

    private static ScheduledExecutorService daemonTimer(String name) {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }
}
