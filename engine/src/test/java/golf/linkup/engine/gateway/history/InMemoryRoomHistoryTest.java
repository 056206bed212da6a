package golf.linkup.engine.gateway.history;

import java.time.Clock;
import java.time.Duration;

class InMemoryRoomHistoryTest extends RoomHistoryContract {

    @Override
    protected RoomHistory history(Clock clock, int size, Duration ttl) {
        return new InMemoryRoomHistory(clock, size, ttl);
    }
}
