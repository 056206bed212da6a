package golf.linkup.engine.admin.problems;

import golf.linkup.engine.admin.figures.Figures;
import golf.linkup.engine.health.Problem;
import golf.linkup.engine.health.ProblemSource;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The notification outbox's oldest due row waiting longer than the bound: a warning, critical past
 * five times the bound (nothing is going out). Read from the figures of the last second (no query
 * of its own). Fixed in the Queues view.
 */
public final class OutboxAgeProblems implements ProblemSource {

    private final Supplier<Optional<Figures>> latest;
    private final Duration bound;

    /** @param bound {@code linkup.health.outbox-max-age} */
    public OutboxAgeProblems(Supplier<Optional<Figures>> latest, Duration bound) {
        this.latest = latest;
        this.bound = bound;
    }

    @Override
    public String name() {
        return "outbox";
    }

    @Override
    public List<Problem> problems() {
        double waits = latest.get().map(Figures::outboxOldestDueSeconds).orElse(0.0);
        double boundSeconds = bound.toMillis() / 1000.0;
        if (waits <= boundSeconds) {
            return List.of();
        }
        String message = String.format(java.util.Locale.ROOT,
                "outbox: the oldest due notification waits %.0f s (bound %.0f s); %d pending", waits, boundSeconds,
                latest.get().map(Figures::outboxPending).orElse(0L));
        return List.of(waits > 5 * boundSeconds ? Problem.critical("outbox-age", name(), message, "queues")
                : Problem.warning("outbox-age", name(), message, "queues"));
    }
}
