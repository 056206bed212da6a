package golf.linkup.routes;

import golf.linkup.engine.booking.BookingService;
import golf.linkup.engine.events.DomainEvent;
import org.apache.camel.builder.RouteBuilder;

/**
 * Booking coordination driven by events: {@code booking-event}, on the instance that
 * claimed a {@code slot.left} or {@code tee-time.cancelled} event, or a {@code tee-time.updated} that
 * changes the start, slots or status ({@code BookingTriggers}, cluster-once), reconciles the tee
 * time, so an opened slot goes to the waitlist.
 * The sweeps (expired holds, expired offers, no-shows) are timed jobs on the clustered scheduler
 * ({@code job-expire-holds}, {@code job-expire-offers}, {@code job-detect-no-shows}); each is also
 * safe to run on several instances at once (per-tee-time row locks and unique audit keys).
 */
public final class BookingRoutes extends RouteBuilder {

    public static final String BOOKING_EVENT = "direct:booking-event";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(BookingRoutes.class);

    private final BookingService booking;
    private final Runnable failures;

    /** @param failures counts an event whose reconciliation failed */
    public BookingRoutes(BookingService booking, Runnable failures) {
        this.failures = failures;
        this.booking = booking;
    }

    @Override
    public void configure() {
        // A failure here must not stop the event's other once-per-cluster work (matching, notifications):
        // it is logged and counted, and booking-expire-offers promotes into free slots on its next run.
        from(BOOKING_EVENT)
                .routeId("booking-event")
                .routeDescription("a slot opened or the tee time changed: reconcile it (waitlist promotion)")
                .process(exchange -> {
                    DomainEvent event = exchange.getMessage().getBody(DomainEvent.class);
                    try {
                        booking.reconcile(event.payload().teeTimeId());
                    } catch (RuntimeException e) {
                        failures.run();
                        LOG.error("booking: event {} ({}) on tee time {} not reconciled; the offer sweep catches up",
                                event.id(), event.type().wireName(), event.payload().teeTimeId(), e);
                    }
                });
    }
}
