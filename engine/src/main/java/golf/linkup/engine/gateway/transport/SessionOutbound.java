package golf.linkup.engine.gateway.transport;

import golf.linkup.engine.gateway.connections.Outbound;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.function.Consumer;

/** {@link Outbound} over a Jakarta WebSocket session's asynchronous remote. */
final class SessionOutbound implements Outbound {

    private static final java.nio.ByteBuffer PING = java.nio.ByteBuffer.allocate(0);

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

    /**
     * Room messages go out as the bytes encoded once per room (Undertow's own channel, under the
     * Jakarta session: same frame queue), not re-encoded for every connection.
     */
    @Override
    public void sendRoomMessage(golf.linkup.engine.gateway.history.RoomMessage message, Consumer<Throwable> done) {
        if (!(session instanceof io.undertow.websockets.jsr.UndertowSession undertow)) {
            sendText(message.text(), done);
            return;
        }
        try {
            io.undertow.websockets.core.WebSockets.sendText(java.nio.ByteBuffer.wrap(message.utf8()),
                    undertow.getWebSocketChannel(), new io.undertow.websockets.core.WebSocketCallback<Void>() {
                        @Override
                        public void complete(io.undertow.websockets.core.WebSocketChannel channel, Void context) {
                            done.accept(null);
                        }

                        @Override
                        public void onError(io.undertow.websockets.core.WebSocketChannel channel, Void context,
                                Throwable failure) {
                            done.accept(failure);
                        }
                    });
        } catch (RuntimeException e) {
            done.accept(e);
        }
    }

    @Override
    public void ping() {
        try {
            session.getAsyncRemote().sendPing(PING);
        } catch (IOException | RuntimeException e) {
            // a broken socket: the missing pong closes it
        }
    }

    @Override
    public void abort(int code, String reason) {
        close(code, reason);
        if (session instanceof io.undertow.websockets.jsr.UndertowSession undertow) {
            // the close frame goes out now; do not wait for the answer of a peer that stopped answering
            java.util.concurrent.CompletableFuture.delayedExecutor(ABORT_GRACE_MILLIS,
                    java.util.concurrent.TimeUnit.MILLISECONDS).execute(undertow::forceClose);
        }
    }

    /** How long an aborted session may take to write its close frame before its socket is dropped. */
    static final long ABORT_GRACE_MILLIS = 1_000;

    @Override
    public String remoteAddress() {
        return remoteAddress;
    }

    @Override
    public String userAgent() {
        return userAgent;
    }
}
