package golf.linkup.engine.booking;

import golf.linkup.engine.notifications.Channel;
import golf.linkup.engine.notifications.NotificationType;
import golf.linkup.engine.notifications.Priority;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one locked booking operation does besides changing {@link TeeTimeBooking}: the writes (to
 * {@link #writes}, at once), the effects for after the commit, in order, and the sweep counts.
 */
final class Transition {

    final BookingWrites writes;
    final Instant now;
    private final List<BookingEffect> effects = new ArrayList<>();
    int holdsExpired;
    int offersExpired;
    int autoBooked;
    int offered;

    Transition(BookingWrites writes, Instant now) {
        this.writes = writes;
        this.now = now;
    }

    void room(String teeTimeId, String message) {
        effects.add(new BookingEffect.RoomMessage(teeTimeId, message));
    }

    void slotJoined(String teeTimeId, int slot, String userId, Instant at) {
        effects.add(new BookingEffect.SlotJoined(teeTimeId, slot, userId, at));
    }

    void notify(NotificationType type, String key, String userId, String teeTimeId, Priority priority,
            Set<Channel> channels, Map<String, Object> extras) {
        effects.add(new BookingEffect.Notify(type, key, userId, teeTimeId, priority, channels, extras));
    }

    List<BookingEffect> effects() {
        return List.copyOf(effects);
    }

    /** For the timed jobs: {@code teeTimes} counts only when this transition changed something. */
    SweepReport report(int teeTimes) {
        boolean any = holdsExpired + offersExpired + autoBooked + offered > 0;
        return new SweepReport(any ? teeTimes : 0, holdsExpired, offersExpired, autoBooked, offered, 0);
    }
}
