package golf.linkup.engine.gateway.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import golf.linkup.engine.json.Json;
import java.time.Instant;
import java.util.Collection;

/**
 * The gateway's own server → client messages (the ones not caused by an event). Event-caused
 * messages are built by {@code golf.linkup.engine.liveupdates}. Every message is
 * {@code {type, data?, ref?}}; {@code connected} keeps its original flat shape (docs/asyncapi.yaml).
 */
public final class ServerMessages {

    private ServerMessages() {
    }

    public static String connected(String userId, String connectionId, Instant now) {
        ObjectNode m = Json.MAPPER.createObjectNode();
        m.put("type", "connected");
        m.put("userId", userId);
        m.put("timestamp", now.toString());
        m.put("connectionId", connectionId);
        return m.toString();
    }

    public static String pong(String ref) {
        ObjectNode m = Json.MAPPER.createObjectNode();
        m.put("type", "pong");
        withRef(m, ref);
        return m.toString();
    }

    public static String error(ErrorCode code, String message, String ref) {
        ObjectNode m = Json.MAPPER.createObjectNode();
        m.put("type", "error");
        ObjectNode data = m.putObject("data");
        data.put("code", code.name());
        data.put("message", message);
        withRef(m, ref);
        return m.toString();
    }

    /** Acknowledges a subscribe or unsubscribe: {@code rooms} are the rooms now joined or left. */
    public static String subscription(String type, Collection<String> rooms, String ref) {
        ObjectNode m = Json.MAPPER.createObjectNode();
        m.put("type", type);
        var array = m.putObject("data").putArray("rooms");
        rooms.forEach(array::add);
        withRef(m, ref);
        return m.toString();
    }

    /**
     * Tells a slow client what its full send queue dropped. With a room: {@code count} messages of
     * that room between {@code fromOffset} and {@code toOffset} (inclusive) of {@code epoch} are
     * missing; {@code recoverSince} is the position to pass to {@code recover}. Without a room: that
     * many replies or notices (no history) were lost.
     */
    public static String missed(String room, long count, long fromOffset, long toOffset, String epoch) {
        ObjectNode m = Json.MAPPER.createObjectNode();
        m.put("type", "missed");
        ObjectNode data = m.putObject("data");
        if (room != null) {
            data.put("room", room);
        }
        data.put("count", count);
        if (room != null) {
            data.put("fromOffset", fromOffset);
            data.put("toOffset", toOffset);
            data.put("epoch", epoch);
            ObjectNode since = data.putObject("recoverSince");
            since.put("offset", fromOffset - 1);
            since.put("epoch", epoch);
        }
        return m.toString();
    }

    /** The token expires soon: send {@code refresh-token} with a new one before {@code expiresAt}. */
    public static String tokenExpiring(Instant expiresAt) {
        ObjectNode m = Json.MAPPER.createObjectNode();
        m.put("type", "token-expiring");
        m.putObject("data").put("expiresAt", expiresAt.toString());
        return m.toString();
    }

    /**
     * {@code subscribed} / {@code recovered}: the rooms, each history-keeping room's position when
     * joined ({@code positions}), and for rooms the client asked to recover whether that worked.
     */
    public static String subscription(String type, Collection<String> rooms,
            java.util.Map<String, golf.linkup.engine.gateway.history.StreamPosition> positions,
            java.util.Map<String, Boolean> recovered, String ref) {
        ObjectNode m = Json.MAPPER.createObjectNode();
        m.put("type", type);
        ObjectNode data = m.putObject("data");
        var array = data.putArray("rooms");
        rooms.forEach(array::add);
        if (!positions.isEmpty()) {
            ObjectNode p = data.putObject("positions");
            positions.forEach((room, pos) -> p.putObject(room).put("offset", pos.offset()).put("epoch", pos.epoch()));
        }
        if (!recovered.isEmpty()) {
            ObjectNode r = data.putObject("recovered");
            recovered.forEach(r::put);
        }
        withRef(m, ref);
        return m.toString();
    }

    /** The answer to {@code refresh-token}: the connection now lives until {@code expiresAt}. */
    public static String tokenRefreshed(Instant expiresAt, String ref) {
        ObjectNode m = Json.MAPPER.createObjectNode();
        m.put("type", "token-refreshed");
        m.putObject("data").put("expiresAt", expiresAt.toString());
        withRef(m, ref);
        return m.toString();
    }

    /** Acknowledges a client message that has no other answer (typing, presence:update). */
    public static String ack(String ref) {
        ObjectNode m = Json.MAPPER.createObjectNode();
        m.put("type", "ack");
        withRef(m, ref);
        return m.toString();
    }

    /** The answer to the client's {@code ack}: the notification ids it named (own, foreign or unknown alike). */
    public static String acked(java.util.List<Long> notificationIds, String ref) {
        ObjectNode m = Json.MAPPER.createObjectNode();
        m.put("type", "acked");
        var ids = m.putObject("data").putArray("notificationIds");
        notificationIds.forEach(ids::add);
        withRef(m, ref);
        return m.toString();
    }

    /** {@code tee-time:typing} to the tee time's other participants. */
    public static String typing(String teeTimeId, String userId, boolean typing, Instant at) {
        ObjectNode m = Json.MAPPER.createObjectNode();
        m.put("type", "tee-time:typing");
        ObjectNode data = m.putObject("data");
        data.put("teeTimeId", teeTimeId);
        data.put("userId", userId);
        data.put("typing", typing);
        data.put("at", at.toString());
        return m.toString();
    }

    private static void withRef(ObjectNode m, String ref) {
        if (ref != null) {
            m.put("ref", ref);
        }
    }
}
