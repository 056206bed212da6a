package golf.linkup.engine.admin;

/**
 * Puts a domain event on the events channel ({@code linkup:events}), as the API server does. The
 * simulator and an operator's requeue of a dead letter use it; the routes module implements it over
 * Redis PUBLISH.
 */
public interface EventPublication {

    /** Publishes the event's JSON text; returns how many subscribers received it. */
    long publish(String eventJson);
}
