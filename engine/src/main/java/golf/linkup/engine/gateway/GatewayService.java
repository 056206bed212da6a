package golf.linkup.engine.gateway;

import golf.linkup.engine.auth.AuthenticationException;
import golf.linkup.engine.auth.Identity;
import golf.linkup.engine.config.GatewaySettings;
import golf.linkup.engine.domain.Industry;
import golf.linkup.engine.gateway.connections.ClientConnection;
import golf.linkup.engine.gateway.connections.CloseCodes;
import golf.linkup.engine.gateway.connections.ConnectionRegistry;
import golf.linkup.engine.gateway.connections.Outbound;
import golf.linkup.engine.gateway.fanout.FanoutEnvelope;
import golf.linkup.engine.gateway.history.RoomHistory;
import golf.linkup.engine.gateway.history.RoomMessage;
import golf.linkup.engine.gateway.history.StreamPosition;
import golf.linkup.engine.gateway.limits.FrameLimiter;
import golf.linkup.engine.gateway.limits.WindowLimiter;
import golf.linkup.engine.gateway.protocol.ClientCommand;
import golf.linkup.engine.gateway.protocol.ClientMessageParser;
import golf.linkup.engine.gateway.protocol.ErrorCode;
import golf.linkup.engine.gateway.protocol.ProtocolException;
import golf.linkup.engine.gateway.protocol.ServerMessages;
import golf.linkup.engine.gateway.rooms.FeedFilter;
import golf.linkup.engine.gateway.rooms.Rooms;
import golf.linkup.engine.metrics.EngineMetrics;
import golf.linkup.engine.storage.TeeTimeDirectory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a client connection can do, independent of the transport: open (limits, register, greet),
 * handle each text frame (rate limit, then subscribe, unsubscribe, recover, ping, typing, presence,
 * token refresh), and close (leave every room).
 *
 * <p>Failure contract: nothing a client sends escapes this class as an exception. A bad frame is
 * answered with an {@code error} message and counted; an internal failure is logged with the
 * connection's context and answered with {@code INTERNAL_ERROR}; the connection stays open. The
 * exceptions are abuse (repeated rate-limit refusals: closed with 1008) and the limits on
 * connections (the user's oldest connection is closed with 1008).
 */
public final class GatewayService {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayService.class);

    private final ConnectionRegistry registry;
    private final TeeTimeDirectory directory;
    private final EngineMetrics metrics;
    private final Clock clock;
    private final int sendBufferMessages;
    private final GatewaySettings settings;
    private final GatewayParts parts;
    private final ClientMessageParser parser = new ClientMessageParser();
    private final WindowLimiter typingLimiter;
    private final WindowLimiter presenceLimiter;
    private volatile boolean accepting = true;
    /** Missed-message digests: told where a connection stands in each room it subscribed to or recovered. */
    private volatile CaughtUp caughtUp = (connection, room, position) -> { };
    /** Delivery receipts: records a client's {@code ack}; without receipts an ack is answered and not stored. */
    private volatile Acknowledgements acknowledgements = Acknowledgements.NONE;
    /** One instance shared by every connection (a method reference per connection would be an object each). */
    private final Runnable countDrop;

    /** A gateway with the default settings and no outside parts (history in memory): for tests. */
    public GatewayService(ConnectionRegistry registry, TeeTimeDirectory directory, EngineMetrics metrics, Clock clock,
            int sendBufferMessages) {
        this(registry, directory, metrics, clock, sendBufferMessages, GatewaySettings.defaults(),
                GatewayParts.local(clock, envelope -> { }));
    }

    public GatewayService(ConnectionRegistry registry, TeeTimeDirectory directory, EngineMetrics metrics, Clock clock,
            int sendBufferMessages, GatewaySettings settings, GatewayParts parts) {
        this.registry = registry;
        this.directory = directory;
        this.metrics = metrics;
        this.clock = clock;
        this.sendBufferMessages = sendBufferMessages;
        this.settings = settings;
        this.parts = parts;
        this.typingLimiter = new WindowLimiter(settings.typingPerMinute(), Duration.ofMinutes(1), clock);
        this.presenceLimiter = new WindowLimiter(1, settings.presenceUpdateInterval(), clock);
        this.countDrop = metrics::messageDropped;
    }

    public ConnectionRegistry registry() {
        return registry;
    }

    /**
     * Told, after a subscribe or recovery, each room's position the connection now stands at: it
     * received the messages up to it, or (a fresh subscription, or {@code recovered: false}) the
     * client loads the room's state from the API server.
     */
    @FunctionalInterface
    public interface CaughtUp {
        void caughtUp(ClientConnection connection, String room, StreamPosition position);
    }

    /**
     * Records that {@code userId} received in-app notifications. Completes once recorded (the client is
     * then answered {@code acked}), exceptionally when it could not be ({@code INTERNAL_ERROR}). Ids
     * that are not the user's are ignored silently: the answer never tells which ids exist.
     */
    @FunctionalInterface
    public interface Acknowledgements {
        Acknowledgements NONE = (userId, ids) -> java.util.concurrent.CompletableFuture.completedFuture(null);

        java.util.concurrent.CompletionStage<?> acknowledge(String userId, List<Long> notificationIds);
    }

    /** Sets the one recorder of {@code ack} (delivery receipts). */
    public void onAck(Acknowledgements recorder) {
        this.acknowledgements = recorder;
    }

    /** Sets the one listener of {@link CaughtUp} (missed-message digests). */
    public void onCaughtUp(CaughtUp listener) {
        this.caughtUp = listener;
    }

    public GatewaySettings settings() {
        return settings;
    }

    /** False once shutdown began, or when this instance holds {@code max-connections}: refuse the handshake. */
    public Optional<String> refusal() {
        if (!accepting) {
            return Optional.of("SHUTTING_DOWN");
        }
        if (registry.connectionCount() >= settings.maxConnections()) {
            return Optional.of("SERVER_FULL");
        }
        return Optional.empty();
    }

    /**
     * Registers a new authenticated connection and sends {@code connected}. When the user already
     * holds {@code max-connections-per-user} connections here, the oldest is closed (1008): a
     * client that reconnects in a loop keeps at most that many, and the newest always works.
     */
    public ClientConnection open(Identity identity, Outbound outbound) {
        var connection = new ClientConnection(UUID.randomUUID().toString(), identity, outbound, sendBufferMessages,
                clock.instant(), countDrop);
        List<ClientConnection> existing = new ArrayList<>(registry.connectionsOf(identity.userId()));
        if (existing.size() >= settings.maxConnectionsPerUser()) {
            existing.sort(Comparator.comparing(ClientConnection::openedAt));
            for (int i = 0; i <= existing.size() - settings.maxConnectionsPerUser(); i++) {
                ClientConnection oldest = existing.get(i);
                LOG.info("closing {}: user {} opened more than {} connections", oldest, identity.userId(),
                        settings.maxConnectionsPerUser());
                metrics.connectionClosedBy("connections-per-user");
                oldest.close(CloseCodes.POLICY_VIOLATION, "too many connections: closed the oldest");
                closed(oldest);
            }
        }
        connection.limitFrames(new FrameLimiter(settings.messageBurst(), settings.messagesPerSecond(),
                settings.abuseStrikes(), clock.millis()));
        registry.register(connection);
        connection.send(ServerMessages.connected(identity.userId(), connection.id(), clock.instant()));
        parts.presence().connected(connection);
        LOG.debug("opened {}", connection);
        return connection;
    }

    /** Handles one text frame. Never throws. */
    public void onText(ClientConnection connection, String frame) {
        metrics.messageIn();
        long now = clock.millis();
        connection.touched(now);
        if (connection.drainingSinceMillis() > 0 || !withinRate(connection, now)) {
            return;
        }
        String ref = null;
        try {
            ClientCommand command = parser.parse(frame);
            ref = command.ref();
            handle(connection, command);
            if (!(command instanceof ClientCommand.Ack)) {
                // clients acknowledge on arrival, also in a hidden tab: not a sign the user is there
                parts.presence().active(connection);
            }
        } catch (ProtocolException e) {
            refuse(connection, e.code(), e.getMessage(), e.ref());
        } catch (RuntimeException e) {
            LOG.error("failed to handle a frame from {}: {}", connection, abbreviate(frame), e);
            refuse(connection, ErrorCode.INTERNAL_ERROR, "the server failed to handle this message", ref);
        }
    }

    /** The per-connection token bucket; false when the frame is refused (answered, or the connection closed). */
    private boolean withinRate(ClientConnection connection, long now) {
        FrameLimiter frames = connection.frameLimiter();
        if (frames == null) {
            return true;
        }
        FrameLimiter.Verdict verdict;
        synchronized (frames) {
            verdict = frames.check(now);
        }
        switch (verdict) {
            case ACCEPT -> {
                return true;
            }
            case REFUSE -> {
                refuse(connection, ErrorCode.RATE_LIMIT_EXCEEDED, "at most " + settings.messagesPerSecond()
                        + " messages per second (bursts of " + settings.messageBurst() + "); this one was not handled",
                        null);
                return false;
            }
            default -> {
                LOG.info("closing {} with 1008: it kept sending over the rate limit", connection);
                metrics.clientError(ErrorCode.RATE_LIMIT_EXCEEDED.name());
                metrics.connectionClosedBy("abuse");
                // the refusals already queued go out first, then 1008 (the supervisor bounds the wait)
                connection.closeAfterFlush(CloseCodes.POLICY_VIOLATION, "rate limit exceeded repeatedly");
                return false;
            }
        }
    }

    /**
     * A WebSocket ping frame from the client: counted against the same per-connection rate as text
     * frames (over it: {@code RATE_LIMIT_EXCEEDED}, repeated abuse closes with 1008). True when it
     * may be answered with a pong.
     */
    public boolean onPingFrame(ClientConnection connection) {
        metrics.messageIn();
        long now = clock.millis();
        connection.touched(now);
        return connection.drainingSinceMillis() == 0 && withinRate(connection, now);
    }

    /** A WebSocket pong (answer to the heartbeat's ping): the client is alive. */
    public void onPong(ClientConnection connection) {
        connection.touched(clock.millis());
    }

    /** Answers a frame the transport could not accept (binary). */
    public void onUnsupportedFrame(ClientConnection connection, String what) {
        metrics.messageIn();
        connection.touched(clock.millis());
        refuse(connection, ErrorCode.UNSUPPORTED_FRAME, what + " frames are not supported; send JSON text", null);
    }

    /** Forgets a closed connection: it leaves every room. Safe to call twice. */
    public void closed(ClientConnection connection) {
        connection.markClosed();
        if (registry.connection(connection.id()) == null) {
            return;
        }
        registry.unregister(connection);
        parts.presence().disconnected(connection);
        LOG.debug("closed {}", connection);
    }

    /** Closes every connection with 1001 (server going away) at once. */
    public void closeAll(String reason) {
        accepting = false;
        for (ClientConnection c : List.copyOf(registry.connections())) {
            c.close(CloseCodes.GOING_AWAY, reason);
            closed(c);
        }
    }

    /**
     * Graceful shutdown: refuses new connections, lets every connection write what is queued, then
     * closes it with 1001; whatever has not finished within {@code timeout} is closed anyway.
     * Returns how many connections had to be closed before their queue drained.
     */
    public int shutdown(String reason, Duration timeout) {
        accepting = false;
        List<ClientConnection> all = List.copyOf(registry.connections());
        for (ClientConnection c : all) {
            c.closeAfterFlush(CloseCodes.GOING_AWAY, reason);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        int cut = 0;
        for (ClientConnection c : all) {
            while (!c.isClosed() && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(5); // polling the flush of queues being written by other threads
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            if (!c.isClosed()) {
                cut++;
                c.close(CloseCodes.GOING_AWAY, reason);
            }
            closed(c);
        }
        metrics.connectionClosedBy("shutdown");
        return cut;
    }

    private void handle(ClientConnection connection, ClientCommand command) throws ProtocolException {
        if (command instanceof ClientCommand.Ping ping) {
            connection.send(ServerMessages.pong(ping.ref()));
        } else if (command instanceof ClientCommand.Ack a) {
            acknowledge(connection, a);
        } else if (command instanceof ClientCommand.SubscribeFeed s) {
            subscribeFeed(connection, s);
        } else if (command instanceof ClientCommand.UnsubscribeFeed u) {
            connection.send(ServerMessages.subscription("unsubscribed", leaveFeeds(connection), u.ref()));
        } else if (command instanceof ClientCommand.SubscribeTeeTime s) {
            subscribeTeeTime(connection, s);
        } else if (command instanceof ClientCommand.UnsubscribeTeeTime u) {
            List<String> left = new ArrayList<>();
            for (String room : List.of(Rooms.teeTime(u.teeTimeId()), Rooms.chat(u.teeTimeId()))) {
                if (registry.leave(connection, room)) {
                    left.add(room);
                }
            }
            parts.presence().unwatch(connection, u.teeTimeId());
            connection.send(ServerMessages.subscription("unsubscribed", left, u.ref()));
        } else if (command instanceof ClientCommand.Recover r) {
            recover(connection, r);
        } else if (command instanceof ClientCommand.RefreshToken t) {
            refreshToken(connection, t);
        } else if (command instanceof ClientCommand.Typing t) {
            typing(connection, t);
        } else if (command instanceof ClientCommand.PresenceUpdate p) {
            if (!presenceLimiter.tryAcquire(connection.userId())) {
                throw new ProtocolException(ErrorCode.RATE_LIMIT_EXCEEDED,
                        "presence:update at most once per " + settings.presenceUpdateInterval().toMillis() + " ms", p.ref());
            }
            parts.presence().declared(connection, p.status());
            connection.send(ServerMessages.ack(p.ref()));
        } else if (command instanceof ClientCommand.PresenceVisibility v) {
            // stored per user: only for users the database knows (as the HTTP API's writes)
            if (directory.findPerson(connection.userId()).isEmpty()) {
                throw new ProtocolException(ErrorCode.USER_NOT_FOUND, "user " + connection.userId()
                        + " is not known to LinkUp: no presence setting is stored for them", v.ref());
            }
            parts.presence().visibility(connection, v.visible());
            connection.send(ServerMessages.ack(v.ref()));
        } else {
            throw new IllegalStateException("unhandled command " + command);
        }
    }

    private void subscribeFeed(ClientConnection connection, ClientCommand.SubscribeFeed s) throws ProtocolException {
        Set<Industry> industries = s.industries().isEmpty() ? Set.of(ownIndustry(connection, s.ref())) : s.industries();
        int others = subscriptions(connection) - (int) connection.rooms().stream().filter(Rooms::isFeed).count();
        checkSubscriptionLimit(others + industries.size(), s.ref());
        leaveFeeds(connection);
        connection.feed(new FeedFilter(EnumSet.copyOf(industries), s.location()));
        List<String> rooms = new ArrayList<>();
        for (Industry industry : industries) {
            rooms.add(Rooms.feed(industry));
        }
        joinAndRecover(connection, rooms, s.since(), "subscribed", s.ref(), true);
    }

    private void subscribeTeeTime(ClientConnection connection, ClientCommand.SubscribeTeeTime s)
            throws ProtocolException {
        String room = Rooms.teeTime(s.teeTimeId());
        if (!connection.rooms().contains(room)) {
            checkSubscriptionLimit(subscriptions(connection) + 1, s.ref());
        }
        List<String> rooms = new ArrayList<>(List.of(room));
        List<String> players = parts.participants().askedBy(s.teeTimeId(), connection.userId());
        boolean plays = players.contains(connection.userId());
        if (plays) {
            rooms.add(Rooms.chat(s.teeTimeId()));
        }
        joinAndRecover(connection, rooms, s.since(), "subscribed", s.ref(), true);
        if (plays) {
            parts.presence().watch(connection, s.teeTimeId(), players);
        }
    }

    /** Feeds and tee times the client subscribed to (chat and user rooms come with them). */
    private static int subscriptions(ClientConnection connection) {
        int n = 0;
        for (String room : connection.rooms()) {
            if (Rooms.isFeed(room) || room.startsWith(Rooms.TEE_TIME_PREFIX)) {
                n++;
            }
        }
        return n;
    }

    private void checkSubscriptionLimit(int wanted, String ref) throws ProtocolException {
        if (wanted > settings.maxSubscriptions()) {
            throw new ProtocolException(ErrorCode.TOO_MANY_SUBSCRIPTIONS, "at most " + settings.maxSubscriptions()
                    + " feeds and tee times per connection; unsubscribe from some first", ref);
        }
    }

    private void recover(ClientConnection connection, ClientCommand.Recover r) throws ProtocolException {
        for (String room : r.since().keySet()) {
            if (!connection.rooms().contains(room) || !RoomHistory.keepsHistory(room)) {
                throw new ProtocolException(ErrorCode.NOT_SUBSCRIBED,
                        "not subscribed to '" + room + "' (or it keeps no history): subscribe with since instead", r.ref());
            }
        }
        joinAndRecover(connection, new ArrayList<>(r.since().keySet()), r.since(), "recovered", r.ref(), false);
    }

    /**
     * Joins {@code rooms} (when {@code join}) and, for the rooms named in {@code since}, queues what
     * was published after the client's position before any live message of that room; the reply
     * ({@code type}) goes first and carries each room's position and whether recovery worked.
     */
    private Map<String, StreamPosition> joinAndRecover(ClientConnection connection, List<String> rooms,
            Map<String, StreamPosition> since, String type, String ref, boolean join) {
        List<String> recovering = new ArrayList<>();
        for (String room : rooms) {
            if (since.containsKey(room) && RoomHistory.keepsHistory(room)) {
                recovering.add(room);
                connection.beginRecovery(room);
            }
        }
        if (join) {
            for (String room : rooms) {
                registry.join(connection, room);
            }
        }
        Map<String, StreamPosition> positions = new LinkedHashMap<>();
        Map<String, Boolean> recovered = new LinkedHashMap<>();
        Map<String, List<RoomMessage>> messages = new LinkedHashMap<>();
        Map<String, StreamPosition> through = new LinkedHashMap<>();
        recovering.forEach(room -> messages.put(room, List.of()));
        String reply;
        try {
            for (String room : rooms) {
                if (!RoomHistory.keepsHistory(room)) {
                    continue;
                }
                if (recovering.contains(room)) {
                    RoomHistory.Recovery r = parts.history().since(room, since.get(room));
                    positions.put(room, r.position());
                    recovered.put(room, r.recovered());
                    messages.put(room, r.messages());
                    if (r.recovered()) {
                        through.put(room, r.position());
                    }
                } else {
                    positions.put(room, parts.history().position(room));
                }
            }
            metrics.recoveries(recovered);
            reply = ServerMessages.subscription(type, rooms, positions, recovered, ref);
        } catch (RuntimeException e) {
            metrics.historyFailure();
            LOG.warn("room history unavailable while {} subscribed: {}", connection, e.toString());
            recovering.forEach(room -> recovered.put(room, false));
            messages.replaceAll((room, list) -> List.of());
            through.clear();
            reply = ServerMessages.subscription(type, rooms, Map.of(), recovered, ref);
        }
        connection.finishRecovery(reply, messages, through);
        positions.forEach((room, position) -> caughtUp.caughtUp(connection, room, position));
        return positions;
    }

    /**
     * The rooms a receive-only stream (SSE) asking for {@code rooms} joins: feeds ({@code feed:X})
     * and tee times ({@code tee-time:ID}, plus its chat for its players).
     *
     * @throws ProtocolException when a room is not one a client may follow, or there are too many
     */
    public List<String> checkStreamRooms(Identity identity, List<String> rooms) throws ProtocolException {
        List<String> joined = new ArrayList<>();
        int subscriptions = 0;
        for (String room : rooms) {
            if (Rooms.isFeed(room) && Industry.parse(room.substring(Rooms.FEED_PREFIX.length())) != null) {
                joined.add(room);
                subscriptions++;
            } else if (room.startsWith(Rooms.TEE_TIME_PREFIX)
                    && Rooms.isTeeTimeId(room.substring(Rooms.TEE_TIME_PREFIX.length()))) {
                joined.add(room);
                subscriptions++;
                String teeTimeId = room.substring(Rooms.TEE_TIME_PREFIX.length());
                if (parts.participants().includes(teeTimeId, identity.userId())) {
                    joined.add(Rooms.chat(teeTimeId));
                }
            } else {
                throw new ProtocolException(ErrorCode.INVALID_FIELD, "rooms: '" + room
                        + "' is not feed:INDUSTRY or tee-time:ID", null);
            }
        }
        if (joined.isEmpty()) {
            throw new ProtocolException(ErrorCode.MISSING_FIELD, "rooms: name at least one room, comma-separated", null);
        }
        checkSubscriptionLimit(subscriptions, null);
        return joined;
    }

    /**
     * Opens a receive-only stream (SSE) in {@code rooms} (as {@link #checkStreamRooms} returned
     * them), recovering from {@code since} (the stream's {@code Last-Event-ID}). Returns where each
     * room stood.
     */
    public Map<String, StreamPosition> openStream(Identity identity, Outbound outbound, List<String> rooms,
            Map<String, StreamPosition> since, java.util.function.Consumer<ClientConnection> opened) {
        ClientConnection connection = open(identity, outbound);
        opened.accept(connection);
        return joinAndRecover(connection, rooms, since, "subscribed", null, true);
    }

    private void refreshToken(ClientConnection connection, ClientCommand.RefreshToken t) throws ProtocolException {
        Identity fresh;
        try {
            fresh = parts.tokens().verify(t.token());
        } catch (AuthenticationException e) {
            throw new ProtocolException(ErrorCode.TOKEN_INVALID, e.code() + ": " + e.getMessage(), t.ref());
        }
        if (!fresh.userId().equals(connection.userId())) {
            throw new ProtocolException(ErrorCode.TOKEN_INVALID, "the new token is for another user", t.ref());
        }
        connection.identity(fresh);
        connection.send(ServerMessages.tokenRefreshed(fresh.expiresAt(), t.ref()));
    }

    /** Answered once the receipts are recorded (a burst of acks shares one write: see the recorder). */
    private void acknowledge(ClientConnection connection, ClientCommand.Ack a) {
        acknowledgements.acknowledge(connection.userId(), a.notificationIds()).whenComplete((done, failure) -> {
            if (failure == null) {
                connection.send(ServerMessages.acked(a.notificationIds(), a.ref()));
            } else {
                LOG.warn("could not record the receipts of notifications {} from {}: {}", a.notificationIds(),
                        connection, failure.toString());
                refuse(connection, ErrorCode.INTERNAL_ERROR, "the receipts were not recorded; send the ack again",
                        a.ref());
            }
        });
    }

    /** Typing goes to the tee time's other participants on every instance (fan-out), never back to the sender. */
    private void typing(ClientConnection connection, ClientCommand.Typing t) throws ProtocolException {
        String chat = Rooms.chat(t.teeTimeId());
        if (!connection.rooms().contains(chat)) {
            throw new ProtocolException(ErrorCode.NOT_A_PARTICIPANT,
                    "only the tee time's host and players who subscribed to it can type in its chat", t.ref());
        }
        if (!typingLimiter.tryAcquire(connection.userId() + "|" + t.teeTimeId())) {
            throw new ProtocolException(ErrorCode.RATE_LIMIT_EXCEEDED,
                    "typing: at most " + settings.typingPerMinute() + " per minute per tee time", t.ref());
        }
        parts.fanout().publish(FanoutEnvelope.toRooms(List.of(chat),
                ServerMessages.typing(t.teeTimeId(), connection.userId(), t.typing(), clock.instant()), 0)
                .excluding(connection.userId()));
        connection.send(ServerMessages.ack(t.ref()));
    }

    /** Forgets idle rate-limit keys; run now and then (the supervisor's tick). */
    public void purgeLimiters() {
        typingLimiter.purge();
        presenceLimiter.purge();
    }

    /** The token's industry claim, else the user's industry in the database. */
    private Industry ownIndustry(ClientConnection connection, String ref) throws ProtocolException {
        Optional<Industry> industry = connection.identity().industry().map(Industry::parse);
        if (industry.isEmpty()) {
            industry = directory.findPerson(connection.userId()).map(p -> Industry.parse(p.industry()));
        }
        return industry.orElseThrow(() -> new ProtocolException(ErrorCode.NO_DEFAULT_INDUSTRY,
                "your industry is not known yet: pass data.industries", ref));
    }

    private List<String> leaveFeeds(ClientConnection connection) {
        List<String> left = new ArrayList<>();
        for (String room : List.copyOf(connection.rooms())) {
            if (Rooms.isFeed(room) && registry.leave(connection, room)) {
                left.add(room);
            }
        }
        connection.feed(null);
        return left;
    }

    private void refuse(ClientConnection connection, ErrorCode code, String message, String ref) {
        metrics.clientError(code.name());
        LOG.debug("refused a frame from {}: {} {}", connection, code, message);
        connection.send(ServerMessages.error(code, message, ref));
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…(" + text.length() + " chars)";
    }
}
