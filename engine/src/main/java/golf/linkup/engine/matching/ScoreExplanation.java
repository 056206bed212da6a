package golf.linkup.engine.matching;

import java.util.List;
import java.util.Objects;

/**
 * Why a user got a score for a tee time: the six factors in {@link Factor} order and their total.
 * When {@code eligible} is false the tee time is never recommended to the user, whatever the
 * points say, and {@code ineligibility} tells why ("tee time is full", "you are the host", ...);
 * {@link Scorer#score} then returns {@link Scorer#INELIGIBLE}.
 */
public record ScoreExplanation(
        String userId,
        String teeTimeId,
        boolean eligible,
        String ineligibility,
        List<FactorScore> factors,
        int total) {

    public ScoreExplanation {
        factors = List.copyOf(factors);
        if (factors.size() != Factor.values().length) {
            throw new IllegalArgumentException("an explanation lists all six factors, got " + factors.size());
        }
        int sum = 0;
        for (int i = 0; i < factors.size(); i++) {
            if (factors.get(i).factor() != Factor.values()[i]) {
                throw new IllegalArgumentException("factors out of order at " + i + ": " + factors.get(i).factor());
            }
            sum += factors.get(i).points();
        }
        if (sum != total) {
            throw new IllegalArgumentException("total " + total + " is not the sum of the factors " + sum);
        }
        if (eligible == (ineligibility != null)) {
            throw new IllegalArgumentException("an ineligible explanation says why, an eligible one does not");
        }
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(teeTimeId, "teeTimeId");
    }

    /** The points of one factor. */
    public int points(Factor factor) {
        return factors.get(factor.ordinal()).points();
    }

    /** The reason of one factor. */
    public String reason(Factor factor) {
        return factors.get(factor.ordinal()).reason();
    }

    /** What {@link Scorer#score} returns for the same pair: the total, or {@link Scorer#INELIGIBLE}. */
    public int scoreOrIneligible() {
        return eligible ? total : Scorer.INELIGIBLE;
    }
}
