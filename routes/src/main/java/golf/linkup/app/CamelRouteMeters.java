package golf.linkup.app;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.component.micrometer.routepolicy.MicrometerRoutePolicyNamingStrategy;

/**
 * Camel's route policy registers its route timer ({@code camel_route_policy_seconds}) with the first
 * exchange a route completes. Registered here for every route once the context has started, with the
 * same name, tags and description, so the metric exists from start-up at 0 like every other one
 * (Camel then finds and records into these timers).
 */
final class CamelRouteMeters {

    private static final MicrometerRoutePolicyNamingStrategy NAMES = MicrometerRoutePolicyNamingStrategy.DEFAULT;

    private CamelRouteMeters() {
    }

    static void registerAtZero(CamelContext context, MeterRegistry registry) {
        for (Route route : context.getRoutes()) {
            Timer.builder(NAMES.getName(route)).tags(NAMES.getTags(route)).description("Route performance metrics")
                    .register(registry);
        }
        if (!context.getRoutes().isEmpty()) {
            Route any = context.getRoutes().get(0);
            Timer.builder(NAMES.getName(any)).tags(NAMES.getTags(context))
                    .description("CamelContext performance metrics").register(registry);
        }
    }
}
