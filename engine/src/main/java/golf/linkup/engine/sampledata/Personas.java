package golf.linkup.engine.sampledata;

import golf.linkup.engine.domain.GeoPoint;
import golf.linkup.engine.domain.Industry;
import golf.linkup.engine.domain.SkillLevel;
import golf.linkup.engine.domain.TeeTimeStatus;
import golf.linkup.engine.domain.User;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/**
 * Hand-picked records placed first in the generated files, with facts that documentation and
 * tests rely on (see {@code sample-data/README.md}). Change them only together with both.
 */
final class Personas {

    /** user-0001..user-0005. */
    static final List<User> USERS = List.of(
            user(1, "Daniel", "Brooks", "Harborline Capital", Industry.FINANCE, "New York", 40.7580, -73.9855,
                    "America/New_York", Locale.ENGLISH, SkillLevel.INTERMEDIATE, 4.6, 12),
            user(2, "Priya", "Raman", "Kestrel Peak Partners", Industry.PRIVATE_CAPITAL, "New York", 40.7736, -73.9566,
                    "America/New_York", Locale.ENGLISH, SkillLevel.ADVANCED, 4.8, 7),
            // A new host: unrated and no completed tee times, so "new host" scoring has a known subject.
            user(3, "Marcus", "Chen", "Brightwave Systems", Industry.TECH, "San Francisco", 37.7793, -122.4193,
                    "America/Los_Angeles", Locale.ENGLISH, SkillLevel.INTERMEDIATE, 0.0, 0),
            user(4, "Eleanor", "Whitfield", "Ashford & Lyle LLP", Industry.LEGAL, "London", 51.5155, -0.0922,
                    "Europe/London", Locale.ENGLISH, SkillLevel.ADVANCED, 4.2, 5),
            user(5, "Lucía", "Fernández", "Meridiano Consultores", Industry.CONSULTING, "Madrid", 40.4240, -3.6920,
                    "Europe/Madrid", Locale.forLanguageTag("es"), SkillLevel.INTERMEDIATE, 3.9, 3));

    /** tt-0001 and tt-0002. */
    static final List<PlannedTeeTime> TEE_TIMES = List.of(
            new PlannedTeeTime("tt-0001", "user-0001", "course-bethpage-black", 1, LocalTime.of(8, 0),
                    Industry.FINANCE, false, SkillLevel.INTERMEDIATE, 4, TeeTimeStatus.OPEN,
                    List.of("user-0001", "user-0002")),
            new PlannedTeeTime("tt-0002", "user-0003", "course-tpc-harding-park", 2, LocalTime.of(9, 30),
                    Industry.TECH, true, SkillLevel.ANY, 4, TeeTimeStatus.OPEN,
                    List.of("user-0003")));

    /** user-0001 and user-0002 know each other (they play tt-0001 together). */
    static final List<ConnectionPair> CONNECTIONS = List.of(new ConnectionPair("user-0001", "user-0002"));

    private Personas() {
    }

    private static User user(int number, String first, String last, String company, Industry industry, String city,
                             double lat, double lng, String zone, Locale locale, SkillLevel skill, double rating,
                             int completed) {
        return new User(UserGenerator.userId(number), first + " " + last, UserGenerator.email(first, last, number),
                company, industry, city, new GeoPoint(lat, lng), skill, rating, completed, ZoneId.of(zone), locale);
    }
}
