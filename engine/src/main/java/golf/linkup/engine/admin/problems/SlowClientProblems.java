package golf.linkup.engine.admin.problems;

import golf.linkup.engine.health.Problem;
import golf.linkup.engine.health.ProblemSource;
import java.util.List;
import java.util.function.IntSupplier;

/** More slow clients (send queue past its high-water mark) than the bound: a warning, fixed in the Connections view. */
public final class SlowClientProblems implements ProblemSource {

    private final IntSupplier slowConnections;
    private final int bound;

    /** @param bound slow connections tolerated ({@code linkup.health.slow-clients-max}) */
    public SlowClientProblems(IntSupplier slowConnections, int bound) {
        this.slowConnections = slowConnections;
        this.bound = bound;
    }

    @Override
    public String name() {
        return "slow-clients";
    }

    @Override
    public List<Problem> problems() {
        int slow = slowConnections.getAsInt();
        if (slow <= bound) {
            return List.of();
        }
        return List.of(Problem.warning("slow-clients", name(), slow + " slow connections (bound " + bound
                + "): their send queues are filling and messages to them are being dropped", "connections"));
    }
}
