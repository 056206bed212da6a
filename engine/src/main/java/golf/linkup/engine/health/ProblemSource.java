package golf.linkup.engine.health;

import java.util.List;

/**
 * One check of the engine's health. {@link #problems} is called by {@code /health}, the admin API
 * and the admin stream (about once a second): it must answer within about a second, never throw
 * (a check that fails reports that as a problem), and return an empty list when all is well.
 */
public interface ProblemSource {

    /** Short name, shown as the problem's source and as a component of {@code /health}. */
    String name();

    List<Problem> problems();
}
