package golf.linkup.engine.matching;

import golf.linkup.engine.domain.Course;
import golf.linkup.engine.domain.GeoPoint;
import golf.linkup.engine.domain.Industry;
import golf.linkup.engine.domain.SkillLevel;
import golf.linkup.engine.domain.TeeTime;
import golf.linkup.engine.domain.TeeTimeStatus;
import golf.linkup.engine.domain.User;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Seeded random users, tee times and connections clustered around metros, including metros on the
 * anti-meridian and near the North Pole, users without a location, every status and slot count.
 * Used by the property and brute-force tests.
 */
final class RandomWorld {

    static final Industry[] INDUSTRIES = Industry.values();
    static final SkillLevel[] SKILLS = SkillLevel.values();

    final List<User> users = new ArrayList<>();
    final List<ScoringUser> scoringUsers = new ArrayList<>();
    final List<ScoringTeeTime> teeTimes = new ArrayList<>();
    final List<String[]> connections = new ArrayList<>();
    final InMemorySocialGraph graph;
    private final Random random;
    private final double[][] metros;
    private final String[] metroNames;

    RandomWorld(long seed, int userCount, int teeTimeCount, int metroCount) {
        random = new Random(seed);
        metros = new double[metroCount][];
        metroNames = new String[metroCount];
        for (int m = 0; m < metroCount; m++) {
            metros[m] = switch (m) {
                case 0 -> new double[] {-17.7, 179.9};   // Fiji, on the anti-meridian
                case 1 -> new double[] {88.9, 20.0};     // near the North Pole
                case 2 -> new double[] {36.57, -121.95}; // Pebble Beach
                default -> new double[] {random.nextDouble() * 120 - 55, random.nextDouble() * 360 - 180};
            };
            metroNames[m] = m == 2 ? "Pebble Beach" : "Metro " + m;
        }
        for (int i = 0; i < userCount; i++) {
            String id = String.format(Locale.ROOT, "user-%05d", i);
            int metro = random.nextInt(metroCount);
            GeoPoint at = random.nextInt(20) == 0 ? null : near(metro);
            String city = city(metro, at);
            SkillLevel skill = random.nextInt(20) == 0 ? SkillLevel.ANY : SKILLS[random.nextInt(3)];
            User u = new User(id, id, id + "@example.com", "Co", INDUSTRIES[random.nextInt(INDUSTRIES.length)], city, at,
                    skill, random.nextInt(51) / 10.0, random.nextInt(4), ZoneId.of("UTC"), Locale.ENGLISH);
            users.add(u);
            scoringUsers.add(ScoringUser.of(u));
        }
        for (int i = 0; i < userCount * 3; i++) {
            int ia = random.nextInt(userCount);
            User a = users.get(ia);
            User b = random.nextBoolean() ? users.get(random.nextInt(userCount))
                    : users.get(Math.floorMod(ia + random.nextInt(40) - 20, userCount));
            connections.add(new String[] {a.id(), b.id()});
        }
        graph = InMemorySocialGraph.of(connections);
        for (int i = 0; i < teeTimeCount; i++) {
            teeTimes.add(teeTime(String.format(Locale.ROOT, "tt-%05d", i)));
        }
    }

    ScoringTeeTime teeTime(String id) {
        int metro = random.nextInt(metros.length);
        GeoPoint at = near(metro);
        User host = users.get(random.nextInt(users.size()));
        TeeTimeStatus status = random.nextInt(10) < 8 ? TeeTimeStatus.OPEN
                : TeeTimeStatus.values()[random.nextInt(TeeTimeStatus.values().length)];
        int open = random.nextInt(5);
        Instant startsAt = Fixtures.NOW.plusMillis((long) (random.nextDouble() * 41 * 86_400_000L) - 86_400_000L);
        TeeTime t = new TeeTime(id, host.id(), "c-" + id, startsAt, INDUSTRIES[random.nextInt(INDUSTRIES.length)],
                random.nextInt(4) == 0, SKILLS[random.nextInt(SKILLS.length)], 4, open, status);
        Course course = new Course("c-" + id, "Course " + id, city(metro, at), "XX", at, ZoneId.of("UTC"));
        Set<String> players = new LinkedHashSet<>();
        players.add(host.id());
        for (int p = random.nextInt(3); p > 0; p--) {
            players.add(users.get(random.nextInt(users.size())).id());
        }
        return ScoringTeeTime.of(t, course, host, players);
    }

    ScoringUser randomUser() {
        return scoringUsers.get(random.nextInt(scoringUsers.size()));
    }

    ScoringTeeTime randomTeeTime() {
        return teeTimes.get(random.nextInt(teeTimes.size()));
    }

    Random random() {
        return random;
    }

    /** A position around a metro: mostly within ~60 km, sometimes up to ~400 km. */
    GeoPoint near(int metro) {
        double sigmaKm = random.nextInt(5) == 0 ? 150 : 25;
        double north = random.nextGaussian() * sigmaKm;
        double east = random.nextGaussian() * sigmaKm;
        double lat = metros[metro][0] + north / 111.195;
        lat = Math.max(-90, Math.min(90, lat));
        double cos = Math.max(0.01, Math.cos(Math.toRadians(lat)));
        double lng = metros[metro][1] + east / (111.195 * cos);
        lng = ((lng + 180) % 360 + 360) % 360 - 180;
        return new GeoPoint(lat, lng);
    }

    private String city(int metro, GeoPoint at) {
        if (at == null) {
            return random.nextBoolean() ? metroNames[metro] : null;
        }
        double km = at.distanceKm(new GeoPoint(metros[metro][0], metros[metro][1]));
        if (km < 60 && random.nextInt(10) < 8) {
            return random.nextBoolean() ? metroNames[metro] : metroNames[metro].toUpperCase(Locale.ROOT);
        }
        return "Town " + random.nextInt(5);
    }

    /** Ranks like every list of the package: score descending, then id. */
    static final Comparator<ScoredUser> USER_ORDER =
            Comparator.comparingInt(ScoredUser::score).reversed().thenComparing(ScoredUser::userId);
    static final Comparator<Recommendation> TEE_TIME_ORDER =
            Comparator.comparingInt(Recommendation::score).reversed().thenComparing(Recommendation::teeTimeId);
}
