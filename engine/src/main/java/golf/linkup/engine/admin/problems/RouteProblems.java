package golf.linkup.engine.admin.problems;

import golf.linkup.engine.admin.RouteControl;
import golf.linkup.engine.admin.RouteControl.RouteStatus;
import golf.linkup.engine.health.Problem;
import golf.linkup.engine.health.ProblemSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Routes as problems: a route stopped or suspended (critical when it carries events to people,
 * {@link DeliveryRoutes}; a warning otherwise), and a route whose exchanges failed recently (a
 * warning naming the count and the last exception's message). Fixed in the Routes view.
 */
public final class RouteProblems implements ProblemSource {

    private final RouteControl routes;

    public RouteProblems(RouteControl routes) {
        this.routes = routes;
    }

    @Override
    public String name() {
        return "routes";
    }

    @Override
    public List<Problem> problems() {
        List<Problem> out = new ArrayList<>();
        for (RouteStatus r : routes.routes()) {
            String state = r.state();
            if ("Stopped".equals(state) || "Suspended".equals(state)) {
                boolean delivery = DeliveryRoutes.isDelivery(r.id());
                String message = "route " + r.id() + " is " + state.toLowerCase()
                        + (delivery ? ": events it carries are not delivered" : "");
                out.add(delivery ? Problem.critical("route-" + state.toLowerCase() + ":" + r.id(), name(), message, "routes")
                        : Problem.warning("route-" + state.toLowerCase() + ":" + r.id(), name(), message, "routes"));
            }
            if (r.recentFailures() > 0) {
                out.add(Problem.warning("route-failing:" + r.id(), name(), "route " + r.id() + ": "
                        + r.recentFailures() + (r.recentFailures() == 1 ? " failure" : " failures") + " in the last "
                        + RouteControl.RECENT.toMinutes() + " min" + (r.lastError() == null ? ""
                                : "; last: " + r.lastError()), "routes"));
            }
        }
        return out;
    }
}
