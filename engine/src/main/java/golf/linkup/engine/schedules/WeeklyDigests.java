package golf.linkup.engine.schedules;

import golf.linkup.engine.domain.GeoPoint;
import golf.linkup.engine.domain.User;
import golf.linkup.engine.matching.MatchingSettings;
import golf.linkup.engine.matching.Recommendation;
import golf.linkup.engine.notifications.NotificationRules;
import golf.linkup.engine.notifications.intake.NotificationService;
import golf.linkup.engine.storage.MatchingStore;
import golf.linkup.engine.storage.MatchingStore.MatchableTeeTime;
import golf.linkup.engine.storage.Sql;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The weekly digest: on Sunday at 18:00 in each user's own time zone, the top
 * {@link #TOP} matching tee times of the next {@link #AHEAD}, by e-mail.
 * <p>
 * The job runs every 15 minutes (so zones at :30 and :45 offsets get their 18:00 too). Each run takes
 * the time zones in which it is now Sunday, 18:00 or later, and queues the digest of every user there
 * who has a location and no digest yet for that local Sunday ({@code weekly_digests}). A run missed
 * at 18:00 is made up later that evening; after local midnight the week's digest is not sent.
 * Daylight-saving changes need nothing special: "Sunday 18:00" is read in the zone's rules for that
 * day. A "match" is what would have notified the user of a new tee time: a score of at least
 * {@code matching.recipients.min-score} at a course within {@code matching.recipients.radius-km} of
 * them. Users with no match this week get no e-mail (the record says 0), rather than an empty digest.
 */
public final class WeeklyDigests {

    private static final Logger LOG = LoggerFactory.getLogger(WeeklyDigests.class);

    public static final DayOfWeek DAY = DayOfWeek.SUNDAY;
    public static final LocalTime AT = LocalTime.of(18, 0);
    public static final int TOP = 5;
    public static final Duration AHEAD = Duration.ofDays(7);

    /** What one run did. */
    public record Result(int zonesDue, int users, int queued, int withoutMatches, List<String> invalidZones) {
        @Override
        public String toString() {
            return queued + " digests queued, " + withoutMatches + " users without matches, in " + zonesDue
                    + " time zones due" + (invalidZones.isEmpty() ? "" : "; unknown time zones " + invalidZones);
        }
    }

    private final DataSource dataSource;
    private final MatchingStore store;
    private final Function<String, Optional<List<Recommendation>>> recommendations;
    private final int minScore;
    private final double radiusKm;
    private final NotificationRules rules;
    private final NotificationService notifications;
    private final Clock clock;

    /** @param recommendations a user's recommended tee times, best first (empty for an unknown user) */
    public WeeklyDigests(DataSource dataSource, MatchingStore store,
            Function<String, Optional<List<Recommendation>>> recommendations, MatchingSettings matching,
            NotificationRules rules, NotificationService notifications, Clock clock) {
        this.dataSource = dataSource;
        this.store = store;
        this.recommendations = recommendations;
        this.minScore = matching.recipientMinScore();
        this.radiusKm = matching.recipientRadiusKm();
        this.rules = rules;
        this.notifications = notifications;
        this.clock = clock;
    }

    /** The local Sunday whose digest is due now in {@code zone}, if it is Sunday 18:00 or later there. */
    public static Optional<LocalDate> dueSunday(Instant now, ZoneId zone) {
        ZonedDateTime local = now.atZone(zone);
        return local.getDayOfWeek() == DAY && !local.toLocalTime().isBefore(AT)
                ? Optional.of(local.toLocalDate()) : Optional.empty();
    }

    public Result run() {
        Instant now = clock.instant();
        List<String> invalid = new ArrayList<>();
        int zonesDue = 0;
        int users = 0;
        int queued = 0;
        int empty = 0;
        for (String zoneName : Sql.list(dataSource, "list users' time zones",
                "select distinct time_zone from users order by time_zone", row -> row.getString(1))) {
            ZoneId zone;
            try {
                zone = ZoneId.of(zoneName);
            } catch (DateTimeException e) {
                invalid.add(zoneName);
                continue;
            }
            Optional<LocalDate> sunday = dueSunday(now, zone);
            if (sunday.isEmpty()) {
                continue;
            }
            zonesDue++;
            for (String userId : Sql.list(dataSource, "find users due a digest",
                    "select u.id from users u where u.time_zone = ? and u.lat is not null and u.lng is not null"
                            + " and not exists (select 1 from weekly_digests d where d.user_id = u.id"
                            + " and d.local_sunday = ?) order by u.id",
                    row -> row.getString(1), zoneName, sunday.get())) {
                users++;
                List<MatchableTeeTime> best = best(userId, now);
                if (best.isEmpty()) {
                    empty++;
                } else if (!notifications.enqueue(rules.weeklyDigest(userId, best, sunday.get())).queued().isEmpty()) {
                    queued++;
                }
                // recorded after queueing: a crash in between is repaired by the next run (the outbox key holds)
                Sql.update(dataSource, "record a weekly digest",
                        "insert into weekly_digests (user_id, local_sunday, tee_times, queued_at)"
                                + " select ?, ?, ?, ? where not exists (select 1 from weekly_digests"
                                + " where user_id = ? and local_sunday = ?)",
                        userId, sunday.get(), best.size(), now, userId, sunday.get());
            }
        }
        if (!invalid.isEmpty()) {
            LOG.warn("weekly digests: users with unknown time zones {} get no digest", invalid);
        }
        Result result = new Result(zonesDue, users, queued, empty, List.copyOf(invalid));
        if (users > 0) {
            LOG.info("weekly digests: {}", result);
        }
        return result;
    }

    /** The user's best tee times starting within the week ahead, best first. */
    private List<MatchableTeeTime> best(String userId, Instant now) {
        Optional<GeoPoint> home = store.findUser(userId).map(User::location);
        if (home.isEmpty()) {
            return List.of();
        }
        Instant until = now.plus(AHEAD);
        List<MatchableTeeTime> best = new ArrayList<>();
        for (Recommendation r : recommendations.apply(userId).orElse(List.of())) {
            if (r.score() < minScore) {
                break; // best first: the rest score lower
            }
            Optional<MatchableTeeTime> t = store.findTeeTime(r.teeTimeId());
            if (t.isPresent() && t.get().teeTime().startsAt().isAfter(now)
                    && t.get().teeTime().startsAt().isBefore(until)
                    && home.get().distanceKm(t.get().course().location()) <= radiusKm) {
                best.add(t.get());
                if (best.size() == TOP) {
                    break;
                }
            }
        }
        return best;
    }
}
