package golf.linkup.engine.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import golf.linkup.engine.auth.Identity;
import golf.linkup.engine.json.Json;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.PathTemplateMatch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Deque;

/** One authenticated API request: the caller's identity, path and query parameters, the JSON body. */
public final class ApiRequest {

    private final HttpServerExchange exchange;
    private final Identity identity;

    ApiRequest(HttpServerExchange exchange, Identity identity) {
        this.exchange = exchange;
        this.identity = identity;
    }

    public Identity identity() {
        return identity;
    }

    /** A path parameter of the route template ({@code {id}}). */
    public String path(String name) {
        PathTemplateMatch match = exchange.getAttachment(PathTemplateMatch.ATTACHMENT_KEY);
        return match == null ? null : match.getParameters().get(name);
    }

    /** A required query parameter. */
    public String query(String name) throws ApiException {
        Deque<String> values = exchange.getQueryParameters().get(name);
        if (values == null || values.isEmpty() || values.peekFirst().isBlank()) {
            throw ApiException.badRequest("query parameter '" + name + "' is required");
        }
        return values.peekFirst();
    }

    /** An optional whole-number query parameter within bounds. */
    public int intQuery(String name, int defaultValue, int min, int max) throws ApiException {
        Deque<String> values = exchange.getQueryParameters().get(name);
        if (values == null || values.isEmpty() || values.peekFirst().isBlank()) {
            return defaultValue;
        }
        try {
            int v = Integer.parseInt(values.peekFirst());
            if (v < min || v > max) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("query parameter '" + name + "' must be a whole number " + min + ".." + max);
        }
    }

    /** The request body as JSON (an empty body is an empty object). */
    public JsonNode body() throws ApiException {
        try {
            exchange.startBlocking();
            String text = new String(exchange.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return text.isBlank() ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw ApiException.badRequest("the body is not JSON: " + e.getMessage());
        }
    }

    /** The caller must be {@code userId} or an admin. */
    public void requireSelfOrAdmin(String userId) throws ApiException {
        if (!identity.isAdmin() && !identity.userId().equals(userId)) {
            throw ApiException.forbidden("only " + userId + " or an admin may ask this");
        }
    }
}
