package golf.linkup.engine.backendevents;

import golf.linkup.engine.gateway.presence.PresenceObserver;
import golf.linkup.engine.gateway.presence.PresenceStatus;
import golf.linkup.engine.gateway.presence.UserPresence;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;

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
            if (cause == Cause.CONNECTION_OPENED && log.connected(p.userId(), nowMillis)) {
                connected.increment();
            }
        } else if (instanceLost || (p.lastSeen() > 0 && nowMillis - p.lastSeen() >= graceMillis)) {
            long lastSeen = p.lastSeen() > 0 ? p.lastSeen() : nowMillis;
            if (log.disconnected(p.userId(), lastSeen, instanceLost ? INSTANCE_LOST : CLOSED)) {
                disconnected.increment();
            }
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
        if (worthAsking && news && !reconnecting && log.presenceChanged(p.userId(), status.wire(),
                !p.hidden() && p.liveConnections() == 0 ? p.lastSeen() : 0, nowMillis)) {
            presenceChanged.increment();
        }
    }
}
