package golf.linkup.engine.events;

/** Published events for tests: the envelope as the API server writes it, and parsed by the real parser. */
public final class TestEvents {

    private TestEvents() {
    }

    /** An event envelope (id {@code evt-1}, occurred 2025-06-01T12:00:00Z) around {@code data} (raw JSON). */
    public static String event(String type, String data) {
        return """
                {"id":"evt-1","type":"%s","occurredAt":"2025-06-01T12:00:00Z","data":%s}""".formatted(type, data);
    }

    /** {@link #event} as {@link EventParser} reads it. */
    public static DomainEvent parsed(String type, String data) {
        return new EventParser().parse(event(type, data), 0);
    }
}
