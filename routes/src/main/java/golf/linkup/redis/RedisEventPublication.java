package golf.linkup.redis;

import golf.linkup.engine.admin.EventPublication;
import golf.linkup.intake.RedisEventStream;

/** {@link EventPublication} as the API server publishes: an entry appended to the event stream. */
public final class RedisEventPublication implements EventPublication {

    private final RedisEventStream stream;

    public RedisEventPublication(RedisEventStream stream) {
        this.stream = stream;
    }

    @Override
    public long publish(String eventJson) {
        stream.append(eventJson);
        return 1;
    }
}
