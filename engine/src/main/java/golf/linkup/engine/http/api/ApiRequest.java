package golf.linkup.engine.http.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import golf.linkup.engine.auth.Identity;
import golf.linkup.engine.json.Json;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.PathTemplateMatch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Deque;
import java.util.function.Predicate;

/** One authenticated API request: the caller's identity, path and query parameters, the JSON body. */
public final class ApiRequest {

    private final HttpServerExchange exchange;
    private final Identity identity;
    private final Predicate<String> knownUser;

    ApiRequest(HttpServerExchange exchange, Identity identity, Predicate<String> knownUser) {
        this.exchange = exchange;
        this.identity = identity;
        this.knownUser = knownUser;
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

    /**
     * The request body as a JSON object (an empty body is an empty object). Anything else, including
     * JSON that is not an object, trailing text after the object, or a key given twice, is 400
     * {@code INVALID_REQUEST}. Read once: a second call sees an empty body.
     */
    public JsonNode body() throws ApiException {
        String text;
        try {
            exchange.startBlocking();
            text = new String(exchange.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            // the client stopped sending and the read timed out (the server closes the connection);
            // Undertow's stream may then fail with a runtime exception rather than an IOException
            throw ApiException.badRequest("the body could not be read: " + e.getMessage());
        }
        JsonNode body;
        try {
            body = text.isBlank() ? Json.MAPPER.createObjectNode() : STRICT.readTree(text);
        } catch (IOException e) {
            throw ApiException.badRequest("the body is not JSON: " + e.getMessage());
        }
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("the body must be a JSON object");
        }
        return body;
    }

    /** Bodies as {@link #body} reads them: no trailing tokens, no duplicate keys. */
    private static final ObjectReader STRICT = Json.MAPPER.reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /**
     * The caller writes on behalf of {@code userId} (their own, or the one an admin names): the
     * database must know that user, else 404 {@code USER_NOT_FOUND}. Nothing is written for an id
     * the API server never created (a foreign key would refuse it, or the row would be an orphan).
     */
    public void requireKnownUser(String userId) throws ApiException {
        if (!knownUser.test(userId)) {
            throw new ApiException(404, "USER_NOT_FOUND", "user " + userId + " is not known to LinkUp");
        }
    }

    /** The caller must be {@code userId} or an admin. */
    public void requireSelfOrAdmin(String userId) throws ApiException {
        if (!identity.isAdmin() && !identity.userId().equals(userId)) {
            throw ApiException.forbidden("only " + userId + " or an admin may ask this");
        }
    }
}
