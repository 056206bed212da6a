package golf.linkup.console.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The engine's admin API over HTTP ({@code /api/v1/admin/...}, docs/openapi.yaml) with an admin
 * token. Calls block (run them off the FX thread) and return the answer's {@code data}; a refusal is
 * an {@link AdminException} with the engine's error code.
 */
public final class AdminClient {

    static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** @param base the engine, e.g. {@code http://localhost:3001} */
    public AdminClient(URI base, String token) {
        this.base = URI.create(base.toString().replaceAll("/+$", ""));
        this.token = token;
    }

    public URI base() {
        return base;
    }

    public String token() {
        return token;
    }

    /** The admin stream's WebSocket URL. */
    public URI streamUri() {
        String scheme = base.getScheme().equals("https") ? "wss" : "ws";
        return URI.create(scheme + "://" + base.getRawAuthority() + "/api/v1/admin/stream?token="
                + URLEncoder.encode(token, StandardCharsets.UTF_8));
    }

    public JsonNode get(String path) {
        return send("GET", path, null);
    }

    public JsonNode post(String path, Object body) {
        return send("POST", path, body);
    }

    /** A path segment, escaped (room names hold colons, route ids dashes). */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private JsonNode send(String method, String path, Object body) {
        try {
            String text = body == null ? "" : body instanceof String s ? s : JSON.writeValueAsString(body);
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/admin" + path))
                    .timeout(Duration.ofSeconds(40))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(text))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode root = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
            if (response.statusCode() / 100 != 2) {
                throw new AdminException(response.statusCode(), root.path("error").path("code").asText("HTTP_"
                        + response.statusCode()), root.path("error").path("message").asText(response.body()));
            }
            return root.path("data");
        } catch (IOException e) {
            throw new AdminException(0, "UNREACHABLE", "cannot reach " + base + ": " + (e.getMessage() == null
                    ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminException(0, "INTERRUPTED", "interrupted");
        }
    }
}
