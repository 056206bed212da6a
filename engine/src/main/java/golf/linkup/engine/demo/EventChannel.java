package golf.linkup.engine.demo;

/**
 * Where the API server publishes domain events ({@code linkup:events}); the sandbox's demo API
 * publishes there as the API server would, so the engine handles them like any other event.
 */
@FunctionalInterface
public interface EventChannel {

    /** Publishes one event (the JSON text of {@code {id, type, occurredAt, data}}). */
    void publish(String eventJson);
}
