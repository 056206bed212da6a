package golf.linkup.engine.matching;

/**
 * Told about each user a targeted matching run decided to notify (after the cooldown). The
 * notification pipeline plugs in here; until it does, the decision is recorded in
 * {@code match_notifications} and the run in {@code matching_runs}.
 */
@FunctionalInterface
public interface MatchListener {

    MatchListener NONE = (teeTimeId, user, eventId) -> { };

    void notify(String teeTimeId, ScoredUser user, String eventId);
}
