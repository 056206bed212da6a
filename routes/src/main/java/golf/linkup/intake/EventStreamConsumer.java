package golf.linkup.intake;

import java.util.ArrayList;
import java.util.List;
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
 * Reads the stream on one thread of its own (so entries are handled one at a time, in stream
 * order) and hands each entry to the route synchronously. What was handled is then acknowledged or
 * the position advanced by the {@link StreamReader}, once per batch; an entry whose exchange failed
 * is reported to the reader (the group leaves it pending for a later attempt).
 *
 * <p>Redis failures (the connection killed, Redis restarting) close the dedicated connection and
 * reconnect with back-off (0.1 s doubling to 5 s); the reader then resumes from its last
 * acknowledged entry or its last read position, so nothing is skipped. Suspending the route pauses
 * reading and keeps the position.
 */
final class EventStreamConsumer extends DefaultConsumer implements Suspendable {

    private static final Logger LOG = LoggerFactory.getLogger(EventStreamConsumer.class);
    private static final long MAX_BACKOFF_MILLIS = 5_000;

    private final RedisEventStream stream;
    private final StreamReader reader;
    private final IntakeReaders health;
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
        executor = getEndpoint().getCamelContext().getExecutorServiceManager()
                .newSingleThreadExecutor(this, "linkup-intake-" + reader.name());
        executor.submit(this::readLoop);
    }

    @Override
    protected void doStop() throws Exception {
        running = false;
        if (executor != null) {
            executor.shutdown();
            // the loop notices within one blocking read (about a second)
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdown(executor);
            executor = null;
        }
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
                reader.finished(jedis, succeeded, failed);
                backoff = 100;
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

    /** Runs the route for one entry; returns why it failed, or null. Never throws. */
    private Throwable handle(RedisEventStream.Entry entry) {
        Exchange exchange = createExchange(false);
        try {
            // an entry without the event field still reaches the route (which dead-letters it): its
            // fields as text are what the dead letter keeps
            exchange.getMessage().setBody(entry.event().orElseGet(() -> String.valueOf(entry.fields())));
            exchange.getMessage().setHeader(EventStreamEndpoint.ENTRY_ID, entry.id());
            exchange.getMessage().setHeader(EventStreamEndpoint.DELIVERIES, entry.deliveries());
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
