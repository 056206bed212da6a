package golf.linkup.engine.matching;

import java.util.Objects;

/** One factor's points in a score and the human reason for them ("18.4 km from the course"). */
public record FactorScore(Factor factor, int points, String reason) {

    public FactorScore {
        Objects.requireNonNull(factor, "factor");
        Objects.requireNonNull(reason, "reason");
        if (points < 0 || points > factor.maxPoints()) {
            throw new IllegalArgumentException(factor + " points out of 0.." + factor.maxPoints() + ": " + points);
        }
    }
}
