package golf.linkup.engine.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import golf.linkup.engine.health.HealthMonitor;
import golf.linkup.engine.health.Problem;
import golf.linkup.engine.health.ProblemSource;
import golf.linkup.engine.json.Json;
import golf.linkup.engine.json.JsonResponses;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The health endpoints, as load balancers and Kubernetes read them, all from one {@link HealthMonitor}:
 * <ul>
 *   <li>{@code /health/live} (liveness): 200 while the process serves HTTP at all. Restarting the
 *       process would not fix a lost Redis or database, so those do not make it fail.</li>
 *   <li>{@code /health/ready} (readiness): 200 while there is no critical problem (delivery routes
 *       running, Redis and the database answering, the event readers reading), else 503; 503
 *       also once shutdown has begun.</li>
 *   <li>{@code /health}: the combined view: {@code UP} (200), {@code DEGRADED} (200: only warnings,
 *       e.g. intake lag or an outbox backlog), or {@code DOWN} (503), each component's status and
 *       detail, and every problem with its reason. No connection strings or credentials are shown.</li>
 * </ul>
 */
public final class HealthHandler implements HttpHandler {

    public enum Kind { COMBINED, LIVENESS, READINESS }

    private final HealthMonitor monitor;
    private final BooleanSupplier shuttingDown;
    private final Kind kind;

    public HealthHandler(HealthMonitor monitor, BooleanSupplier shuttingDown, Kind kind) {
        this.monitor = monitor;
        this.shuttingDown = shuttingDown;
        this.kind = kind;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        if (exchange.isInIoThread()) {
            exchange.dispatch(this); // the checks ask Redis and the database
            return;
        }
        ObjectNode root = Json.MAPPER.createObjectNode();
        if (kind == Kind.LIVENESS) {
            root.put("status", "UP");
            JsonResponses.send(exchange, 200, root.toString());
            return;
        }
        List<Problem> problems = new ArrayList<>();
        ObjectNode components = Json.MAPPER.createObjectNode();
        for (ProblemSource source : monitor.sources()) {
            List<Problem> found = HealthMonitor.problemsOf(source);
            problems.addAll(found);
            String status = statusOf(found);
            String detail = found.isEmpty() ? "ok"
                    : String.join("; ", found.stream().map(Problem::message).toList());
            // several sources may share a name (one per subscription): the worst status wins
            ObjectNode c = (ObjectNode) components.get(source.name());
            if (c == null) {
                components.putObject(source.name()).put("status", status).put("detail", detail);
            } else if (!found.isEmpty()) {
                if (rank(status) > rank(c.path("status").asText())) {
                    c.put("status", status);
                }
                c.put("detail", "ok".equals(c.path("detail").asText()) ? detail : c.path("detail").asText() + "; " + detail);
            }
        }
        problems.sort(HealthMonitor.ORDER);
        boolean stopping = shuttingDown.getAsBoolean();
        String status = stopping ? "DOWN" : statusOf(problems);
        root.put("status", status);
        if (stopping) {
            root.put("reason", "not serving: starting or shutting down");
        }
        root.set("components", components);
        ArrayNode list = root.putArray("problems");
        for (Problem p : problems) {
            ObjectNode n = list.addObject();
            n.put("id", p.id());
            n.put("severity", p.severity().name());
            n.put("source", p.source());
            n.put("message", p.message());
        }
        int code = "DOWN".equals(status) ? 503 : 200;
        JsonResponses.send(exchange, code, root.toString());
    }

    private static String statusOf(List<Problem> problems) {
        String status = "UP";
        for (Problem p : problems) {
            if (p.severity() == Problem.Severity.CRITICAL) {
                return "DOWN";
            }
            status = "DEGRADED";
        }
        return status;
    }

    private static int rank(String status) {
        return switch (status) {
            case "DOWN" -> 2;
            case "DEGRADED" -> 1;
            default -> 0;
        };
    }

    /** A {@link HealthIndicator} as a problem source: down is a critical problem. */
    public static ProblemSource critical(HealthIndicator indicator, String view) {
        return new ProblemSource() {
            @Override
            public String name() {
                return indicator.name();
            }

            @Override
            public List<Problem> problems() {
                HealthIndicator.Status status = indicator.check();
                return status.up() ? List.of() : List.of(Problem.critical("down:" + indicator.name(),
                        indicator.name(), indicator.name() + ": " + status.detail(), view));
            }
        };
    }
}
