package golf.linkup.engine.booking;

import golf.linkup.engine.events.DomainEventPublisher;
import golf.linkup.engine.gateway.fanout.FanoutEnvelope;
import golf.linkup.engine.gateway.fanout.FanoutPublisher;
import golf.linkup.engine.gateway.rooms.Rooms;
import golf.linkup.engine.metrics.EngineMetrics;
import golf.linkup.engine.notifications.NotificationIntent;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where the booking engine's side effects go. {@link BookingService} calls these only after the
 * transaction that caused them committed, so nobody hears of a change that did not happen.
 * A failing effect is logged and does not undo the change (the state in the database is the truth;
 * a lost room message is corrected by the next one, a lost notification is the known gap).
 */
public interface BookingEffects {

    /** A message for the {@code tee-time:{id}} room on every instance. */
    void toRoom(String teeTimeId, String message);

    /** The engine itself joined a player into a slot: a {@code slot.joined} domain event. */
    void slotJoined(String teeTimeId, int slotNumber, String userId, Instant at);

    /** Someone is told something (outbox: preferences, quiet hours and idempotency apply). */
    void notify(NotificationIntent intent);

    /**
     * Room messages through the fan-out (every instance's sockets), domain events on
     * {@code linkup:events}, notifications into the outbox.
     */
    static BookingEffects of(FanoutPublisher fanout, DomainEventPublisher events, Consumer<NotificationIntent> notify) {
        return new BookingEffects() {
            @Override
            public void toRoom(String teeTimeId, String message) {
                fanout.publish(FanoutEnvelope.toRooms(List.of(Rooms.teeTime(teeTimeId)), message,
                        EngineMetrics.nowMicros()));
            }

            @Override
            public void slotJoined(String teeTimeId, int slotNumber, String userId, Instant at) {
                events.publish(DomainEventPublisher.slotJoined(teeTimeId, slotNumber, userId, at));
            }

            @Override
            public void notify(NotificationIntent intent) {
                notify.accept(intent);
            }
        };
    }
}
