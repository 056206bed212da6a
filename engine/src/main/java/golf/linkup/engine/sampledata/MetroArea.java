package golf.linkup.engine.sampledata;

import golf.linkup.engine.domain.GeoPoint;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/**
 * Where generated users live: a metro area around one or more courses. {@code places} are
 * districts and towns within about 30 km of the centre (the first place), where most users live;
 * {@code satellites} are towns 60–300 km out, for users who travel to play. Every place shares the
 * metro's time zone. {@code weight} is the metro's share of users, {@code cultures} how their names
 * and locales are drawn.
 */
record MetroArea(String id, ZoneId timeZone, int weight, List<Culture> cultures, List<Place> places,
                 List<Place> satellites) {

    MetroArea {
        if (places.isEmpty()) {
            throw new IllegalArgumentException(id + " has no places");
        }
        cultures = List.copyOf(cultures);
        places = List.copyOf(places);
        satellites = List.copyOf(satellites);
    }

    /** The first place: what "distance to the metro" is measured from. */
    GeoPoint centre() {
        return places.get(0).location();
    }

    /**
     * A town or district. Users placed here are spread uniformly over a disc of {@code radiusKm}
     * around it and take {@code city} as their city; {@code weight} is its share of the metro's users.
     */
    record Place(String city, GeoPoint location, double radiusKm, int weight) {
    }

    /** A naming tradition and the locale its users choose, with its share of the metro's users. */
    record Culture(NamePool names, Locale locale, int weight) {
    }
}
