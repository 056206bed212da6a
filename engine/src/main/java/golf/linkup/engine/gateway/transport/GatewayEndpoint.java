package golf.linkup.engine.gateway.transport;

import golf.linkup.engine.auth.Identity;
import golf.linkup.engine.gateway.GatewayService;
import golf.linkup.engine.gateway.connections.ClientConnection;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection, created per handshake with the identity the handshake verified.
 * Frames over the size limit are closed by the container with 1009.
 */
final class GatewayEndpoint extends Endpoint {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayEndpoint.class);

    private final GatewayService gateway;
    private final Identity identity;
    private final String remoteAddress;
    private final int maxFrameBytes;
    private volatile ClientConnection connection;

    GatewayEndpoint(GatewayService gateway, Identity identity, String remoteAddress, int maxFrameBytes) {
        this.gateway = gateway;
        this.identity = identity;
        this.remoteAddress = remoteAddress;
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        session.setMaxTextMessageBufferSize(maxFrameBytes);
        session.setMaxBinaryMessageBufferSize(maxFrameBytes);
        ClientConnection c = gateway.open(identity, new SessionOutbound(session, remoteAddress));
        connection = c;
        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> gateway.onText(c, text));
        session.addMessageHandler(ByteBuffer.class,
                (MessageHandler.Whole<ByteBuffer>) bytes -> gateway.onUnsupportedFrame(c, "binary"));
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
        ClientConnection c = connection;
        if (c != null) {
            gateway.closed(c);
        }
    }

    @Override
    public void onError(Session session, Throwable error) {
        ClientConnection c = connection;
        LOG.debug("transport error on {}: {}", c != null ? c : "connection of " + identity.userId(), error.toString());
    }
}
