package golf.linkup.engine.gateway.transport;

import golf.linkup.engine.gateway.connections.Outbound;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.function.Consumer;

/** {@link Outbound} over a Jakarta WebSocket session's asynchronous remote. */
final class SessionOutbound implements Outbound {

    private final Session session;
    private final String remoteAddress;
    private final String userAgent;

    SessionOutbound(Session session, String remoteAddress, String userAgent) {
        this.session = session;
        this.remoteAddress = remoteAddress;
        this.userAgent = userAgent == null ? "" : userAgent;
    }

    @Override
    public void sendText(String text, Consumer<Throwable> done) {
        try {
            session.getAsyncRemote().sendText(text, result -> done.accept(result.isOK() ? null : result.getException()));
        } catch (RuntimeException e) {
            done.accept(e);
        }
    }

    @Override
    public void close(int code, String reason) {
        try {
            if (session.isOpen()) {
                session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
            }
        } catch (IOException | IllegalStateException e) {
            // already closing: nothing to do
        }
    }

    @Override
    public String remoteAddress() {
        return remoteAddress;
    }

    @Override
    public String userAgent() {
        return userAgent;
    }
}
