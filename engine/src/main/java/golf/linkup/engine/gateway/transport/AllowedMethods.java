package golf.linkup.engine.gateway.transport;

import golf.linkup.engine.json.JsonResponses;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Lets only the named methods through to a handler; any other (TRACE, PUT, DELETE, POST...) gets
 * 405 {@code METHOD_NOT_ALLOWED} with an {@code Allow} header naming the methods that work.
 */
public final class AllowedMethods implements HttpHandler {

    private final List<HttpString> allowed;
    private final String allowHeader;
    private final HttpHandler next;

    private AllowedMethods(HttpHandler next, List<HttpString> allowed) {
        this.next = next;
        this.allowed = allowed;
        this.allowHeader = allowed.stream().map(HttpString::toString).collect(Collectors.joining(", "));
    }

    public static HttpHandler only(HttpHandler next, HttpString... methods) {
        return new AllowedMethods(next, List.of(methods));
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (allowed.contains(exchange.getRequestMethod())) {
            next.handleRequest(exchange);
            return;
        }
        exchange.getResponseHeaders().put(Headers.ALLOW, allowHeader);
        JsonResponses.send(exchange, 405, JsonResponses.error("METHOD_NOT_ALLOWED", exchange.getRequestMethod()
                + " is not allowed on " + exchange.getRequestPath() + "; allowed: " + allowHeader));
    }
}
