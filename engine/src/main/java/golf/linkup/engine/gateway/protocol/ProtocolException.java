package golf.linkup.engine.gateway.protocol;

/** A client message the gateway answers with an {@code error} message instead of handling. */
public final class ProtocolException extends Exception {

    private final ErrorCode code;
    private final String ref;

    public ProtocolException(ErrorCode code, String message, String ref) {
        super(message, null, false, false);
        this.code = code;
        this.ref = ref;
    }

    public ErrorCode code() {
        return code;
    }

    /** The client's {@code id} of the refused message, echoed back; null when it had none. */
    public String ref() {
        return ref;
    }
}
