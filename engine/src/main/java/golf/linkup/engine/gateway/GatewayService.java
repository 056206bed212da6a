package golf.linkup.engine.gateway;

import golf.linkup.engine.auth.Identity;
import golf.linkup.engine.domain.Industry;
import golf.linkup.engine.gateway.connections.ClientConnection;
import golf.linkup.engine.gateway.connections.CloseCodes;
import golf.linkup.engine.gateway.connections.ConnectionRegistry;
import golf.linkup.engine.gateway.connections.Outbound;
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
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a client connection can do, independent of the transport: open (register, greet), handle
 * each text frame (subscribe, unsubscribe, ping), and close (leave every room).
 *
 * <p>Failure contract: nothing a client sends escapes this class as an exception. A bad frame is
 * answered with an {@code error} message and counted; an internal failure is logged with the
 * connection's context and answered with {@code INTERNAL_ERROR}; the connection stays open.
 */
public final class GatewayService {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayService.class);

    private final ConnectionRegistry registry;
    private final TeeTimeDirectory directory;
    private final EngineMetrics metrics;
    private final Clock clock;
    private final int sendBufferMessages;
    private final ClientMessageParser parser = new ClientMessageParser();

    public GatewayService(ConnectionRegistry registry, TeeTimeDirectory directory, EngineMetrics metrics, Clock clock,
            int sendBufferMessages) {
        this.registry = registry;
        this.directory = directory;
        this.metrics = metrics;
        this.clock = clock;
        this.sendBufferMessages = sendBufferMessages;
    }

    public ConnectionRegistry registry() {
        return registry;
    }

    /** Registers a new authenticated connection and sends {@code connected}. */
    public ClientConnection open(Identity identity, Outbound outbound) {
        var connection = new ClientConnection(UUID.randomUUID().toString(), identity, outbound, sendBufferMessages,
                clock.instant(), metrics::messageDropped);
        registry.register(connection);
        connection.send(ServerMessages.connected(identity.userId(), connection.id(), clock.instant()));
        LOG.debug("opened {}", connection);
        return connection;
    }

    /** Handles one text frame. Never throws. */
    public void onText(ClientConnection connection, String frame) {
        metrics.messageIn();
        connection.touched(clock.millis());
        String ref = null;
        try {
            ClientCommand command = parser.parse(frame);
            ref = command.ref();
            handle(connection, command);
        } catch (ProtocolException e) {
            refuse(connection, e.code(), e.getMessage(), e.ref());
        } catch (RuntimeException e) {
            LOG.error("failed to handle a frame from {}: {}", connection, abbreviate(frame), e);
            refuse(connection, ErrorCode.INTERNAL_ERROR, "the server failed to handle this message", ref);
        }
    }

    /** A WebSocket pong (answer to the heartbeat's ping): the client is alive. */
    public void onPong(ClientConnection connection) {
        connection.touched(clock.millis());
    }

    /** Answers a frame the transport could not accept (binary). */
    public void onUnsupportedFrame(ClientConnection connection, String what) {
        metrics.messageIn();
        refuse(connection, ErrorCode.UNSUPPORTED_FRAME, what + " frames are not supported; send JSON text", null);
    }

    /** Forgets a closed connection: it leaves every room. Safe to call twice. */
    public void closed(ClientConnection connection) {
        connection.markClosed();
        registry.unregister(connection);
        LOG.debug("closed {}", connection);
    }

    /** Closes every connection with 1001 (server going away), for shutdown. */
    public void closeAll(String reason) {
        for (ClientConnection c : List.copyOf(registry.connections())) {
            c.close(CloseCodes.GOING_AWAY, reason);
            registry.unregister(c);
        }
    }

    private void handle(ClientConnection connection, ClientCommand command) throws ProtocolException {
        if (command instanceof ClientCommand.Ping ping) {
            connection.send(ServerMessages.pong(ping.ref()));
        } else if (command instanceof ClientCommand.SubscribeFeed s) {
            subscribeFeed(connection, s);
        } else if (command instanceof ClientCommand.UnsubscribeFeed u) {
            connection.send(ServerMessages.subscription("unsubscribed", leaveFeeds(connection), u.ref()));
        } else if (command instanceof ClientCommand.SubscribeTeeTime s) {
            String room = Rooms.teeTime(s.teeTimeId());
            registry.join(connection, room);
            connection.send(ServerMessages.subscription("subscribed", List.of(room), s.ref()));
        } else if (command instanceof ClientCommand.UnsubscribeTeeTime u) {
            String room = Rooms.teeTime(u.teeTimeId());
            List<String> left = registry.leave(connection, room) ? List.of(room) : List.of();
            connection.send(ServerMessages.subscription("unsubscribed", left, u.ref()));
        } else {
            throw new IllegalStateException("unhandled command " + command);
        }
    }

    private void subscribeFeed(ClientConnection connection, ClientCommand.SubscribeFeed s) throws ProtocolException {
        Set<Industry> industries = s.industries().isEmpty() ? Set.of(ownIndustry(connection, s.ref())) : s.industries();
        leaveFeeds(connection);
        connection.feed(new FeedFilter(EnumSet.copyOf(industries), s.location()));
        List<String> joined = new ArrayList<>();
        for (Industry industry : industries) {
            String room = Rooms.feed(industry);
            registry.join(connection, room);
            joined.add(room);
        }
        connection.send(ServerMessages.subscription("subscribed", joined, s.ref()));
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
