package golf.linkup.app;

import golf.linkup.engine.admin.AdminApi;
import golf.linkup.engine.admin.AdminStream;
import golf.linkup.engine.admin.RouteControl;
import golf.linkup.engine.admin.figures.FigureSampler;
import golf.linkup.engine.admin.problems.DeadLetterProblems;
import golf.linkup.engine.admin.problems.OutboxAgeProblems;
import golf.linkup.engine.admin.problems.RouteProblems;
import golf.linkup.engine.admin.problems.SlowClientProblems;
import golf.linkup.engine.health.HealthMonitor;
import golf.linkup.engine.health.ProblemSource;
import golf.linkup.engine.admin.inspector.DeliveryLedger;
import golf.linkup.engine.admin.inspector.Inspector;
import golf.linkup.engine.admin.inspector.MailCapture;
import golf.linkup.engine.admin.queues.QueueAdmin;
import golf.linkup.engine.admin.simulator.SandboxWrites;
import golf.linkup.engine.admin.simulator.ScenarioPlayer;
import golf.linkup.engine.admin.simulator.Simulator;
import golf.linkup.engine.schedules.ScheduledJobs;
import golf.linkup.notifications.email.SandboxMailCapture;
import golf.linkup.redis.RedisEventPublication;
import golf.linkup.engine.auth.JwtIssuer;
import golf.linkup.engine.booking.BookingEffects;
import golf.linkup.engine.booking.BookingService;
import golf.linkup.engine.http.api.BookingApi;
import golf.linkup.redis.RedisDomainEventPublisher;
import golf.linkup.engine.auth.JwtVerifier;
import golf.linkup.engine.config.EngineSettings;
import golf.linkup.engine.events.EventParser;
import golf.linkup.engine.gateway.GatewayParts;
import golf.linkup.engine.gateway.GatewayService;
import golf.linkup.engine.gateway.fanout.RoomSequencer;
import golf.linkup.engine.gateway.fanout.OrderedRoomDelivery;
import golf.linkup.engine.gateway.history.RoomHistory;
import golf.linkup.engine.gateway.presence.PresenceService;
import golf.linkup.engine.storage.JdbcPresencePrivacy;
import golf.linkup.redis.RedisPresenceStore;
import golf.linkup.redis.RedisClusterRoomSizes;
import golf.linkup.engine.gateway.rooms.ClusterRoomSizes;
import golf.linkup.engine.storage.JdbcParticipants;
import golf.linkup.redis.RedisRoomHistory;
import golf.linkup.engine.gateway.connections.ConnectionRegistry;
import golf.linkup.engine.gateway.connections.ConnectionSupervisor;
import golf.linkup.engine.gateway.fanout.FanoutPublisher;
import golf.linkup.engine.gateway.fanout.LocalDelivery;
import golf.linkup.engine.gateway.transport.GatewayServer;
import golf.linkup.engine.http.HealthHandler;
import golf.linkup.engine.health.HealthMonitor;
import golf.linkup.engine.health.ProblemSource;
import golf.linkup.intake.GroupStreamReader;
import golf.linkup.intake.IntakeMonitor;
import golf.linkup.intake.IntakeReaders;
import golf.linkup.intake.LiveCursor;
import golf.linkup.intake.LiveStreamReader;
import golf.linkup.intake.RedisEventStream;
import golf.linkup.engine.http.HealthIndicator;
import golf.linkup.engine.http.MetricsHandler;
import golf.linkup.engine.http.api.ApiRouter;
import golf.linkup.engine.http.api.MatchingApi;
import golf.linkup.engine.liveupdates.LiveUpdateHandler;
import golf.linkup.engine.matching.MatchingService;
import golf.linkup.engine.matching.MatchingSettings;
import golf.linkup.engine.matching.RecommendationCache;
import golf.linkup.engine.storage.JdbcMatchingStore;
import golf.linkup.engine.config.InvalidSettingException;
import golf.linkup.engine.http.api.NotificationsApi;
import golf.linkup.engine.notifications.NotificationRules;
import golf.linkup.engine.notifications.intake.NotificationService;
import golf.linkup.engine.notifications.devices.JdbcDeviceTokenStore;
import golf.linkup.engine.notifications.inapp.InAppSender;
import golf.linkup.engine.notifications.inapp.NotificationCentre;
import golf.linkup.engine.notifications.outbox.JdbcOutboxStore;
import golf.linkup.engine.notifications.outbox.OutboxMetrics;
import golf.linkup.engine.notifications.outbox.OutboxStore;
import golf.linkup.engine.notifications.policy.JdbcPreferencesStore;
import golf.linkup.engine.sandbox.push.SandboxPushService;
import golf.linkup.engine.notifications.push.VapidKeys;
import golf.linkup.engine.notifications.push.WebPushSender;
import golf.linkup.engine.notifications.devices.DeviceTokenValidator;
import golf.linkup.engine.notifications.unsubscribe.UnsubscribeLinks;
import golf.linkup.engine.http.UnsubscribeHandler;
import golf.linkup.engine.notifications.push.WebPushSettings;
import golf.linkup.engine.notifications.templates.MustacheTemplateRenderer;
import golf.linkup.notifications.email.SandboxMailServer;
import java.util.concurrent.atomic.AtomicReference;
import golf.linkup.engine.liveupdates.MessageSentHandler;
import golf.linkup.engine.liveupdates.SlotChangeHandler;
import golf.linkup.engine.liveupdates.TeeTimeCancelledHandler;
import golf.linkup.engine.liveupdates.TeeTimeCreatedHandler;
import golf.linkup.engine.liveupdates.TeeTimeUpdatedHandler;
import golf.linkup.engine.metrics.EngineMetrics;
import golf.linkup.engine.storage.CachingTeeTimeDirectory;
import golf.linkup.engine.storage.Database;
import golf.linkup.engine.storage.DeadLetterStore;
import golf.linkup.engine.storage.JdbcDeadLetterStore;
import golf.linkup.engine.storage.JdbcTeeTimeDirectory;
import golf.linkup.engine.storage.TeeTimeDirectory;
import golf.linkup.redis.RedisConnections;
import golf.linkup.redis.RedisFanoutPublisher;
import golf.linkup.redis.RedisRecommendationCache;
import golf.linkup.redis.SubscriptionWatchdog;
import golf.linkup.engine.schedules.DailyCleanup;
import golf.linkup.engine.schedules.JobRunLog;
import golf.linkup.engine.schedules.Reminders;
import golf.linkup.engine.schedules.ScheduleSettings;
import golf.linkup.engine.schedules.ScheduledJobs;
import golf.linkup.engine.schedules.WeeklyDigests;
import golf.linkup.sandbox.EmbeddedRedis;
import golf.linkup.schedules.ClusteredScheduler;
import golf.linkup.schedules.ScheduledJob;
import golf.linkup.sandbox.SandboxData;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every long-lived part of one engine instance, built in dependency order from its settings and
 * closed in reverse. Routes get what they need from here; nothing else builds these parts.
 */
