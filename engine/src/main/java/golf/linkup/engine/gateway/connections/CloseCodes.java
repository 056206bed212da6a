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

    private CloseCodes() {
    }
}
