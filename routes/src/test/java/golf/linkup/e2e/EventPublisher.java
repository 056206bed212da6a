package golf.linkup.e2e;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;
import redis.clients.jedis.Jedis;

/**
 * Publishes events over its own Redis connection, as the API server does: appended to the event
 * stream ({@code XADD linkup:events:stream * event <json>}), or, for the legacy path, PUBLISHed on
 * {@code linkup:events}. Each builder returns the event's JSON text with a fresh id.
 */
public final class EventPublisher implements AutoCloseable {

    public static final String STREAM = "linkup:events:stream";
    public static final String CHANNEL = "linkup:events";

    private final Jedis jedis;
    private final String stream;

    public EventPublisher(URI redis, String stream) {
        this.jedis = new Jedis(redis.getHost(), redis.getPort());
        this.stream = stream;
    }

    public EventPublisher(URI redis) {
        this(redis, STREAM);
    }

    /** Appends raw text as one stream entry; returns 1 (the stream keeps it for every instance). */
    public long publish(String text) {
        append(text);
        return 1;
    }

    /** Appends raw text as one stream entry; returns the entry id. */
    public String append(String text) {
        return jedis.xadd(stream, redis.clients.jedis.params.XAddParams.xAddParams(),
                java.util.Map.of("event", text)).toString();
    }

    /** PUBLISHes raw text on the legacy channel (at most once); returns how many subscribers got it. */
    public long publishLegacy(String text) {
        return jedis.publish(CHANNEL, text);
    }

    public static String event(String type, String dataJson) {
        return event(UUID.randomUUID().toString(), type, dataJson);
    }

    public static String event(String id, String type, String dataJson) {
        return "{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"occurredAt\":\"" + Instant.now()
                + "\",\"data\":" + dataJson + "}";
    }

    public static String teeTimeCreated(String teeTimeId) {
        return event("tee-time.created", "{\"teeTimeId\":\"" + teeTimeId + "\"}");
    }

    public static String teeTimeUpdated(String teeTimeId, String industry, String changesJson) {
        return event("tee-time.updated", "{\"teeTimeId\":\"" + teeTimeId + "\""
                + (industry == null ? "" : ",\"industry\":\"" + industry + "\"") + ",\"changes\":" + changesJson + "}");
    }

    public static String teeTimeCancelled(String teeTimeId, String reason) {
        return event("tee-time.cancelled", "{\"teeTimeId\":\"" + teeTimeId + "\",\"reason\":\"" + reason + "\"}");
    }

    public static String slotJoined(String teeTimeId, int slot, String userId) {
        return event("slot.joined", "{\"teeTimeId\":\"" + teeTimeId + "\",\"slotNumber\":" + slot + ",\"userId\":\""
                + userId + "\"}");
    }

    public static String slotLeft(String teeTimeId, int slot, String userId) {
        return event("slot.left", "{\"teeTimeId\":\"" + teeTimeId + "\",\"slotNumber\":" + slot + ",\"userId\":\""
                + userId + "\"}");
    }

    public static String messageSent(String teeTimeId, String industry, String messageId, String senderId,
            String body) {
        return event("message.sent", "{\"teeTimeId\":\"" + teeTimeId + "\""
                + (industry == null ? "" : ",\"industry\":\"" + industry + "\"")
                + ",\"message\":{\"id\":\"" + messageId + "\",\"senderId\":\"" + senderId + "\",\"body\":\"" + body
                + "\",\"sentAt\":\"" + Instant.now() + "\"}}");
    }

    @Override
    public void close() {
        jedis.close();
    }
}
