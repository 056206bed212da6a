package golf.linkup.schedules;

import golf.linkup.engine.config.InvalidSettingException;
import golf.linkup.engine.schedules.ScheduleSettings;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.component.quartz.QuartzConstants;
import org.quartz.CronExpression;
import org.quartz.JobExecutionContext;
import org.quartz.SchedulerContext;
import org.quartz.listeners.JobListenerSupport;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's member of the cluster-wide Quartz scheduler: a JDBC job store in clustered mode
 * on the engine's own database (its {@code QRTZ_*} tables come from migration V6), so however many
 * instances run, each trigger fires on exactly one of them, and a dead instance's work is taken
 * over after {@link #CHECK_IN_INTERVAL_MS}.
 * <p>
 * Every instance uses the same scheduler name ({@link #NAME}: that is what makes them one cluster in
 * the tables) and its own instance id. Quartz keeps a JVM-wide registry of schedulers by name; the
 * scheduler is taken out of it right after it is made, so several instances can live in one JVM
 * (tests, the console's sandbox) without sharing one scheduler. Camel does not stop a scheduler it
 * was given: {@link #close()} does.
 */
public final class ClusteredScheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusteredScheduler.class);

    /** The cluster's name in the job store tables. */
    public static final String NAME = "linkup";
    static final long CHECK_IN_INTERVAL_MS = 5_000;

    private final Scheduler scheduler;

    private ClusteredScheduler(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** Checks every schedule, then makes (but does not start) this instance's scheduler. */
    public static ClusteredScheduler create(DataSource dataSource, boolean postgres, String instanceId,
            ScheduleSettings settings) {
        settings.crons().forEach((job, cron) -> {
            if (!CronExpression.isValidExpression(cron)) {
                throw new InvalidSettingException(ScheduleSettings.key(job), "'" + cron
                        + "' is not a Quartz cron expression (seconds minutes hours day-of-month month day-of-week,"
                        + " e.g. '0 0 * * * ?')");
            }
        });
        String provider = "linkup-" + instanceId;
        DBConnectionManager.getInstance().addConnectionProvider(provider, new ConnectionProvider() {
            @Override
            public Connection getConnection() throws SQLException {
                return dataSource.getConnection();
            }

            @Override
            public void shutdown() {
                // the engine owns the pool and closes it after the scheduler
            }

            @Override
            public void initialize() {
            }
        });
        Properties p = new Properties();
        p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, NAME);
        p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_ID, instanceId);
        p.setProperty("org.quartz.scheduler.idleWaitTime", String.valueOf(settings.idleWait().toMillis()));
        p.setProperty("org.quartz.threadPool.threadCount", String.valueOf(settings.threads()));
        p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
        p.setProperty("org.quartz.threadPool.threadNamePrefix", "linkup-job-" + instanceId);
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", postgres
                ? "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate" : "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
        p.setProperty("org.quartz.jobStore.dataSource", provider);
        p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        p.setProperty("org.quartz.jobStore.isClustered", "true");
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval", String.valueOf(CHECK_IN_INTERVAL_MS));
        // take the trigger lock while acquiring, so two instances never pick the same firing
        p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        p.setProperty("org.quartz.jobStore.misfireThreshold", "60000");
        try {
            Scheduler scheduler = new StdSchedulerFactory(p).getScheduler();
            SchedulerRepository.getInstance().remove(NAME);
            LOG.info("clustered scheduler '{}' ready on this instance ({})", NAME, instanceId);
            return new ClusteredScheduler(scheduler);
        } catch (SchedulerException e) {
            throw new IllegalStateException("could not create the clustered scheduler: " + e.getMessage(), e);
        }
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    /**
     * Runs every job that fires here in {@code camel}, whichever instance created the job. camel-quartz
     * records the creating context's management name in the shared job and looks that name up in the
     * firing scheduler: one JVM per instance gives every instance the same name, but several instances
     * in one JVM get {@code linkup-engine-2}, {@code -3}, ... for JMX. Each scheduler here serves exactly
     * one context, so the name a job carries is mapped to that context just before it runs.
     */
    public void runJobsIn(CamelContext camel) {
        try {
            scheduler.getListenerManager().addJobListener(new JobListenerSupport() {
                @Override
                public String getName() {
                    return "linkup-camel-context";
                }

                @Override
                public void jobToBeExecuted(JobExecutionContext job) {
                    String name = job.getMergedJobDataMap().getString(QuartzConstants.QUARTZ_CAMEL_CONTEXT_NAME);
                    if (name == null) {
                        return;
                    }
                    String key = QuartzConstants.QUARTZ_CAMEL_CONTEXT + "-" + name;
                    try {
                        SchedulerContext context = job.getScheduler().getContext();
                        synchronized (context) {
                            if (context.get(key) != camel) {
                                context.put(key, camel);
                            }
                        }
                    } catch (SchedulerException e) {
                        LOG.warn("could not map context {} for job {}: {}", name, job.getJobDetail().getKey(), e.toString());
                    }
                }
            });
        } catch (SchedulerException e) {
            throw new IllegalStateException("could not add the job listener", e);
        }
    }

    /**
     * Takes no more firings on this instance (shutdown has begun; the rest of the cluster takes them)
     * and waits, up to {@code timeout}, for the jobs running here to finish while their routes still
     * run. A firing handed to a job after its route stopped would find no consumer and be lost:
     * Quartz counts it as done.
     */
    public void standbyAndDrain(java.time.Duration timeout) {
        try {
            if (!scheduler.isStarted() || scheduler.isShutdown()) {
                return;
            }
            scheduler.standby();
            long deadline = System.nanoTime() + timeout.toNanos();
            int quietChecks = 0;
            // twice in a row: a trigger fired just before standby may not have reached a worker at the first look
            while (quietChecks < 2 && System.nanoTime() < deadline) {
                quietChecks = scheduler.getCurrentlyExecutingJobs().isEmpty() ? quietChecks + 1 : 0;
                if (quietChecks < 2) {
                    Thread.sleep(25);
                }
            }
            if (quietChecks < 2) {
                LOG.warn("jobs still running after {}: {}", timeout, scheduler.getCurrentlyExecutingJobs().stream()
                        .map(j -> j.getJobDetail().getKey().getName()).toList());
            }
        } catch (SchedulerException e) {
            LOG.warn("could not put the scheduler in standby: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops firing here; a job running now may finish (others in the cluster take over the triggers). */
    @Override
    public void close() {
        try {
            if (!scheduler.isShutdown()) {
                scheduler.shutdown(true);
            }
        } catch (SchedulerException e) {
            LOG.warn("could not shut the scheduler down cleanly: {}", e.toString());
        }
    }
}
