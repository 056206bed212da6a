package golf.linkup.engine.gateway.presence;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import golf.linkup.engine.config.GatewaySettings;
import golf.linkup.engine.gateway.connections.ClientConnection;
import golf.linkup.engine.gateway.connections.ConnectionRegistry;
import golf.linkup.engine.gateway.fanout.FanoutEnvelope;
import golf.linkup.engine.gateway.fanout.FanoutPublisher;
import golf.linkup.engine.gateway.rooms.Rooms;
import golf.linkup.engine.json.Json;
import golf.linkup.engine.storage.PresencePrivacy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Presence across instances, on a {@link PresenceStore} (Redis) and the fan-out channel.
 *
 * <p>How a change reaches watchers: whenever something may have changed a user's status (a
 * connection opened or closed, activity, a declaration, idle time, a dead instance, 30 minutes
 * disconnected), the user is <em>reconciled</em>: their status is computed by {@link PresenceRules}
 * from the store and, if it differs from the status last announced, announced with a
 * compare-and-set in the store (so of several instances noticing the same change, one announces)
 * and published on the fan-out channel to the internal room {@code presence:{userId}}. Every
 * instance's connections that watch that user (they joined a tee-time chat the user plays in)
 * are in that room; their updates are batched per connection ({@link PresenceBatcher}).
 *
 * <p>Timing: a closed last connection is reconciled after {@code disconnect-grace}, so a rapid
 * reconnect announces nothing. Each instance heartbeats every {@code stale-after}/6 and treats an
 * instance silent for {@code stale-after}/2 as dead (its users were last seen at its last
 * heartbeat): a crashed instance's users stop looking online within {@code stale-after}.
 *
 * <p>Threads: all store calls run on one presence thread; gateway threads only hand work over.
 * Failures are logged and presence catches up at the next maintenance run.
 */
