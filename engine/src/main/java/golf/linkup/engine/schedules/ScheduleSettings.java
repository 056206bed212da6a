package golf.linkup.engine.schedules;

import golf.linkup.engine.config.SettingsReader;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * When the timed jobs run ({@code linkup.schedules.*} in application.properties). Schedules are
 * Quartz cron expressions (seconds first) read in {@code zone}; the routes check each expression at
 * start-up and name the key of a bad one.
 *
 * @param crons           cron expression per job name ({@link #JOBS} order)
 * @param zone            the zone the cron expressions are read in (the clean-up's 03:00)
 * @param cleanUpBatch    rows per clean-up batch (each batch is one short transaction)
 * @param threads         worker threads of this instance's scheduler
 * @param idleWait        how often an idle scheduler looks for triggers another instance added
 */
public record ScheduleSettings(Map<String, String> crons, ZoneId zone, int cleanUpBatch, int threads,
                               Duration idleWait) {

    public static final String REMINDERS = "reminders";
    public static final String WEEKLY_DIGESTS = "weekly-digests";
    public static final String DAILY_CLEAN_UP = "daily-clean-up";
    public static final String MATCHING_RECONCILER = "matching-reconciler";
    public static final String EXPIRE_HOLDS = "expire-holds";
    public static final String EXPIRE_OFFERS = "expire-offers";
    public static final String DETECT_NO_SHOWS = "detect-no-shows";
    public static final String TRIM_EVENT_STREAM = "trim-event-stream";
    /** Missed-message digests: often, since the schedule bounds how late a digest goes after its delay. */
    public static final String MISSED_DIGESTS = "missed-digests";
    /** The push fallback of unacknowledged in-app notifications: often, it bounds how late the push goes. */
    public static final String RECEIPT_FALLBACKS = "receipt-fallbacks";

    /** Job name → default schedule (docs/architecture.md, "Timed jobs"). */
    public static final Map<String, String> JOBS = defaults();

    private static Map<String, String> defaults() {
        Map<String, String> jobs = new LinkedHashMap<>();
        jobs.put(REMINDERS, "0 0 * * * ?");
        jobs.put(WEEKLY_DIGESTS, "0 0/15 * * * ?");
        jobs.put(DAILY_CLEAN_UP, "0 0 3 * * ?");
        jobs.put(MATCHING_RECONCILER, "0 0/15 * * * ?");
        jobs.put(EXPIRE_HOLDS, "0/5 * * * * ?");
        jobs.put(EXPIRE_OFFERS, "0/15 * * * * ?");
        jobs.put(DETECT_NO_SHOWS, "0 0/15 * * * ?");
        jobs.put(TRIM_EVENT_STREAM, "30 * * * * ?");
        jobs.put(MISSED_DIGESTS, "0/5 * * * * ?");
        jobs.put(RECEIPT_FALLBACKS, "2/5 * * * * ?");
        return java.util.Collections.unmodifiableMap(jobs);
    }

    public ScheduleSettings {
        crons = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(crons));
    }

    /** The key of a job's schedule, e.g. {@code linkup.schedules.reminders}. */
    public static String key(String job) {
        return "linkup.schedules." + job;
    }

    public static ScheduleSettings read(SettingsReader in) {
        Map<String, String> crons = new LinkedHashMap<>();
        JOBS.forEach((job, cron) -> crons.put(job, in.string(key(job), cron).trim()));
        String zoneName = in.string("linkup.schedules.zone", "UTC");
        ZoneId zone = ZoneId.of("UTC");
        try {
            zone = ZoneId.of(zoneName);
        } catch (DateTimeException e) {
            in.refuse("linkup.schedules.zone", "'" + zoneName + "' is not a time zone");
        }
        return new ScheduleSettings(crons, zone,
                in.integer("linkup.schedules.clean-up-batch", 500, 1, 100_000),
                in.integer("linkup.schedules.threads", 3, 1, 50),
                in.duration("linkup.schedules.idle-wait", Duration.ofSeconds(1)));
    }

    public String cron(String job) {
        String cron = crons.get(job);
        if (cron == null) {
            throw new IllegalArgumentException("no schedule for job " + job);
        }
        return cron;
    }
}
