package golf.linkup.engine.backendevents;

import golf.linkup.engine.gateway.presence.PresenceObserver;
import golf.linkup.engine.gateway.presence.PresenceStatus;
import golf.linkup.engine.gateway.presence.UserPresence;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns presence reconciles into the backend events the API server reads: {@code user.connected}
 * when a user has a live connection and none was on record, {@code user.disconnected} when they
 * have had none for the disconnect grace (or their instance died), {@code presence.changed} when
 * this instance won the announcement of a new status.
 *
 * <p>Coalescing: presence reconciles a closed last connection only after the disconnect grace, so a
 * user who reconnects within it (a reconnect storm, a page reload) produces no pair of entries, and
 * the stream skips statuses announced while a user is between two connections within the grace
 * (presence may announce such a flap to watchers). Once per cluster: {@link BackendEventLog} records
 * the connected user and the last status atomically with the append, and presence announces a
 * status by compare-and-set.
 *
 * <p>Batched: the entries of one reconcile (a batch of openings and closings, on the presence
 * thread) are gathered and appended in {@link #reconcileDone}, the {@code user.connected} of every
 * user whose connection opened in one call (a reconnect storm asks about each reconnecting user,
 * nearly always to hear they are on record already), then each user's other entries in order.
 * Not thread-safe: presence calls it from its one thread.
 */
public final class BackendEvents implements PresenceObserver {

    /** Why a user's last connection went away, as {@code user.disconnected} says it. */
    public static final String CLOSED = "closed";
    public static final String INSTANCE_LOST = "instance-lost";

    private final BackendEventLog log;
    private final long graceMillis;
    private final Counter connected;
    private final Counter disconnected;
    private final Counter presenceChanged;
    /** Users whose connection opened in the reconcile under way (appended in {@link #reconcileDone}). */
    private final List<String> opened = new ArrayList<>();
    /** The other appends of the reconcile under way, in the order they were decided. */
    private final List<Runnable> then = new ArrayList<>();

    public BackendEvents(BackendEventLog log, Duration disconnectGrace, MeterRegistry meters) {
        this.log = log;
        this.graceMillis = disconnectGrace.toMillis();
        this.connected = appended(meters, "user.connected");
        this.disconnected = appended(meters, "user.disconnected");
        this.presenceChanged = appended(meters, "presence.changed");
    }

    private static Counter appended(MeterRegistry meters, String type) {
        return Counter.builder("linkup.backend_events.appended").tag("type", type)
                .description("entries this instance appended to the backend events stream").register(meters);
    }

    @Override
    public void reconciled(UserPresence p, PresenceStatus status, boolean announced, Cause cause, long nowMillis) {
        boolean instanceLost = cause == Cause.INSTANCE_LOST;
        // Redis is asked only when something may have happened: a connection opened, or the user
        // has none (rare: after the grace, going offline, a dead instance); not on every sweep
        if (p.liveConnections() > 0) {
            if (cause == Cause.CONNECTION_OPENED) {
                opened.add(p.userId());
            }
        } else if (instanceLost || (p.lastSeen() > 0 && nowMillis - p.lastSeen() >= graceMillis)) {
            long lastSeen = p.lastSeen() > 0 ? p.lastSeen() : nowMillis;
            String reason = instanceLost ? INSTANCE_LOST : CLOSED;
            then.add(() -> {
                if (log.disconnected(p.userId(), lastSeen, reason)) {
                    disconnected.increment();
                }
            });
        }
        // a first announcement of "offline" (a reconcile that ran before the connection was stored)
        // tells the API server nothing: it has never heard of the user; and a user between two
        // connections, within the grace, has not changed yet (they may be reconnecting)
        boolean news = p.published() != null || status != PresenceStatus.OFFLINE;
        boolean reconnecting = p.liveConnections() == 0 && !instanceLost && p.lastSeen() > 0
                && nowMillis - p.lastSeen() < graceMillis;
        // a disconnected user is looked at rarely (after the grace, when going offline, a dead instance):
        // ask the log then too, since presence may have announced the same status during the grace
        boolean worthAsking = announced || p.liveConnections() == 0;
        if (worthAsking && news && !reconnecting) {
            long lastSeen = !p.hidden() && p.liveConnections() == 0 ? p.lastSeen() : 0;
            then.add(() -> {
                if (log.presenceChanged(p.userId(), status.wire(), lastSeen, nowMillis)) {
                    presenceChanged.increment();
                }
            });
        }
    }

    /** Appends what the reconcile decided: every {@code user.connected} in one call, then the rest in order. */
    @Override
    public void reconcileDone(long nowMillis) {
        try {
            if (!opened.isEmpty()) {
                connected.increment(log.connectedAll(List.copyOf(opened), nowMillis));
            }
            for (Runnable append : then) {
                append.run();
            }
        } finally {
            opened.clear();
            then.clear();
        }
    }
}
