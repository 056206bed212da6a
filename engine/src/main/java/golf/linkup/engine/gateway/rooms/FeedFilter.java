package golf.linkup.engine.gateway.rooms;

import golf.linkup.engine.domain.GeoPoint;
import golf.linkup.engine.domain.Industry;
import golf.linkup.engine.gateway.protocol.ClientCommand.LocationFilter;
import java.util.Optional;
import java.util.Set;

/** A connection's feed subscription: the industries it hears and an optional radius around a point. */
public record FeedFilter(Set<Industry> industries, Optional<LocationFilter> location) {

    /** True when a tee time at this course position passes the location filter (always without one). */
    public boolean acceptsPosition(double lat, double lng) {
        if (location.isEmpty()) {
            return true;
        }
        LocationFilter l = location.get();
        return GeoPoint.distanceKm(l.lat(), l.lng(), lat, lng) <= l.radiusKm();
    }
}
