package golf.linkup.intake;

import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.DefaultProducer;

/**
 * The event stream as a Camel endpoint, so intake stays a route like any other (route id, route
 * configurations for errors, statistics, start/stop/suspend from the console):
 * <ul>
 *   <li>as a consumer ({@code from(endpoint)}) it reads the stream with its {@link StreamReader}
 *       and hands each entry to the route as one exchange: body = the event's JSON, headers
 *       {@link #ENTRY_ID}, {@link #DELIVERIES} and {@link #FIELDS};</li>
 *   <li>as a producer ({@code to(endpoint)}) it appends the body as a new entry.</li>
 * </ul>
 * Endpoints are made in code ({@link #live}, {@link #group}) rather than from URIs: what they read
 * with is an object (Redis connections, the shared cursor), not text.
 */
public final class EventStreamEndpoint extends DefaultEndpoint {

    /** Header: the stream entry's id ({@code <ms>-<seq>}). */
    public static final String ENTRY_ID = "linkupStreamEntryId";
    /** Header: how many times the group delivered this entry, this time included (1 on the live reader). */
    public static final String DELIVERIES = "linkupStreamDeliveries";
    /** Header: the entry's fields as a {@code Map<String, String>} (for streams whose entries have no {@code event} field). */
    public static final String FIELDS = "linkupStreamFields";

    private final RedisEventStream stream;
    private final StreamReader reader;
    private final IntakeReaders health;

    private EventStreamEndpoint(String uri, CamelContext context, RedisEventStream stream, StreamReader reader,
            IntakeReaders health) {
        super(uri, null);
        setCamelContext(context);
        this.stream = stream;
        this.reader = reader;
        this.health = health;
    }

    /** Every entry, in stream order, from the cluster's sequenced position on ({@link LiveStreamReader}). */
    public static EventStreamEndpoint live(CamelContext context, RedisEventStream stream, LiveStreamReader reader,
            IntakeReaders health) {
        return new EventStreamEndpoint("linkup-stream://" + stream.key() + "?reader=live", context, stream, reader,
                health);
    }

    /** This instance's share of the consumer group's entries ({@link GroupStreamReader}). */
    public static EventStreamEndpoint group(CamelContext context, RedisEventStream stream, GroupStreamReader reader,
            IntakeReaders health) {
        return new EventStreamEndpoint("linkup-stream://" + stream.key() + "?group=" + stream.group(), context,
                stream, reader, health);
    }

    /** An endpoint that only appends (its consumer is not used). */
    public static EventStreamEndpoint appender(CamelContext context, RedisEventStream stream) {
        return new EventStreamEndpoint("linkup-stream://" + stream.key() + "?append=true", context, stream, null,
                null);
    }

    /**
     * How many entries a group consumer holds delivered but not yet acknowledged, at most, with
     * batches of {@code batchSize}: the one being handled, the batches read ahead, and the batch
     * waiting to be queued. An entry can wait this many handlings before its own starts, which is
     * what a group's claim idle must outlast for nobody to take over a live member's entries.
     */
    public static int entriesHeldAtMost(int batchSize) {
        return (EventStreamConsumer.PREFETCH + 2) * batchSize;
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        if (reader == null) {
            throw new UnsupportedOperationException(getEndpointUri() + " only appends");
        }
        return new EventStreamConsumer(this, processor, stream, reader, health);
    }

    @Override
    public Producer createProducer() {
        return new DefaultProducer(this) {
            @Override
            public void process(org.apache.camel.Exchange exchange) throws Exception {
                String id = stream.append(exchange.getMessage().getMandatoryBody(String.class));
                exchange.getMessage().setHeader(ENTRY_ID, id);
            }
        };
    }

    @Override
    public boolean isSingleton() {
        return true;
    }
}
