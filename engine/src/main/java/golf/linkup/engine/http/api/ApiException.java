package golf.linkup.engine.http.api;

/** An API request answered with an error: HTTP status, a stable upper-case code ({@code USER_NOT_FOUND}) and a message. */
public final class ApiException extends Exception {

    private final int status;
    private final String code;

    public ApiException(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, "NOT_FOUND", what + " not found");
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, "INVALID_REQUEST", message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, "FORBIDDEN", message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
