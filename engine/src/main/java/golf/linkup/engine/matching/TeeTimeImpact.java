package golf.linkup.engine.matching;

import java.util.Objects;
import java.util.Set;

/**
 * Which cached top-N lists a change to one tee time can make wrong: every list that contains the
 * tee time (the cache finds those itself, by tee time id), plus the lists of
 * {@code usersWhoCouldNowSeeIt}, users whose list does not contain it but whose score for it
 * may have risen or who may have become eligible. See {@link Recommender#impactOf}. The set is
 * wrapped, not copied (it can hold a whole metro): the creator must not change it afterwards.
 */
public record TeeTimeImpact(String teeTimeId, Set<String> usersWhoCouldNowSeeIt) {

    public TeeTimeImpact {
        Objects.requireNonNull(teeTimeId, "teeTimeId");
        usersWhoCouldNowSeeIt = java.util.Collections.unmodifiableSet(usersWhoCouldNowSeeIt);
    }
}
