package golf.linkup.bench.matching;

import golf.linkup.engine.domain.Course;
import golf.linkup.engine.domain.GeoPoint;
import golf.linkup.engine.domain.Industry;
import golf.linkup.engine.domain.SkillLevel;
import golf.linkup.engine.domain.TeeTime;
import golf.linkup.engine.domain.TeeTimeStatus;
import golf.linkup.engine.matching.HostFacts;
import golf.linkup.engine.matching.InMemorySocialGraph;
import golf.linkup.engine.matching.ScoringTeeTime;
import golf.linkup.engine.matching.ScoringUser;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Deterministic benchmark data: users and tee times clustered around {@value #METROS} metro areas
 * spread over the inhabited latitudes of the world, metro sizes Zipf-distributed (exponent 0.8:
 * the largest metro holds ~10% of everything, the smallest ~0.15%). Around a metro, positions are
 * Gaussian (sigma 20 km for 85%, 80 km for the rest). Industries are weighted (finance and tech
 * most common), 2% of users have no location, each user has ~8 connections, mostly in their metro.
 * The same seed always gives the same data.
 */
public final class MatchingDataGenerator {

    public static final int METROS = 200;
    public static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");
    private static final Industry[] INDUSTRIES = Industry.values();
    /** FINANCE, PRIVATE_CAPITAL, CONSULTING, TECH, REAL_ESTATE, LEGAL, HEALTHCARE, EDUCATION, MEDIA_ENTERTAINMENT. */
    private static final double[] INDUSTRY_WEIGHTS = {20, 8, 12, 18, 10, 10, 10, 6, 6};
    private static final SkillLevel[] LEVELS = {SkillLevel.BEGINNER, SkillLevel.INTERMEDIATE, SkillLevel.ADVANCED};

    private final double[] metroLat = new double[METROS];
    private final double[] metroLng = new double[METROS];
    private final String[] metroName = new String[METROS];
    private final double[] metroCumulative = new double[METROS];
    private final double[] industryCumulative = new double[INDUSTRIES.length];
    private final SplittableRandom random;

    public final List<ScoringUser> users = new ArrayList<>();
    /** Each user's metro, by index in {@link #users}. */
    private int[] userMetro;
    private final List<List<Integer>> usersByMetro = new ArrayList<>();
    private final java.util.Map<String, Integer> teeTimeMetro = new java.util.HashMap<>();

    public MatchingDataGenerator(long seed) {
        random = new SplittableRandom(seed);
        Random metros = new Random(seed ^ 0x5DEECE66DL);
        double total = 0;
        for (int m = 0; m < METROS; m++) {
            // inhabited band, denser in the northern mid-latitudes
            metroLat[m] = metros.nextInt(4) == 0 ? -45 + metros.nextDouble() * 45 : 15 + metros.nextDouble() * 45;
            metroLng[m] = -180 + metros.nextDouble() * 360;
            metroName[m] = String.format(Locale.ROOT, "Metro %03d", m);
            total += Math.pow(m + 1, -0.8);
            metroCumulative[m] = total;
            usersByMetro.add(new ArrayList<>());
        }
        for (int m = 0; m < METROS; m++) {
            metroCumulative[m] /= total;
        }
        double industries = 0;
        for (int i = 0; i < INDUSTRIES.length; i++) {
            industries += INDUSTRY_WEIGHTS[i];
            industryCumulative[i] = industries;
        }
        for (int i = 0; i < INDUSTRIES.length; i++) {
            industryCumulative[i] /= industries;
        }
    }

    private int pick(double[] cumulative) {
        double r = random.nextDouble();
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] < r) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private GeoPoint near(int metro) {
        double sigma = random.nextInt(100) < 85 ? 20 : 80;
        double north = gaussian() * sigma;
        double east = gaussian() * sigma;
        double lat = Math.max(-89.9, Math.min(89.9, metroLat[metro] + north / 111.195));
        double lng = metroLng[metro] + east / (111.195 * Math.cos(Math.toRadians(lat)));
        lng = ((lng + 180) % 360 + 360) % 360 - 180;
        return new GeoPoint(lat, lng);
    }

    private double gaussian() {
        double u = Math.max(1e-12, random.nextDouble());
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    private String cityOf(int metro, GeoPoint at) {
        return at != null && at.distanceKm(new GeoPoint(metroLat[metro], metroLng[metro])) > 40
                ? "Outskirts of " + metroName[metro] : metroName[metro];
    }

    /** Generates {@code count} users ("u0000001", ...). */
    public MatchingDataGenerator withUsers(int count) {
        userMetro = new int[count];
        for (int i = 0; i < count; i++) {
            int metro = pick(metroCumulative);
            GeoPoint at = random.nextInt(100) < 2 ? null : near(metro);
            String id = String.format(Locale.ROOT, "u%07d", i);
            users.add(ScoringUser.of(id, INDUSTRIES[pick(industryCumulative)], cityOf(metro, at), at,
                    LEVELS[random.nextInt(3)]));
            userMetro[i] = metro;
            usersByMetro.get(metro).add(i);
        }
        return this;
    }

    /** A random user of the metro a generated tee time is in. */
    public ScoringUser randomUserNear(ScoringTeeTime teeTime) {
        List<Integer> local = usersByMetro.get(teeTimeMetro.get(teeTime.id()));
        return users.get(local.isEmpty() ? random.nextInt(users.size()) : local.get(random.nextInt(local.size())));
    }

    /** A random generated user. */
    public ScoringUser randomUser() {
        return users.get(random.nextInt(users.size()));
    }

    /** ~{@code perUser} undirected connections per user, 80% within the user's metro. */
    public InMemorySocialGraph socialGraph(int perUser) {
        List<String[]> pairs = new ArrayList<>(users.size() * perUser / 2);
        for (int i = 0; i < users.size(); i++) {
            for (int k = 0; k < perUser / 2; k++) {
                int other;
                if (random.nextInt(100) < 80) {
                    List<Integer> local = usersByMetro.get(userMetro[i]);
                    other = local.get(random.nextInt(local.size()));
                } else {
                    other = random.nextInt(users.size());
                }
                pairs.add(new String[] {users.get(i).id(), users.get(other).id()});
            }
        }
        return InMemorySocialGraph.of(pairs);
    }

    /**
     * {@code count} OPEN tee times ("tt000001", ...) starting within 45 days of {@link #NOW}, 1-3
     * open slots, 20% open to all, 30% for any level, hosted by a user of the metro.
     */
    public List<ScoringTeeTime> teeTimes(String prefix, int count) {
        List<ScoringTeeTime> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int metro = pick(metroCumulative);
            GeoPoint at = near(metro);
            List<Integer> local = usersByMetro.get(metro);
            ScoringUser host = users.get(local.isEmpty() ? random.nextInt(users.size()) : local.get(random.nextInt(local.size())));
            int open = 1 + random.nextInt(3);
            String id = String.format(Locale.ROOT, "%s%06d", prefix, i);
            Instant startsAt = NOW.plusSeconds(60 + (long) (random.nextDouble() * 45 * 86_400));
            SkillLevel level = random.nextInt(10) < 3 ? SkillLevel.ANY : LEVELS[random.nextInt(3)];
            TeeTime t = new TeeTime(id, host.id(), "c" + id, startsAt, INDUSTRIES[pick(industryCumulative)],
                    random.nextInt(5) == 0, level, 4, open, TeeTimeStatus.OPEN);
            Course course = new Course("c" + id, "Course " + id, cityOf(metro, at), "XX", at, ZoneId.of("UTC"));
            List<String> players = new ArrayList<>();
            for (int p = 4 - open - 1; p > 0; p--) {
                players.add(users.get(random.nextInt(users.size())).id());
            }
            HostFacts facts = new HostFacts(host.id(), random.nextInt(51) / 10.0, random.nextInt(4));
            out.add(ScoringTeeTime.of(t, course, facts, players));
            teeTimeMetro.put(id, metro);
        }
        return out;
    }
}
