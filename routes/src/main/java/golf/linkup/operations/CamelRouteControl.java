package golf.linkup.operations;

import golf.linkup.engine.admin.RouteControl;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.api.management.ManagedCamelContext;
import org.apache.camel.api.management.mbean.ManagedRouteMBean;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.RouteController;
import org.apache.camel.support.EventNotifierSupport;

/**
 * {@link RouteControl} over Camel: states and actions through the context's {@link RouteController},
 * figures from the managed routes (camel-management; when JMX is off the figures are 0 and the mean -1),
 * and each route's recent failures with the last exception, recorded by an event notifier that hears
 * only failed exchanges (and failures an error handler took), never the ordinary ones. The total of
 * failed exchanges (the figures' error rate, read every second) is that notifier's count, not a walk
 * over the managed routes: each of their figures is a JMX attribute read, and reading every route's
 * once a second was a fifth of an idle engine's CPU samples.
 */
public final class CamelRouteControl implements RouteControl {

    /** Failure times kept per route: enough to count "recent" without growing. */
    private static final int FAILURE_TIMES_KEPT = 1_000;

    private final CamelContext context;
    private final Clock clock;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    /** Exchanges that ended failed (not those an error handler took), since start. */
    private final LongAdder failedExchanges = new LongAdder();

    private static final class Failures {
        final Deque<Instant> times = new ArrayDeque<>();
        volatile Instant lastAt;
        volatile String lastError;

        synchronized void add(Instant at, String error) {
            times.addLast(at);
            if (times.size() > FAILURE_TIMES_KEPT) {
                times.removeFirst();
            }
            lastAt = at;
            lastError = error;
        }

        synchronized long since(Instant from) {
            while (!times.isEmpty() && times.peekFirst().isBefore(from)) {
                times.removeFirst();
            }
            return times.size();
        }
    }

    public CamelRouteControl(CamelContext context) {
        this(context, Clock.systemUTC());
    }

    public CamelRouteControl(CamelContext context, Clock clock) {
        this.context = context;
        this.clock = clock;
        context.getManagementStrategy().addEventNotifier(new FailureRecorder());
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

    @Override
    public long totalFailures() {
        return failedExchanges.sum();
    }

    private RouteStatus status(String routeId) {
        Route route = context.getRoute(routeId);
        ServiceStatus state = context.getRouteController().getRouteStatus(routeId);
        String from = route == null ? "" : route.getEndpoint().getEndpointBaseUri();
        String description = route == null || route.getDescription() == null ? "" : route.getDescription();
        Failures f = failures.get(routeId);
        long recent = f == null ? 0 : f.since(clock.instant().minus(RECENT));
        Instant lastAt = f == null ? null : f.lastAt;
        String lastError = f == null ? null : f.lastError;
        ManagedCamelContext managed = context.getCamelContextExtension().getContextPlugin(ManagedCamelContext.class);
        ManagedRouteMBean m = managed == null ? null : managed.getManagedRoute(routeId);
        if (m == null) {
            return new RouteStatus(routeId, description, from, state == null ? "Unknown" : state.name(), 0, 0, 0, -1, -1,
                    0, recent, lastAt, lastError);
        }
        long exchanges = m.getExchangesCompleted() + m.getExchangesFailed();
        return new RouteStatus(routeId, description, from, state == null ? m.getState() : state.name(), exchanges,
                m.getExchangesFailed(), m.getExchangesInflight(), exchanges == 0 ? -1 : m.getMeanProcessingTime(),
                m.getLastProcessingTime(), m.getUptimeMillis(), recent, lastAt, lastError);
    }

    /** Hears failed exchanges only; records the route that failed and the exception. */
    private final class FailureRecorder extends EventNotifierSupport {

        FailureRecorder() {
            setIgnoreCamelContextEvents(true);
            setIgnoreCamelContextInitEvents(true);
            setIgnoreRouteEvents(true);
            setIgnoreServiceEvents(true);
            setIgnoreStepEvents(true);
            setIgnoreExchangeCreatedEvent(true);
            setIgnoreExchangeCompletedEvent(true);
            setIgnoreExchangeSendingEvents(true);
            setIgnoreExchangeSentEvents(true);
            setIgnoreExchangeRedeliveryEvents(true);
            setIgnoreExchangeAsyncProcessingStartedEvents(true);
        }

        @Override
        public boolean isEnabled(CamelEvent event) {
            return event instanceof CamelEvent.ExchangeFailedEvent || event instanceof CamelEvent.ExchangeFailureHandledEvent;
        }

        @Override
        public void notify(CamelEvent event) {
            Exchange exchange = ((CamelEvent.ExchangeEvent) event).getExchange();
            if (event instanceof CamelEvent.ExchangeFailedEvent) {
                failedExchanges.increment();
            }
            String routeId = exchange.getProperty(Exchange.FAILURE_ROUTE_ID, String.class);
            if (routeId == null) {
                routeId = exchange.getFromRouteId();
            }
            if (routeId == null) {
                return;
            }
            Throwable error = exchange.getException() != null ? exchange.getException()
                    : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
            if (event instanceof CamelEvent.ExchangeFailureHandledEvent
                    && error instanceof golf.linkup.engine.events.InvalidEventException) {
                return; // bad input, handled as designed: "dead letters rising" reports it, not the route
            }
            String text = error == null ? "failed" : error.getClass().getSimpleName()
                    + (error.getMessage() == null ? "" : ": " + error.getMessage());
            failures.computeIfAbsent(routeId, id -> new Failures()).add(clock.instant(), text);
        }
    }
}
