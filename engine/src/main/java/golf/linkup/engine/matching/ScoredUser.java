package golf.linkup.engine.matching;

import java.util.Objects;

/** A user found for a tee time (a recipient or a suggested player), with the score. Lists are ordered by score desc, then user id. */
public record ScoredUser(String userId, int score) {

    public ScoredUser {
        Objects.requireNonNull(userId, "userId");
    }
}
