package golf.linkup.engine.health;

import java.util.Objects;

/**
 * Something an operator should look at now. {@code /health}, the admin API and the console's
 * problems list all show the same problems, computed by {@link HealthMonitor}.
 *
 * @param id       stable while the condition lasts (e.g. {@code route-stopped:fanout-deliver}), so a
 *                 console can tell a new problem from one it already shows
 * @param severity {@link Severity#CRITICAL} makes the instance not ready; {@link Severity#WARNING}
 *                 only degrades it
 * @param source   the check that found it ({@code routes}, {@code redis}, {@code outbox}, …)
 * @param message  one sentence for a person, with the figures ("outbox: oldest due row waits 312 s, bound 120 s")
 * @param view     the console view where it is fixed ({@code routes}, {@code queues}, {@code connections},
 *                 {@code overview})
 */
public record Problem(String id, Severity severity, String source, String message, String view) {

    public Problem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(message, "message");
        view = view == null ? "overview" : view;
    }

    public static Problem critical(String id, String source, String message, String view) {
        return new Problem(id, Severity.CRITICAL, source, message, view);
    }

    public static Problem warning(String id, String source, String message, String view) {
        return new Problem(id, Severity.WARNING, source, message, view);
    }

    public enum Severity {
        /** Degraded: the instance still serves (ready), an operator should look. */
        WARNING,
        /** Not ready: the instance cannot do its job (delivery stopped, Redis or the database gone). */
        CRITICAL
    }
}
