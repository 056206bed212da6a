package golf.linkup.engine.booking;

import java.time.Instant;
import java.util.Optional;

/**
 * The start window a waitlisted player accepts: the tee time is offered (or booked) for them only
 * while it starts within {@code [earliest, latest]} (either end may be open). It matters when the
 * host moves the tee time: someone who can play at 8:00 but not at 14:00 is passed over, keeps
 * their place, and is back in line if the tee time moves back.
 */
public record TimePreference(Optional<Instant> earliest, Optional<Instant> latest) {

    public static final TimePreference ANY = new TimePreference(Optional.empty(), Optional.empty());

    public TimePreference {
        if (earliest.isPresent() && latest.isPresent() && earliest.get().isAfter(latest.get())) {
            throw new IllegalArgumentException("earliest " + earliest.get() + " is after latest " + latest.get());
        }
    }

    public boolean accepts(Instant startsAt) {
        return earliest.map(e -> !startsAt.isBefore(e)).orElse(true) && latest.map(l -> !startsAt.isAfter(l)).orElse(true);
    }
}
