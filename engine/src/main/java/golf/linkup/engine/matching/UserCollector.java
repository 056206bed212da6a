package golf.linkup.engine.matching;

import java.util.List;

/**
 * Scores the users a {@link UserSpatialIndex} query visits against one tee time and keeps the best
 * {@code limit} with a score of at least {@code minScore}. The social link is looked up in the
 * host's circle only for a user whose score without it, plus 5, could still be kept.
 */
final class UserCollector implements UserSpatialIndex.Visitor {

    private final Scorer scorer;
    private final ScoringTeeTime teeTime;
    private final long nowMillis;
    private final SocialCircle hostCircle;
    private final int minScore;
    private final TopK<ScoringUser> top;
    /** TIME + AVAILABILITY + the most SOCIAL can give: the same for every user. */
    private final int fixedPoints;

    UserCollector(Scorer scorer, ScoringTeeTime teeTime, long nowMillis, SocialCircle hostCircle, int minScore, int limit) {
        this.scorer = scorer;
        this.teeTime = teeTime;
        this.nowMillis = nowMillis;
        this.hostCircle = hostCircle;
        this.minScore = minScore;
        this.top = new TopK<>(limit);
        this.fixedPoints = Scorer.timePoints(teeTime.startsAtMillis - nowMillis)
                + Scorer.availabilityPoints(teeTime.openSlots) + Factor.SOCIAL.maxPoints();
    }

    @Override
    public void reset() {
        top.clear();
    }

    /** The user's best possible score from primitive facts, refused before the object is read. */
    @Override
    public boolean mayAccept(int industryOrdinal, double squaredChord, int skillRank) {
        int bound = scorer.industryPoints(industryOrdinal, teeTime.industry, teeTime.openToAll)
                + Scorer.proximityBound(squaredChord)
                + Scorer.skillPoints(skillRank, teeTime.skillRank)
                + fixedPoints;
        return bound >= minScore && top.couldAccept(bound);
    }

    @Override
    public void accept(ScoringUser user) {
        int partial = scorer.scoreBeforeSocial(user, teeTime, nowMillis);
        if (partial < 0 || partial + 5 < minScore || !top.couldAccept(partial + 5)) {
            return;
        }
        int score = partial + Scorer.socialPoints(teeTime, hostCircle.contains(user.id));
        if (score >= minScore) {
            top.offer(score, user.id, user);
        }
    }

    List<ScoredUser> ranked() {
        return top.ranked((user, key, score) -> new ScoredUser(key, score));
    }
}
