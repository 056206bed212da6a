package golf.linkup.engine.health;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's problems now: every {@link ProblemSource} asked in turn. {@code /health} (readiness:
 * no {@link Problem.Severity#CRITICAL} problem), the admin API and the console's problems list read
 * this one place, so they always agree. A source that throws is itself reported as a critical
 * problem rather than hiding the others.
 */
public final class HealthMonitor {

    private static final Logger LOG = LoggerFactory.getLogger(HealthMonitor.class);

    private final List<ProblemSource> sources;

    public HealthMonitor(List<ProblemSource> sources) {
        this.sources = List.copyOf(sources);
    }

    public List<ProblemSource> sources() {
        return sources;
    }

    /** Every current problem, critical first, then by source and id. */
    public List<Problem> problems() {
        List<Problem> all = new ArrayList<>();
        for (ProblemSource source : sources) {
            all.addAll(problemsOf(source));
        }
        all.sort(ORDER);
        return all;
    }

    /** One source's problems; a failing check becomes a critical problem of its own. */
    public static List<Problem> problemsOf(ProblemSource source) {
        try {
            return source.problems();
        } catch (RuntimeException e) {
            LOG.warn("health check {} failed", source.name(), e);
            return List.of(Problem.critical("check-failed:" + source.name(), source.name(),
                    "the " + source.name() + " check failed: " + e, "overview"));
        }
    }

    public static final Comparator<Problem> ORDER = Comparator
            .comparing((Problem p) -> p.severity() == Problem.Severity.CRITICAL ? 0 : 1)
            .thenComparing(Problem::source)
            .thenComparing(Problem::id);
}
