package golf.linkup.app;

import golf.linkup.engine.auth.JwtIssuer;
import golf.linkup.engine.auth.JwtVerifier;
import golf.linkup.engine.config.EngineSettings;
import golf.linkup.engine.config.InvalidSettingException;
import golf.linkup.engine.gateway.GatewayParts;
import golf.linkup.engine.gateway.GatewayService;
import golf.linkup.engine.gateway.connections.ConnectionRegistry;
import golf.linkup.engine.gateway.connections.ConnectionSupervisor;
import golf.linkup.engine.gateway.fanout.FanoutPublisher;
import golf.linkup.engine.gateway.fanout.LocalDelivery;
import golf.linkup.engine.gateway.fanout.OrderedRoomDelivery;
import golf.linkup.engine.gateway.fanout.RoomSequencer;
import golf.linkup.engine.gateway.history.RoomHistory;
import golf.linkup.engine.gateway.presence.PresenceService;
import golf.linkup.engine.gateway.rooms.Rooms;
import golf.linkup.engine.gateway.transport.GatewayServer;
import golf.linkup.engine.http.MetricsHandler;
import golf.linkup.engine.http.api.ApiRouter;
import golf.linkup.engine.storage.JdbcPresencePrivacy;
import golf.linkup.redis.RedisClusterRoomSizes;
import golf.linkup.redis.RedisFanoutPublisher;
import golf.linkup.redis.RedisPresenceStore;
import golf.linkup.redis.RedisRoomHistory;
import golf.linkup.redis.SubscriptionWatchdog;
import java.net.BindException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * The real-time gateway: the HTTP/WebSocket server and its connections, tokens, the fan-out between
 * instances (Redis pub/sub), room history and ordered delivery of event-caused messages, presence,
 * the cluster's room sizes, and the supervisor that pings connections and closes silent ones.
 * Serves {@code /metrics} and the {@code /api/v1} router; other assemblies register their API routes
 * on {@link #api()} and mount their own paths on {@link #server()} before {@link #start()}.
 */
public final class GatewayAssembly {

    private final EngineSettings settings;
    private final Clock clock;
    private final Closer closer;
    private final ConnectionRegistry connections = new ConnectionRegistry();
    private final JwtVerifier jwtVerifier;
    private final JwtIssuer jwtIssuer;
    private final FanoutPublisher fanoutPublisher;
    private final RoomHistory roomHistory;
    private final RedisClusterRoomSizes clusterRoomSizes;
    private final PresenceService presence;
    private final LocalDelivery localDelivery;
    private final OrderedRoomDelivery roomDelivery;
    private final GatewayService gateway;
    private final ConnectionSupervisor supervisor;
    private final ApiRouter api;
    private final GatewayServer server;
    private final RedisMessageListenerContainer fanoutContainer;
    private final SubscriptionWatchdog fanoutWatchdog;

    /**
     * @param delivered hears what each event's messages reached on this instance (the console's inspector)
     */
    GatewayAssembly(InfrastructureAssembly infrastructure, IntakeAssembly intake,
            OrderedRoomDelivery.Delivered delivered) {
        settings = infrastructure.settings();
        clock = infrastructure.clock();
        closer = infrastructure.closer();
        var metrics = infrastructure.metrics();
        var redis = infrastructure.redis();
        var dataSource = infrastructure.database().dataSource();
        metrics.bindConnectionGauges(connections::connectionCount, connections::userCount, connections::roomCount);
        metrics.bindSlowConnectionsGauge(connections::slowConnectionCount);
        fanoutPublisher = new RedisFanoutPublisher(redis.template(), settings.fanoutChannel());
        jwtVerifier = new JwtVerifier(settings.jwtSecret(), clock);
        jwtIssuer = new JwtIssuer(settings.jwtSecret(), clock);
        // room history in Redis (what a reconnecting client missed), chat for participants, presence, limits
        roomHistory = new RedisRoomHistory(redis.template(), clock, settings.gateway().historySize(),
                settings.gateway().historyTtl());
        RoomSequencer roomSequencer = new RoomSequencer(roomHistory, metrics);
        clusterRoomSizes = new RedisClusterRoomSizes(redis.template(), settings.gateway().presenceStaleAfter());
        // every presence maintenance run also reports this instance's room sizes to the cluster
        presence = closer.add(new PresenceService(new RedisPresenceStore(redis.template(),
                settings.gateway().presenceOfflineAfter().plus(Duration.ofDays(7))),
                new JdbcPresencePrivacy(dataSource), fanoutPublisher, connections, clock,
                settings.instanceId(), settings.gateway(),
                () -> clusterRoomSizes.publish(settings.instanceId(), subscribedRoomSizes(), clock.millis())));
        // presence updates are batched per connection by the presence service, not sent one by one
        localDelivery = new LocalDelivery(connections, metrics, presence::deliver);
        roomDelivery = closer.add(new OrderedRoomDelivery(roomSequencer, localDelivery, metrics,
                intake.liveCursor()::sequenced, delivered));
        gateway = new GatewayService(connections, infrastructure.directory(), metrics, clock,
                settings.sendBufferMessages(), settings.gateway(), new GatewayParts(roomHistory,
                        infrastructure.participants(), presence, fanoutPublisher, jwtVerifier::verify));
        // one shared thread pings every connection, closes silent ones and expired tokens, purges idle limiters
        supervisor = closer.add(new ConnectionSupervisor(connections, clock, settings.gateway().pingInterval(),
                settings.gateway().pongTimeout(), settings.gateway().tokenExpiryWarning(), gateway::closed,
                gateway::purgeLimiters));
        // routes that write on a user's behalf refuse ids the database does not know (404 USER_NOT_FOUND)
        api = new ApiRouter(jwtVerifier, userId -> infrastructure.directory().findPerson(userId).isPresent());
        server = new GatewayServer(settings.httpHost(), settings.httpPort(), gateway, jwtVerifier, metrics,
                settings.maxFrameBytes())
                .exactPath("/metrics", new MetricsHandler(metrics.registry()))
                .prefixPath("/api/v1", api.handler());
        fanoutContainer = redis.orderedContainer("linkup-fanout");
        fanoutWatchdog = new SubscriptionWatchdog("redisFanoutSubscription", fanoutContainer, redis.template(),
                "linkup:canary:" + settings.instanceId() + ":fanout", settings.healthStaleAfter(), clock);
    }

    /** Opens the port (a port in use is a bad setting, said so), then starts the supervisor and presence. */
    void start() {
        try {
            server.start();
        } catch (RuntimeException e) {
            if (Causes.find(e, BindException.class) != null) {
                throw new InvalidSettingException("linkup.http.port", "port " + settings.httpPort() + " on "
                        + settings.httpHost() + " is already in use: stop what listens there, or set "
                        + "LINKUP_HTTP_PORT to another port (0 picks a free one)");
            }
            throw e;
        }
        closer.add(server);
        supervisor.start();
        presence.start();
    }

    /** Closes every client with 1001 and the port, and leaves the cluster's presence. */
    void stopAcceptingClients() {
        server.close();
        presence.close();
    }

    /** The HTTP/WebSocket server; other assemblies mount their paths on it before {@link #start()}. */
    public GatewayServer server() {
        return server;
    }

    /** The {@code /api/v1} router: each feature's assembly registers its API on it. */
    public ApiRouter api() {
        return api;
    }

    /** The bound HTTP/WebSocket port (0 before {@link #start()}). */
    public int port() {
        return server.port();
    }

    public ConnectionRegistry connections() {
        return connections;
    }

    public JwtVerifier jwtVerifier() {
        return jwtVerifier;
    }

    public JwtIssuer jwtIssuer() {
        return jwtIssuer;
    }

    public FanoutPublisher fanoutPublisher() {
        return fanoutPublisher;
    }

    public RoomHistory roomHistory() {
        return roomHistory;
    }

    public PresenceService presence() {
        return presence;
    }

    /** Delivers fan-out envelopes to this instance's sockets. */
    public LocalDelivery localDelivery() {
        return localDelivery;
    }

    /** Event-caused messages: sequenced in Redis and delivered here, in event order, on their own thread. */
    public OrderedRoomDelivery roomDelivery() {
        return roomDelivery;
    }

    /** The gateway itself: connections' life, commands, subscriptions, limits. */
    public GatewayService service() {
        return gateway;
    }

    public ConnectionSupervisor supervisor() {
        return supervisor;
    }

    public RedisMessageListenerContainer fanoutContainer() {
        return fanoutContainer;
    }

    SubscriptionWatchdog fanoutWatchdog() {
        return fanoutWatchdog;
    }

    /** Room → members on every live instance (each reports every presence maintenance run). */
    public Map<String, Integer> clusterRoomSizes() {
        return clusterRoomSizes.total(liveSince());
    }

    /** Instance → members of {@code room}, for the live instances. */
    public Map<String, Integer> roomByInstance(String room) {
        return clusterRoomSizes.byInstance(room, liveSince());
    }

    private long liveSince() {
        return clock.millis() - settings.gateway().presenceStaleAfter().toMillis();
    }

    /** This instance's rooms clients are in (feeds, tee times, chats, users; not internal presence rooms). */
    private Map<String, Integer> subscribedRoomSizes() {
        Map<String, Integer> sizes = new TreeMap<>(connections.roomSizes());
        sizes.keySet().removeIf(room -> room.startsWith(Rooms.PRESENCE_PREFIX));
        return sizes;
    }
}
