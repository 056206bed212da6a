package golf.linkup.engine.gateway.connections;

/** The RFC 6455 close codes the gateway uses. */
public final class CloseCodes {

    public static final int NORMAL = 1000;
    /** Server shutting down: reconnect to another instance. */
    public static final int GOING_AWAY = 1001;
    /** Authentication or policy violation. */
    public static final int POLICY_VIOLATION = 1008;
    /** A frame over the size limit. */
    public static final int MESSAGE_TOO_BIG = 1009;
    public static final int INTERNAL_ERROR = 1011;
    /** Application code: the token expired and was not refreshed over the socket (mirrors HTTP 401). */
    public static final int TOKEN_EXPIRED = 4401;
    /** Application code: nothing, not even a pong, came from the client within the pong timeout (mirrors HTTP 408). */
    public static final int HEARTBEAT_TIMEOUT = 4408;

    private CloseCodes() {
    }
}
