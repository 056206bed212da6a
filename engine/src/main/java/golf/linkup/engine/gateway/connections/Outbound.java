package golf.linkup.engine.gateway.connections;

import java.util.concurrent.Executor;

/**
 * The sending half of one client connection (a WebSocket session or an SSE stream).
 * {@link #sendText} may complete on any thread; {@code done} gets null on success.
 */
public interface Outbound {

    void sendText(String text, java.util.function.Consumer<Throwable> done);

    /** Closes with a WebSocket close code and a short reason. Idempotent. */
    void close(int code, String reason);

    /** The peer's address, for logs. */
    String remoteAddress();

    /** The client's {@code User-Agent} as given at the handshake (the device, for operators); empty when unknown. */
    default String userAgent() {
        return "";
    }

    /**
     * Sends a room message; transports that number their events (SSE's {@code id:}) use its
     * position. Defaults to {@link #sendText}.
     */
    default void sendRoomMessage(golf.linkup.engine.gateway.history.RoomMessage message,
            java.util.function.Consumer<Throwable> done) {
        sendText(message.text(), done);
    }

    /**
     * False for transports without pongs (SSE): the heartbeat neither pings them nor closes them for
     * silence; their own keep-alive writes find dead peers.
     */
    default boolean answersPings() {
        return true;
    }

    /**
     * The thread that writes this transport's socket (a WebSocket's I/O thread), when it has one: a
     * send started there is written at once, one started elsewhere is handed to it as a task. Fan-out
     * groups its sends per writer ({@code WriteBatches}). Null: sends may start on any thread alike.
     */
    default Executor writer() {
        return null;
    }

    /** Sends a transport-level keep-alive (a WebSocket ping frame); transports without one do nothing. */
    default void ping() {
    }

    /**
     * Drops the transport without waiting for the peer (it stopped answering): a close frame is
     * attempted, but nothing waits for the peer's. Defaults to {@link #close}.
     */
    default void abort(int code, String reason) {
        close(code, reason);
    }
}
