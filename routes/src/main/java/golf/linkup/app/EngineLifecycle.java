package golf.linkup.app;

import golf.linkup.sandbox.SandboxBanner;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * Ties the engine's parts to the Camel context's life: announce when ready; on stopping, close
 * clients first (1001, so they reconnect elsewhere while routes drain); once stopped, close Redis,
 * the database and the embedded servers.
 */
final class EngineLifecycle extends EventNotifierSupport {

    private final EngineComponents engine;

    EngineLifecycle(EngineComponents engine) {
        this.engine = engine;
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
        if (event instanceof CamelEvent.CamelContextStartedEvent) {
            engine.routesRunning(true);
            CamelRouteMeters.registerAtZero(((CamelEvent.CamelContextStartedEvent) event).getContext(),
                    engine.metrics().meterRegistry());
            SandboxBanner.announce(engine);
        } else if (event instanceof CamelEvent.CamelContextStoppingEvent) {
            SandboxBanner.retire(engine);
            engine.stopAcceptingClients();
        } else if (event instanceof CamelEvent.CamelContextStoppedEvent) {
            engine.close();
        }
    }
}