public final class PresenceService implements Presence, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PresenceService.class);
    private static final String WATCHING = "presence.watching";
    private static final int READ_BATCH = 500;
    /** Connection changes handled per batch (one Redis call each for openings and closings). */
    private static final int MAX_BATCH = 1000;

    private final PresenceStore store;
    private final PresencePrivacy privacy;
    private final FanoutPublisher fanout;
    private final ConnectionRegistry registry;
    private final Clock clock;
    private final String instanceId;
    private final PresenceRules rules;
    private final long staleMillis;
    private final long touchEveryMillis;
    private final long graceMillis;
    private final long offlineAfterMillis;
    private final long batchWindowMillis;
    private final PresenceBatcher batcher = new PresenceBatcher();
    private final Map<String, Long> lastTouch = new ConcurrentHashMap<>();
    private final ScheduledExecutorService worker;
    private final Duration maintenancePeriod;
    private volatile long announced;
    private final Runnable extraMaintenance;
    // backend events (user.connected / user.disconnected / presence.changed) hear every reconcile
    private final List<PresenceObserver> observers = new CopyOnWriteArrayList<>();
    /** Connection changes waiting for the presence thread's next batch ({@link #flushSoon}). */
    private final Queue<PresenceStore.ConnectionChange> opened = new ConcurrentLinkedQueue<>();
    private final Queue<PresenceStore.ConnectionChange> closed = new ConcurrentLinkedQueue<>();
    /** Users whose last connection closed {@code disconnect-grace} ago: reconciled in the next batch. */
    private final Queue<String> graceOver = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean flushQueued = new AtomicBoolean();

    public PresenceService(PresenceStore store, PresencePrivacy privacy, FanoutPublisher fanout,
            ConnectionRegistry registry, Clock clock, String instanceId, GatewaySettings settings) {
        this(store, privacy, fanout, registry, clock, instanceId, settings, () -> { });
    }

    /** @param everyMaintenance extra work at the start of every maintenance run (on the presence thread; a failure is logged) */
    public PresenceService(PresenceStore store, PresencePrivacy privacy, FanoutPublisher fanout,
            ConnectionRegistry registry, Clock clock, String instanceId, GatewaySettings settings,
            Runnable everyMaintenance) {
        this.extraMaintenance = everyMaintenance;
        this.store = store;
        this.privacy = privacy;
        this.fanout = fanout;
        this.registry = registry;
        this.clock = clock;
        this.instanceId = instanceId;
        this.rules = new PresenceRules(settings.presenceAwayAfter(), settings.presenceOfflineAfter());
        this.staleMillis = settings.presenceStaleAfter().toMillis();
        this.touchEveryMillis = Math.max(1, Math.min(settings.presenceAwayAfter().toMillis() / 5, 60_000));
        this.graceMillis = settings.presenceDisconnectGrace().toMillis();
        this.offlineAfterMillis = settings.presenceOfflineAfter().toMillis();
        this.batchWindowMillis = Math.max(10, settings.presenceBatchWindow().toMillis());
        this.maintenancePeriod = Duration.ofMillis(Math.max(50, Math.min(10_000,
                Math.min(staleMillis / 6, settings.presenceAwayAfter().toMillis() / 10))));
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "linkup-presence");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts the heartbeat and the sweeps (dead instances, idle users, long disconnections). */
    public void start() {
        store.heartbeat(instanceId, clock.millis());
        worker.scheduleWithFixedDelay(() -> run("maintenance", this::maintain), maintenancePeriod.toMillis(),
                maintenancePeriod.toMillis(), TimeUnit.MILLISECONDS);
        worker.scheduleAtFixedRate(() -> run("batch", batcher::flush), batchWindowMillis, batchWindowMillis,
                TimeUnit.MILLISECONDS);
    }

    public Duration maintenancePeriod() {
        return maintenancePeriod;
    }

    /** Receives updates for this instance's watchers (wired to {@code LocalDelivery}). */
    public PresenceBatcher batcher() {
        return batcher;
    }

    /** Status changes this instance announced. */
    public long announced() {
        return announced;
    }

    // ------------------------------------------------------------------ what the gateway tells us

    @Override
    public void connected(ClientConnection c) {
        String user = c.userId();
        long now = clock.millis();
        lastTouch.put(user, now);
        opened.add(new PresenceStore.ConnectionChange(user, c.id(), now));
        flushSoon();
    }

    @Override
    public void disconnected(ClientConnection c) {
        String user = c.userId();
        if (registry.connectionsOf(user).isEmpty()) {
            lastTouch.remove(user);
        }
        closed.add(new PresenceStore.ConnectionChange(user, c.id(), clock.millis()));
        flushSoon();
        try {
            worker.schedule(() -> {
                graceOver.add(user);
                flushSoon();
            }, graceMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("presence stopped; the end of {}'s grace period is not reconciled", user);
        }
    }

    /**
     * Hands the queued connection changes to the presence thread, once: while it works on one
     * batch, the changes that arrive meanwhile wait for the next. When connections trickle in, a
     * batch is one change and nothing waits; in a reconnect storm, a few round trips carry the
     * changes of hundreds of connections ({@link #flushConnectionChanges}).
     */
    private void flushSoon() {
        if (flushQueued.compareAndSet(false, true)) {
            run("connection changes", this::flushConnectionChanges);
        }
    }

    /**
     * Records what opened and closed since the last batch, then reconciles their users and those
     * whose grace period ended: with Redis, one call for the openings (privacy settings read in one
     * query), one for the closings, one read, one compare-and-set for every change of status, and
     * a publish per change. Openings go first, so a connection that opened and closed within one
     * batch ends up closed. Runs on the presence thread.
     */
    private void flushConnectionChanges() {
        flushQueued.set(false);
        List<PresenceStore.ConnectionChange> opening = drain(opened);
        List<PresenceStore.ConnectionChange> closing = drain(closed);
        Set<String> users = new LinkedHashSet<>();
        opening.forEach(o -> users.add(o.userId()));
        for (String user; users.size() < MAX_BATCH && (user = graceOver.poll()) != null; ) {
            users.add(user);
        }
        if (!opening.isEmpty()) {
            Set<String> hidden = null;
            try {
                hidden = privacy.hiddenAmong(opening.stream().map(PresenceStore.ConnectionChange::userId).toList());
            } catch (RuntimeException e) {
                LOG.warn("presence: privacy settings unavailable, the stored ones stay: {}", e.toString());
            }
            store.addConnections(instanceId, opening, hidden);
        }
        if (!closing.isEmpty()) {
            store.removeConnections(instanceId, closing);
        }
        List<String> all = new ArrayList<>(users);
        Set<String> openedUsers = new HashSet<>();
        opening.forEach(o -> openedUsers.add(o.userId()));
        for (int i = 0; i < all.size(); i += READ_BATCH) {
            reconcile(all.subList(i, Math.min(all.size(), i + READ_BATCH)), Set.of(), openedUsers);
        }
        if (!opened.isEmpty() || !closed.isEmpty() || !graceOver.isEmpty()) {
            flushSoon();
        }
    }

    private static <T> List<T> drain(Queue<T> queue) {
        List<T> out = new ArrayList<>();
        for (T item; out.size() < MAX_BATCH && (item = queue.poll()) != null; ) {
            out.add(item);
        }
        return out;
    }

    @Override
    public void active(ClientConnection c) {
        String user = c.userId();
        long now = clock.millis();
        Long last = lastTouch.get(user);
        if (last != null && now - last < touchEveryMillis) {
            return;
        }
        lastTouch.put(user, now);
        run("activity", () -> {
            store.touch(user, now);
            reconcile(List.of(user));
        });
    }

    @Override
    public void declared(ClientConnection c, String status) {
        String user = c.userId();
        long now = clock.millis();
        run("declare", () -> {
            store.declare(user, "away".equals(status), now);
            reconcile(List.of(user));
        });
    }

    @Override
    public void visibility(ClientConnection c, boolean visible) {
        String user = c.userId();
        run("visibility", () -> {
            privacy.setHidden(user, !visible);
            store.setHidden(user, !visible);
            reconcile(List.of(user));
        });
    }

    @Override
    @SuppressWarnings("unchecked")
    public void watch(ClientConnection c, String teeTimeId, List<String> userIds) {
        List<String> others = userIds.stream().filter(u -> !u.equals(c.userId())).distinct().toList();
        Map<String, List<String>> watching = (Map<String, List<String>>) c.attributes()
                .computeIfAbsent(WATCHING, k -> new ConcurrentHashMap<String, List<String>>());
        watching.put(teeTimeId, others);
        for (String user : others) {
            registry.join(c, Rooms.presence(user));
        }
        run("snapshot", () -> {
            long now = clock.millis();
            Map<String, UserPresence> states = store.read(others, now - staleMillis / 2);
            ObjectNode m = Json.MAPPER.createObjectNode();
            m.put("type", "presence");
            ObjectNode data = m.putObject("data");
            data.put("teeTimeId", teeTimeId);
            data.put("snapshot", true);
            ArrayNode users = data.putArray("users");
            for (UserPresence p : states.values()) {
                users.add(update(p, rules.status(p, now)));
            }
            c.send(m.toString());
        });
    }

    @Override
    @SuppressWarnings("unchecked")
    public void unwatch(ClientConnection c, String teeTimeId) {
        Object value = c.attributes().get(WATCHING);
        if (!(value instanceof Map<?, ?> map)) {
            return;
        }
        Map<String, List<String>> watching = (Map<String, List<String>>) map;
        List<String> dropped = watching.remove(teeTimeId);
        if (dropped == null) {
            return;
        }
        Set<String> still = new LinkedHashSet<>();
        watching.values().forEach(still::addAll);
        for (String user : dropped) {
            if (!still.contains(user)) {
                registry.leave(c, Rooms.presence(user));
            }
        }
    }

    /**
     * Each user's status as an operator sees it: the real one (online, away, offline), with
     * "hidden" added for users who hide it from others. Reads the shared store: the cluster's view.
     */
    public Map<String, String> statusesForOperators(Collection<String> userIds) {
        long now = clock.millis();
        Map<String, String> out = new HashMap<>();
        store.read(userIds, now - staleMillis / 2).forEach((userId, p) ->
                out.put(userId, rules.status(p, now).wire() + (p.hidden() ? " (hidden)" : "")));
        return out;
    }

    /** Called by delivery for each watcher of a published update. */
    public void deliver(ClientConnection watcher, String room, String update) {
        batcher.offer(watcher, room.substring(Rooms.PRESENCE_PREFIX.length()), update);
    }

    // ------------------------------------------------------------------ reconciling and sweeps

    /** Computes each user's status and announces the ones that changed. Runs on the presence thread. */
    void reconcile(Collection<String> users) {
        reconcile(users, Set.of(), Set.of());
    }

    /** @param instanceLost users whose instance died; {@code opened} users who just opened a connection here */
    private void reconcile(Collection<String> users, Set<String> instanceLost, Set<String> opened) {
        long now = clock.millis();
        Map<String, UserPresence> states = store.read(users, now - staleMillis / 2);
        List<PresenceStore.Announcement> changes = new ArrayList<>();
        Map<String, ObjectNode> updates = new HashMap<>();
        Map<String, PresenceStatus> statuses = new HashMap<>();
        for (UserPresence p : states.values()) {
            if (p.liveConnections() == 0 && !registry.connectionsOf(p.userId()).isEmpty()) {
                // connected here, but the opening is still queued for the next batch: the store is
                // behind, and that batch reconciles the user (else a sweep in between announced a
                // reconnecting user away, then online: the flapping members must never see)
                continue;
            }
            PresenceStatus status = rules.status(p, now);
            statuses.put(p.userId(), status);
            // a disconnection is news even when the status stays away: lastSeen is part of the announcement
            String announcement = status.wire() + (!p.hidden() && p.liveConnections() == 0 && p.lastSeen() > 0
                    ? "@" + p.lastSeen() : "");
            if (!announcement.equals(p.published())) {
                changes.add(new PresenceStore.Announcement(p.userId(), p.published(), announcement));
                updates.put(p.userId(), update(p, status));
            }
        }
        Set<String> announcedHere = new HashSet<>();
        if (!changes.isEmpty()) {
            // compare-and-set: of several instances noticing the same change, one announces it
            for (String user : store.announceAll(changes)) {
                announced++;
                announcedHere.add(user);
                fanout.publish(FanoutEnvelope.toRooms(List.of(Rooms.presence(user)), updates.get(user).toString(), 0));
            }
        }
        if (observers.isEmpty()) {
            return;
        }
        statuses.forEach((user, status) -> tellObservers(states.get(user), status, announcedHere.contains(user),
                opened.contains(user) ? PresenceObserver.Cause.CONNECTION_OPENED
                        : instanceLost.contains(user) ? PresenceObserver.Cause.INSTANCE_LOST
                        : PresenceObserver.Cause.OTHER, now));
        for (PresenceObserver observer : observers) {
            try {
                observer.reconcileDone(now);
            } catch (RuntimeException e) {
                LOG.warn("presence observer failed after a reconcile of {} users: {}", statuses.size(), e.toString());
            }
        }
    }

    /**
     * Adds a listener told after each user's reconcile (the backend events stream). Registered while
     * the engine is assembled; presence works the same without listeners.
     */
    public void observe(PresenceObserver observer) {
        observers.add(observer);
    }

    private void tellObservers(UserPresence p, PresenceStatus status, boolean announcedHere,
            PresenceObserver.Cause cause, long now) {
        for (PresenceObserver observer : observers) {
            try {
                observer.reconciled(p, status, announcedHere, cause, now);
            } catch (RuntimeException e) {
                LOG.warn("presence observer failed for user {}: {}", p.userId(), e.toString());
            }
        }
    }

    private ObjectNode update(UserPresence p, PresenceStatus status) {
        ObjectNode u = Json.MAPPER.createObjectNode();
        u.put("userId", p.userId());
        u.put("status", status.wire());
        if (!p.hidden() && p.liveConnections() == 0 && p.lastSeen() > 0) {
            u.put("lastSeen", Instant.ofEpochMilli(p.lastSeen()).toString());
        }
        return u;
    }

    private void maintain() {
        long now = clock.millis();
        store.heartbeat(instanceId, now);
        try {
            extraMaintenance.run();
        } catch (RuntimeException e) {
            LOG.warn("presence maintenance task failed: {}", e.toString());
        }
        List<String> affected = new ArrayList<>(store.reapDeadInstances(now - staleMillis / 2));
        Set<String> instanceLost = Set.copyOf(affected);
        if (!affected.isEmpty()) {
            LOG.info("presence: a dead instance's {} users are no longer connected", affected.size());
        }
        affected.addAll(store.claimLongDisconnected(now - offlineAfterMillis, 1000));
        // idle connected users go away; this instance looks after its own users
        for (String room : registry.roomSizes().keySet()) {
            if (room.startsWith(Rooms.USER_PREFIX)) {
                affected.add(room.substring(Rooms.USER_PREFIX.length()));
            }
        }
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(affected));
        for (int i = 0; i < distinct.size(); i += READ_BATCH) {
            reconcile(distinct.subList(i, Math.min(distinct.size(), i + READ_BATCH)), instanceLost, Set.of());
        }
    }

    private void run(String what, Runnable task) {
        try {
            worker.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.warn("presence {} failed (it catches up at the next sweep): {}", what, e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("presence stopped; {} dropped", what);
        }
    }

    /** Runs everything handed over so far (tests, shutdown). */
    public void drain() {
        try {
            worker.submit(() -> { }).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.debug("presence drain: {}", e.toString());
        }
    }

    /**
     * Stops this instance's presence work. Its connections are not removed here: other instances
     * find its heartbeat stale within {@code stale-after}/2 and reconcile its users as for a crash, so
     * users who reconnected elsewhere in the meantime never flap to away.
     */
    @Override
    public void close() {
        worker.shutdownNow();
    }
}
