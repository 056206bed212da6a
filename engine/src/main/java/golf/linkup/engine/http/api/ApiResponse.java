package golf.linkup.engine.http.api;

/** A successful answer: {@code {success:true, data, message?}} with an HTTP status. */
public record ApiResponse(int status, Object data, String message) {

    public static ApiResponse ok(Object data) {
        return new ApiResponse(200, data, null);
    }

    public static ApiResponse ok(Object data, String message) {
        return new ApiResponse(200, data, message);
    }
}
