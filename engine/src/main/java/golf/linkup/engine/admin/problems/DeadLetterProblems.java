package golf.linkup.engine.admin.problems;

import golf.linkup.engine.admin.figures.Figures;
import golf.linkup.engine.health.Problem;
import golf.linkup.engine.health.ProblemSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * Dead letters rising: new refused events within the window (a warning with how many, fixed in the
 * Queues view). Read from the figures' history (one count a second), so it needs no state of its
 * own: the count now minus the count at the window's start (or at the oldest figures kept).
 */
public final class DeadLetterProblems implements ProblemSource {

    private final Supplier<List<Figures>> history;
    private final Duration window;

    public DeadLetterProblems(Supplier<List<Figures>> history, Duration window) {
        this.history = history;
        this.window = window;
    }

    @Override
    public String name() {
        return "dead-letters";
    }

    @Override
    public List<Problem> problems() {
        List<Figures> figures = history.get();
        if (figures.isEmpty()) {
            return List.of();
        }
        Figures last = figures.get(figures.size() - 1);
        Instant from = last.at().minus(window);
        Figures baseline = figures.get(0);
        for (Figures f : figures) {
            if (!f.at().isBefore(from)) {
                baseline = f;
                break;
            }
        }
        long rise = last.deadLetters() - baseline.deadLetters();
        if (rise <= 0) {
            return List.of();
        }
        long minutes = Math.max(1, Math.min(window.toMinutes(), Duration.between(baseline.at(), last.at()).toMinutes()));
        return List.of(Problem.warning("dead-letters-rising", name(), "dead letters: " + rise + " new in the last "
                + minutes + " min (" + last.deadLetters() + " in all); refused events wait for a fix and a requeue",
                "queues"));
    }
}
