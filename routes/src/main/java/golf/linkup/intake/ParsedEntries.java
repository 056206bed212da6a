package golf.linkup.intake;

import golf.linkup.engine.events.DomainEvent;
import golf.linkup.engine.events.EventParser;
import golf.linkup.engine.events.InvalidEventException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parse of recent stream entries, shared by this instance's two readers: every entry is parsed
 * by the live reader, and the consumer group hands some of the same entries to this instance
 * again, usually a moment later. Parsing each once saves the group path its most expensive step.
 * Bounded (the oldest are forgotten); a miss simply parses again, so the answer never depends on it.
 */
public final class ParsedEntries {

    private final EventParser parser;
    private final int capacity;
    private final Map<String, Object> recent;

    public ParsedEntries(EventParser parser, int capacity) {
        this.parser = parser;
        this.capacity = capacity;
        this.recent = new LinkedHashMap<>(capacity * 4 / 3 + 1, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Object> eldest) {
                return size() > ParsedEntries.this.capacity;
            }
        };
    }

    /**
     * The event in {@code raw}, read from stream entry {@code entryId} (null: not from the stream);
     * throws the parser's {@link InvalidEventException} for an invalid one, every time.
     */
    public DomainEvent parse(String entryId, String raw, long receivedAtMicros) {
        Object known;
        synchronized (recent) {
            known = entryId == null ? null : recent.get(entryId);
        }
        if (known == null) {
            try {
                known = parser.parse(raw == null ? "" : raw, receivedAtMicros);
            } catch (InvalidEventException e) {
                known = e;
            }
            if (entryId != null) {
                synchronized (recent) {
                    recent.put(entryId, known);
                }
            }
        }
        if (known instanceof InvalidEventException e) {
            throw new InvalidEventException(e.code(), e.getMessage(), e.eventId(), e.eventType());
        }
        return (DomainEvent) known;
    }
}
