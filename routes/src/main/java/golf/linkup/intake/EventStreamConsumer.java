package golf.linkup.intake;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Suspendable;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Reads the stream and hands each entry to the route synchronously, in stream order. Two threads:
 * one reads batches (a blocking {@code XREAD}/{@code XREADGROUP} round trip and its parsing) while
 * the other handles the previous batch, with at most {@link #PREFETCH} batches between them (so a
 * slow route holds the reader back instead of filling memory). What was handled is then
 * acknowledged, or the position advanced, by the {@link StreamReader}, once per batch; an entry
 * whose exchange failed is reported to the reader (the group leaves it pending for a later attempt).
 *
 * <p>Redis failures (the connection killed, Redis restarting) close the dedicated connection and
 * reconnect with back-off (0.1 s doubling to 5 s); the reader then resumes from its last read
 * position, or (the group) from what it holds unacknowledged, so nothing is skipped. Suspending the
 * route pauses reading and keeps the position; batches read but not handled when the route stops
 * are read again (the group's stay pending; the live reader restarts from the cluster's cursor).
 */
final class EventStreamConsumer extends DefaultConsumer implements Suspendable {

    private static final Logger LOG = LoggerFactory.getLogger(EventStreamConsumer.class);
    private static final long MAX_BACKOFF_MILLIS = 5_000;
    /** Batches read ahead of the one being handled. */
    static final int PREFETCH = 2;

    private final RedisEventStream stream;
    private final StreamReader reader;
    private final IntakeReaders health;
    private final BlockingQueue<List<RedisEventStream.Entry>> batches = new ArrayBlockingQueue<>(PREFETCH);
    private ExecutorService executor;
    private volatile boolean running;

    EventStreamConsumer(EventStreamEndpoint endpoint, Processor processor, RedisEventStream stream,
            StreamReader reader, IntakeReaders health) {
        super(endpoint, processor);
        this.stream = stream;
        this.reader = reader;
        this.health = health;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        running = true;
        batches.clear();
        executor = getEndpoint().getCamelContext().getExecutorServiceManager()
                .newFixedThreadPool(this, "linkup-intake-" + reader.name(), 2);
        executor.submit(this::readLoop);
        executor.submit(this::handleLoop);
    }

    @Override
    protected void doStop() throws Exception {
        running = false;
        if (executor != null) {
            executor.shutdown();
            // the reader notices within one blocking read (about a second), the handler within 0.2 s
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdown(executor);
            executor = null;
        }
        batches.clear();
        health.stopped(reader.name());
        super.doStop();
    }

    private void readLoop() {
        Jedis jedis = null;
        long backoff = 100;
        while (running && isRunAllowed()) {
            if (isSuspending() || isSuspended()) {
                health.paused(reader.name());
                pause(200);
                continue;
            }
            try {
                if (jedis == null) {
                    jedis = stream.redis().dedicatedConnection("linkup-intake-" + reader.name(),
                            java.time.Duration.ofSeconds(1));
                    reader.open(jedis);
                    if (backoff > 100) {
                        LOG.info("intake {}: reading {} again", reader.name(), stream.key());
                    }
                }
                List<RedisEventStream.Entry> batch = reader.next(jedis);
                health.read(reader.name(), batch.size());
                backoff = 100;
                while (!batch.isEmpty() && running && !batches.offer(batch, 200, TimeUnit.MILLISECONDS)) {
                    health.read(reader.name(), 0); // waiting for the handler is not a stalled reader
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (JedisException | IllegalStateException e) {
                health.failed(reader.name(), e);
                if (running) {
                    LOG.warn("intake {}: Redis failed ({}); reconnecting in {} ms", reader.name(), e.toString(),
                            backoff);
                }
                jedis = closeQuietly(jedis);
                pause(backoff);
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
            } catch (RuntimeException e) {
                health.failed(reader.name(), e);
                LOG.error("intake {}: unexpected failure; reconnecting", reader.name(), e);
                jedis = closeQuietly(jedis);
                pause(backoff);
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
            }
        }
        closeQuietly(jedis);
    }

    private void handleLoop() {
        while (running && isRunAllowed()) {
            List<RedisEventStream.Entry> batch;
            try {
                batch = batches.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (batch == null) {
                continue;
            }
            List<RedisEventStream.Entry> succeeded = new ArrayList<>(batch.size());
            List<StreamReader.Failure> failed = new ArrayList<>();
            for (RedisEventStream.Entry entry : batch) {
                Throwable failure = handle(entry);
                if (failure == null) {
                    succeeded.add(entry);
                } else {
                    failed.add(new StreamReader.Failure(entry, failure));
                }
            }
            try {
                reader.finished(succeeded, failed);
            } catch (RuntimeException e) {
                // not acknowledged: the group hands these entries out again (their effects are idempotent)
                LOG.warn("intake {}: could not record the end of a batch of {} entries ({}); they will be read again",
                        reader.name(), batch.size(), e.toString());
            }
        }
    }

    /** Runs the route for one entry; returns why it failed, or null. Never throws. */
    private Throwable handle(RedisEventStream.Entry entry) {
        Exchange exchange = createExchange(false);
        try {
            // an entry without the event field still reaches the route (which dead-letters it): its
            // fields as text are what the dead letter keeps
            exchange.getMessage().setBody(entry.event().orElseGet(() -> String.valueOf(entry.fields())));
            exchange.getMessage().setHeader(EventStreamEndpoint.ENTRY_ID, entry.id());
            exchange.getMessage().setHeader(EventStreamEndpoint.DELIVERIES, entry.deliveries());
            exchange.getMessage().setHeader(EventStreamEndpoint.FIELDS, entry.fields());
            getProcessor().process(exchange);
            Throwable failure = exchange.getException();
            if (failure != null) {
                getExceptionHandler().handleException("entry " + entry.id() + " of " + stream.key()
                        + " not handled; it stays for a later attempt", exchange, failure);
            }
            return failure;
        } catch (Exception e) {
            getExceptionHandler().handleException("entry " + entry.id() + " of " + stream.key() + " failed",
                    exchange, e);
            return e;
        } finally {
            releaseExchange(exchange, false);
        }
    }

    private static Jedis closeQuietly(Jedis jedis) {
        if (jedis != null) {
            try {
                jedis.close();
            } catch (RuntimeException e) {
                // the connection is already gone
            }
        }
        return null;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
