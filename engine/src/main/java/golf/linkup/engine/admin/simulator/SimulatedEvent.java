package golf.linkup.engine.admin.simulator;

import java.time.Instant;

/**
 * An event the simulator wrote and published, as the inspector lists it.
 *
 * @param summary     one line for people ("user-0002 joined sim-1a2b3c4d, slot 2")
 * @param source      {@code form} or the scenario's name
 * @param subscribers how many engine instances Redis delivered it to
 */
public record SimulatedEvent(String eventId, String type, String teeTimeId, String summary, String source,
        Instant publishedAt, long subscribers) {
}
