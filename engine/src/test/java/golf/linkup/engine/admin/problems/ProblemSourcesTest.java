package golf.linkup.engine.admin.problems;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import golf.linkup.engine.admin.RouteControl;
import golf.linkup.engine.admin.figures.Figures;
import golf.linkup.engine.health.Problem;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The console's problem sources as plain objects: what an operator reads for each condition. */
class ProblemSourcesTest {

    static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");

    @Test
    void aStoppedDeliveryRouteIsCriticalAndAnyOtherStoppedRouteAWarning() {
        List<RouteControl.RouteStatus> routes = List.of(route("live-slot-joined", "Stopped", 0, null),
                route("job-reminders", "Suspended", 0, null), route("deliver-email", "Started", 0, null));
        List<Problem> problems = new RouteProblems(routesOf(routes)).problems();
        assertEquals(2, problems.size());
        assertEquals(Problem.Severity.CRITICAL, problems.get(0).severity());
        assertEquals("route-stopped:live-slot-joined", problems.get(0).id());
        assertEquals("route live-slot-joined is stopped: events it carries are not delivered", problems.get(0).message());
        assertEquals(Problem.Severity.WARNING, problems.get(1).severity());
        assertEquals("route job-reminders is suspended", problems.get(1).message());
        assertEquals("routes", problems.get(1).view());
    }

    @Test
    void aRouteWithRecentFailuresNamesTheCountAndTheLastError() {
        List<Problem> problems = new RouteProblems(routesOf(List.of(route("deliver-push", "Started", 3,
                "IllegalStateException: push service answered 500")))).problems();
        assertEquals(1, problems.size());
        assertEquals("route deliver-push: 3 failures in the last 5 min; last: IllegalStateException: push service "
                + "answered 500", problems.get(0).message());
    }

    @Test
    void everyDeliveryPrefixIsCritical() {
        for (String id : List.of("live-x", "ingest-events", "fanout-deliver", "deliver-in_app", "cluster-once",
                "cluster-events", "notify-event", "notify-intents")) {
            assertTrue(DeliveryRoutes.isDelivery(id), id);
        }
        assertTrue(!DeliveryRoutes.isDelivery("job-reminders"));
    }

    @Test
    void theOutboxIsAProblemPastItsBoundAndCriticalPastFiveTimesIt() {
        Duration bound = Duration.ofMinutes(2);
        assertTrue(new OutboxAgeProblems(() -> Optional.of(figures(T0, 0, 119)), bound).problems().isEmpty());
        Problem late = new OutboxAgeProblems(() -> Optional.of(figures(T0, 0, 312)), bound).problems().get(0);
        assertEquals(Problem.Severity.WARNING, late.severity());
        assertEquals("outbox: the oldest due notification waits 312 s (bound 120 s); 7 pending", late.message());
        assertEquals("queues", late.view());
        assertEquals(Problem.Severity.CRITICAL, new OutboxAgeProblems(() -> Optional.of(figures(T0, 0, 601)), bound)
                .problems().get(0).severity());
    }

    @Test
    void deadLettersRisingCountsOnlyTheNewOnesWithinTheWindow() {
        List<Figures> history = new ArrayList<>();
        history.add(figures(T0, 40, 0)); // the 40 before the window are not a problem
        history.add(figures(T0.plusSeconds(60), 41, 0));
        history.add(figures(T0.plusSeconds(600), 43, 0));
        DeadLetterProblems rising = new DeadLetterProblems(() -> history, Duration.ofMinutes(10));
        assertEquals("dead letters: 3 new in the last 10 min (43 in all); refused events wait for a fix and a requeue",
                rising.problems().get(0).message());
        history.add(figures(T0.plusSeconds(1300), 43, 0));
        assertTrue(rising.problems().isEmpty(), "no new dead letter in the last 10 minutes");
    }

    @Test
    void slowClientsPastTheBoundAreAWarningInTheConnectionsView() {
        assertTrue(new SlowClientProblems(() -> 10, 10).problems().isEmpty());
        Problem slow = new SlowClientProblems(() -> 11, 10).problems().get(0);
        assertEquals("connections", slow.view());
        assertTrue(slow.message().startsWith("11 slow connections (bound 10)"));
    }

    static RouteControl.RouteStatus route(String id, String state, long recentFailures, String lastError) {
        return new RouteControl.RouteStatus(id, "", "direct:" + id, state, 10, recentFailures, 0, 1, 1, 1000,
                recentFailures, lastError == null ? null : T0, lastError);
    }

    static RouteControl routesOf(List<RouteControl.RouteStatus> routes) {
        return new RouteControl() {
            @Override
            public List<RouteStatus> routes() {
                return routes;
            }

            @Override
            public RouteStatus apply(String routeId, Action action) {
                throw new UnsupportedOperationException();
            }
        };
    }

    static Figures figures(Instant at, long deadLetters, double oldestDueSeconds) {
        return new Figures(at, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, deadLetters, 0, Map.of(), 7, 0, oldestDueSeconds);
    }
}
