package golf.linkup.engine.sampledata;

import golf.linkup.engine.domain.Course;
import golf.linkup.engine.domain.Industry;
import golf.linkup.engine.domain.SkillLevel;
import golf.linkup.engine.domain.TeeTimeStatus;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Generates tee times after the personas' ones. Each is hosted by a user who is free that day,
 * mostly at a course of the host's metro, reserved mostly for the host's industry; its other
 * players are free that day, allowed in (same industry unless open to all) and preferably the
 * host's connections or neighbours. Nobody plays two tee times on the same day.
 *
 * <p>Days are 1..29 ahead, never 0: a tee time "today" at 07:00 would already be over when the
 * sandbox starts in the afternoon, and every generated tee time should be upcoming.
 */
final class TeeTimeGenerator {

    static final int FIRST_DAY = 1;
    static final LocalTime EARLIEST = LocalTime.of(6, 30);
    static final LocalTime LATEST = LocalTime.of(16, 30);
    /** Tee sheets run in 10-minute intervals. */
    static final int INTERVAL_MINUTES = 10;
    static final int CANCELLED_COUNT = 3;
    /** How far a host may go for a course outside their metro before it counts as travelling. */
    private static final double NEARBY_KM = 300;

    /** Soft matching from the core seed; a tee time reserved for another industry than its host's picks from here. */
    private static final Map<Industry, List<Industry>> RELATED = new EnumMap<>(Industry.class);

    static {
        RELATED.put(Industry.FINANCE, List.of(Industry.PRIVATE_CAPITAL, Industry.CONSULTING, Industry.LEGAL));
        RELATED.put(Industry.PRIVATE_CAPITAL, List.of(Industry.FINANCE, Industry.REAL_ESTATE));
        RELATED.put(Industry.CONSULTING, List.of(Industry.FINANCE, Industry.TECH));
        RELATED.put(Industry.TECH, List.of(Industry.CONSULTING, Industry.MEDIA_ENTERTAINMENT));
        RELATED.put(Industry.REAL_ESTATE, List.of(Industry.PRIVATE_CAPITAL, Industry.LEGAL));
        RELATED.put(Industry.LEGAL, List.of(Industry.FINANCE, Industry.REAL_ESTATE));
        RELATED.put(Industry.HEALTHCARE, List.of(Industry.EDUCATION));
        RELATED.put(Industry.EDUCATION, List.of(Industry.HEALTHCARE));
        RELATED.put(Industry.MEDIA_ENTERTAINMENT, List.of(Industry.TECH));
    }

    private static final List<Map.Entry<Integer, Integer>> TOTAL_SLOT_WEIGHTS = List.of(
            Map.entry(4, 75), Map.entry(3, 13), Map.entry(2, 12));
    /** Open slots wanted, before capping at totalSlots - 1 (the host always plays). */
    private static final List<Map.Entry<Integer, Integer>> OPEN_SLOT_WEIGHTS = List.of(
            Map.entry(0, 14), Map.entry(1, 27), Map.entry(2, 29), Map.entry(3, 30));
    private static final List<SkillLevel> PLAYER_LEVELS = List.of(
            SkillLevel.BEGINNER, SkillLevel.INTERMEDIATE, SkillLevel.ADVANCED);
    private static final int ATTEMPTS = 40;

    private final RandomDraws draws;

    TeeTimeGenerator(RandomDraws draws) {
        this.draws = draws;
    }

