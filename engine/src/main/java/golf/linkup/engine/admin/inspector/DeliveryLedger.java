package golf.linkup.engine.admin.inspector;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What this instance's sockets were sent because of each recent event: the live-update routes tell
 * it, per envelope, the message type, the rooms and how many connections it was queued to. Keeps the
 * last {@code capacity} event ids (oldest forgotten first). Thread-safe.
 */
public final class DeliveryLedger {

    /** One envelope of an event, delivered here. */
    public record Delivery(String messageType, List<String> rooms, int connections) {
    }

    private final int capacity;
    private final Map<String, List<Delivery>> byEvent;

    public DeliveryLedger(int capacity) {
        this.capacity = capacity;
        this.byEvent = new LinkedHashMap<>(capacity * 2, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, List<Delivery>> eldest) {
                return size() > DeliveryLedger.this.capacity;
            }
        };
    }

    /** How many events it remembers. */
    public int capacity() {
        return capacity;
    }

    public synchronized void record(String eventId, String messageType, List<String> rooms, int connections) {
        if (eventId == null) {
            return;
        }
        byEvent.computeIfAbsent(eventId, id -> new ArrayList<>()).add(new Delivery(messageType, List.copyOf(rooms),
                connections));
    }

    /** The envelopes of an event delivered here, in delivery order; empty when none (or forgotten). */
    public synchronized List<Delivery> deliveries(String eventId) {
        return List.copyOf(byEvent.getOrDefault(eventId, List.of()));
    }

    /** Connections reached by an event's envelopes, summed. */
    public synchronized int connectionsReached(String eventId) {
        return byEvent.getOrDefault(eventId, List.of()).stream().mapToInt(Delivery::connections).sum();
    }

    /** The {@code type} of a client message's JSON text, read without parsing the rest; "?" when absent. */
    public static String messageType(String payload) {
        int key = payload.indexOf("\"type\"");
        if (key < 0) {
            return "?";
        }
        int open = payload.indexOf('"', payload.indexOf(':', key) + 1);
        int close = open < 0 ? -1 : payload.indexOf('"', open + 1);
        return close < 0 ? "?" : payload.substring(open + 1, close);
    }
}
