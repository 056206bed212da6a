package golf.linkup.engine.admin.problems;

import java.util.List;

/**
 * Which routes carry events to people. One of them stopped or suspended means events are not
 * delivered: a critical problem. Any other route stopped is a warning. Route ids are matched by
 * prefix; this is the one list to change when routes are renamed.
 */
public final class DeliveryRoutes {

    /** Prefixes of the route ids that matter for delivery. */
    public static final List<String> PREFIXES = List.of("live-", "ingest-events", "fanout-deliver", "deliver-",
            "cluster-events", "cluster-once", "notify-");

    private DeliveryRoutes() {
    }

    public static boolean isDelivery(String routeId) {
        return PREFIXES.stream().anyMatch(routeId::startsWith);
    }
}
