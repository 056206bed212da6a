package golf.linkup.engine.http.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import golf.linkup.engine.auth.AuthenticationException;
import golf.linkup.engine.auth.Identity;
import golf.linkup.engine.auth.JwtVerifier;
import golf.linkup.engine.json.JsonResponses;
import golf.linkup.engine.json.Json;
import io.undertow.Handlers;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import io.undertow.util.Headers;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code /api/v1} router: every route needs a Bearer JWT (401 without one), admin routes the
 * {@code admin} role (403). Answers use one shape: {@code {success:true, data}} or
 * {@code {success:false, error:{code, message}}}. A handler's unexpected failure is logged and
 * answered 500 {@code INTERNAL_ERROR}; it never escapes to the server.
 */
public final class ApiRouter {

    private static final Logger LOG = LoggerFactory.getLogger(ApiRouter.class);

    /** Who may call a route. */
    public enum Access { USER, ADMIN }

    /** A route's logic. */
    @FunctionalInterface
    public interface Endpoint {
        ApiResponse handle(ApiRequest request) throws ApiException;
    }

    private final RoutingHandler routes = Handlers.routing();
    private final JwtVerifier verifier;
    private final Predicate<String> knownUser;

    /**
     * A router whose routes write nothing on a user's behalf: {@link ApiRequest#requireKnownUser}
     * refuses nobody.
     */
    public ApiRouter(JwtVerifier verifier) {
        this(verifier, userId -> true);
    }

    /**
     * @param knownUser whether the database knows a user id: a route that writes on a user's behalf
     *                  refuses an unknown one with 404 {@code USER_NOT_FOUND} ({@link ApiRequest#requireKnownUser})
     */
    public ApiRouter(JwtVerifier verifier, Predicate<String> knownUser) {
        this.verifier = verifier;
        this.knownUser = knownUser;
        routes.setFallbackHandler(exchange -> JsonResponses.send(exchange, 404,
                JsonResponses.error("NOT_FOUND", "no API route " + exchange.getRequestMethod() + " "
                        + exchange.getRequestPath())));
        routes.setInvalidMethodHandler(exchange -> JsonResponses.send(exchange, 405,
                JsonResponses.error("METHOD_NOT_ALLOWED", exchange.getRequestMethod() + " is not allowed on "
                        + exchange.getRequestPath())));
    }

    /** Adds a route; {@code template} is relative to {@code /api/v1}, e.g. {@code /users/{id}/recommendations}. */
    public ApiRouter route(String method, String template, Access access, Endpoint endpoint) {
        routes.add(method, template, exchange -> serve(exchange, access, endpoint));
        return this;
    }

    public HttpHandler handler() {
        return routes;
    }

    private void serve(HttpServerExchange exchange, Access access, Endpoint endpoint) {
        Identity identity;
        try {
            identity = verifier.verify(bearer(exchange));
        } catch (AuthenticationException e) {
            exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
            // the verifier's own text also names the WebSocket's ?token=, which this API does not read
            JsonResponses.send(exchange, 401, JsonResponses.error("UNAUTHORIZED", "TOKEN_MISSING".equals(e.code())
                    ? "a JWT is required in the Authorization header: Bearer <JWT>" : e.getMessage()));
            return;
        }
        if (access == Access.ADMIN && !identity.isAdmin()) {
            JsonResponses.send(exchange, 403, JsonResponses.error("FORBIDDEN", "this needs an admin token"));
            return;
        }
        try {
            ApiResponse response = endpoint.handle(new ApiRequest(exchange, identity, knownUser));
            ObjectNode root = Json.MAPPER.createObjectNode();
            root.put("success", true);
            root.set("data", Json.MAPPER.valueToTree(response.data()));
            if (response.message() != null) {
                root.put("message", response.message());
            }
            JsonResponses.send(exchange, response.status(), root.toString());
        } catch (ApiException e) {
            JsonResponses.send(exchange, e.status(), JsonResponses.error(e.code(), e.getMessage()));
        } catch (RuntimeException e) {
            LOG.error("API {} {} failed for {}", exchange.getRequestMethod(), exchange.getRequestPath(),
                    identity.userId(), e);
            JsonResponses.send(exchange, 500, JsonResponses.error("INTERNAL_ERROR", "the server failed to answer"));
        }
    }

    private static String bearer(HttpServerExchange exchange) {
        String auth = exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return auth.substring(7).trim();
        }
        return null;
    }
}
