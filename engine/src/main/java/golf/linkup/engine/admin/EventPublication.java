package golf.linkup.engine.admin;

/**
 * Puts a domain event on the event stream, as the API server does. The simulator and an operator's
 * requeue of a dead letter use it; the routes module implements it over Redis ({@code XADD}).
 */
public interface EventPublication {

    /** Appends the event's JSON text; returns 1 once it is in the stream (every instance will read it). */
    long publish(String eventJson);
}
