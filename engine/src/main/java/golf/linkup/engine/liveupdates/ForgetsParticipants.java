package golf.linkup.engine.liveupdates;

import golf.linkup.engine.events.DomainEvent;
import golf.linkup.engine.events.EventType;
import golf.linkup.engine.gateway.fanout.FanoutEnvelope;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs a handler after telling {@code forget} the event's tee time, for the events that can change
 * who takes part in it (a participants cache then reads it again). Every instance reads every event,
 * so every instance's cache hears every change.
 */
public final class ForgetsParticipants implements LiveUpdateHandler {

    /** The events that can change a tee time's host or players (or make an unknown tee time known). */
    public static final Set<EventType> CHANGES = EnumSet.of(EventType.TEE_TIME_CREATED, EventType.TEE_TIME_UPDATED,
            EventType.TEE_TIME_CANCELLED, EventType.SLOT_JOINED, EventType.SLOT_LEFT);

    private final LiveUpdateHandler handler;
    private final Consumer<String> forget;

    private ForgetsParticipants(LiveUpdateHandler handler, Consumer<String> forget) {
        this.handler = handler;
        this.forget = forget;
    }

    /** {@code handler} itself when its events never change participants, else it wrapped. */
    public static LiveUpdateHandler wrap(LiveUpdateHandler handler, Consumer<String> forget) {
        return CHANGES.contains(handler.type()) ? new ForgetsParticipants(handler, forget) : handler;
    }

    @Override
    public EventType type() {
        return handler.type();
    }

    @Override
    public List<FanoutEnvelope> handle(DomainEvent event) {
        forget.accept(event.payload().teeTimeId());
        return handler.handle(event);
    }
}
