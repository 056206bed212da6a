package golf.linkup.engine.gateway.fanout;

import java.util.List;

/**
 * One message for the clients in some rooms, on every instance. Each connection in any of
 * {@code rooms} receives {@code payload} once (even when it is in several of them), except the
 * connections of {@code excludeUserId}. For {@code feed:} rooms only, when the envelope has a
 * position, a connection's feed location filter must accept it. Rooms are in delivery order.
 *
 * @param hasPosition  false when the publisher did not know where the tee time is
 * @param ingestMicros when the causing event was read off Redis (0 if none), for latency figures
 */
public record FanoutEnvelope(List<String> rooms, boolean hasPosition, double lat, double lng, String excludeUserId,
        long ingestMicros, String payload) {

    public static FanoutEnvelope toRooms(List<String> rooms, String payload, long ingestMicros) {
        return new FanoutEnvelope(rooms, false, 0, 0, null, ingestMicros, payload);
    }

    public FanoutEnvelope at(double lat, double lng) {
        return new FanoutEnvelope(rooms, true, lat, lng, excludeUserId, ingestMicros, payload);
    }

    public FanoutEnvelope excluding(String userId) {
        return new FanoutEnvelope(rooms, hasPosition, lat, lng, userId, ingestMicros, payload);
    }
}
