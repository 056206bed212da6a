package golf.linkup.operations;

import golf.linkup.engine.admin.RouteControl;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.api.management.ManagedCamelContext;
import org.apache.camel.api.management.mbean.ManagedRouteMBean;
import org.apache.camel.spi.RouteController;

/**
 * {@link RouteControl} over Camel: states and actions through the context's {@link RouteController},
 * figures from the managed routes (camel-management; when JMX is off the figures are 0 and the mean -1).
 */
public final class CamelRouteControl implements RouteControl {

    private final CamelContext context;

    public CamelRouteControl(CamelContext context) {
        this.context = context;
    }

    @Override
    public List<RouteStatus> routes() {
        return context.getRoutes().stream().map(Route::getRouteId).sorted(Comparator.naturalOrder())
                .map(this::status).toList();
    }

    @Override
    public RouteStatus apply(String routeId, Action action) {
        if (context.getRoute(routeId) == null) {
            throw new NoSuchElementException("no route " + routeId);
        }
        RouteController controller = context.getRouteController();
        try {
            switch (action) {
                case START -> controller.startRoute(routeId);
                case STOP -> controller.stopRoute(routeId);
                case SUSPEND -> controller.suspendRoute(routeId);
                case RESUME -> controller.resumeRoute(routeId);
                default -> throw new IllegalStateException("unknown action " + action);
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("could not " + action.name().toLowerCase() + " route " + routeId + ": "
                    + e.getMessage(), e);
        }
        return status(routeId);
    }

    private RouteStatus status(String routeId) {
        Route route = context.getRoute(routeId);
        ServiceStatus state = context.getRouteController().getRouteStatus(routeId);
        String from = route == null ? "" : route.getEndpoint().getEndpointBaseUri();
        String description = route == null || route.getDescription() == null ? "" : route.getDescription();
        ManagedCamelContext managed = context.getCamelContextExtension().getContextPlugin(ManagedCamelContext.class);
        ManagedRouteMBean m = managed == null ? null : managed.getManagedRoute(routeId);
        if (m == null) {
            return new RouteStatus(routeId, description, from, state == null ? "Unknown" : state.name(), 0, 0, 0, -1, -1,
                    0);
        }
        long exchanges = m.getExchangesCompleted() + m.getExchangesFailed();
        return new RouteStatus(routeId, description, from, state == null ? m.getState() : state.name(), exchanges,
                m.getExchangesFailed(), m.getExchangesInflight(), exchanges == 0 ? -1 : m.getMeanProcessingTime(),
                m.getLastProcessingTime(), m.getUptimeMillis());
    }
}
