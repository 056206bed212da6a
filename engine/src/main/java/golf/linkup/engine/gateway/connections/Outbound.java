package golf.linkup.engine.gateway.connections;

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
