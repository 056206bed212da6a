package golf.linkup.engine.gateway.transport;

import golf.linkup.engine.auth.AuthenticationException;
import golf.linkup.engine.auth.Identity;
import golf.linkup.engine.auth.JwtVerifier;
import golf.linkup.engine.gateway.GatewayService;
import golf.linkup.engine.http.JsonResponses;
import golf.linkup.engine.metrics.EngineMetrics;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.util.Map;

/**
 * The WebSocket handshake at {@code /}. The JWT (query parameter {@code token}, or
 * {@code Authorization: Bearer}) is verified BEFORE the upgrade: a bad token is refused with HTTP
 * 401 and a JSON error, and no WebSocket is ever opened. A good one is upgraded with an endpoint
 * instance of its own that carries the verified identity (Jakarta WebSocket 2.1
 * {@code upgradeHttpToWebSocket}), so no per-connection state is shared between handshakes.
 * Before the token: a browser {@code Origin} outside {@code linkup.gateway.allowed-origins} gets
 * 403 {@code ORIGIN_NOT_ALLOWED}; an instance shutting down or full gets 503 with Retry-After.
 */
final class GatewayUpgradeServlet extends HttpServlet {

    private final GatewayService gateway;
    private final JwtVerifier verifier;
    private final EngineMetrics metrics;
    private final int maxFrameBytes;

    GatewayUpgradeServlet(GatewayService gateway, JwtVerifier verifier, EngineMetrics metrics, int maxFrameBytes) {
        this.gateway = gateway;
        this.verifier = verifier;
        this.metrics = metrics;
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!"websocket".equalsIgnoreCase(req.getHeader("Upgrade"))) {
            write(resp, 426, JsonResponses.error("UPGRADE_REQUIRED",
                    "this is the LinkUp WebSocket endpoint: connect with a WebSocket client and ?token=JWT; "
                            + "the HTTP API is under /api/v1"));
            return;
        }
        String origin = req.getHeader("Origin");
        if (!gateway.settings().allowsOrigin(origin)) {
            metrics.handshakeRejected("ORIGIN_NOT_ALLOWED");
            write(resp, 403, JsonResponses.error("ORIGIN_NOT_ALLOWED",
                    "origin " + origin + " may not connect (linkup.gateway.allowed-origins)"));
            return;
        }
        var refusal = gateway.refusal();
        if (refusal.isPresent()) {
            metrics.handshakeRejected(refusal.get());
            resp.setHeader("Retry-After", "1");
            write(resp, 503, JsonResponses.error(refusal.get(), refusal.get().equals("SHUTTING_DOWN")
                    ? "this instance is shutting down: connect again (another instance answers)"
                    : "this instance holds its maximum of connections: connect again later"));
            return;
        }
        Identity identity;
        try {
            identity = verifier.verify(token(req));
        } catch (AuthenticationException e) {
            metrics.handshakeRejected(e.code());
            // RFC 6750: no error attribute when the request carried no credentials at all
            resp.setHeader("WWW-Authenticate", "TOKEN_MISSING".equals(e.code()) ? "Bearer"
                    : "Bearer error=\"invalid_token\"");
            write(resp, 401, JsonResponses.error(e.code(), e.getMessage()));
            return;
        }
        ServerContainer container = (ServerContainer) req.getServletContext()
                .getAttribute(ServerContainer.class.getName());
        String remote = req.getRemoteAddr() + ":" + req.getRemotePort();
        GatewayEndpoint endpoint = new GatewayEndpoint(gateway, identity, remote, req.getHeader("User-Agent"),
                maxFrameBytes);
        ServerEndpointConfig config = ServerEndpointConfig.Builder.create(GatewayEndpoint.class, "/")
                .configurator(new ServerEndpointConfig.Configurator() {
                    @Override
                    public <T> T getEndpointInstance(Class<T> type) {
                        return type.cast(endpoint);
                    }
                })
                .build();
        try {
            container.upgradeHttpToWebSocket(req, resp, config, Map.of());
        } catch (DeploymentException e) {
            throw new IOException("WebSocket upgrade failed", e);
        }
    }

    private static String token(HttpServletRequest req) {
        String token = req.getParameter("token");
        if (token != null && !token.isBlank()) {
            return token;
        }
        String auth = req.getHeader("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return auth.substring(7).trim();
        }
        return null;
    }

    private static void write(HttpServletResponse resp, int status, String json) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        resp.getWriter().write(json);
    }
}
