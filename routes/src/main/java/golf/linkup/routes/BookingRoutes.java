package golf.linkup.routes;

import golf.linkup.engine.booking.BookingService;
import golf.linkup.engine.events.DomainEvent;
import org.apache.camel.builder.RouteBuilder;

/**
 * Booking coordination (seed 004):
 * <ul>
 *   <li>{@code booking-expire-holds}: releases expired 15-second holds (seed 004: every 5 s);</li>
 *   <li>{@code booking-expire-offers}: passes expired waitlist offers on, promotes waiting entries of
 *       tee times with a free slot, closes waitlists of tee times that started or were cancelled;</li>
 *   <li>{@code booking-detect-no-shows}: confirmed players without a check-in after the round's end;</li>
 *   <li>{@code booking-event}: on the instance that claimed a {@code slot.left}, {@code tee-time.cancelled}
 *       or {@code tee-time.updated} event (cluster-once), the tee time is reconciled: an opened slot
 *       goes to the waitlist.</li>
 * </ul>
 * Each sweep is safe to run on several instances at once (per-tee-time row locks and unique audit
 * keys), so plain timers on every instance are correct; the three {@code from} URIs are parameters
 * so clustered Quartz endpoints can replace them (one firing per cluster instead of per instance).
 * Each route's body afterwards is the {@link golf.linkup.engine.booking.SweepReport} of the run.
 */
public final class BookingRoutes extends RouteBuilder {

    public static final String BOOKING_EVENT = "direct:booking-event";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(BookingRoutes.class);

    private final BookingService booking;
    private final String expireHoldsUri;
    private final String expireOffersUri;
    private final String detectNoShowsUri;
    private final Runnable failures;

    /** @param failures counts an event whose reconciliation failed */
    public BookingRoutes(BookingService booking, String expireHoldsUri, String expireOffersUri,
            String detectNoShowsUri, Runnable failures) {
        this.failures = failures;
        this.booking = booking;
        this.expireHoldsUri = expireHoldsUri;
        this.expireOffersUri = expireOffersUri;
        this.detectNoShowsUri = detectNoShowsUri;
    }

    @Override
    public void configure() {
        from(expireHoldsUri)
                .routeId("booking-expire-holds")
                .routeConfigurationId(EventErrorHandling.JOB_ERRORS)
                .routeDescription("release expired slot holds; their slots go to the waitlist first")
                .process(exchange -> exchange.getMessage().setBody(booking.expireHolds()));

        from(expireOffersUri)
                .routeId("booking-expire-offers")
                .routeConfigurationId(EventErrorHandling.JOB_ERRORS)
                .routeDescription("pass expired waitlist offers on; promote waiting entries into free slots")
                .process(exchange -> exchange.getMessage().setBody(booking.expireOffers()));

        from(detectNoShowsUri)
                .routeId("booking-detect-no-shows")
                .routeConfigurationId(EventErrorHandling.JOB_ERRORS)
                .routeDescription("players without a check-in after the round's end become no-shows")
                .process(exchange -> exchange.getMessage().setBody(booking.detectNoShows()));

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

    /** A timer endpoint firing every {@code period} (first firing after one period). */
    public static String timerUri(String name, java.time.Duration period) {
        return "timer:" + name + "?period=" + period.toMillis() + "&delay=" + period.toMillis();
    }
}
