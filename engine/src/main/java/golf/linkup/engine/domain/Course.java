package golf.linkup.engine.domain;

import java.time.ZoneId;

/** A golf course. Tee times are shown in the course's own time zone. */
public record Course(String id, String name, String city, String country, GeoPoint location, ZoneId timeZone) {
}
