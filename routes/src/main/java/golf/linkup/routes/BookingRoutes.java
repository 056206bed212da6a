package golf.linkup.routes;

import golf.linkup.engine.booking.BookingService;
import golf.linkup.engine.events.DomainEvent;
import org.apache.camel.builder.RouteBuilder;

/**
 * Booking coordination driven by events: {@code booking-event}, on the instance the consumer group
 * gave a {@code slot.left} or {@code tee-time.cancelled} event, or a {@code tee-time.updated} that
 * changes the start, slots or status ({@code BookingTriggers}, cluster-once), reconciles the tee
 * time, so an opened slot goes to the waitlist.
 * Failures are handled by the route configuration {@code booking-event-errors} like the rest of the
 * group's work: a database failure is retried 3 times, then the entry stays pending for another
 * attempt and is dead-lettered once it has been delivered too often; each failure is counted in
 * {@code linkup.booking.event_failures}. The rest of the event's once-per-cluster work (matching,
 * notifications) still runs: {@code cluster-once} hands the event to each of them.
 * The sweeps (expired holds, expired offers, no-shows) are timed jobs on the clustered scheduler
 * ({@code job-expire-holds}, {@code job-expire-offers}, {@code job-detect-no-shows}); each is also
 * safe to run on several instances at once (per-tee-time row locks and unique audit keys).
 */
public final class BookingRoutes extends RouteBuilder {

    public static final String BOOKING_EVENT = "direct:booking-event";

    private final BookingService booking;

    public BookingRoutes(BookingService booking) {
        this.booking = booking;
    }

    @Override
    public void configure() {
        from(BOOKING_EVENT)
                .routeId("booking-event")
                .routeConfigurationId(EventErrorHandling.BOOKING_EVENT_ERRORS)
                .routeDescription("a slot opened or the tee time changed: reconcile it (waitlist promotion)")
                .process(exchange -> booking.reconcile(
                        exchange.getMessage().getBody(DomainEvent.class).payload().teeTimeId()));
    }
}
