package golf.linkup.engine.matching;

import java.util.List;

/**
 * One targeted matching run of a tee time: {@code matches} are the users who qualify (same industry,
 * or every industry when open to all, within the recipient radius, at or above the minimum score),
 * best first; {@code notified} those of them told now, after the 1-hour cooldown and the per-event
 * cap (at most 5 by default, {@code matching.recipients.max-count}).
 */
public record MatchResult(String teeTimeId, List<ScoredUser> matches, List<ScoredUser> notified, long durationMicros) {

    public int matchCount() {
        return matches.size();
    }

    public int notificationsSent() {
        return notified.size();
    }

    public static MatchResult nothing(String teeTimeId) {
        return new MatchResult(teeTimeId, List.of(), List.of(), 0);
    }
}
