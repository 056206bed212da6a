package golf.linkup.engine.gateway.transport;

import golf.linkup.engine.gateway.history.StreamPosition;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The SSE event id: where the stream stands in each of its rooms, as
 * {@code ROOM OFFSET EPOCH} triples separated by spaces ({@code tee-time:tt-1 42 k3x9 feed:TECH 7 a1b2}).
 * Room names and epochs never contain spaces. A browser sends the last one back as
 * {@code Last-Event-ID} when it reconnects, which recovers every room at once.
 */
public final class SseEventIds {

    private SseEventIds() {
    }

    public static String format(Map<String, StreamPosition> positions) {
        StringBuilder b = new StringBuilder();
        positions.forEach((room, p) -> {
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(room).append(' ').append(p.offset()).append(' ').append(p.epoch().isEmpty() ? "-" : p.epoch());
        });
        return b.toString();
    }

    /** The positions in an id; malformed triples are ignored (the client then just does not recover them). */
    public static Map<String, StreamPosition> parse(String id) {
        Map<String, StreamPosition> out = new LinkedHashMap<>();
        if (id == null || id.isBlank()) {
            return out;
        }
        String[] parts = id.trim().split(" +");
        for (int i = 0; i + 2 < parts.length; i += 3) {
            try {
                long offset = Long.parseLong(parts[i + 1]);
                if (offset >= 0) {
                    out.put(parts[i], new StreamPosition(offset, parts[i + 2].equals("-") ? "" : parts[i + 2]));
                }
            } catch (NumberFormatException e) {
                // skip it
            }
        }
        return out;
    }
}
