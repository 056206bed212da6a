package golf.linkup.engine.gateway.transport;

import golf.linkup.engine.auth.Identity;
import golf.linkup.engine.gateway.GatewayService;
import golf.linkup.engine.gateway.connections.ClientConnection;
import golf.linkup.engine.gateway.connections.CloseCodes;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
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
    private final String userAgent;
    private final int maxFrameBytes;
    private volatile ClientConnection connection;

    GatewayEndpoint(GatewayService gateway, Identity identity, String remoteAddress, String userAgent,
            int maxFrameBytes) {
        this.gateway = gateway;
        this.identity = identity;
        this.remoteAddress = remoteAddress;
        this.userAgent = userAgent;
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        session.setMaxTextMessageBufferSize(maxFrameBytes);
        session.setMaxBinaryMessageBufferSize(maxFrameBytes);
        ClientConnection c = gateway.open(identity, new SessionOutbound(session, remoteAddress, userAgent));
        connection = c;
        session.addMessageHandler(String.class, new SizeLimitedText(c));
        session.addMessageHandler(PongMessage.class, (MessageHandler.Whole<PongMessage>) pong -> gateway.onPong(c));
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

    /**
     * Assembles text messages from the parts the container hands over, counting UTF-8 bytes as they
     * arrive: a message over the limit closes the connection with 1009 as soon as the limit is
     * crossed, so at most the limit is ever buffered. (Undertow's own max-text-buffer setting is not
     * enforced for this endpoint, so the limit lives here.) The container calls this sequentially
     * per session.
     */
    private final class SizeLimitedText implements MessageHandler.Partial<String> {
        private final ClientConnection connection;
        private final StringBuilder pending = new StringBuilder();
        private long bytes;
        private boolean discarding;

        SizeLimitedText(ClientConnection connection) {
            this.connection = connection;
        }

        @Override
        public void onMessage(String part, boolean last) {
            if (!discarding) {
                bytes += utf8Length(part);
                if (bytes > maxFrameBytes) {
                    discarding = true;
                    pending.setLength(0);
                    pending.trimToSize();
                    LOG.info("closing {} with 1009: a message over {} bytes", connection, maxFrameBytes);
                    connection.close(CloseCodes.MESSAGE_TOO_BIG, "message over " + maxFrameBytes + " bytes");
                } else if (last && pending.length() == 0) {
                    gateway.onText(connection, part);
                } else {
                    pending.append(part);
                    if (last) {
                        gateway.onText(connection, pending.toString());
                    }
                }
            }
            if (last) {
                pending.setLength(0);
                bytes = 0;
                discarding = false;
            }
        }
    }

    static long utf8Length(CharSequence s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch < 0x80) {
                n++;
            } else if (ch < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(ch)) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }
}
