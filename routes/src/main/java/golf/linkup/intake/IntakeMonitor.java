package golf.linkup.intake;

import golf.linkup.engine.config.IntakeSettings;
import golf.linkup.engine.health.Problem;
import golf.linkup.engine.health.ProblemSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the event stream once a second: the consumer group's pending count and lag, this
 * instance's live reader's distance from the newest entry, the stream's length. The figures are
 * Prometheus gauges (from start-up, at 0); a group lag above {@code linkup.health.intake-lag-max}
 * for {@code linkup.health.intake-lag-for} is a warning problem (the instance is degraded, still
 * ready). Each sample also writes this instance's {@link LiveCursor}.
 */
public final class IntakeMonitor implements ProblemSource {

    private static final Logger LOG = LoggerFactory.getLogger(IntakeMonitor.class);

    private final RedisEventStream stream;
    private final LiveStreamReader live;
    private final LiveCursor cursor;
    private final IntakeSettings settings;
    private final Clock clock;
    private final AtomicLong length = new AtomicLong();
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong groupLagMillis = new AtomicLong();
    private final AtomicLong liveLagMillis = new AtomicLong();
    private volatile long lagAboveSinceMillis = -1;
    private volatile Optional<RedisEventStream.GroupState> last = Optional.empty();

    public IntakeMonitor(RedisEventStream stream, LiveStreamReader live, LiveCursor cursor, IntakeSettings settings,
            Clock clock, MeterRegistry registry) {
        this.stream = stream;
        this.live = live;
        this.cursor = cursor;
        this.settings = settings;
        this.clock = clock;
        Gauge.builder("linkup.intake.stream.length", length, AtomicLong::get)
                .description("Entries in the event stream (trimmed by age once every reader is past them, and by"
                        + " length as a memory cap)")
                .register(registry);
        Gauge.builder("linkup.intake.group.pending", pending, AtomicLong::get)
                .description("Entries the consumer group delivered and no member has acknowledged yet")
                .register(registry);
        Gauge.builder("linkup.intake.group.lag", groupLagMillis, v -> v.get() / 1000.0)
                .baseUnit("seconds")
                .description("Age of the oldest entry the consumer group has not finished (unread or unacknowledged)")
                .register(registry);
        Gauge.builder("linkup.intake.live.lag", liveLagMillis, v -> v.get() / 1000.0)
                .baseUnit("seconds")
                .description("How far this instance's live reader is behind the newest entry")
                .register(registry);
    }

    /** One sample: figures from Redis, the lag rule, the cursor written. Never throws. */
    public void sample() {
        try {
            cursor.flush();
        } catch (RuntimeException e) {
            LOG.debug("could not write the live cursor: {}", e.toString());
        }
        try {
            last = stream.groupState();
        } catch (RuntimeException e) {
            LOG.debug("could not read the stream's state: {}", e.toString());
            return; // the readers' own check reports Redis being gone
        }
        long now = clock.millis();
        last.ifPresentOrElse(state -> {
            length.set(state.length());
            pending.set(state.pending());
            groupLagMillis.set(state.lagMillis(now));
            String position = live.position();
            liveLagMillis.set(position == null || "0-0".equals(state.newestId()) ? 0
                    : Math.max(0, RedisEventStream.millisOf(state.newestId()) - RedisEventStream.millisOf(position)));
        }, () -> {
            length.set(0);
            pending.set(0);
            groupLagMillis.set(0);
            liveLagMillis.set(0);
        });
        if (groupLagMillis.get() > settings.lagMax().toMillis()) {
            if (lagAboveSinceMillis < 0) {
                lagAboveSinceMillis = now;
            }
        } else {
            lagAboveSinceMillis = -1;
        }
    }

    /** The group's state at the last sample (empty before the first, or while there is no group). */
    public Optional<RedisEventStream.GroupState> lastState() {
        return last;
    }

    public long groupLagMillis() {
        return groupLagMillis.get();
    }

    @Override
    public String name() {
        return "intake";
    }

    @Override
    public List<Problem> problems() {
        long since = lagAboveSinceMillis;
        if (since >= 0 && clock.millis() - since >= settings.lagFor().toMillis()) {
            var state = last.orElse(null);
            return List.of(Problem.warning("intake-lag", name(), String.format(
                    "event intake is behind: the oldest unfinished entry is %.1f s old (bound %d s)%s",
                    groupLagMillis.get() / 1000.0, settings.lagMax().toSeconds(),
                    state == null ? "" : ", " + state.pending() + " pending, " + state.consumers() + " consumers"),
                    "overview"));
        }
        return List.of();
    }

    /**
     * Retention: trims entries older than {@code linkup.events.retention.max-age}, but never one the
     * group has not finished or the cluster has not put into room history; then caps the length.
     * Returns a one-line summary (the timed job's run log keeps it).
     */
    public String trim() {
        var state = stream.groupState();
        if (state.isEmpty()) {
            return "no stream or group yet";
        }
        long cutMillis = clock.millis() - settings.retentionMaxAge().toMillis();
        String minId = cutMillis + "-0";
        String reason = "max age";
        for (String bound : new String[] {state.get().oldestPending(), state.get().firstUnread(),
                cursor.clusterPosition()}) {
            if (bound != null && RedisEventStream.compareIds(bound, minId) < 0) {
                minId = bound;
                reason = "oldest unfinished entry";
            }
        }
        long removed = stream.trim(minId, settings.retentionMaxLength());
        return removed + " entries trimmed (kept from " + minId + ", " + reason + "; cap "
                + settings.retentionMaxLength() + ")";
    }
}
