package golf.linkup.engine.gateway.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import golf.linkup.engine.json.Json;
import java.time.Instant;
import java.util.Collection;

/**
 * The gateway's own server → client messages (the ones not caused by an event). Event-caused
 * messages are built by {@code golf.linkup.engine.liveupdates}. Every message is
 * {@code {type, data?, ref?}}; {@code connected} keeps seed 000's flat shape.
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

    private static void withRef(ObjectNode m, String ref) {
        if (ref != null) {
            m.put("ref", ref);
        }
    }
}
