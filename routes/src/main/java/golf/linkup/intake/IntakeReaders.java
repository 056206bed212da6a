package golf.linkup.intake;

import golf.linkup.engine.health.Problem;
import golf.linkup.engine.health.ProblemSource;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether this instance's stream readers are reading. A reader touches its state after every round
 * trip (a blocking read returns at least every second), so one that has not for
 * {@code staleAfter} is stuck or cut off from Redis: a critical problem, and {@code /health} goes
 * red until it reads again. A reader paused because its route was suspended, or stopped with it, is
 * reported by the routes check instead.
 */
public final class IntakeReaders implements ProblemSource {

    private final Clock clock;
    private final Duration staleAfter;
    private final Map<String, State> readers = new ConcurrentHashMap<>();

    private record State(long lastReadMillis, String lastError, boolean running) {
    }

    public IntakeReaders(Clock clock, Duration staleAfter) {
        this.clock = clock;
        this.staleAfter = staleAfter;
    }

    void read(String reader, int entries) {
        readers.put(reader, new State(clock.millis(), null, true));
    }

    void failed(String reader, Throwable cause) {
        readers.compute(reader, (name, old) -> new State(old == null ? clock.millis() - staleAfter.toMillis()
                : old.lastReadMillis(), cause.toString(), true));
    }

    void paused(String reader) {
        readers.computeIfPresent(reader, (name, old) -> new State(clock.millis(), old.lastError(), false));
    }

    void stopped(String reader) {
        readers.remove(reader);
    }

    /** True while every reader that runs has read within the bound. */
    public boolean reading() {
        return problems().isEmpty();
    }

    @Override
    public String name() {
        return "intake";
    }

    @Override
    public List<Problem> problems() {
        long now = clock.millis();
        List<Problem> problems = new ArrayList<>();
        readers.forEach((reader, state) -> {
            long silent = now - state.lastReadMillis();
            if (state.running() && silent > staleAfter.toMillis()) {
                problems.add(Problem.critical("intake-stalled:" + reader, name(),
                        "the " + reader + " stream reader has not read for " + (silent / 1000) + " s"
                                + (state.lastError() == null ? "" : ": " + state.lastError()), "routes"));
            }
        });
        return problems;
    }
}
