package golf.linkup.engine.gateway.connections;

import golf.linkup.engine.gateway.protocol.ServerMessages;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Timed care of every connection on one shared thread (no thread, timer or task per connection):
 * each tick walks the registry once and
 * <ul>
 *   <li>sends a WebSocket ping to a connection that was last pinged {@code pingInterval} ago (pings
 *       spread out by each connection's opening time);</li>
 *   <li>aborts a connection from which nothing (no pong, no frame) came for {@code pongTimeout},
 *       with {@link CloseCodes#HEARTBEAT_TIMEOUT};</li>
 *   <li>warns a connection {@code tokenWarning} before its token expires ({@code token-expiring})
 *       and closes it with {@link CloseCodes#TOKEN_EXPIRED} when it has (unless refreshed);</li>
 *   <li>runs the per-tick task it was built with (the gateway purges idle rate limiters there).</li>
 * </ul>
 * A tick costs a few field reads per connection; at 20,000 connections and one tick a second that
 * is well under a millisecond. {@link #tick()} is public so tests drive it with an adjustable clock.
 */
public final class ConnectionSupervisor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionSupervisor.class);
    private static final String TOKEN_WARNED = "supervisor.tokenWarnedFor";
    /** How long a connection closing after its queue drains may take before it is closed anyway. */
    static final long DRAIN_LIMIT_MILLIS = 5_000;

    private final ConnectionRegistry registry;
    private final Clock clock;
    private final long pingMillis;
    private final long pongTimeoutMillis;
    private final long tokenWarningMillis;
    private final Consumer<ClientConnection> onClosed;
    private final Runnable everyTick;
    private ScheduledExecutorService scheduler;
    private volatile long timeouts;

    /**
     * @param onClosed told about every connection this supervisor closes (it forgets them at once,
     *                 without waiting for the transport to report the close)
     */
    public ConnectionSupervisor(ConnectionRegistry registry, Clock clock, Duration pingInterval, Duration pongTimeout,
            Duration tokenWarning, Consumer<ClientConnection> onClosed) {
        this(registry, clock, pingInterval, pongTimeout, tokenWarning, onClosed, () -> { });
    }

    /** @param everyTick extra work at the end of every tick (it must be quick; a failure is logged) */
    public ConnectionSupervisor(ConnectionRegistry registry, Clock clock, Duration pingInterval, Duration pongTimeout,
            Duration tokenWarning, Consumer<ClientConnection> onClosed, Runnable everyTick) {
        this.everyTick = everyTick;
        this.registry = registry;
        this.clock = clock;
        this.pingMillis = pingInterval.toMillis();
        this.pongTimeoutMillis = pongTimeout.toMillis();
        this.tokenWarningMillis = tokenWarning.toMillis();
        this.onClosed = onClosed;
    }

    /** How often {@link #tick()} runs: a quarter of the shortest interval it watches, 10 ms .. 1 s. */
    public Duration tickInterval() {
        long shortest = Math.min(pingMillis, pongTimeoutMillis - pingMillis);
        return Duration.ofMillis(Math.max(10, Math.min(1000, shortest / 4)));
    }

    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "linkup-gateway-supervisor");
            t.setDaemon(true);
            return t;
        });
        long period = tickInterval().toMillis();
        scheduler.scheduleAtFixedRate(this::safeTick, period, period, TimeUnit.MILLISECONDS);
    }

    private void safeTick() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.error("connection supervisor tick failed; the next one runs as usual", e);
        }
    }

    /** One pass over every connection, then the per-tick task. */
    public void tick() {
        long now = clock.millis();
        for (ClientConnection c : registry.connections()) {
            if (c.isClosed()) {
                continue;
            }
            long draining = c.drainingSinceMillis();
            if (draining > 0) {
                if (System.currentTimeMillis() - draining > DRAIN_LIMIT_MILLIS) {
                    c.closeDrainingNow(); // a client too slow to take its last messages
                    onClosed.accept(c);
                }
                continue;
            }
            boolean pings = c.answersPings();
            if (pings && now - c.lastInboundMillis() >= pongTimeoutMillis) {
                timeouts++;
                LOG.info("closing {}: nothing received for {} ms (no pong)", c, now - c.lastInboundMillis());
                c.abort(CloseCodes.HEARTBEAT_TIMEOUT, "no pong within " + pongTimeoutMillis / 1000 + " s");
                onClosed.accept(c);
                continue;
            }
            Instant expiresAt = c.identity().expiresAt();
            long expires = expiresAt.toEpochMilli();
            if (now >= expires) {
                LOG.info("closing {}: its token expired at {}", c, expiresAt);
                c.close(CloseCodes.TOKEN_EXPIRED, "token expired");
                onClosed.accept(c);
                continue;
            }
            if (now >= expires - tokenWarningMillis && !expiresAt.equals(c.attributes().get(TOKEN_WARNED))) {
                c.attributes().put(TOKEN_WARNED, expiresAt);
                c.send(ServerMessages.tokenExpiring(expiresAt));
            }
            if (pings && now - c.lastPingMillis() >= pingMillis) {
                c.ping(now);
            }
        }
        try {
            everyTick.run();
        } catch (RuntimeException e) {
            LOG.error("a supervisor task failed", e);
        }
    }

    /** Connections closed because no pong came in time, since start. */
    public long heartbeatTimeouts() {
        return timeouts;
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }
}
