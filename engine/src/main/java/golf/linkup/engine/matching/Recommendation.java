package golf.linkup.engine.matching;

import java.util.Objects;

/** A tee time recommended to a user, with its score. Lists are ordered by score desc, then tee time id. */
public record Recommendation(String teeTimeId, int score) {

    public Recommendation {
        Objects.requireNonNull(teeTimeId, "teeTimeId");
    }
}
