package golf.linkup.app;

import golf.linkup.engine.config.EngineSettings;
import golf.linkup.engine.config.SettingsReader;
import golf.linkup.engine.notifications.Channel;
import golf.linkup.engine.notifications.outbox.OutboxDispatcher;
import golf.linkup.intake.EventStreamEndpoint;
import golf.linkup.intake.ParsedEntries;
import golf.linkup.notifications.email.CamelEmailSender;
import golf.linkup.operations.CamelRouteControl;
import golf.linkup.routes.BookingRoutes;
import golf.linkup.routes.EventErrorHandling;
import golf.linkup.routes.EventIngestRoutes;
import golf.linkup.routes.FanoutRoutes;
import golf.linkup.routes.LiveUpdateRoutes;
import golf.linkup.routes.MatchingRoutes;
import golf.linkup.routes.NotificationRoutes;
import golf.linkup.routes.NotifyRoutes;
import golf.linkup.routes.WebhookDeadLetters;
import golf.linkup.routes.WebhookErrorHandling;
import golf.linkup.routes.WebhookRoutes;
import golf.linkup.schedules.ScheduleRoutes;
import golf.linkup.schedules.ScheduledJob;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.micrometer.routepolicy.MicrometerRoutePolicyFactory;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.component.redis.processor.idempotent.SpringRedisStringIdempotentRepository;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;

