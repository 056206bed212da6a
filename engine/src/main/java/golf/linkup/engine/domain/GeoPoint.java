package golf.linkup.engine.domain;

/** A WGS84 position in degrees. */
public record GeoPoint(double lat, double lng) {

    /** Mean Earth radius (IUGG), the radius the haversine distance uses. */
    public static final double EARTH_RADIUS_KM = 6371.0088;

    public GeoPoint {
        if (!(lat >= -90 && lat <= 90) || !(lng >= -180 && lng <= 180)) {
            throw new IllegalArgumentException("not a position: lat=" + lat + ", lng=" + lng);
        }
    }

    /** Great-circle (haversine) distance in kilometres. */
    public double distanceKm(GeoPoint other) {
        return distanceKm(lat, lng, other.lat, other.lng);
    }

    /** Great-circle (haversine) distance in kilometres between two positions in degrees. */
    public static double distanceKm(double lat1, double lng1, double lat2, double lng2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLng = Math.toRadians(lng2 - lng1);
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2))
                * Math.sin(dLng / 2) * Math.sin(dLng / 2);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1.0, Math.sqrt(a)));
    }
}
