package golf.linkup.app;

import golf.linkup.engine.booking.BookingEffects;
import golf.linkup.engine.booking.BookingService;
import golf.linkup.engine.http.api.BookingApi;
import golf.linkup.redis.RedisDomainEventPublisher;

/**
 * Booking: holds, the waitlist, check-ins and no-shows, and their API. Room messages go through the
 * fan-out, {@code slot.joined} is appended to the event stream, notifications go to the outbox.
 */
public final class BookingAssembly {

    private final BookingService booking;

    BookingAssembly(InfrastructureAssembly infrastructure, IntakeAssembly intake, GatewayAssembly gateway,
            NotificationAssembly notifications) {
        var settings = infrastructure.settings();
        booking = new BookingService(infrastructure.database().dataSource(), infrastructure.clock(),
                settings.booking(), BookingEffects.of(gateway.fanoutPublisher(),
                        new RedisDomainEventPublisher(intake.eventStream()), notifications.service()::enqueue),
                infrastructure.directory(), infrastructure.metrics().meterRegistry(), settings.instanceId());
        new BookingApi(booking).register(gateway.api());
    }

    public BookingService service() {
        return booking;
    }
}
