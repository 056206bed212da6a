package golf.linkup.engine.gateway.fanout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import golf.linkup.engine.json.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * Wire form of a {@link FanoutEnvelope} on the fan-out channel: a one-line JSON header, a newline,
 * then the client payload verbatim (so receivers never re-serialize it):
 * <pre>{"v":1,"r":["tee-time:tt-1","feed:FINANCE"],"g":[40.74,-73.45],"x":"user-1","t":1732400000000000}
 * {"type":"feed:tee-time-updated",...}</pre>
 * {@code g}, {@code x} and {@code t} are optional.
 */
public final class FanoutCodec {

    private FanoutCodec() {
    }

    public static String encode(FanoutEnvelope e) {
        ObjectNode h = Json.MAPPER.createObjectNode();
        h.put("v", 1);
        var rooms = h.putArray("r");
        e.rooms().forEach(rooms::add);
        if (e.hasPosition()) {
            h.putArray("g").add(e.lat()).add(e.lng());
        }
        if (e.excludeUserId() != null) {
            h.put("x", e.excludeUserId());
        }
        if (e.ingestMicros() > 0) {
            h.put("t", e.ingestMicros());
        }
        return h.toString() + '\n' + e.payload();
    }

    /** @throws IllegalArgumentException when the text is not an envelope */
    public static FanoutEnvelope decode(String wire) {
        int nl = wire.indexOf('\n');
        if (nl < 0) {
            throw new IllegalArgumentException("fan-out message without a header line");
        }
        JsonNode h;
        try {
            h = Json.MAPPER.readTree(wire.substring(0, nl));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("fan-out header is not JSON", e);
        }
        if (h == null || h.path("v").asInt() != 1 || !h.path("r").isArray()) {
            throw new IllegalArgumentException("fan-out header of an unknown version");
        }
        List<String> rooms = new ArrayList<>(h.get("r").size());
        h.get("r").forEach(r -> rooms.add(r.asText()));
        JsonNode g = h.get("g");
        boolean positioned = g != null && g.isArray() && g.size() == 2;
        return new FanoutEnvelope(rooms, positioned, positioned ? g.get(0).asDouble() : 0,
                positioned ? g.get(1).asDouble() : 0, h.hasNonNull("x") ? h.get("x").asText() : null,
                h.path("t").asLong(0), wire.substring(nl + 1));
    }
}
