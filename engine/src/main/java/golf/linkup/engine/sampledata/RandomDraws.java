package golf.linkup.engine.sampledata;

import golf.linkup.engine.domain.GeoPoint;

import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.ToIntFunction;

/**
 * The generator's only source of randomness: a seeded {@link Random} (its algorithm is fixed by
 * the Java specification) plus {@link StrictMath} for trigonometry, so the same seed gives the
 * same files on every JVM and platform.
 */
final class RandomDraws {

    private static final double KM_PER_DEGREE_LATITUDE = 111.32;

    private final Random random;

    RandomDraws(long seed) {
        this.random = new Random(seed);
    }

    /** Uniform in [0, 1). */
    double uniform() {
        return random.nextDouble();
    }

    boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    /** Uniform in {@code min..max}, both inclusive. */
    int between(int min, int max) {
        return min + random.nextInt(max - min + 1);
    }

    double gaussian(double mean, double standardDeviation) {
        return mean + random.nextGaussian() * standardDeviation;
    }

    <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    /** Shuffles in place (Fisher-Yates with this source). */
    <T> void shuffle(List<T> items) {
        Collections.shuffle(items, random);
    }

    /** One item, each with probability {@code weight / sum of weights}. */
    <T> T weighted(List<T> items, ToIntFunction<T> weight) {
        int total = items.stream().mapToInt(weight).sum();
        int roll = random.nextInt(total);
        for (T item : items) {
            roll -= weight.applyAsInt(item);
            if (roll < 0) {
                return item;
            }
        }
        throw new IllegalStateException("weights changed while drawing");
    }

    /** A point uniformly distributed over the disc of {@code radiusKm} around {@code centre}, 4 decimals. */
    GeoPoint around(GeoPoint centre, double radiusKm) {
        double distance = radiusKm * StrictMath.sqrt(random.nextDouble());
        double bearing = 2 * StrictMath.PI * random.nextDouble();
        double dLat = distance * StrictMath.cos(bearing) / KM_PER_DEGREE_LATITUDE;
        double dLng = distance * StrictMath.sin(bearing)
                / (KM_PER_DEGREE_LATITUDE * StrictMath.cos(StrictMath.toRadians(centre.lat())));
        return new GeoPoint(round(centre.lat() + dLat, 4), round(centre.lng() + dLng, 4));
    }

    static double round(double value, int decimals) {
        double scale = StrictMath.pow(10, decimals);
        return StrictMath.round(value * scale) / scale;
    }
}
