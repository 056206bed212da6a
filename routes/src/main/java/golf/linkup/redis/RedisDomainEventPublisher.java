package golf.linkup.redis;

import golf.linkup.engine.events.DomainEventPublisher;
import golf.linkup.intake.RedisEventStream;

/**
 * {@link DomainEventPublisher} over the event stream: an event the engine itself causes (a slot the
 * waitlist booked) is appended like the API server's, so it is as durable and follows the same path.
 */
public final class RedisDomainEventPublisher implements DomainEventPublisher {

    private final RedisEventStream stream;

    public RedisDomainEventPublisher(RedisEventStream stream) {
        this.stream = stream;
    }

    @Override
    public void publish(String eventJson) {
        stream.append(eventJson);
    }
}
