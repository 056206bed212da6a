package golf.linkup.engine.booking;

import golf.linkup.engine.events.PersonSnapshot;
import golf.linkup.engine.events.TeeTimeSnapshot;
import golf.linkup.engine.notifications.NotificationIntent;
import golf.linkup.engine.storage.TeeTimeDirectory;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a booking's {@link BookingEffect.Notify} into a {@link NotificationIntent} with the model the
 * templates need ({@code templates/README.md}): the tee time's keys as the directory knows them
 * now, the recipient's name, then the notification's own extras (which win).
 */
final class BookingNotifications {

    private final TeeTimeDirectory directory;

    BookingNotifications(TeeTimeDirectory directory) {
        this.directory = directory;
    }

    NotificationIntent intent(BookingEffect.Notify n) {
        return new NotificationIntent(n.key(), n.userId(), n.type(), n.priority(), n.channels(),
                model(n.teeTimeId(), n.userId(), n.extras()), null);
    }

    private Map<String, Object> model(String teeTimeId, String userId, Map<String, Object> extras) {
        Map<String, Object> model = new HashMap<>();
        model.put("teeTimeId", teeTimeId);
        Optional<TeeTimeSnapshot> t = directory.findTeeTime(teeTimeId);
        t.ifPresent(tt -> {
            model.put("courseName", tt.course().name());
            if (tt.course().city() != null) {
                model.put("courseCity", tt.course().city());
            }
            model.put("startsAt", tt.startsAt().toString());
            model.put("courseTimeZone", tt.course().timeZone().getId());
            model.put("openSlots", tt.openSlots());
            model.put("totalSlots", tt.totalSlots());
            model.put("industry", tt.industry());
            PersonSnapshot host = tt.host();
            if (host != null) {
                model.put("hostId", host.id());
                if (host.name() != null) {
                    model.put("hostName", host.name());
                }
                if (host.company() != null) {
                    model.put("hostCompany", host.company());
                }
            }
        });
        directory.findPerson(userId).map(PersonSnapshot::name).ifPresent(name -> model.put("recipientName", name));
        model.putIfAbsent("action", "open_tee_time");
        model.putAll(extras);
        return model;
    }
}
