package golf.linkup.engine.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import golf.linkup.engine.json.Json;
import golf.linkup.engine.json.JsonResponses;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.List;

/**
 * {@code GET /health}: 200 with {@code status: UP} only while every indicator is up, else 503 with
 * {@code status: DOWN}; each component's status and detail are listed either way.
 */
public final class HealthHandler implements HttpHandler {

    private final List<HealthIndicator> indicators;

    public HealthHandler(List<HealthIndicator> indicators) {
        this.indicators = List.copyOf(indicators);
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ObjectNode components = Json.MAPPER.createObjectNode();
        boolean up = true;
        for (HealthIndicator indicator : indicators) {
            HealthIndicator.Status status;
            try {
                status = indicator.check();
            } catch (RuntimeException e) {
                status = HealthIndicator.Status.down("check failed: " + e);
            }
            up &= status.up();
            ObjectNode c = components.putObject(indicator.name());
            c.put("status", status.up() ? "UP" : "DOWN");
            c.put("detail", status.detail());
        }
        root.put("status", up ? "UP" : "DOWN");
        root.set("components", components);
        JsonResponses.send(exchange, up ? 200 : 503, root.toString());
    }
}
