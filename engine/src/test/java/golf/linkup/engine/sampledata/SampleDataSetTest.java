package golf.linkup.engine.sampledata;

import golf.linkup.engine.domain.Course;
import golf.linkup.engine.domain.GeoPoint;
import golf.linkup.engine.domain.Industry;
import golf.linkup.engine.domain.SkillLevel;
import golf.linkup.engine.domain.Slot;
import golf.linkup.engine.domain.TeeTime;
import golf.linkup.engine.domain.TeeTimeStatus;
import golf.linkup.engine.domain.User;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The committed data set's counts, invariants and personas, as sample-data/README.md documents them. */
class SampleDataSetTest {

    private static final Instant NOW = Instant.parse("2025-06-15T12:00:00Z");
    private static SampleDataSet data;

    @BeforeAll
    static void readCommittedData() throws IOException {
        data = SampleDataSet.read(SampleDataDirectories.committed(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    @DisplayName("500 users numbered user-0001 to user-0500 in file order")
    void hasFiveHundredUsersInOrder() {
        assertEquals(500, data.users().size());
        for (int i = 0; i < data.users().size(); i++) {
            assertEquals(String.format(Locale.ROOT, "user-%04d", i + 1), data.users().get(i).id());
        }
    }

    @Test
    @DisplayName("200 tee times numbered tt-0001 to tt-0200 in file order")
    void hasTwoHundredTeeTimesInOrder() {
        assertEquals(200, data.teeTimes().size());
        for (int i = 0; i < data.teeTimes().size(); i++) {
            assertEquals(String.format(Locale.ROOT, "tt-%04d", i + 1), data.teeTimes().get(i).id());
        }
    }

    @Test
    @DisplayName("At least 45 courses on every inhabited continent, including New York and India time zones")
    void hasCoursesAroundTheWorld() {
        List<Course> courses = data.courses();
        Set<String> countries = courses.stream().map(Course::country).collect(Collectors.toSet());
        Set<ZoneId> zones = courses.stream().map(Course::timeZone).collect(Collectors.toSet());
        assertAll(
                () -> assertTrue(courses.size() >= 45, courses.size() + " courses"),
                () -> assertTrue(countries.containsAll(Set.of("United States", "United Kingdom", "Ireland", "Spain",
                        "France", "Germany", "Japan", "Australia", "South Africa", "Canada", "Mexico",
                        "United Arab Emirates", "India")), countries.toString()),
                () -> assertTrue(zones.contains(ZoneId.of("America/New_York"))),
                () -> assertTrue(zones.contains(ZoneId.of("Asia/Kolkata"))),
                () -> assertTrue(courses.stream().allMatch(c -> c.id().startsWith("course-"))));
    }

    @Test
    @DisplayName("Metro areas have near neighbours: 3+ courses around New York, San Francisco and Monterey, 2+ around London and Sydney")
    void metroAreasHaveSeveralCourses() {
        assertAll(
                () -> assertTrue(coursesWithin(new GeoPoint(40.7128, -74.0060), 60) >= 3, "New York"),
                () -> assertTrue(coursesWithin(new GeoPoint(37.7749, -122.4194), 50) >= 3, "San Francisco"),
                () -> assertTrue(coursesWithin(new GeoPoint(36.5683, -121.9487), 15) >= 3, "Monterey peninsula"),
                () -> assertTrue(coursesWithin(new GeoPoint(51.5074, -0.1278), 50) >= 2, "London"),
                () -> assertTrue(coursesWithin(new GeoPoint(-33.8688, 151.2093), 25) >= 2, "Sydney"));
    }

    @Test
    @DisplayName("Every industry has users, and finance, tech, consulting and private capital have the most")
    void everyIndustryIsPresentWithTheBigFourLeading() {
        Map<Industry, Integer> counts = new EnumMap<>(Industry.class);
        data.users().forEach(user -> counts.merge(user.industry(), 1, Integer::sum));
        Set<Industry> bigFour = Set.of(Industry.FINANCE, Industry.TECH, Industry.CONSULTING, Industry.PRIVATE_CAPITAL);
        int smallestOfBigFour = bigFour.stream().mapToInt(counts::get).min().orElseThrow();
        for (Industry industry : Industry.values()) {
            assertTrue(counts.getOrDefault(industry, 0) > 0, industry + " has no users");
            if (!bigFour.contains(industry)) {
                assertTrue(counts.get(industry) < smallestOfBigFour, industry + " outnumbers one of the big four");
            }
        }
    }

    @Test
    @DisplayName("Users have real skill levels, one-decimal ratings, example.com e-mails, IANA zones and 10%+ non-English locales")
    void usersHaveValidProfiles() {
        Set<String> emails = new HashSet<>();
        for (User user : data.users()) {
            assertAll(user.id(),
                    () -> assertTrue(user.skillLevel() != SkillLevel.ANY),
                    () -> assertTrue(user.rating() >= 0.0 && user.rating() <= 5.0),
                    () -> assertEquals(Math.round(user.rating() * 10) / 10.0, user.rating()),
                    () -> assertTrue(user.email().matches("[a-z0-9]+\\.[a-z0-9]+\\.\\d+@example\\.com"), user.email()),
                    () -> assertTrue(emails.add(user.email()), "duplicate " + user.email()),
                    () -> assertTrue(ZoneId.getAvailableZoneIds().contains(user.timeZone().getId())),
                    () -> assertTrue(Set.of("en", "es", "fr", "de", "ja").contains(user.locale().toLanguageTag())),
                    () -> assertFalse(user.company().isBlank()),
                    () -> assertFalse(user.city().isBlank()));
        }
        assertAll(
                () -> assertShare(data.users(), u -> !u.locale().getLanguage().equals("en"), 0.10, 0.40, "non-English"),
                () -> assertShare(data.users(), u -> u.completedTeeTimes() == 0, 0.15, 0.25, "new hosts"),
                () -> assertShare(data.users(), u -> u.rating() == 0.0, 0.03, 0.25, "unrated"));
    }

    @Test
    @DisplayName("Users live around the courses: most within 60 km of one, some 60-300 km out, none beyond 350 km")
    void usersLiveNearCourses() {
        Map<String, Double> nearest = new HashMap<>();
        for (User user : data.users()) {
            nearest.put(user.id(), data.courses().stream()
                    .mapToDouble(course -> course.location().distanceKm(user.location())).min().orElseThrow());
        }
        assertAll(
                () -> assertTrue(nearest.values().stream().allMatch(km -> km <= 350), "someone lives far from every course"),
                () -> assertShare(data.users(), u -> nearest.get(u.id()) <= 60, 0.80, 1.0, "within 60 km"),
                () -> assertShare(data.users(), u -> nearest.get(u.id()) > 60, 0.05, 0.20, "beyond 60 km"));
    }

    @Test
    @DisplayName("Connections are distinct pairs of known users; everyone has 3 to 10, denser within an industry")
    void connectionsAreMutualAndBounded() {
        Map<String, Integer> degree = new HashMap<>();
        Set<ConnectionPair> distinct = new HashSet<>(data.connections());
        for (ConnectionPair pair : data.connections()) {
            assertTrue(data.user(pair.lowerId()).isPresent() && data.user(pair.higherId()).isPresent(), pair.toString());
            degree.merge(pair.lowerId(), 1, Integer::sum);
            degree.merge(pair.higherId(), 1, Integer::sum);
        }
        long sameIndustry = data.connections().stream()
                .filter(p -> user(p.lowerId()).industry() == user(p.higherId()).industry()).count();
        assertAll(
                () -> assertEquals(data.connections().size(), distinct.size(), "a pair is listed twice"),
                () -> assertTrue(data.users().stream().allMatch(u -> degree.getOrDefault(u.id(), 0) >= 3
                        && degree.getOrDefault(u.id(), 0) <= 10), "someone has fewer than 3 or more than 10"),
                // With 9 industries, random pairs would share one about 15% of the time.
                () -> assertTrue(sameIndustry > 0.3 * data.connections().size(), sameIndustry + " same-industry pairs"));
    }

    @Test
    @DisplayName("Slot 1 of every tee time is its host, nobody holds two slots, and open slots are total minus players")
    void slotsStartWithTheHostAndHoldDistinctPlayers() {
        for (TeeTime teeTime : data.teeTimes()) {
            List<Slot> slots = data.slotsOf(teeTime.id());
            assertAll(teeTime.id(),
                    () -> assertEquals(teeTime.hostId(), slots.get(0).userId()),
                    () -> assertEquals(1, slots.get(0).slotNumber()),
                    () -> assertEquals(slots.size(), slots.stream().map(Slot::userId).distinct().count()),
                    () -> assertEquals(teeTime.totalSlots() - slots.size(), teeTime.openSlots()),
                    () -> assertTrue(teeTime.openSlots() >= 0 && teeTime.openSlots() <= 3));
        }
    }

    @Test
    @DisplayName("FULL means no open slot and OPEN at least one; exactly three tee times are cancelled")
    void statusMatchesSlots() {
        for (TeeTime teeTime : data.teeTimes()) {
            if (teeTime.status() != TeeTimeStatus.CANCELLED) {
                assertEquals(teeTime.isFull() ? TeeTimeStatus.FULL : TeeTimeStatus.OPEN, teeTime.status(), teeTime.id());
            }
        }
        assertEquals(3, data.teeTimes().stream().filter(t -> t.status() == TeeTimeStatus.CANCELLED).count());
    }

    @Test
    @DisplayName("The tee time mix: about a quarter open to all, about 30% ANY skill, about 10% full, 0 to 3 open slots")
    void teeTimeMixIsRealistic() {
        List<TeeTime> teeTimes = data.teeTimes();
        Set<Integer> openSlotCounts = teeTimes.stream().map(TeeTime::openSlots).collect(Collectors.toSet());
        assertAll(
                () -> assertShare(teeTimes, TeeTime::openToAll, 0.18, 0.32, "open to all"),
                () -> assertShare(teeTimes, t -> t.skillLevel() == SkillLevel.ANY, 0.22, 0.38, "ANY skill"),
                () -> assertShare(teeTimes, TeeTime::isFull, 0.06, 0.15, "full"),
                () -> assertShare(teeTimes, t -> t.totalSlots() == 4, 0.60, 0.90, "four-ball"),
                () -> assertShare(teeTimes, t -> t.industry() == user(t.hostId()).industry(), 0.75, 1.0, "host's industry"),
                () -> assertEquals(Set.of(0, 1, 2, 3), openSlotCounts),
                () -> assertTrue(teeTimes.stream().anyMatch(t -> t.totalSlots() == 2)),
                () -> assertTrue(teeTimes.stream().anyMatch(t -> t.totalSlots() == 3)));
    }

    @Test
    @DisplayName("Players the generator adds to a tee time reserved for an industry belong to it (the persona tt-0001 invites a related one)")
    void generatedIndustryTeeTimesHoldThatIndustry() {
        for (TeeTime teeTime : data.teeTimes().subList(2, data.teeTimes().size())) {
            if (!teeTime.openToAll()) {
                data.slotsOf(teeTime.id()).stream().skip(1).forEach(slot ->
                        assertEquals(teeTime.industry(), user(slot.userId()).industry(), teeTime.id() + " " + slot.userId()));
            }
        }
    }

    @Test
    @DisplayName("Most tee times are at a course near the host")
    void hostsMostlyPlayNearHome() {
        assertShare(data.teeTimes(), t -> course(t.courseId()).location().distanceKm(user(t.hostId()).location()) <= 100,
                0.70, 1.0, "within 100 km of the host");
    }

    @ParameterizedTest(name = "clock at {0}")
    @ValueSource(strings = {"2025-06-15T12:00:00Z", "2025-03-30T00:30:00Z", "2025-11-02T06:30:00Z",
            "2025-12-31T23:59:00Z", "2026-02-28T13:45:00Z"})
    @DisplayName("Every tee time starts within [now, now + 31 days) of the clock it was read with")
    void startsFallWithinTheNextThirtyOneDays(String instant) throws IOException {
        Instant now = Instant.parse(instant);
        SampleDataSet atClock = SampleDataSet.read(SampleDataDirectories.committed(), Clock.fixed(now, ZoneOffset.UTC));
        for (TeeTime teeTime : atClock.teeTimes()) {
            assertFalse(teeTime.startsAt().isBefore(now), teeTime.id() + " starts in the past: " + teeTime.startsAt());
            assertTrue(teeTime.startsAt().isBefore(now.plus(Duration.ofDays(31))), teeTime.id() + " starts too late");
        }
    }

    @Test
    @DisplayName("A start is the course's local date plus dayOffset at localTime, even when the course's date differs from UTC's")
    void startsResolveInTheCourseTimeZone() throws IOException {
        // 23:30 UTC on 15 June is 19:30 on the 15th in New York but 09:30 on the 16th in Sydney.
        Instant lateEvening = Instant.parse("2025-06-15T23:30:00Z");
        SampleDataSet atClock = SampleDataSet.read(SampleDataDirectories.committed(), Clock.fixed(lateEvening, ZoneOffset.UTC));

        assertEquals(ZonedDateTime.of(LocalDate.of(2025, 6, 16), LocalTime.of(8, 0), ZoneId.of("America/New_York")).toInstant(),
                atClock.teeTime("tt-0001").orElseThrow().startsAt());
        TeeTime inSydney = atClock.teeTimes().stream()
                .filter(t -> course(t.courseId()).timeZone().equals(ZoneId.of("Australia/Sydney")))
                .findFirst().orElseThrow();
        LocalDate localDate = inSydney.startsAt().atZone(ZoneId.of("Australia/Sydney")).toLocalDate();
        assertTrue(localDate.isAfter(LocalDate.of(2025, 6, 16)), inSydney.id() + " on " + localDate);
    }

    @Test
    @DisplayName("Tee times are between 06:30 and 16:30 local time at their course")
    void teeTimesAreInDaylight() {
        for (TeeTime teeTime : data.teeTimes()) {
            LocalTime local = teeTime.startsAt().atZone(course(teeTime.courseId()).timeZone()).toLocalTime();
            assertFalse(local.isBefore(LocalTime.of(6, 30)) || local.isAfter(LocalTime.of(16, 30)), teeTime.id() + " at " + local);
        }
    }

    @Test
    @DisplayName("Slots were taken shortly before the clock's now, in slot order")
    void slotsWereTakenShortlyBeforeNow() {
        for (TeeTime teeTime : data.teeTimes()) {
            List<Slot> slots = data.slotsOf(teeTime.id());
            assertEquals(NOW.minus(SampleDataSet.HOST_JOINED_BEFORE_LOAD), slots.get(0).joinedAt());
            for (int i = 1; i < slots.size(); i++) {
                assertTrue(slots.get(i).joinedAt().isAfter(slots.get(i - 1).joinedAt()));
                assertTrue(slots.get(i).joinedAt().isBefore(NOW));
            }
        }
    }

    @Test
    @DisplayName("The personas are as documented in sample-data/README.md")
    void personasAreAsDocumented() {
        assertAll(
                () -> assertPersona("user-0001", Industry.FINANCE, "New York", "America/New_York", "en"),
                () -> assertPersona("user-0002", Industry.PRIVATE_CAPITAL, "New York", "America/New_York", "en"),
                () -> assertPersona("user-0003", Industry.TECH, "San Francisco", "America/Los_Angeles", "en"),
                () -> assertPersona("user-0004", Industry.LEGAL, "London", "Europe/London", "en"),
                () -> assertPersona("user-0005", Industry.CONSULTING, "Madrid", "Europe/Madrid", "es"),
                () -> assertEquals(0, user("user-0003").completedTeeTimes(), "user-0003 is a new host"),
                () -> assertTrue(data.connections().contains(new ConnectionPair("user-0001", "user-0002"))));

        TeeTime first = data.teeTime("tt-0001").orElseThrow();
        assertAll("tt-0001",
                () -> assertEquals("user-0001", first.hostId()),
                () -> assertEquals("course-bethpage-black", first.courseId()),
                () -> assertEquals(Industry.FINANCE, first.industry()),
                () -> assertFalse(first.openToAll()),
                () -> assertEquals(SkillLevel.INTERMEDIATE, first.skillLevel()),
                () -> assertEquals(4, first.totalSlots()),
                () -> assertEquals(2, first.openSlots()),
                () -> assertEquals(TeeTimeStatus.OPEN, first.status()),
                () -> assertEquals(List.of("user-0001", "user-0002"), players("tt-0001")),
                () -> assertEquals(ZonedDateTime.of(LocalDate.of(2025, 6, 16), LocalTime.of(8, 0),
                        ZoneId.of("America/New_York")).toInstant(), first.startsAt()));

        TeeTime second = data.teeTime("tt-0002").orElseThrow();
        assertAll("tt-0002",
                () -> assertEquals("user-0003", second.hostId()),
                () -> assertTrue(second.openToAll()),
                () -> assertEquals(Industry.TECH, second.industry()),
                () -> assertEquals("San Francisco", course(second.courseId()).city()),
                () -> assertEquals(List.of("user-0003"), players("tt-0002")),
                () -> assertEquals(3, second.openSlots()));
    }

    private static void assertPersona(String id, Industry industry, String city, String zone, String locale) {
        User user = user(id);
        assertAll(id,
                () -> assertEquals(industry, user.industry()),
                () -> assertEquals(city, user.city()),
                () -> assertEquals(ZoneId.of(zone), user.timeZone()),
                () -> assertEquals(locale, user.locale().toLanguageTag()));
    }

    private static <T> void assertShare(List<T> items, Predicate<T> matches, double min, double max, String what) {
        double share = (double) items.stream().filter(matches).count() / items.size();
        assertTrue(share >= min && share <= max, String.format(Locale.ROOT, "%s: %.3f outside %.2f..%.2f", what, share, min, max));
    }

    private static long coursesWithin(GeoPoint centre, double km) {
        return data.courses().stream().filter(course -> course.location().distanceKm(centre) <= km).count();
    }

    private static List<String> players(String teeTimeId) {
        return data.slotsOf(teeTimeId).stream().map(Slot::userId).toList();
    }

    private static User user(String id) {
        return data.user(id).orElseThrow();
    }

    private static Course course(String id) {
        return data.course(id).orElseThrow();
    }
}
