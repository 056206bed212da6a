package golf.linkup.app;

import golf.linkup.engine.config.EngineSettings;
import golf.linkup.engine.config.SettingsReader;
import golf.linkup.operations.CamelRouteControl;
import golf.linkup.routes.BookingRoutes;
import golf.linkup.routes.EventErrorHandling;
import golf.linkup.routes.EventIngestRoutes;
import golf.linkup.routes.FanoutRoutes;
import golf.linkup.routes.LiveUpdateRoutes;
import golf.linkup.routes.MatchingRoutes;
import golf.linkup.routes.NotificationRoutes;
import golf.linkup.engine.notifications.Channel;
import golf.linkup.engine.notifications.outbox.OutboxDispatcher;
import golf.linkup.notifications.email.CamelEmailSender;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import golf.linkup.engine.matching.MatchingSettings;
import java.time.Clock;
import golf.linkup.engine.schedules.ScheduleSettings;
import golf.linkup.schedules.QuartzScheduledJobs;
import golf.linkup.schedules.ScheduleRoutes;
import golf.linkup.schedules.ScheduledJob;
import java.util.List;
import java.util.Optional;
import golf.linkup.intake.EventStreamEndpoint;
import golf.linkup.intake.ParsedEntries;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.routepolicy.MicrometerRoutePolicyFactory;
import org.apache.camel.component.redis.processor.idempotent.SpringRedisStringIdempotentRepository;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;

/**
 * Builds one engine instance inside a Camel context: reads and validates {@code linkup.*} settings
 * (application.properties, overridden by environment variables), builds {@link EngineComponents},
 * opens the port, binds the Redis beans the spring-redis endpoints refer to, and adds the routes.
 */
public final class EngineConfiguration implements CamelConfiguration {

    private final Clock clock;

    /** An engine on the system clock. */
    public EngineConfiguration() {
        this(Clock.systemUTC());
    }

    /** An engine on {@code clock}: schedules, windows and TTLs read it, so tests can move time. */
    public EngineConfiguration(Clock clock) {
        this.clock = clock;
    }

    static final String CONNECTION_FACTORY = "linkupRedisConnectionFactory";
    static final String SERIALIZER = "linkupRedisSerializer";
    static final String EVENTS_CONTAINER = "linkupEventsListenerContainer";
    static final String FANOUT_CONTAINER = "linkupFanoutListenerContainer";
    /** Event ids each instance remembers to drop publishers' duplicates (LRU). */
    static final int RECENT_EVENT_IDS = 200_000;
    /** Stream entries whose parse the live reader shares with the group reader (several batches' worth). */
    static final int PARSED_ENTRIES = 8_192;

