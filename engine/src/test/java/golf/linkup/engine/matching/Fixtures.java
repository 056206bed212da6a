package golf.linkup.engine.matching;

import golf.linkup.engine.domain.Course;
import golf.linkup.engine.domain.GeoPoint;
import golf.linkup.engine.domain.Industry;
import golf.linkup.engine.domain.SkillLevel;
import golf.linkup.engine.domain.TeeTime;
import golf.linkup.engine.domain.TeeTimeStatus;
import golf.linkup.engine.domain.User;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/** Builders for readable tests: a default user and tee time, and withers for the field under test. */
final class Fixtures {

    static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");
    static final long NOW_MILLIS = NOW.toEpochMilli();
    static final GeoPoint PEBBLE_BEACH = new GeoPoint(36.5725, -121.9486);

    private Fixtures() {
    }

    static User user(String id, Industry industry, String city, GeoPoint location, SkillLevel skill) {
        return new User(id, id, id + "@example.com", "Acme", industry, city, location, skill, 0, 0,
                ZoneId.of("UTC"), Locale.ENGLISH);
    }

    static UserBuilder aUser() {
        return new UserBuilder();
    }

    static TeeTimeBuilder aTeeTime() {
        return new TeeTimeBuilder();
    }

    static final class UserBuilder {
        String id = "u1";
        Industry industry = Industry.FINANCE;
        String city = "Pebble Beach";
        GeoPoint location = PEBBLE_BEACH;
        SkillLevel skill = SkillLevel.INTERMEDIATE;

        UserBuilder id(String v) {
            id = v;
            return this;
        }

        UserBuilder industry(Industry v) {
            industry = v;
            return this;
        }

        UserBuilder city(String v) {
            city = v;
            return this;
        }

        UserBuilder at(GeoPoint v) {
            location = v;
            return this;
        }

        UserBuilder at(double lat, double lng) {
            location = new GeoPoint(lat, lng);
            return this;
        }

        UserBuilder skill(SkillLevel v) {
            skill = v;
            return this;
        }

        User domain() {
            return user(id, industry, city, location, skill);
        }

        ScoringUser build() {
            return ScoringUser.of(domain());
        }
    }

    static final class TeeTimeBuilder {
        String id = "t1";
        String hostId = "host";
        double hostRating = 4.0;
        int hostCompleted = 3;
        String courseCity = "Pebble Beach";
        GeoPoint course = PEBBLE_BEACH;
        Instant startsAt = NOW.plus(Duration.ofDays(3));
        Industry industry = Industry.FINANCE;
        boolean openToAll = false;
        SkillLevel skill = SkillLevel.INTERMEDIATE;
        int totalSlots = 4;
        int openSlots = 3;
        TeeTimeStatus status = TeeTimeStatus.OPEN;
        List<String> players = List.of();

        TeeTimeBuilder id(String v) {
            id = v;
            return this;
        }

        TeeTimeBuilder host(String v) {
            hostId = v;
            return this;
        }

        TeeTimeBuilder hostRating(double v) {
            hostRating = v;
            return this;
        }

        TeeTimeBuilder hostCompleted(int v) {
            hostCompleted = v;
            return this;
        }

        TeeTimeBuilder courseCity(String v) {
            courseCity = v;
            return this;
        }

        TeeTimeBuilder at(GeoPoint v) {
            course = v;
            return this;
        }

        TeeTimeBuilder at(double lat, double lng) {
            course = new GeoPoint(lat, lng);
            return this;
        }

        TeeTimeBuilder startsAt(Instant v) {
            startsAt = v;
            return this;
        }

        TeeTimeBuilder startsIn(Duration v) {
            startsAt = NOW.plus(v);
            return this;
        }

        TeeTimeBuilder industry(Industry v) {
            industry = v;
            return this;
        }

        TeeTimeBuilder openToAll(boolean v) {
            openToAll = v;
            return this;
        }

        TeeTimeBuilder skill(SkillLevel v) {
            skill = v;
            return this;
        }

        TeeTimeBuilder openSlots(int v) {
            openSlots = v;
            return this;
        }

        TeeTimeBuilder status(TeeTimeStatus v) {
            status = v;
            return this;
        }

        TeeTimeBuilder players(String... v) {
            players = List.of(v);
            return this;
        }

        ScoringTeeTime build() {
            TeeTime t = new TeeTime(id, hostId, "course-" + id, startsAt, industry, openToAll, skill, totalSlots,
                    openSlots, status);
            Course c = new Course("course-" + id, "Links of " + courseCity, courseCity, "US", course, ZoneId.of("UTC"));
            return ScoringTeeTime.of(t, c, new HostFacts(hostId, hostRating, hostCompleted), players);
        }
    }

    /**
     * The point due north of {@code from} farthest from it whose {@code GeoPoint.distanceKm} is
     * still at most {@code km}: [0] is that point (exactly on the inclusive boundary, to the last
     * representable latitude), [1] the next representable latitude (a hair over).
     */
    static GeoPoint[] boundaryNorthOf(GeoPoint from, double km) {
        double lo = from.lat();
        double hi = Math.min(90, from.lat() + km / 100.0);
        while (Math.nextUp(lo) < hi) {
            double mid = lo + (hi - lo) / 2;
            if (mid <= lo || mid >= hi) {
                mid = Math.nextUp(lo);
            }
            if (from.distanceKm(new GeoPoint(mid, from.lng())) <= km) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return new GeoPoint[] {new GeoPoint(lo, from.lng()), new GeoPoint(hi, from.lng())};
    }
}
