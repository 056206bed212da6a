package golf.linkup.engine.matching;

import java.util.Objects;
import java.util.List;

/**
 * Which cached top-N lists a change to one tee time can make wrong: every list that contains the
 * tee time (the cache finds those itself, by tee time id), plus the lists of
 * {@code usersWhoCouldNowSeeIt}, users whose list does not contain it but whose score for it
 * may have risen or who may have become eligible, each once, in no particular order. See
 * {@link Recommender#impactOf}. The list is wrapped, not copied (it can hold a whole metro): the
 * creator must not change it afterwards.
 */
public record TeeTimeImpact(String teeTimeId, List<String> usersWhoCouldNowSeeIt) {

    public TeeTimeImpact {
        Objects.requireNonNull(teeTimeId, "teeTimeId");
        usersWhoCouldNowSeeIt = java.util.Collections.unmodifiableList(usersWhoCouldNowSeeIt);
    }
}
