package golf.linkup.schedules;

import java.util.function.Supplier;

/**
 * One timed job: its name (also its Quartz job and trigger name, its route id after {@code job-}),
 * what it is for, its cron schedule, and the work, which returns a summary for the run log.
 */
public record ScheduledJob(String name, String description, String cron, Supplier<Object> work) {
}
