package golf.linkup.engine.admin;

import java.util.List;
import java.util.NoSuchElementException;

/**
 * The routes of this instance as operators see and steer them. The routes module implements it over
 * Camel's route controller and managed routes; the engine knows no Camel.
 */
public interface RouteControl {

    /**
     * One route's state and figures since the context started.
     *
     * @param state      Started, Stopped, Suspended, Starting, Stopping...
     * @param meanMillis mean processing time of a completed exchange, -1 when none completed
     * @param recentFailures exchanges that failed (or whose failure an error handler took) in the last
     *                   {@link #RECENT}
     * @param lastFailureAt when the last one failed, null when none has
     * @param lastError  the last failure's exception, as {@code Type: message}; null when none
     */
    record RouteStatus(String id, String description, String from, String state, long exchanges, long failures,
            long inflight, long meanMillis, long lastMillis, long uptimeMillis, long recentFailures,
            java.time.Instant lastFailureAt, String lastError) {
    }

    /** The window of {@link RouteStatus#recentFailures()}. */
    java.time.Duration RECENT = java.time.Duration.ofMinutes(5);

    /** What an operator may do to a route. */
    enum Action {
        START, STOP, SUSPEND, RESUME;

        /** {@code "stop"} → STOP; empty for anything else. */
        public static java.util.Optional<Action> parse(String text) {
            for (Action a : values()) {
                if (a.name().equalsIgnoreCase(text)) {
                    return java.util.Optional.of(a);
                }
            }
            return java.util.Optional.empty();
        }
    }

    /** Every route, ordered by id. */
    List<RouteStatus> routes();

    /**
     * Applies {@code action} and returns the route's state afterwards. Stopping waits for in-flight
     * exchanges (bounded by the context's shutdown timeout).
     *
     * @throws NoSuchElementException when no route has that id
     */
    RouteStatus apply(String routeId, Action action);

    /**
     * Failed exchanges over every route since start (the figures' error rate reads it each second, so
     * an implementation should keep a count rather than walk {@link #routes()}).
     */
    default long totalFailures() {
        return routes().stream().mapToLong(RouteStatus::failures).sum();
    }
}
