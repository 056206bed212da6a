package golf.linkup.engine.matching;

import golf.linkup.engine.domain.GeoPoint;

/**
 * Distance decisions without trigonometry on the hot path. Every position is prepared once as a
 * unit vector; the squared chord between two unit vectors is {@code 4 a}, where {@code a} is the
 * haversine term of {@link GeoPoint#distanceKm}, and it grows with the distance. So "distance
 * &le; D" is "squared chord &le; the squared chord of D", a threshold computed once per D.
 *
 * <p>The two computations round differently, so a pair within a relative {@link #BAND} of a
 * threshold is decided by {@link GeoPoint#distanceKm} itself: every decision agrees exactly with
 * the reference distance, boundaries included.
 */
final class Spherical {

    /** Relative width around a threshold where the exact haversine decides (rounding is ~1e-14). */
    static final double BAND = 1e-9;

    private static final double HALF_CIRCUMFERENCE_KM = Math.PI * GeoPoint.EARTH_RADIUS_KM;

    private Spherical() {
    }

    static double unitX(double lat, double lng) {
        return Math.cos(Math.toRadians(lat)) * Math.cos(Math.toRadians(lng));
    }

    static double unitY(double lat, double lng) {
        return Math.cos(Math.toRadians(lat)) * Math.sin(Math.toRadians(lng));
    }

    static double unitZ(double lat) {
        return Math.sin(Math.toRadians(lat));
    }

    /** The squared chord of a great-circle distance; +infinity when every point is that close. */
    static double squaredChordOf(double km) {
        if (km >= HALF_CIRCUMFERENCE_KM) {
            return Double.POSITIVE_INFINITY;
        }
        if (km < 0) {
            return -1;
        }
        double chord = 2 * Math.sin(km / (2 * GeoPoint.EARTH_RADIUS_KM));
        return chord * chord;
    }

    static double squaredChord(double x1, double y1, double z1, double x2, double y2, double z2) {
        double dx = x1 - x2;
        double dy = y1 - y2;
        double dz = z1 - z2;
        return dx * dx + dy * dy + dz * dz;
    }

    /**
     * {@code GeoPoint.distanceKm(lat1, lng1, lat2, lng2) <= km}, given the squared chord of the
     * two points and {@code threshold = squaredChordOf(km)}.
     */
    static boolean within(double squaredChord, double threshold, double km,
                          double lat1, double lng1, double lat2, double lng2) {
        if (squaredChord < threshold * (1 - BAND)) {
            return true;
        }
        if (squaredChord > threshold * (1 + BAND)) {
            return false;
        }
        return GeoPoint.distanceKm(lat1, lng1, lat2, lng2) <= km;
    }
}
