package golf.linkup.app;

import golf.linkup.engine.admin.RouteControl;
import golf.linkup.engine.notifications.NotificationIntent;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * What the engine needs from the Camel context it runs in. The context exists before the engine is
 * built (the Camel configuration is handed it), but its routes are added and started only after
 * the engine is built, so each of these reads the context when it is called. This is the one place
 * where engine parts see something that is finished after them; every other part is given finished
 * parts when it is built.
 *
 * @param routeControl   the routes' states and start/stop/suspend, for the console (docs/console.md)
 * @param routesRunning  true while the context is started: /health/ready and the status API say so
 * @param wakeDeliveries tells the delivery routes that notifications were queued (they also poll)
 * @param notifyIntents  hands notification intents made outside a route (targeted matching's new
 *                       tee times) to the {@code notify-intents} route: policy, template, outbox
 */
record CamelSide(RouteControl routeControl, BooleanSupplier routesRunning, Runnable wakeDeliveries,
        Consumer<NotificationIntent> notifyIntents) {
}