public final class EngineComponents implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EngineComponents.class);

    /** Name under which the components are bound in the Camel registry. */
    public static final String BEAN_NAME = "linkupEngine";

    private final EngineSettings settings;
    private final Clock clock;
    private final EngineMetrics metrics = new EngineMetrics();
    private final List<AutoCloseable> closeInReverse = new ArrayList<>();
    private final Optional<EmbeddedRedis> embeddedRedis;
    private final RedisConnections redis;
    private final Database database;
    private final TeeTimeDirectory directory;
    private final DeadLetterStore deadLetters;
    private final ConnectionRegistry connections = new ConnectionRegistry();
    private final LocalDelivery localDelivery;
    private final FanoutPublisher fanoutPublisher;
    private final GatewayService gateway;
    private final ConnectionSupervisor supervisor;
    private final RoomHistory roomHistory;
    private final RoomSequencer roomSequencer;
    private final OrderedRoomDelivery roomDelivery;
    private final PresenceService presence;
    private final ClusterRoomSizes clusterRoomSizes;
    private final JwtVerifier jwtVerifier;
    private final JwtIssuer jwtIssuer;
    private final EventParser eventParser = new EventParser();
    private final List<LiveUpdateHandler> liveUpdateHandlers;
    private final RedisMessageListenerContainer eventsContainer;
    private final RedisEventStream eventStream;
    private final LiveCursor liveCursor;
    private final LiveStreamReader liveReader;
    private final GroupStreamReader groupReader;
    private final IntakeReaders intakeReaders;
    private final IntakeMonitor intakeMonitor;
    private final HealthMonitor healthMonitor;
    /** A stream reader waits this long for new entries per round trip (its health beat). */
    private static final Duration READ_BLOCK = Duration.ofSeconds(1);
    private final RedisMessageListenerContainer fanoutContainer;
    private final List<SubscriptionWatchdog> watchdogs = new ArrayList<>();
    private final ScheduledExecutorService watchdogTimer;
    private final GatewayServer server;
    private final MatchingService matching;
    private final RecommendationCache recommendationCache;
    private final JdbcMatchingStore matchingStore;
    private final OutboxStore outbox;
    private final NotificationService notifications;
    private final NotificationRules notificationRules;
    private final InAppSender inAppSender;
    private final WebPushSender pushSender;
    private final VapidKeys vapidKeys;
    private final Optional<SandboxPushService> sandboxPush;
    private final UnsubscribeLinks unsubscribeLinks;
    private final Optional<SandboxMailServer> sandboxMail;
    private final URI smtpUri;
    private final BookingService booking;
    private final AtomicReference<Runnable> notificationsQueued = new AtomicReference<>(() -> { });
    // ---- operations console (docs/console.md): admin API, stream, simulator, inspector
    private final AtomicReference<RouteControl> routeControl = new AtomicReference<>(NO_ROUTES);
    private final DeliveryLedger deliveryLedger = new DeliveryLedger(2_000);
    private final FigureSampler figureSampler;
    private final AdminStream adminStream;
    private final Optional<ScenarioPlayer> scenarioPlayer;
    private final ScheduledExecutorService adminScheduler;
    // ----
    private volatile boolean routesRunning;

    private final MatchingSettings matchingSettings;
    private final ScheduleSettings scheduleSettings;
    // ---- missed-message digests and backend events (FollowUpAssembly builds them; port onto the assemblers)
    private final FollowUpAssembly followUp;
    // ----
    private final JobRunLog jobRunLog;
    private final ClusteredScheduler scheduler;
    private volatile ScheduledJobs scheduledJobs;

    public EngineComponents(EngineSettings settings, MatchingSettings matchingSettings,
            ScheduleSettings scheduleSettings, golf.linkup.engine.config.FollowUpSettings followUpSettings,
            Clock clock) {
        this.matchingSettings = matchingSettings;
        this.scheduleSettings = scheduleSettings;
        this.settings = settings;
        this.clock = clock;
        try {
            URI redisUri;
            if (settings.redisUri().isPresent()) {
                embeddedRedis = Optional.empty();
                redisUri = settings.redisUri().get();
            } else {
                EmbeddedRedis embedded = EmbeddedRedis.start();
                closeInReverse.add(embedded);
                embeddedRedis = Optional.of(embedded);
                redisUri = embedded.uri();
                LOG.info("started an embedded Redis on {}", redisUri);
            }
            redis = new RedisConnections(redisUri);
            closeInReverse.add(redis);
            // ---- event intake: the Redis Stream publishers append to (docs/architecture.md, "An event's path")
            eventStream = new RedisEventStream(redis, settings.intake().stream(), settings.intake().group());
            liveCursor = new LiveCursor(eventStream);
            liveReader = new LiveStreamReader(eventStream, liveCursor, settings.intake().batchSize(), READ_BLOCK);
            groupReader = new GroupStreamReader(eventStream, settings.instanceId(), settings.intake().batchSize(),
                    READ_BLOCK, settings.intake().claimIdle(), clock);
            intakeReaders = new IntakeReaders(clock, settings.healthStaleAfter());
            intakeMonitor = new IntakeMonitor(eventStream, liveReader, liveCursor, settings.intake(), clock,
                    metrics.meterRegistry());
            // ----

            String dbUrl = settings.dbUrl().orElse("jdbc:h2:mem:linkup;DB_CLOSE_DELAY=-1");
            database = Database.open(dbUrl, settings.dbUser(), settings.dbPassword(), settings.dbPoolSize(), null);
            closeInReverse.add(database);
            if (settings.loadSampleData()) {
                SandboxData.load(database.dataSource(), settings.sampleDataDir(), clock);
            }
            directory = new CachingTeeTimeDirectory(new JdbcTeeTimeDirectory(database.dataSource()), clock,
                    Duration.ofMinutes(1), 10_000);
            deadLetters = new JdbcDeadLetterStore(database.dataSource());

            metrics.bindConnectionGauges(connections::connectionCount, connections::userCount,
                    connections::roomCount);
            localDelivery = new LocalDelivery(connections, metrics);
            fanoutPublisher = new RedisFanoutPublisher(redis.template(), settings.fanoutChannel());
            jwtVerifier = new JwtVerifier(settings.jwtSecret(), clock);
            // gateway (issue 6): room history in Redis, chat for participants, presence, limits
            roomHistory = new RedisRoomHistory(redis.template(), clock, settings.gateway().historySize(),
                    settings.gateway().historyTtl());
            roomSequencer = new RoomSequencer(roomHistory, metrics);
            roomDelivery = new OrderedRoomDelivery(roomSequencer, localDelivery, metrics, liveCursor::sequenced);
            closeInReverse.add(roomDelivery);
            roomDelivery.onDelivered((eventId, envelope, connections) -> deliveryLedger.record(eventId,
                    DeliveryLedger.messageType(envelope.payload()), envelope.rooms(), connections));
            metrics.bindSlowConnectionsGauge(connections::slowConnectionCount);
            presence = new PresenceService(new RedisPresenceStore(redis.template(),
                    settings.gateway().presenceOfflineAfter().plus(Duration.ofDays(7))),
                    new JdbcPresencePrivacy(database.dataSource()), fanoutPublisher, connections, clock,
                    settings.instanceId(), settings.gateway());
            closeInReverse.add(presence);
            localDelivery.presenceSink(presence::deliver);
            clusterRoomSizes = new RedisClusterRoomSizes(redis.template(), settings.gateway().presenceStaleAfter());
            presence.everyMaintenance(() -> clusterRoomSizes.publish(settings.instanceId(),
                    subscribedRoomSizes(), clock.millis()));
            gateway = new GatewayService(connections, directory, metrics, clock, settings.sendBufferMessages(),
                    settings.gateway(), new GatewayParts(roomHistory, new JdbcParticipants(database.dataSource()),
                            presence, fanoutPublisher, jwtVerifier::verify));
            // one shared thread pings every connection, closes silent ones and expired tokens
            supervisor = new ConnectionSupervisor(connections, clock, settings.gateway().pingInterval(),
                    settings.gateway().pongTimeout(), settings.gateway().tokenExpiryWarning(), gateway::closed);
            closeInReverse.add(supervisor);
            supervisor.everyTick(gateway::purgeLimiters);
            jwtIssuer = new JwtIssuer(settings.jwtSecret(), clock);
            liveUpdateHandlers = List.of(
                    new TeeTimeCreatedHandler(directory),
                    new TeeTimeUpdatedHandler(directory),
                    new TeeTimeCancelledHandler(directory),
                    SlotChangeHandler.joined(directory),
                    SlotChangeHandler.left(directory),
                    new MessageSentHandler(directory));

            // in Redis, so every instance shares one cache and an invalidation anywhere counts everywhere
            matchingStore = new JdbcMatchingStore(database.dataSource());

            // notifications: outbox, rules, channels (in-app, Web Push, e-mail)
            outbox = new JdbcOutboxStore(database.dataSource());
            new OutboxMetrics(outbox, clock, metrics.meterRegistry());
            JdbcPreferencesStore preferences = new JdbcPreferencesStore(database.dataSource());
            notifications = new NotificationService(outbox, preferences,
                    matchingStore::findUser, new MustacheTemplateRenderer(settings.templatesDir()), clock,
                    metrics.meterRegistry(), () -> notificationsQueued.get().run());
            notificationRules = new NotificationRules(matchingStore);
            // ---- missed-message digests and backend events: observers on presence, delivery and the gateway
            followUp = new FollowUpAssembly(followUpSettings, new FollowUpAssembly.Parts(redis.template(), presence,
                    gateway, connections, roomDelivery, roomHistory, new JdbcParticipants(database.dataSource()),
                    matchingStore, notificationRules, notifications, clock,
                    settings.gateway().presenceDisconnectGrace(), settings.gateway().historyTtl(),
                    metrics.meterRegistry()));
            closeInReverse.add(followUp);
            // ----
            inAppSender = new InAppSender(database.dataSource(), fanoutPublisher, clock);
            JdbcDeviceTokenStore devices = new JdbcDeviceTokenStore(database.dataSource(), clock);
            try {
                vapidKeys = settings.sandbox() ? VapidKeys.loadOrGenerate(settings.vapidKeysFile())
                        : VapidKeys.load(settings.vapidKeysFile());
            } catch (java.io.IOException e) {
                throw new InvalidSettingException("linkup.push.vapid-keys-file", "cannot read "
                        + settings.vapidKeysFile() + ": " + e.getMessage());
            }
            // one-click unsubscribe links of non-transactional e-mails (RFC 8058), served at /unsubscribe
            unsubscribeLinks = new UnsubscribeLinks(() -> settings.publicUrl()
                    .orElseGet(() -> URI.create("http://localhost:" + httpPort())), settings.jwtSecret());
            pushSender = new WebPushSender(devices, vapidKeys, WebPushSettings.defaults(settings.vapidSubject())
                    .withEndpoints(settings.pushEndpoints())); // https to allowed push services on public addresses
            sandboxPush = settings.sandbox() ? Optional.of(new SandboxPushService()) : Optional.empty();
            if (settings.smtpUri().isPresent()) {
                sandboxMail = Optional.empty();
                smtpUri = settings.smtpUri().get();
            } else {
                SandboxMailServer mail = new SandboxMailServer();
                mail.start();
                closeInReverse.add(mail::stop);
                sandboxMail = Optional.of(mail);
                smtpUri = URI.create("smtp://127.0.0.1:" + mail.smtpPort());
                LOG.info("started an embedded SMTP server (GreenMail) on {}", smtpUri);
            }

            recommendationCache = new RedisRecommendationCache(redis.template(), clock, matchingSettings.cacheTtl());
            matching = new MatchingService(matchingStore, matchingSettings, recommendationCache, clock,
                    metrics.meterRegistry(), settings.instanceId(),
                    (teeTimeId, user, eventId) -> notificationRules.newTeeTime(teeTimeId, user,
                            eventId != null ? eventId : "run-" + clock.millis()).ifPresent(notifications::enqueue));
            matching.loadAll();

            // timed jobs: one Quartz scheduler per instance, clustered through the shared database
            jobRunLog = new JobRunLog(database.dataSource(), clock, settings.instanceId());
            scheduler = ClusteredScheduler.create(database.dataSource(), database.isPostgres(), settings.instanceId(),
                    scheduleSettings);
            closeInReverse.add(scheduler);

            // the legacy pub/sub channel (at most once) is bridged into the stream; empty turns it off
            eventsContainer = settings.intake().legacyChannel().isEmpty() ? null
                    : redis.orderedContainer("linkup-events");
            fanoutContainer = redis.orderedContainer("linkup-fanout");
            String canaryPrefix = "linkup:canary:" + settings.instanceId() + ":";
            if (eventsContainer != null) {
                watchdogs.add(new SubscriptionWatchdog("redisEventsSubscription", eventsContainer, redis.template(),
                        canaryPrefix + "events", settings.healthStaleAfter(), clock));
            }
            watchdogs.add(new SubscriptionWatchdog("redisFanoutSubscription", fanoutContainer, redis.template(),
                    canaryPrefix + "fanout", settings.healthStaleAfter(), clock));
            watchdogTimer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "linkup-watchdog");
                t.setDaemon(true);
                return t;
            });
            closeInReverse.add(watchdogTimer::shutdownNow);

            // ---- health: every check /health, the admin API and the console read (one HealthMonitor)
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
            problemSources.add(intakeReaders);
            problemSources.add(intakeMonitor);
            // the console's checks join below; then one HealthMonitor serves /health, the admin API and the stream
            // ----
            // routes that write on a user's behalf refuse ids the database does not know (404 USER_NOT_FOUND)
            ApiRouter api = new ApiRouter(jwtVerifier, userId -> directory.findPerson(userId).isPresent());
            new MatchingApi(matching, directory, this::runtimeStatus).register(api);
            new NotificationsApi(devices, preferences, notifications,
                    new NotificationCentre(database.dataSource(), clock), connections, vapidKeys::publicKeyBase64Url,
                    matchingStore::findUser, clock, new DeviceTokenValidator(settings.pushEndpoints())).register(api);
            // booking: holds, waitlist, no-shows; room messages through the fan-out, slot.joined appended to the event stream
            booking = new BookingService(database.dataSource(), clock, settings.booking(),
                    BookingEffects.of(fanoutPublisher, new RedisDomainEventPublisher(eventStream),
                            notifications::enqueue),
                    directory, metrics.meterRegistry(), settings.instanceId());
            new BookingApi(booking).register(api);
            server = new GatewayServer(settings.httpHost(), settings.httpPort(), gateway, jwtVerifier, metrics,
                    settings.maxFrameBytes())
                    .exactPath("/metrics", new MetricsHandler(metrics.registry()))
                    .exactPath(UnsubscribeLinks.PATH, new UnsubscribeHandler(unsubscribeLinks, preferences))
                    .prefixPath("/api/v1", api.handler());
            sandboxPush.ifPresent(push -> server.prefixPath(SandboxPushService.MOUNT_PATH, push));

            // ---- operations console: admin API under /api/v1/admin and the stream (docs/console.md)
            var publication = new RedisEventPublication(eventStream);
            var queueAdmin = new QueueAdmin(database.dataSource(), deadLetters, outbox, publication,
                    () -> notificationsQueued.get().run(), clock);
            RouteControl routes = new DelegatingRouteControl(routeControl::get);
            Optional<Simulator> simulator = sandboxPush.map(push -> Simulator.withSandboxDevices(
                    new SandboxWrites(database.dataSource()), publication, devices, preferences, push,
                    () -> "http://127.0.0.1:" + server.port(), clock));
            scenarioPlayer = simulator.map(sim -> new ScenarioPlayer(sim, settings.sampleDataDir().resolve("scenarios"),
                    clock));
            scenarioPlayer.ifPresent(closeInReverse::add);
            var inspector = new Inspector(() -> simulator.map(Simulator::journal).orElse(List.of()), deliveryLedger,
                    database.dataSource(), sandboxMail.<MailCapture>map(SandboxMailCapture::new).orElse(MailCapture.NONE),
                    sandboxPush);
            figureSampler = new FigureSampler(connections, metrics, queueAdmin, routes, clock);
            // ---- problems (console): routes, dead letters, outbox age, slow clients (docs/console.md);
            // the other health checks join this list, so the admin API, the stream and /health share one monitor
            List<ProblemSource> consoleProblemSources = List.of(
                    new RouteProblems(routes),
                    new DeadLetterProblems(figureSampler::history, settings.problems().deadLetterWindow()),
                    new OutboxAgeProblems(figureSampler::latest, settings.problems().outboxMaxAge()),
                    new SlowClientProblems(connections::slowConnectionCount, settings.problems().slowClientsMax()));
            List<ProblemSource> allProblems = new ArrayList<>(problemSources);
            allProblems.addAll(consoleProblemSources);
            healthMonitor = new HealthMonitor(allProblems);
            server.exactPath("/health", new HealthHandler(healthMonitor, () -> !routesRunning,
                            HealthHandler.Kind.COMBINED))
                    .exactPath("/health/live", new HealthHandler(healthMonitor, () -> false,
                            HealthHandler.Kind.LIVENESS))
                    .exactPath("/health/ready", new HealthHandler(healthMonitor, () -> !routesRunning,
                            HealthHandler.Kind.READINESS));
            QueueAdmin.RequeueProbes requeueProbes = new QueueAdmin.RequeueProbes() {
                @Override
                public long duplicatesDropped() {
                    return (long) metrics.meterRegistry().find("linkup.events.duplicates").counters().stream()
                            .mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
                }

                @Override
                public int connectionsReached(String eventId) {
                    return deliveryLedger.connectionsReached(eventId);
                }

                @Override
                public void allowRefusalAgain(golf.linkup.engine.storage.DeadLetter letter) {
                    // nothing to forget: a requeued event is a new stream entry, and dead letters are
                    // unique per entry, so refused again it is recorded again
                }
            };
            // ----
            var adminApi = new AdminApi(connections, queueAdmin, routes, () -> Optional.ofNullable(scheduledJobs),
                    simulator, scenarioPlayer, inspector, figureSampler, healthMonitor, requeueProbes, clock);
            adminApi.presence(presence::statusesForOperators);
            adminApi.roomByInstance(room -> clusterRoomSizes.byInstance(room,
                    clock.millis() - settings.gateway().presenceStaleAfter().toMillis()));
            adminApi.register(api);
            adminStream = new AdminStream(jwtVerifier, figureSampler, adminApi, healthMonitor);
            server.upgradePath(AdminStream.PATH, adminStream.handler());
            adminScheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "linkup-admin-figures");
                t.setDaemon(true);
                return t;
            });
            closeInReverse.add(adminScheduler::shutdownNow);
            closeInReverse.add(figureSampler);
            // ----

            // demo page (issue 6) at /demo/ (linkup.demo.*); in the sandbox only, its stand-in API server
            // (sample tokens, chat, announcements) publishing on linkup:events as the API server does
            if (settings.demo().enabled()) {
                server.prefixPath(golf.linkup.engine.demo.DemoPage.MOUNT_PATH,
                        new golf.linkup.engine.demo.DemoPage(settings.demo().dir()));
                if (settings.sandbox()) {
                    new golf.linkup.engine.demo.SandboxDemoApi(database.dataSource(),
                            new JdbcParticipants(database.dataSource()), jwtIssuer, jwtVerifier,
                            eventStream::append, clock)
                            .mount(server);
                }
            }
            settings.demo().note().ifPresent(LOG::warn);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Opens the port and starts the subscription watchdogs. */
    public void start() {
        try {
            server.start();
        } catch (RuntimeException e) {
            if (LinkupApplication.findCause(e, java.net.BindException.class) != null) {
                throw new InvalidSettingException("linkup.http.port", "port " + settings.httpPort() + " on "
                        + settings.httpHost() + " is already in use: stop what listens there, or set "
                        + "LINKUP_HTTP_PORT to another port (0 picks a free one)");
            }
            throw e;
        }
        closeInReverse.add(server);
        supervisor.start();
        presence.start();
        Duration interval = settings.healthStaleAfter().dividedBy(4);
        watchdogs.forEach(w -> w.start(watchdogTimer, interval.isZero() ? Duration.ofMillis(250) : interval));
        watchdogTimer.scheduleWithFixedDelay(intakeMonitor::sample, 0, 1, java.util.concurrent.TimeUnit.SECONDS);
        figureSampler.start(adminScheduler);
        followUp.start(); // missed-message digests: seen positions flushed to Redis
    }

    /**
     * The start of shutdown: this instance takes no more job firings, closes every client with 1001,
     * stops the port and the Redis subscriptions (nothing new comes in while the routes drain). The rest stays up until
     * {@link #close()}, which stops the sandbox's embedded Redis last (it has no shutdown hook of its
     * own that would stop it earlier: {@link EmbeddedRedis}).
     */
    public void stopAcceptingClients() {
        routesRunning = false;
        scenarioPlayer.ifPresent(ScenarioPlayer::stop);
        adminStream.close();
        // no new firings here (the rest of the cluster takes them); running jobs finish through their routes
        scheduler.standbyAndDrain(Duration.ofSeconds(10));
        server.close();
        presence.close();
        redis.stopListening();
    }

    /** Told by the life cycle when the routes run. */
    void routesRunning(boolean running) {
        this.routesRunning = running;
    }

    private MatchingApi.RuntimeStatus runtimeStatus() {
        boolean cacheReachable;
        try {
            cacheReachable = "PONG".equalsIgnoreCase(redis.template().execute(
                    (org.springframework.data.redis.core.RedisCallback<String>) c -> c.ping()));
        } catch (RuntimeException e) {
            cacheReachable = false;
        }
        return new MatchingApi.RuntimeStatus(routesRunning, server.port() > 0 && routesRunning,
                connections.connectionCount(), cacheReachable);
    }

    public BookingService booking() {
        return booking;
    }

    public MatchingService matching() {
        return matching;
    }

    /** Users as notifications need them (name, e-mail, language, time zone). */
    public java.util.function.Function<String, Optional<golf.linkup.engine.domain.User>> matchingStoreUsers() {
        return matchingStore::findUser;
    }

    public OutboxStore outbox() {
        return outbox;
    }

    public NotificationService notifications() {
        return notifications;
    }

    public NotificationRules notificationRules() {
        return notificationRules;
    }

    public InAppSender inAppSender() {
        return inAppSender;
    }

    public WebPushSender pushSender() {
        return pushSender;
    }

    public VapidKeys vapidKeys() {
        return vapidKeys;
    }

    /** The sandbox's push service (decrypts and records what it receives); empty in production. */
    public Optional<SandboxPushService> sandboxPush() {
        return sandboxPush;
    }

    /** The sandbox's SMTP server; empty when an external relay is configured. */
    public Optional<SandboxMailServer> sandboxMail() {
        return sandboxMail;
    }

    public URI smtpUri() {
        return smtpUri;
    }

    /** Called whenever notifications were queued (the delivery routes wake up). */
    public void onNotificationsQueued(Runnable wakeUp) {
        notificationsQueued.set(wakeUp);
    }

    // ---- operations console

    /** Binds the routes' control (the Camel context's), which exists only once the routes are added. */
    public void routeControl(RouteControl control) {
        routeControl.set(control);
    }

    /** What each event sent to this instance's sockets (the live-update routes record it). */
    public DeliveryLedger deliveryLedger() {
        return deliveryLedger;
    }

    public FigureSampler figureSampler() {
        return figureSampler;
    }

    private static final RouteControl NO_ROUTES = new RouteControl() {
        @Override
        public List<RouteStatus> routes() {
            return List.of();
        }

        @Override
        public RouteStatus apply(String routeId, Action action) {
            throw new java.util.NoSuchElementException("no routes yet");
        }
    };

    /** Reads the bound route control at each call (it is bound after the components are built). */
    private record DelegatingRouteControl(java.util.function.Supplier<RouteControl> target) implements RouteControl {
        @Override
        public List<RouteStatus> routes() {
            return target.get().routes();
        }

        @Override
        public RouteStatus apply(String routeId, Action action) {
            return target.get().apply(routeId, action);
        }
    }

    // ----

    /**
     * The timed jobs (seed 000's schedules, seed 001's reconciler), each as plain engine work; the
     * schedule routes fire them through the clustered scheduler.
     */
    public List<ScheduledJob> timedJobs() {
        JdbcMatchingStore store = matchingStore;
        Reminders reminders = new Reminders(database.dataSource(), store, notificationRules, notifications, clock);
        WeeklyDigests digests = new WeeklyDigests(database.dataSource(), store,
                userId -> matching.recommendations(userId, matchingSettings.recommendationLimit()), matchingSettings,
                notificationRules, notifications, clock);
        DailyCleanup cleanUp = new DailyCleanup(database.dataSource(), clock, scheduleSettings.cleanUpBatch());
        return List.of(
                job(ScheduleSettings.REMINDERS, "remind players 24 h and 2 h before their tee time", reminders::run),
                job(ScheduleSettings.WEEKLY_DIGESTS, "weekly digest e-mail at Sunday 18:00 in each user's zone",
                        digests::run),
                job(ScheduleSettings.DAILY_CLEAN_UP, "complete past tee times, archive old ones, delete orphaned"
                        + " notifications", cleanUp::run),
                job(ScheduleSettings.MATCHING_RECONCILER, "match tee times that no matching run has looked at",
                        () -> matching.reconcile() + " tee times matched"),
                job(ScheduleSettings.EXPIRE_HOLDS, "release expired slot holds; their slots go to the waitlist first",
                        booking::expireHolds),
                job(ScheduleSettings.EXPIRE_OFFERS, "pass expired waitlist offers on; promote waiting entries into"
                        + " free slots", booking::expireOffers),
                job(ScheduleSettings.DETECT_NO_SHOWS, "players without a check-in after the round's end become"
                        + " no-shows", booking::detectNoShows),
                job(ScheduleSettings.MISSED_DIGESTS, "one digest per player of the chat messages they saw on no"
                        + " socket within the delay", followUp::runDigests),
                job(ScheduleSettings.TRIM_EVENT_STREAM, "trim the event stream: entries past retention that every"
                        + " reader has finished", intakeMonitor::trim));
    }

    private ScheduledJob job(String name, String description, java.util.function.Supplier<?> work) {
        return new ScheduledJob(name, description, scheduleSettings.cron(name), work::get);
    }

    /** Set once the schedule routes exist (the configuration wires the Quartz-backed view). */
    void attachScheduledJobs(ScheduledJobs jobs) {
        this.scheduledJobs = jobs;
    }

    /** The timed jobs as operators see them: schedules, next and last runs; fire one now. */
    public ScheduledJobs scheduledJobs() {
        if (scheduledJobs == null) {
            throw new IllegalStateException("the schedule routes are not configured yet");
        }
        return scheduledJobs;
    }

    public ScheduleSettings scheduleSettings() {
        return scheduleSettings;
    }

    public JobRunLog jobRunLog() {
        return jobRunLog;
    }

    public ClusteredScheduler scheduler() {
        return scheduler;
    }

    public RecommendationCache recommendationCache() {
        return recommendationCache;
    }

    @Override
    public void close() {
        for (int i = closeInReverse.size() - 1; i >= 0; i--) {
            try {
                closeInReverse.get(i).close();
            } catch (Exception e) {
                LOG.warn("while stopping {}: {}", closeInReverse.get(i), e.toString());
            }
        }
        closeInReverse.clear();
    }

    public EngineSettings settings() {
        return settings;
    }

    public Clock clock() {
        return clock;
    }

    /** The unsubscribe links the e-mail channel puts in non-transactional e-mails. */
    public UnsubscribeLinks unsubscribeLinks() {
        return unsubscribeLinks;
    }

    public EngineMetrics metrics() {
        return metrics;
    }

    public RedisConnections redis() {
        return redis;
    }

    public Optional<EmbeddedRedis> embeddedRedis() {
        return embeddedRedis;
    }

    public Database database() {
        return database;
    }

    public TeeTimeDirectory directory() {
        return directory;
    }

    public DeadLetterStore deadLetters() {
        return deadLetters;
    }

    public ConnectionRegistry connections() {
        return connections;
    }

    public LocalDelivery localDelivery() {
        return localDelivery;
    }

    public FanoutPublisher fanoutPublisher() {
        return fanoutPublisher;
    }

    public GatewayService gateway() {
        return gateway;
    }

    public ConnectionSupervisor supervisor() {
        return supervisor;
    }

    /** Missed-message digests and backend events (the backend stream's key). */
    public FollowUpAssembly followUp() {
        return followUp;
    }

    public RoomHistory roomHistory() {
        return roomHistory;
    }

    public RoomSequencer roomSequencer() {
        return roomSequencer;
    }

    /** Event-caused messages: sequenced in Redis and delivered here, in event order, on their own thread. */
    public OrderedRoomDelivery roomDelivery() {
        return roomDelivery;
    }

    public PresenceService presence() {
        return presence;
    }

    /** Room → members on every instance (reported every presence maintenance run; for stats and the console). */
    public java.util.Map<String, Integer> clusterRoomSizes() {
        return clusterRoomSizes.total(clock.millis() - settings.gateway().presenceStaleAfter().toMillis());
    }

    /** This instance's rooms clients are in (feeds, tee times, chats, users; not internal presence rooms). */
    private java.util.Map<String, Integer> subscribedRoomSizes() {
        java.util.Map<String, Integer> sizes = new java.util.TreeMap<>(connections.roomSizes());
        sizes.keySet().removeIf(room -> room.startsWith(golf.linkup.engine.gateway.rooms.Rooms.PRESENCE_PREFIX));
        return sizes;
    }

    public JwtIssuer jwtIssuer() {
        return jwtIssuer;
    }

    public EventParser eventParser() {
        return eventParser;
    }

    public List<LiveUpdateHandler> liveUpdateHandlers() {
        return liveUpdateHandlers;
    }

    /** The legacy events channel's listener container, or null when the channel is off. */
    public RedisMessageListenerContainer eventsContainer() {
        return eventsContainer;
    }

    // ---- event intake

    public RedisEventStream eventStream() {
        return eventStream;
    }

    public LiveStreamReader liveReader() {
        return liveReader;
    }

    public GroupStreamReader groupReader() {
        return groupReader;
    }

    public IntakeReaders intakeReaders() {
        return intakeReaders;
    }

    public IntakeMonitor intakeMonitor() {
        return intakeMonitor;
    }

    /** Every health check's problems: /health, the admin API and the console read this one. */
    public HealthMonitor healthMonitor() {
        return healthMonitor;
    }

    public RedisMessageListenerContainer fanoutContainer() {
        return fanoutContainer;
    }

    public List<SubscriptionWatchdog> watchdogs() {
        return watchdogs;
    }

    /** The bound HTTP/WebSocket port. */
    public int httpPort() {
        return server.port();
    }
}
