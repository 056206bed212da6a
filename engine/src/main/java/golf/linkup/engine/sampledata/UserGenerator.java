package golf.linkup.engine.sampledata;

import golf.linkup.engine.domain.GeoPoint;
import golf.linkup.engine.domain.Industry;
import golf.linkup.engine.domain.SkillLevel;
import golf.linkup.engine.domain.User;
import golf.linkup.engine.sampledata.MetroArea.Culture;
import golf.linkup.engine.sampledata.MetroArea.Place;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Generates users after the personas: a metro by weight, a home in one of its places (or, for
 * {@link #SATELLITE_SHARE} of them, a satellite town 60–300 km out), a culture for name and locale,
 * an industry weighted toward finance, tech, consulting and private capital, and a playing record.
 */
final class UserGenerator {

    /** Share of users living in a satellite town, when their metro has one. */
    static final double SATELLITE_SHARE = 0.12;
    /** Share of users who never hosted a played tee time ("new hosts"). */
    static final double NEW_HOST_SHARE = 0.20;

    private static final List<Map.Entry<Industry, Integer>> INDUSTRY_WEIGHTS = List.of(
            Map.entry(Industry.FINANCE, 20), Map.entry(Industry.TECH, 18), Map.entry(Industry.CONSULTING, 15),
            Map.entry(Industry.PRIVATE_CAPITAL, 13), Map.entry(Industry.REAL_ESTATE, 9), Map.entry(Industry.LEGAL, 9),
            Map.entry(Industry.HEALTHCARE, 7), Map.entry(Industry.MEDIA_ENTERTAINMENT, 5),
            Map.entry(Industry.EDUCATION, 4));

    private static final List<Map.Entry<SkillLevel, Integer>> SKILL_WEIGHTS = List.of(
            Map.entry(SkillLevel.BEGINNER, 25), Map.entry(SkillLevel.INTERMEDIATE, 45),
            Map.entry(SkillLevel.ADVANCED, 30));

    private final RandomDraws draws;

    UserGenerator(RandomDraws draws) {
        this.draws = draws;
    }

    /** {@code user-0001} style: four digits, zero-padded. */
    static String userId(int number) {
        return String.format(Locale.ROOT, "user-%04d", number);
    }

    /** {@code first.last.N@example.com}, accents and anything but letters and digits removed. */
    static String email(String first, String last, int number) {
        return asciiLower(first) + "." + asciiLower(last) + "." + number + "@example.com";
    }

    private static String asciiLower(String name) {
        String decomposed = Normalizer.normalize(name, Normalizer.Form.NFD);
        return decomposed.replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    /** The personas (numbered 1..n, in order) followed by generated users up to {@code count}. */
    List<Resident> generate(int count, List<User> personas, List<MetroArea> metros) {
        List<Resident> residents = new ArrayList<>(count);
        for (User persona : personas) {
            if (!persona.id().equals(userId(residents.size() + 1))) {
                throw new IllegalStateException("personas must be numbered from 1 in order: " + persona.id());
            }
            residents.add(new Resident(persona, nearest(metros, persona.location())));
        }
        List<MetroArea> homes = allocate(count - residents.size(), metros);
        for (MetroArea metro : homes) {
            residents.add(generateOne(residents.size() + 1, metro));
        }
        return residents;
    }

    /**
     * One metro per user to generate, each metro's share proportional to its weight (largest
     * remainder), in shuffled order. Proportional rather than drawn independently so that a small
     * data set still has every region in its intended size.
     */
    private List<MetroArea> allocate(int count, List<MetroArea> metros) {
        int totalWeight = metros.stream().mapToInt(MetroArea::weight).sum();
        List<MetroArea> homes = new ArrayList<>(count);
        List<MetroArea> byRemainder = new ArrayList<>(metros);
        for (MetroArea metro : metros) {
            int share = (int) ((long) count * metro.weight() / totalWeight);
            for (int i = 0; i < share; i++) {
                homes.add(metro);
            }
        }
        byRemainder.sort(Comparator.comparingLong(
                (MetroArea metro) -> (long) count * metro.weight() % totalWeight).reversed());
        for (int i = 0; homes.size() < count; i++) {
            homes.add(byRemainder.get(i));
        }
        draws.shuffle(homes);
        return homes;
    }

    private Resident generateOne(int number, MetroArea metro) {
        boolean satellite = !metro.satellites().isEmpty() && draws.chance(SATELLITE_SHARE);
        Place home = satellite ? draws.pick(metro.satellites()) : draws.weighted(metro.places(), Place::weight);
        GeoPoint location = draws.around(home.location(), home.radiusKm());
        Culture culture = draws.weighted(metro.cultures(), Culture::weight);
        String first = draws.pick(culture.names().firstNames());
        String last = draws.pick(culture.names().lastNames());
        Industry industry = draws.weighted(INDUSTRY_WEIGHTS, Map.Entry::getValue).getKey();
        String company = draws.pick(Companies.of(industry));
        SkillLevel skill = draws.weighted(SKILL_WEIGHTS, Map.Entry::getValue).getKey();
        boolean newHost = draws.chance(NEW_HOST_SHARE);
        int completed = newHost ? 0 : completedTeeTimes();
        double rating = rating(newHost);
        User user = new User(userId(number), first + " " + last, email(first, last, number), company, industry,
                home.city(), location, skill, rating, completed, metro.timeZone(), culture.locale());
        return new Resident(user, metro);
    }

    /** Mostly a handful, a few regulars with dozens: 1 + a rounded exponential, capped at 60. */
    private int completedTeeTimes() {
        double exponential = -8.0 * StrictMath.log(1.0 - draws.uniform());
        return (int) StrictMath.min(60, 1 + StrictMath.round(exponential));
    }

    /**
     * One decimal in 0.0..5.0, 0.0 meaning unrated: half of the new hosts and a few others are
     * unrated; rated players centre on 4.2.
     */
    private double rating(boolean newHost) {
        if (draws.chance(newHost ? 0.5 : 0.05)) {
            return 0.0;
        }
        double rating = draws.gaussian(4.2, 0.5);
        return RandomDraws.round(StrictMath.max(1.0, StrictMath.min(5.0, rating)), 1);
    }

    static MetroArea nearest(List<MetroArea> metros, GeoPoint point) {
        MetroArea nearest = null;
        double best = Double.MAX_VALUE;
        for (MetroArea metro : metros) {
            double distance = metro.centre().distanceKm(point);
            if (distance < best) {
                best = distance;
                nearest = metro;
            }
        }
        return nearest;
    }
}
