package golf.linkup.engine.demo;

import golf.linkup.engine.json.JsonResponses;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the demo page under {@value #MOUNT_PATH} (a prefix path): {@code /demo} redirects to
 * {@code /demo/}, {@code /demo/} is {@code DIR/demo/index.html}, {@code /demo/NAME} a file of
 * {@code DIR/demo/}, and {@code /demo/linkup-client.js} the client module {@code DIR/js/linkup-client.js}
 * (the page imports it from there, so the page and the client are always the versions in the repo).
 *
 * <p>Only flat names of the types below are served ({@code [a-z0-9-.]}, no slash), so nothing
 * outside the two folders can be reached. Files are read on each request ({@code no-cache}), so an
 * edit shows on reload. The CSP keeps the page to its own scripts and its own WebSocket.
 */
public final class DemoPage implements HttpHandler {

    public static final String MOUNT_PATH = "/demo";
    static final String CLIENT_MODULE = "linkup-client.js";

    private static final Logger LOG = LoggerFactory.getLogger(DemoPage.class);
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{0,80}\\.(html|css|js|mjs|svg|ico)");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "mjs", "text/javascript; charset=utf-8",
            "svg", "image/svg+xml",
            "ico", "image/x-icon");
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private final Path pageDir;
    private final Path clientModule;

    /** @param clientsDir the repository's {@code clients/} folder ({@code linkup.demo.dir}) */
    public DemoPage(Path clientsDir) {
        this.pageDir = clientsDir.resolve("demo");
        this.clientModule = clientsDir.resolve("js").resolve(CLIENT_MODULE);
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        if (!Methods.GET.equals(exchange.getRequestMethod()) && !Methods.HEAD.equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().put(Headers.ALLOW, "GET, HEAD");
            JsonResponses.send(exchange, 405, JsonResponses.error("METHOD_NOT_ALLOWED",
                    exchange.getRequestMethod() + " is not allowed on the demo page"));
            return;
        }
        String relative = exchange.getRelativePath();
        if (relative.isEmpty()) {
            exchange.setStatusCode(302);
            exchange.getResponseHeaders().put(Headers.LOCATION, MOUNT_PATH + "/"
                    + (exchange.getQueryString().isEmpty() ? "" : "?" + exchange.getQueryString()));
            exchange.endExchange();
            return;
        }
        String name = relative.equals("/") ? "index.html" : relative.substring(1);
        if (!NAME.matcher(name).matches()) {
            notFound(exchange, name);
            return;
        }
        Path file = name.equals(CLIENT_MODULE) ? clientModule : pageDir.resolve(name);
        byte[] body;
        try {
            body = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            notFound(exchange, name);
            return;
        } catch (IOException e) {
            LOG.warn("cannot read the demo file {}: {}", file, e.toString());
            JsonResponses.send(exchange, 500, JsonResponses.error("INTERNAL_ERROR", "cannot read " + name));
            return;
        }
        var headers = exchange.getResponseHeaders();
        headers.put(Headers.CONTENT_TYPE, TYPES.get(name.substring(name.lastIndexOf('.') + 1)));
        headers.put(Headers.CACHE_CONTROL, "no-cache");
        headers.put(HttpString.tryFromString("X-Content-Type-Options"), "nosniff");
        headers.put(HttpString.tryFromString("Referrer-Policy"), "no-referrer");
        headers.put(HttpString.tryFromString("Content-Security-Policy"), CSP);
        headers.put(Headers.CONTENT_LENGTH, body.length);
        if (Methods.HEAD.equals(exchange.getRequestMethod())) {
            exchange.endExchange();
        } else {
            exchange.getResponseSender().send(ByteBuffer.wrap(body));
        }
    }

    private static void notFound(HttpServerExchange exchange, String name) {
        JsonResponses.send(exchange, 404, JsonResponses.error("NOT_FOUND", "no demo file '" + name + "'"));
    }
}
