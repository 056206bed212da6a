package golf.linkup.app;

import golf.linkup.sandbox.SandboxBanner;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * Ties the engine's parts to the Camel context's life: announce when ready; on stopping, close
 * clients first (1001, so they reconnect elsewhere while routes drain); once stopped, close Redis,
 * the database and the embedded servers. It also keeps {@code routesRunning}, the flag the engine
 * was given at construction (readiness and the status API read it).
 */
final class EngineLifecycle extends EventNotifierSupport {

    private final EngineAssembly engine;
    private final AtomicBoolean routesRunning;

    EngineLifecycle(EngineAssembly engine, AtomicBoolean routesRunning) {
        this.engine = engine;
        this.routesRunning = routesRunning;
        setIgnoreExchangeEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.CamelContextStartedEvent
                || event instanceof CamelEvent.CamelContextStoppingEvent
                || event instanceof CamelEvent.CamelContextStoppedEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        if (event instanceof CamelEvent.CamelContextStartedEvent started) {
            routesRunning.set(true);
            CamelRouteMeters.registerAtZero(started.getContext(), engine.metrics().meterRegistry());
            SandboxBanner.announce(engine);
        } else if (event instanceof CamelEvent.CamelContextStoppingEvent) {
            routesRunning.set(false);
            SandboxBanner.retire(engine);
            engine.stopAcceptingClients();
        } else if (event instanceof CamelEvent.CamelContextStoppedEvent) {
            engine.close();
        }
    }
}
