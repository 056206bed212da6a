package golf.linkup.engine.gateway.connections;

/**
 * The sending half of one client connection (a WebSocket session, or an SSE stream later).
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
}