/**
 * Builds one engine instance inside a Camel context: reads and validates {@code linkup.*} settings
 * (application.properties, overridden by environment variables), builds the engine's assemblies
 * ({@link EngineAssembly}), opens the port, binds the Redis beans the spring-redis endpoints refer to,
 * and adds the routes.
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
        AllSettings all = AllSettings.read(SettingsReader.collecting(key -> properties.resolveProperty(key)
                .orElse(null), () -> properties.loadProperties().stringPropertyNames()));
        EngineSettings settings = all.engine();

        // what the engine needs from this context, read when called (the routes come after the engine)
        var producer = context.createProducerTemplate();
        AtomicBoolean routesRunning = new AtomicBoolean();
        CamelSide camel = new CamelSide(new CamelRouteControl(context), routesRunning::get, () -> {
            for (Channel channel : Channel.values()) {
                producer.sendBody(NotificationRoutes.wakeUri(channel), "wake");
            }
        }, NotifyRoutes.sender(producer));
        EngineAssembly engine = new EngineAssembly(all, clock, camel);
        try {
            engine.start();
            var registry = context.getRegistry();
            registry.bind(EngineHandle.BEAN_NAME, engine);
            registry.bind(CONNECTION_FACTORY, engine.redis().connectionFactory());
            registry.bind(SERIALIZER, engine.redis().serializer());
            engine.intake().legacyContainer().ifPresent(container -> registry.bind(EVENTS_CONTAINER, container));
            registry.bind(FANOUT_CONTAINER, engine.gateway().fanoutContainer());

            // Camel's route figures go to the engine's registry, whose filters rename Camel's camelCase tags
            var routePolicy = new MicrometerRoutePolicyFactory();
            routePolicy.setMeterRegistry(engine.metrics().meterRegistry());
            context.addRoutePolicyFactory(routePolicy);

            addIntakeRoutes(context, settings, engine);
            context.addRoutes(new MatchingRoutes(engine.matching().service()));
            addNotificationRoutes(context, settings, engine, producer);
            context.addRoutes(new BookingRoutes(engine.booking().service()));
            context.addRoutes(new FanoutRoutes(subscribeUri(engine, settings.fanoutChannel(), FANOUT_CONTAINER),
                    engine.gateway().localDelivery()));
            addScheduleRoutes(context, engine);
            addWebhookRoutes(context, settings, engine);

            context.getManagementStrategy().addEventNotifier(new EngineLifecycle(engine, routesRunning));
        } catch (Exception | Error e) {
            engine.close();
            throw e;
        }
    }

    /**
     * Event intake: the stream (every instance reads it all; one consumer group for once-per-cluster
     * work), the legacy pub/sub channel bridged into it, and the live updates events cause.
     */
    private static void addIntakeRoutes(CamelContext context, EngineSettings settings, EngineAssembly engine)
            throws Exception {
        var intake = engine.intake();
        var stream = settings.intake().stream();
        var doneInCluster = new SpringRedisStringIdempotentRepository(engine.redis().template(), stream + ":done");
        doneInCluster.setExpiry(settings.eventDedupTtl().toSeconds());
        var legacyBridged = new SpringRedisStringIdempotentRepository(engine.redis().template(), stream + ":bridged");
        legacyBridged.setExpiry(settings.eventDedupTtl().toSeconds());
        var seenHere = MemoryIdempotentRepository.memoryIdempotentRepository(RECENT_EVENT_IDS);

        context.addRoutes(new EventErrorHandling(engine.deadLetters(), engine.metrics(),
                stream + "@" + settings.instanceId()));
        context.addRoutes(new EventIngestRoutes(
                EventStreamEndpoint.live(context, intake.eventStream(), intake.liveReader(), intake.intakeReaders()),
                EventStreamEndpoint.group(context, intake.eventStream(), intake.groupReader(), intake.intakeReaders()),
                EventStreamEndpoint.appender(context, intake.eventStream()),
                intake.legacyContainer().map(container ->
                        subscribeUri(engine, settings.intake().legacyChannel(), EVENTS_CONTAINER)),
                intake.groupReader(), settings.intake().maxDeliveries(),
                new ParsedEntries(intake.eventParser(), PARSED_ENTRIES),
                seenHere, doneInCluster, legacyBridged, engine.metrics()));
        context.addRoutes(new LiveUpdateRoutes(intake.liveUpdateHandlers(), engine.gateway().roomDelivery()));
    }

    /** Rule → outbox (notify-*), and outbox → provider, one delivery route per channel (e-mail through camel-mail). */
    private void addNotificationRoutes(CamelContext context, EngineSettings settings, EngineAssembly engine,
            ProducerTemplate producer) throws Exception {
        var notifications = engine.notifications();
        var email = new CamelEmailSender(producer, smtpEndpoint(notifications.smtpUri()), settings.mailFrom(),
                notifications.unsubscribeLinks());
        var dispatcher = new OutboxDispatcher(notifications.outbox(),
                Map.of(Channel.IN_APP, notifications.inAppSender(), Channel.PUSH, notifications.pushSender(),
                        Channel.EMAIL, email),
                notifications.users(), clock, engine.metrics().meterRegistry(),
                settings.instanceId(), settings.deliveryClaimLease(), OutboxDispatcher.RetryPolicy.DEFAULT,
                // one kept SMTP connection per thread (ReusedConnectionMailSender); Camel stops the pool
                context.getExecutorServiceManager().newFixedThreadPool(email, CamelEmailSender.SEND_ROUTE_ID,
                        settings.emailConnections()));
        context.addRoutes(new NotificationRoutes(dispatcher, settings.deliveryPollPeriod()));
        // rule → policy → template → outbox as routes (targeted matching's intents enter at notify-intents)
        var service = notifications.service();
        context.addRoutes(new NotifyRoutes(notifications.rules(), service.planner(), service.templating(),
                service.writer()));
    }

    /** Timed jobs on the clustered scheduler (Camel starts it with the routes; the engine stops it). */
    private static void addScheduleRoutes(CamelContext context, EngineAssembly engine) throws Exception {
        var schedules = engine.schedules();
        context.getComponent("quartz", QuartzComponent.class).setScheduler(schedules.scheduler().scheduler());
        schedules.scheduler().runJobsIn(context);
        List<ScheduledJob> jobs = schedules.jobs();
        context.addRoutes(new ScheduleRoutes(jobs, schedules.settings().zone(), schedules.jobRunLog()));
        // linkup.jobs.failures exists from start-up for every route that counts its failures there
        List<String> jobRoutes = new ArrayList<>(jobs.stream().map(j -> ScheduleRoutes.routeId(j.name())).toList());
        for (Channel channel : Channel.values()) {
            jobRoutes.add(NotificationRoutes.deliveryRouteId(channel));
        }
        engine.metrics().declareJobs(jobRoutes);
    }

    /** The backend events webhook, when {@code linkup.webhook.url} is set: its route and its error handling. */
    private void addWebhookRoutes(CamelContext context, EngineSettings settings, EngineAssembly engine)
            throws Exception {
        var webhook = engine.webhook();
        if (webhook.parts().isEmpty()) {
            return;
        }
        var parts = webhook.parts().get();
        context.addRoutes(new WebhookErrorHandling(webhook.settings(), new WebhookDeadLetters(engine.deadLetters(),
                engine.metrics(), parts.metrics(), golf.linkup.engine.webhook.WebhookEvent.deadLetterSource(settings.instanceId())), parts.metrics()));
        context.addRoutes(new WebhookRoutes(EventStreamEndpoint.group(context, parts.stream(), parts.reader(),
                engine.intake().intakeReaders()), parts.client(), parts.metrics(), clock));
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

    private static String subscribeUri(EngineHandle engine, String channel, String container) {
        var uri = engine.redis().uri();
        return "spring-redis://" + uri.getHost() + ":" + (uri.getPort() > 0 ? uri.getPort() : 6379)
                + "?command=SUBSCRIBE&channels=" + channel
                + "&connectionFactory=#" + CONNECTION_FACTORY
                + "&listenerContainer=#" + container
                + "&serializer=#" + SERIALIZER;
    }
}
