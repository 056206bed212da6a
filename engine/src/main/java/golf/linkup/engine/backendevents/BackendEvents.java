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
 * thread) are gathered and appended in {@link #reconcileDone}, in three calls at most: the
 * {@code user.connected} of every user whose connection opened (a reconnect storm asks about each
 * reconnecting user, nearly always to hear they are on record already), then the
 * {@code user.disconnected}s, then the {@code presence.changed}s; a user has at most one of the
 * first two, so each user's entries keep their order.
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
    /** Disconnections and status changes of the reconcile under way. */
    private final List<BackendEventLog.Disconnection> gone = new ArrayList<>();
    private final List<BackendEventLog.StatusChange> changes = new ArrayList<>();

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
            gone.add(new BackendEventLog.Disconnection(p.userId(), lastSeen, reason));
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
            changes.add(new BackendEventLog.StatusChange(p.userId(), status.wire(), lastSeen));
        }
    }

    /** Appends what the reconcile decided: connections, then disconnections, then statuses, one call each. */
    @Override
    public void reconcileDone(long nowMillis) {
        try {
            if (!opened.isEmpty()) {
                connected.increment(log.connectedAll(List.copyOf(opened), nowMillis));
            }
            if (!gone.isEmpty()) {
                disconnected.increment(log.disconnectedAll(List.copyOf(gone)));
            }
            if (!changes.isEmpty()) {
                presenceChanged.increment(log.presenceChangedAll(List.copyOf(changes), nowMillis));
            }
        } finally {
            opened.clear();
            gone.clear();
            changes.clear();
        }
    }
}