    @Override
    public void configure(CamelContext context) throws Exception {
        var properties = context.getPropertiesComponent();
        EngineSettings settings = EngineSettings.read(
                new SettingsReader(key -> properties.resolveProperty(key).orElse(null)));
        java.util.Map<String, String> matchingKeys = new java.util.HashMap<>();
        properties.loadProperties(key -> key.startsWith("matching.")).stringPropertyNames()
                .forEach(key -> properties.resolveProperty(key).ifPresent(value -> matchingKeys.put(key, value)));
        MatchingSettings matchingSettings = MatchingSettings.from(matchingKeys);
        SettingsReader reader = new SettingsReader(key -> properties.resolveProperty(key).orElse(null));
        ScheduleSettings scheduleSettings = ScheduleSettings.read(reader);
        // linkup.missed.* and linkup.backend-events.*: digests and the backend stream (FollowUpAssembly)
        var followUpSettings = golf.linkup.engine.config.FollowUpSettings.read(reader);
        EngineComponents engine = new EngineComponents(settings, matchingSettings, scheduleSettings, followUpSettings,
                clock);
        try {
            engine.start();
            var registry = context.getRegistry();
            registry.bind(EngineComponents.BEAN_NAME, engine);
            registry.bind(CONNECTION_FACTORY, engine.redis().connectionFactory());
            registry.bind(SERIALIZER, engine.redis().serializer());
            if (engine.eventsContainer() != null) {
                registry.bind(EVENTS_CONTAINER, engine.eventsContainer());
            }
            registry.bind(FANOUT_CONTAINER, engine.fanoutContainer());

            // Camel's route figures go to the engine's registry, whose filters rename Camel's camelCase tags
            var routePolicy = new MicrometerRoutePolicyFactory();
            routePolicy.setMeterRegistry(engine.metrics().meterRegistry());
            context.addRoutePolicyFactory(routePolicy);

            // event intake: the stream (every instance reads it all; one consumer group for once-per-cluster
            // work) and the legacy pub/sub channel bridged into it
            var intake = settings.intake();
            var doneInCluster = new SpringRedisStringIdempotentRepository(engine.redis().template(),
                    intake.stream() + ":done");
            doneInCluster.setExpiry(settings.eventDedupTtl().toSeconds());
            var legacyBridged = new SpringRedisStringIdempotentRepository(engine.redis().template(),
                    intake.stream() + ":bridged");
            legacyBridged.setExpiry(settings.eventDedupTtl().toSeconds());
            var seenHere = MemoryIdempotentRepository.memoryIdempotentRepository(RECENT_EVENT_IDS);

            context.addRoutes(new EventErrorHandling(engine.deadLetters(), engine.metrics(),
                    intake.stream() + "@" + settings.instanceId()));
            context.addRoutes(new EventIngestRoutes(
                    EventStreamEndpoint.live(context, engine.eventStream(), engine.liveReader(), engine.intakeReaders()),
                    EventStreamEndpoint.group(context, engine.eventStream(), engine.groupReader(),
                            engine.intakeReaders()),
                    EventStreamEndpoint.appender(context, engine.eventStream()),
                    engine.eventsContainer() == null ? Optional.empty()
                            : Optional.of(subscribeUri(engine, intake.legacyChannel(), EVENTS_CONTAINER)),
                    engine.groupReader(), intake.maxDeliveries(), new ParsedEntries(engine.eventParser(), PARSED_ENTRIES),
                    seenHere, doneInCluster,
                    legacyBridged, engine.metrics()));
            context.addRoutes(new LiveUpdateRoutes(engine.liveUpdateHandlers(), engine.roomDelivery()));
            context.addRoutes(new MatchingRoutes(engine.matching()));

            var producer = context.createProducerTemplate();
            var email = new CamelEmailSender(producer, smtpEndpoint(engine.smtpUri()), settings.mailFrom(),
                    engine.unsubscribeLinks());
            var dispatcher = new OutboxDispatcher(engine.outbox(),
                    Map.of(Channel.IN_APP, engine.inAppSender(), Channel.PUSH, engine.pushSender(), Channel.EMAIL, email),
                    engine.matchingStoreUsers(), clock, engine.metrics().meterRegistry(),
                    settings.instanceId(), settings.deliveryClaimLease(), OutboxDispatcher.RetryPolicy.DEFAULT);
            context.addRoutes(new NotificationRoutes(engine.notificationRules(), engine.notifications(), dispatcher,
                    settings.deliveryPollPeriod()));
            engine.onNotificationsQueued(() -> {
                for (Channel channel : Channel.values()) {
                    producer.sendBody(NotificationRoutes.wakeUri(channel), "wake");
                }
            });
            context.addRoutes(new BookingRoutes(engine.booking(),
                    () -> engine.metrics().meterRegistry().counter("linkup.booking.event_failures").increment()));
            context.addRoutes(new FanoutRoutes(subscribeUri(engine, settings.fanoutChannel(), FANOUT_CONTAINER),
                    engine.localDelivery()));

            // timed jobs on the clustered scheduler (Camel starts it with the routes; the engine stops it)
            context.getComponent("quartz", QuartzComponent.class).setScheduler(engine.scheduler().scheduler());
            engine.scheduler().runJobsIn(context);
            List<ScheduledJob> jobs = engine.timedJobs();
            context.addRoutes(new ScheduleRoutes(jobs, scheduleSettings.zone(), engine.jobRunLog()));
            // linkup.jobs.failures exists from start-up for every route that counts its failures there
            List<String> jobRoutes = new java.util.ArrayList<>(jobs.stream().map(j -> ScheduleRoutes.routeId(j.name())).toList());
            for (Channel channel : Channel.values()) {
                jobRoutes.add(NotificationRoutes.deliveryRouteId(channel));
            }
            engine.metrics().declareJobs(jobRoutes);
            engine.attachScheduledJobs(new QuartzScheduledJobs(engine.scheduler().scheduler(), jobs, scheduleSettings.zone(),
                    engine.jobRunLog()));

            engine.routeControl(new CamelRouteControl(context)); // the console's start/stop/suspend (docs/console.md)
            context.getManagementStrategy().addEventNotifier(new EngineLifecycle(engine));
        } catch (Exception | Error e) {
            engine.close();
            throw e;
        }
    }

    /** camel-mail's endpoint for an SMTP URL: credentials move from the authority to options. */
    static String smtpEndpoint(URI smtp) {
        StringBuilder uri = new StringBuilder(smtp.getScheme()).append("://").append(smtp.getHost()).append(':')
                .append(smtp.getPort() > 0 ? smtp.getPort() : ("smtps".equals(smtp.getScheme()) ? 465 : 25))
                .append("?connectionTimeout=5000");
        String userInfo = smtp.getUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            uri.append("&username=").append(java.net.URLEncoder.encode(colon < 0 ? userInfo : userInfo.substring(0, colon),
                    java.nio.charset.StandardCharsets.UTF_8));
            if (colon >= 0) {
                uri.append("&password=RAW(").append(userInfo.substring(colon + 1)).append(')');
            }
        }
        return uri.toString();
    }

    private static String subscribeUri(EngineComponents engine, String channel, String container) {
        var uri = engine.redis().uri();
        return "spring-redis://" + uri.getHost() + ":" + (uri.getPort() > 0 ? uri.getPort() : 6379)
                + "?command=SUBSCRIBE&channels=" + channel
                + "&connectionFactory=#" + CONNECTION_FACTORY
                + "&listenerContainer=#" + container
                + "&serializer=#" + SERIALIZER;
    }
}