    List<PlannedTeeTime> generate(int count, List<PlannedTeeTime> fixed, List<Resident> residents,
                                  Map<String, MetroArea> metroOfCourse, List<Course> courses,
                                  List<ConnectionPair> connections) {
        Map<String, Resident> residentsById = new LinkedHashMap<>();
        residents.forEach(resident -> residentsById.put(resident.id(), resident));
        Map<String, List<Course>> coursesOfMetro = new LinkedHashMap<>();
        for (Course course : courses) {
            coursesOfMetro.computeIfAbsent(metroOfCourse.get(course.id()).id(), k -> new ArrayList<>()).add(course);
        }
        Map<String, List<Resident>> residentsOfMetro = new LinkedHashMap<>();
        residents.forEach(r -> residentsOfMetro.computeIfAbsent(r.metro().id(), k -> new ArrayList<>()).add(r));
        Map<String, List<Resident>> connectionsOf = new HashMap<>();
        for (ConnectionPair pair : connections) {
            connectionsOf.computeIfAbsent(pair.lowerId(), k -> new ArrayList<>()).add(residentsById.get(pair.higherId()));
            connectionsOf.computeIfAbsent(pair.higherId(), k -> new ArrayList<>()).add(residentsById.get(pair.lowerId()));
        }

        Schedule schedule = new Schedule();
        List<PlannedTeeTime> teeTimes = new ArrayList<>(fixed);
        fixed.forEach(schedule::book);
        while (teeTimes.size() < count) {
            String id = String.format(Locale.ROOT, "tt-%04d", teeTimes.size() + 1);
            int day = draws.between(FIRST_DAY, PlannedTeeTime.MAX_DAY_OFFSET);
            Resident host = draws.pick(residents);
            if (schedule.isBusy(host.id(), day)) {
                continue;
            }
            Course course = course(host, coursesOfMetro, courses);
            Industry industry = draws.chance(0.85) ? host.user().industry() : draws.pick(RELATED.get(host.user().industry()));
            boolean openToAll = draws.chance(0.25);
            SkillLevel skill = skill(host);
            int totalSlots = draws.weighted(TOTAL_SLOT_WEIGHTS, Map.Entry::getValue).getKey();
            int wantedOpen = Math.min(totalSlots - 1, draws.weighted(OPEN_SLOT_WEIGHTS, Map.Entry::getValue).getKey());
            LocalTime start = EARLIEST.plusMinutes((long) INTERVAL_MINUTES
                    * draws.between(0, (LATEST.toSecondOfDay() - EARLIEST.toSecondOfDay()) / 60 / INTERVAL_MINUTES));

            List<String> players = new ArrayList<>(List.of(host.id()));
            MetroArea courseMetro = metroOfCourse.get(course.id());
            while (players.size() < totalSlots - wantedOpen) {
                List<Resident> pool = draws.chance(0.5)
                        ? connectionsOf.getOrDefault(host.id(), List.of())
                        : residentsOfMetro.get(draws.chance(0.7) ? courseMetro.id() : host.metro().id());
                Resident player = pickPlayer(pool, players, day, industry, openToAll, schedule);
                if (player == null) {
                    player = pickPlayer(residentsOfMetro.get(courseMetro.id()), players, day, industry, openToAll, schedule);
                }
                if (player == null) {
                    player = pickPlayer(residentsOfMetro.get(host.metro().id()), players, day, industry, openToAll, schedule);
                }
                if (player == null) {
                    break; // nobody suitable is free: the tee time keeps more open slots
                }
                players.add(player.id());
            }
            TeeTimeStatus status = players.size() == totalSlots ? TeeTimeStatus.FULL : TeeTimeStatus.OPEN;
            PlannedTeeTime teeTime = new PlannedTeeTime(id, host.id(), course.id(), day, start, industry, openToAll,
                    skill, totalSlots, status, players);
            schedule.book(teeTime);
            teeTimes.add(teeTime);
        }
        return cancelSome(teeTimes, fixed.size());
    }

    /** Mostly the host's metro; sometimes a course within reach; now and then a trip anywhere. */
    private Course course(Resident host, Map<String, List<Course>> coursesOfMetro, List<Course> courses) {
        double roll = draws.uniform();
        if (roll < 0.85) {
            return draws.pick(coursesOfMetro.get(host.metro().id()));
        }
        if (roll < 0.95) {
            List<Course> nearby = courses.stream()
                    .filter(course -> course.location().distanceKm(host.user().location()) <= NEARBY_KM)
                    .toList();
            if (!nearby.isEmpty()) {
                return draws.pick(nearby);
            }
        }
        return draws.pick(courses);
    }

    /** ANY for about 30%; otherwise mostly the host's own level. */
    private SkillLevel skill(Resident host) {
        if (draws.chance(0.30)) {
            return SkillLevel.ANY;
        }
        return draws.chance(0.65) ? host.user().skillLevel() : draws.pick(PLAYER_LEVELS);
    }

    private Resident pickPlayer(List<Resident> pool, List<String> players, int day, Industry industry,
                                boolean openToAll, Schedule schedule) {
        if (pool == null || pool.isEmpty()) {
            return null;
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Resident candidate = draws.pick(pool);
            if (!players.contains(candidate.id()) && !schedule.isBusy(candidate.id(), day)
                    && (openToAll || candidate.user().industry() == industry)) {
                return candidate;
            }
        }
        return null;
    }

    /** Marks {@link #CANCELLED_COUNT} distinct generated (not fixed) tee times as cancelled. */
    private List<PlannedTeeTime> cancelSome(List<PlannedTeeTime> teeTimes, int fixedCount) {
        List<PlannedTeeTime> result = new ArrayList<>(teeTimes);
        Set<Integer> cancelled = new HashSet<>();
        while (cancelled.size() < CANCELLED_COUNT) {
            int index = draws.between(fixedCount, teeTimes.size() - 1);
            if (cancelled.add(index)) {
                PlannedTeeTime t = result.get(index);
                result.set(index, new PlannedTeeTime(t.id(), t.hostId(), t.courseId(), t.dayOffset(), t.localTime(),
                        t.industry(), t.openToAll(), t.skillLevel(), t.totalSlots(), TeeTimeStatus.CANCELLED,
                        t.players()));
            }
        }
        return result;
    }

    /** Which days each user already plays. */
    private static final class Schedule {

        private final Map<String, Set<Integer>> days = new HashMap<>();

        boolean isBusy(String userId, int day) {
            return days.getOrDefault(userId, Set.of()).contains(day);
        }

        void book(PlannedTeeTime teeTime) {
            for (String player : teeTime.players()) {
                days.computeIfAbsent(player, k -> new HashSet<>()).add(teeTime.dayOffset());
            }
        }
    }
}
