package golf.linkup.console.client;

/** The engine refused an admin call (its error code and message) or could not be reached (code {@code UNREACHABLE}). */
public final class AdminException extends RuntimeException {

    private final int status;
    private final String code;

    public AdminException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    @Override
    public String toString() {
        return code + ": " + getMessage();
    }
}
