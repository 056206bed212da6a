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

    /** Sends one queued message: a room message through {@link #sendRoomMessage}, a text through {@link #sendText}. */
    default void send(Outgoing message, java.util.function.Consumer<Throwable> done) {
        if (message instanceof Outgoing.Room room) {
            sendRoomMessage(room.message(), done);
        } else {
            sendText(message.text(), done);
        }
    }

    /**
     * True when {@link #sendAll} writes several messages together (a WebSocket: one system call for
     * the lot); the send queue then hands it everything waiting at once.
     */
    default boolean writesTogether() {
        return false;
    }

    /**
     * Sends the first {@code count} of {@code messages}, in order, each its own frame; {@code done}
     * gets null once all were written, or the first failure. The array is read before this returns
     * (the caller reuses it). The default sends them one after another through {@link #send}.
     */
    default void sendAll(Outgoing[] messages, int count, java.util.function.Consumer<Throwable> done) {
        WriteCompletion all = new WriteCompletion(count, done);
        for (int i = 0; i < count && !all.failed(); i++) {
            send(messages[i], all);
        }
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
