package golf.linkup.routes;

import static org.assertj.core.api.Assertions.assertThat;

import golf.linkup.engine.booking.BookingEffects;
import golf.linkup.engine.booking.BookingService;
import golf.linkup.engine.booking.TimePreference;
import golf.linkup.engine.config.BookingSettings;
import golf.linkup.engine.events.TestEvents;
import golf.linkup.engine.notifications.NotificationIntent;
import golf.linkup.engine.storage.JdbcTeeTimeDirectory;
import golf.linkup.engine.storage.StorageException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.junit.jupiter.api.Test;

/**
 * {@code booking-event} with the real booking service on H2: a slot that opened goes to the
 * waitlist; a database failure is retried 3 times, counted, and left failed, so the group entry
 * stays pending (the consumer group's side of that is in {@link EventIngestRoutesTest}).
 */
class BookingRoutesTest extends RouteTestSupport {

    private final List<String> slotsJoined = new CopyOnWriteArrayList<>();
    private final List<NotificationIntent> told = new CopyOnWriteArrayList<>();
    private BookingService booking;

    BookingRoutesTest() {
        super(false);
    }

    @Override
    protected RoutesBuilder[] routes() {
        BookingEffects effects = new BookingEffects() {
            @Override
            public void toRoom(String teeTimeId, String message) {
            }

            @Override
            public void slotJoined(String teeTimeId, int slotNumber, String userId, Instant at) {
                slotsJoined.add(teeTimeId + " " + slotNumber + " " + userId);
            }

            @Override
            public void notify(NotificationIntent intent) {
                told.add(intent);
            }
        };
        booking = new BookingService(db.dataSource(), Clock.systemUTC(), BookingSettings.defaults(),
                effects, new JdbcTeeTimeDirectory(db.dataSource()), metrics.meterRegistry(), "instance-a");
        return new RoutesBuilder[] {
            new BookingRoutes(booking)
        };
    }

    @Test
    void aSlotLeftGoesToTheAutoBookingPlayerOnTheWaitlist() throws Exception {
        db.insertCourse("bethpage", "Bethpage Black Course", 40.7448, -73.4540, "America/New_York");
        for (String user : List.of("host", "p2", "p3", "ana")) {
            db.insertUser(user, user.toUpperCase(), "Acme", "FINANCE");
        }
        db.insertTeeTime("tt", "host", "bethpage", Instant.now().plus(Duration.ofDays(2)), "FINANCE", false, 3,
                "p2", "p3");
        booking.joinWaitlist("tt", "ana", true, TimePreference.ANY, null);
        db.update("delete from tee_time_slots where tee_time_id = 'tt' and user_id = 'p3'"); // the API server's change

        Exchange done = template.send(BookingRoutes.BOOKING_EVENT, e -> e.getMessage().setBody(
                TestEvents.parsed("slot.left", "{\"teeTimeId\":\"tt\",\"slotNumber\":3,\"userId\":\"p3\"}")));

        assertThat(done.getException()).isNull();
        assertThat(slotsJoined).containsExactly("tt 3 ana");
        assertThat(db.queryLong("select count(*) from tee_time_slots where tee_time_id = 'tt' and user_id = 'ana'"))
                .isEqualTo(1);
        assertThat(told).extracting(NotificationIntent::userId).containsExactly("ana");
    }

    @Test
    void aDatabaseFailureIsRetriedThreeTimesCountedAndLeftFailedSoTheEntryStaysPending() {
        db.database().close(); // the database is gone

        Exchange done = template.send(BookingRoutes.BOOKING_EVENT, e -> e.getMessage().setBody(
                TestEvents.parsed("tee-time.cancelled", "{\"teeTimeId\":\"tt\"}")));

        assertThat(done.getException()).isInstanceOf(StorageException.class);
        assertThat(done.getMessage().getHeader(Exchange.REDELIVERY_COUNTER, Integer.class)).isEqualTo(3);
        assertThat(metrics.meterRegistry().counter("linkup.booking.event_failures").count()).isEqualTo(1);
    }
}
