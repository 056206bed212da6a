package golf.linkup.engine.liveupdates;

import golf.linkup.engine.events.DomainEvent;
import golf.linkup.engine.events.EventType;
import golf.linkup.engine.gateway.fanout.FanoutEnvelope;
import java.util.List;

/**
 * Turns one type of domain event into the messages clients see. Pure apart from database reads
 * through {@code TeeTimeDirectory}; publishing the envelopes is the caller's job.
 *
 * @throws golf.linkup.engine.events.InvalidEventException when the event refers to nothing known
 *         and cannot be shown (dead-lettered by the caller)
 */
public interface LiveUpdateHandler {

    EventType type();

    List<FanoutEnvelope> handle(DomainEvent event);
}
