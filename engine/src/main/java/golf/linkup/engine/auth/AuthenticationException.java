package golf.linkup.engine.auth;

/** A token that does not authenticate anyone. {@code code} is stable for clients; the message is for people. */
public final class AuthenticationException extends Exception {

    private final String code;

    public AuthenticationException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
