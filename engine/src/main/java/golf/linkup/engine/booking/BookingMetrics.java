package golf.linkup.engine.booking;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The booking engine's counters: {@code linkup.booking.actions{action}}, {@code .refused{code}},
 * {@code .no_shows} and {@code .effect_failures}.
 */
final class BookingMetrics {

    /** Refusals are logged under {@link BookingService}, with the rest of the booking log. */
    private static final Logger LOG = LoggerFactory.getLogger(BookingService.class);

    private final MeterRegistry meters;

    BookingMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    void action(String what) {
        meters.counter("linkup.booking.actions", "action", what).increment();
    }

    /** Counts the refusal and builds the exception that carries it to the caller. */
    BookingException refusal(BookingError error, String message) {
        meters.counter("linkup.booking.refused", "code", error.name()).increment();
        LOG.debug("booking refused {}: {}", error, message);
        return new BookingException(error, message);
    }

    void noShows(int counted) {
        meters.counter("linkup.booking.no_shows").increment(counted);
    }

    void effectFailed() {
        meters.counter("linkup.booking.effect_failures").increment();
    }
}
