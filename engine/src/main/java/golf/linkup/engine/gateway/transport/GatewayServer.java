package golf.linkup.engine.gateway.transport;

import golf.linkup.engine.auth.JwtVerifier;
import golf.linkup.engine.gateway.GatewayService;
import golf.linkup.engine.gateway.limits.ConnectionAdmission;
import golf.linkup.engine.json.JsonResponses;
import golf.linkup.engine.metrics.EngineMetrics;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.PathHandler;
import io.undertow.server.handlers.BlockingHandler;
import io.undertow.util.Methods;
import java.net.InetSocketAddress;
import org.xnio.Options;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's one listening port: WebSocket at {@code /}, HTTP handlers at the paths they are
 * added under (exact paths and prefixes). HTTP handlers run on worker threads, so they may block.
 *
 * <p>Shutdown order matters (see STACK.md): close every connection with 1001 (flushing queues), then stop.
 */
public final class GatewayServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);

    private final String host;
    private final int port;
    private final GatewayService gateway;
    private final JwtVerifier verifier;
    private final EngineMetrics metrics;
    private final int maxFrameBytes;
    private final Map<String, HttpHandler> exactPaths = new LinkedHashMap<>();
    private final Map<String, HttpHandler> prefixPaths = new LinkedHashMap<>();
    private Undertow undertow;
    private int boundPort;

    public GatewayServer(String host, int port, GatewayService gateway, JwtVerifier verifier, EngineMetrics metrics,
            int maxFrameBytes) {
        this.host = host;
        this.port = port;
        this.gateway = gateway;
        this.verifier = verifier;
        this.metrics = metrics;
        this.maxFrameBytes = maxFrameBytes;
    }

    /**
     * Serves {@code handler} at exactly {@code path}. Operations endpoints ({@code /health...},
     * {@code /metrics}) answer GET and HEAD only: any other method gets 405 with {@code Allow}.
     * Call before {@link #start()}.
     */
    public GatewayServer exactPath(String path, HttpHandler handler) {
        exactPaths.put(path, readOnlyIfOperations(path, new BlockingHandler(handler)));
        return this;
    }

    /** Operations endpoints are read-only: probes and scrapers GET them, nothing else does. */
    private static HttpHandler readOnlyIfOperations(String path, HttpHandler handler) {
        boolean operations = path.equals("/metrics") || path.startsWith("/metrics/") || path.equals("/health")
                || path.startsWith("/health/");
        return operations ? AllowedMethods.only(handler, Methods.GET, Methods.HEAD) : handler;
    }

    /**
     * Serves {@code handler} at exactly {@code path} on the I/O thread, not wrapped in a blocking
     * handler: for handlers that upgrade the connection (the admin stream's WebSocket handshake).
     * Call before {@link #start()}.
     */
    public GatewayServer upgradePath(String path, HttpHandler handler) {
        exactPaths.put(path, handler);
        return this;
    }

    /** Serves {@code handler} under {@code prefix}. Call before {@link #start()}. */
    public GatewayServer prefixPath(String prefix, HttpHandler handler) {
        prefixPaths.put(prefix, readOnlyIfOperations(prefix, new BlockingHandler(handler)));
        return this;
    }

    public synchronized void start() {
        PathHandler paths = Handlers.path(exchange -> JsonResponses.send(exchange, 404,
                JsonResponses.error("NOT_FOUND", "no such path: " + exchange.getRequestPath())));
        // one admission bucket for both transports: each new connection costs the same
        var settings = gateway.settings();
        var admission = new ConnectionAdmission(settings.admissionPerSecond(), settings.admissionBurst(),
                (int) settings.admissionMaxRetryAfter().toSeconds());
        paths.addExactPath("/", new GatewayHandshake(gateway, verifier, metrics, admission, maxFrameBytes));
        // the same messages over SSE; a stream is a GET (a POST would have streamed too)
        paths.addExactPath("/sse", AllowedMethods.only(new SseHandler(gateway, verifier, metrics, admission),
                Methods.GET));
        exactPaths.forEach(paths::addExactPath);
        prefixPaths.forEach(paths::addPrefixPath);
        undertow = Undertow.builder()
                .addHttpListener(port, host)
                .setHandler(paths)
                // Undertow keeps each connection's HTTP parser after a WebSocket upgrade; its header
                // value cache (15 entries) would stay with every idle WebSocket (~0.5 KB). HTTP
                // keep-alive requests only lose the reuse of repeated header value strings.
                .setServerOption(UndertowOptions.HTTP_HEADERS_CACHE_SIZE, 0)
                // nothing half-sent can hold a connection: a request head must arrive within the
                // request timeout; a connection that sends no request, or stops in the middle of a
                // body, is closed after the idle timeout (a read waiting that long fails). WebSocket
                // clients answer pings well within it; SSE and busy handlers are not reading.
                .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, millis(gateway.settings().httpRequestTimeout()))
                .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, millis(gateway.settings().httpIdleTimeout()))
                .setSocketOption(Options.READ_TIMEOUT, millis(gateway.settings().httpIdleTimeout()))
                .build();
        undertow.start();
        boundPort = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
        LOG.info("gateway listening on {}:{}", host, boundPort);
    }

    private static int millis(java.time.Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, d.toMillis());
    }

    /** The port actually bound (useful when configured as 0). */
    public int port() {
        return boundPort;
    }

    @Override
    public synchronized void close() {
        if (undertow == null) {
            return;
        }
        int cut = gateway.shutdown("server shutting down", gateway.settings().shutdownTimeout());
        if (cut > 0) {
            LOG.warn("{} connections were closed before their queue drained (linkup.gateway.shutdown-timeout)", cut);
        }
        undertow.stop();
        undertow = null;
        LOG.info("gateway stopped");
    }
}
