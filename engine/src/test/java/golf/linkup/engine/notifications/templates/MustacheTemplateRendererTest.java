package golf.linkup.engine.notifications.templates;

import static golf.linkup.engine.notifications.templates.TemplateFixtures.SECRET_MESSAGE;
import static golf.linkup.engine.notifications.templates.TemplateFixtures.TEMPLATES;
import static golf.linkup.engine.notifications.templates.TemplateFixtures.at;
import static golf.linkup.engine.notifications.templates.TemplateFixtures.model;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import golf.linkup.engine.notifications.Channel;
import golf.linkup.engine.notifications.NotificationType;
import golf.linkup.engine.notifications.Recipient;
import golf.linkup.engine.notifications.RenderedMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MustacheTemplateRendererTest {

    private static final Locale ES = Locale.forLanguageTag("es");
    private static MustacheTemplateRenderer renderer;

    @BeforeAll
    static void loadTemplates() {
        renderer = new MustacheTemplateRenderer(TEMPLATES, "https://app.example.test");
    }

    static Stream<Arguments> ruleTypeChannelLanguage() {
        List<Arguments> all = new ArrayList<>();
        RuleChannels.all().forEach((type, channels) -> channels.forEach(channel -> {
            all.add(Arguments.of(type, channel, "en"));
            all.add(Arguments.of(type, channel, "es"));
        }));
        return all.stream();
    }

    @ParameterizedTest(name = "{0} over {1} in {2}")
    @MethodSource("ruleTypeChannelLanguage")
    void everyTypeAndChannelOfTheRulesRendersInEnglishAndSpanish(NotificationType type, Channel channel, String lang) {
        assertTrue(renderer.languages(type, channel).contains(lang),
                "templates/" + type.key() + " has no " + channel.key() + " template in " + lang);

        RenderedMessage m = renderer.render(type, channel, Locale.forLanguageTag(lang), model(type));

        assertAll(
                () -> assertFalse(m.title().isBlank(), "title"),
                () -> assertFalse(m.body().isBlank(), "body"),
                () -> assertNoMustacheLeft(m.title()),
                () -> assertNoMustacheLeft(m.body()),
                () -> assertEquals(type.key(), m.data().get("type")),
                () -> assertTrue(m.data().get("action") instanceof String a && !a.isBlank(), "action"));
        if (channel == Channel.EMAIL) {
            assertNotNull(m.html());
            assertNoMustacheLeft(m.html());
            assertTrue(m.html().startsWith("<!DOCTYPE html>") && m.html().contains("<html lang=\"" + lang + "\">"), m.html());
            assertTrue(m.html().strip().endsWith("</html>"));
            assertFalse(m.body().contains("<"), "plain text part has no markup: " + m.body());
            assertTrue(m.body().contains("https://app.example.test/settings/notifications"), "footer with settings link");
        } else {
            assertNull(m.html());
            assertFalse(m.title().contains("\n") || m.body().contains("\n"), "push and in-app are one line each");
        }
    }

    private static void assertNoMustacheLeft(String text) {
        assertFalse(text.contains("{{") || text.contains("}}"), "unresolved tag in: " + text);
    }

    @Test
    void seedPushExamplesInEnglish() {
        RenderedMessage newTeeTime = renderer.render(NotificationType.NEW_TEE_TIME, Channel.PUSH, Locale.ENGLISH,
                model(NotificationType.NEW_TEE_TIME));
        assertEquals("🏌️ New tee time in Finance!", newTeeTime.title());
        assertEquals("Pebble Beach, Sat 8:00 AM — 2 slots open", newTeeTime.body());
        assertEquals(Map.of("type", "new_tee_time", "action", "open_tee_time", "teeTimeId", "tt-0042", "hostId", "user-0002"),
                newTeeTime.data());

        RenderedMessage joined = renderer.render(NotificationType.SLOT_JOINED, Channel.PUSH, Locale.US,
                model(NotificationType.SLOT_JOINED));
        assertEquals("John D. from Blackstone joined your tee time at TPC Sawgrass", joined.body());
        assertEquals("open_tee_time", joined.data().get("action"));
        assertEquals("user-0100", joined.data().get("playerId"));

        RenderedMessage reminder = renderer.render(NotificationType.REMINDER_24H, Channel.PUSH, Locale.ENGLISH,
                model(NotificationType.REMINDER_24H));
        assertEquals("Reminder: Tee time tomorrow at 7:30 AM at Bethpage Black", reminder.body());
    }

    @Test
    void spanishPushUsesSpanishWordsAndDates() {
        RenderedMessage m = renderer.render(NotificationType.NEW_TEE_TIME, Channel.PUSH, ES, model(NotificationType.NEW_TEE_TIME));
        assertEquals("🏌️ ¡Nueva salida de Finanzas!", m.title());
        assertEquals("Pebble Beach, sáb 8:00 — 2 plazas libres", m.body());
    }

    @Test
    void batchedNewTeeTimes() {
        Map<String, Object> model = model(NotificationType.NEW_TEE_TIME);
        model.put("count", 3);

        RenderedMessage push = renderer.render(NotificationType.NEW_TEE_TIME, Channel.PUSH, Locale.ENGLISH, model);
        assertEquals("🏌️ 3 new tee times in Finance near you", push.title());
        assertTrue(push.body().startsWith("First up: Pebble Beach, Sat 8:00 AM."), push.body());
        assertEquals("open_feed", push.data().get("action"));
        assertEquals(3, push.data().get("count"));

        Map<String, Object> countOnly = Map.of("count", 3, "industry", "PRIVATE_CAPITAL");
        RenderedMessage inApp = renderer.render(NotificationType.NEW_TEE_TIME, Channel.IN_APP, Locale.ENGLISH, countOnly);
        assertEquals("3 new tee times in Private Capital near you", inApp.title());
        assertEquals("See them all in your feed.", inApp.body());
        assertEquals("3 salidas nuevas de Capital privado cerca de ti",
                renderer.render(NotificationType.NEW_TEE_TIME, Channel.IN_APP, ES, countOnly).title());

        Map<String, Object> single = model(NotificationType.NEW_TEE_TIME);
        single.put("count", 1);
        single.put("openSlots", 1);
        assertEquals("Pebble Beach, Sat 8:00 AM — 1 slot open",
                renderer.render(NotificationType.NEW_TEE_TIME, Channel.PUSH, Locale.ENGLISH, single).body());
    }

    @Test
    void localeFallsBackFromRegionToLanguageToEnglish() {
        Map<String, Object> model = model(NotificationType.NEW_TEE_TIME);
        RenderedMessage mexico = renderer.render(NotificationType.NEW_TEE_TIME, Channel.PUSH, Locale.forLanguageTag("es-MX"), model);
        assertEquals("🏌️ ¡Nueva salida de Finanzas!", mexico.title());
        assertEquals("Pebble Beach, sáb 08:00 — 2 plazas libres", mexico.body(), "es-MX formats the time its own way");

        RenderedMessage japanese = renderer.render(NotificationType.NEW_TEE_TIME, Channel.PUSH, Locale.JAPANESE, model);
        assertEquals("🏌️ New tee time in Finance!", japanese.title());
        assertEquals("Pebble Beach, Sat 8:00 AM — 2 slots open", japanese.body(), "English text, English dates");

        assertEquals("🏌️ New tee time in Finance!",
                renderer.render(NotificationType.NEW_TEE_TIME, Channel.PUSH, null, model).title());

        RenderedMessage french = renderer.render(NotificationType.NEW_TEE_TIME, Channel.PUSH, Locale.FRANCE, model);
        assertEquals("🏌️ Nouveau départ Finance !", french.title());
        assertEquals("Pebble Beach, sam. 08:00 — 2 places libres", french.body());
        assertEquals("Erinnerung: Morgen um 07:30 Abschlag in Bethpage Black", renderer.render(NotificationType.REMINDER_24H,
                Channel.PUSH, Locale.GERMANY, model(NotificationType.REMINDER_24H)).body());

        RenderedMessage frenchWithoutTemplate = renderer.render(NotificationType.SLOT_JOINED, Channel.PUSH, Locale.FRENCH,
                model(NotificationType.SLOT_JOINED));
        assertEquals("John D. from Blackstone joined your tee time at TPC Sawgrass", frenchWithoutTemplate.body());
    }

    @Test
    void timesAreInTheCoursesZoneAndTheRecipientsLocale() {
        Map<String, Object> model = model(NotificationType.REMINDER_2H);
        model.put("startsAt", at("2026-03-14T07:30", "America/New_York")); // = 17:00 in Kolkata

        model.put("courseTimeZone", "America/New_York");
        assertEquals("7:30 AM at Bethpage Black. Grab your clubs, your group is waiting!",
                renderer.render(NotificationType.REMINDER_2H, Channel.PUSH, Locale.ENGLISH, model).body());

        model.put("courseTimeZone", ZoneId.of("Asia/Kolkata"));
        model.put("courseName", "Delhi Golf Club");
        model.put("courseCity", "New Delhi");
        assertTrue(renderer.render(NotificationType.REMINDER_2H, Channel.PUSH, Locale.ENGLISH, model).body()
                .startsWith("5:00 PM at Delhi Golf Club."));
        assertTrue(renderer.render(NotificationType.REMINDER_2H, Channel.PUSH, ES, model).body()
                .startsWith("17:00 en Delhi Golf Club."));

        // the recipient's own zone (Tokyo) plays no part: the course's clock is what matters
        model.remove("recipientName"); // renderFor supplies the recipient's own
        Recipient lucia = new Recipient("user-0005", "Lucía Fernández", "lucia@example.com", ES, ZoneId.of("Asia/Tokyo"));
        RenderedMessage email = renderer.renderFor(lucia, NotificationType.REMINDER_24H, Channel.EMAIL, model);
        assertTrue(email.body().contains("sábado, 14 de marzo de 2026, 17:00 (IST)"), email.body());
        assertTrue(email.body().startsWith("Hola, Lucía:"), email.body());

        // an offset date-time string works too, shown in the course's zone
        model.put("startsAt", "2026-03-14T11:30:00Z");
        model.put("courseTimeZone", "America/New_York");
        model.put("courseName", "Bethpage Black Course");
        assertTrue(renderer.render(NotificationType.REMINDER_2H, Channel.PUSH, Locale.ENGLISH, model).body()
                .startsWith("7:30 AM at Bethpage Black."));
    }

    @Test
    void htmlIsEscapedButPlainTextIsNot() {
        Map<String, Object> model = model(NotificationType.TEE_TIME_CANCELLED);
        model.put("reason", "Storm <b>warning</b> & \"closed\" greens");
        model.put("hostName", "Tom O'Brien");

        RenderedMessage m = renderer.render(NotificationType.TEE_TIME_CANCELLED, Channel.EMAIL, Locale.ENGLISH, model);

        assertEquals("Cancelled: your tee time at Bethpage Black, Sat 7:30 AM", m.title());
        assertTrue(m.body().contains("Message from the host: \"Storm <b>warning</b> & \"closed\" greens\""), m.body());
        assertTrue(m.body().contains("by Tom O'Brien."), m.body());
        assertTrue(m.html().contains("Storm &lt;b&gt;warning&lt;/b&gt; &amp; &quot;closed&quot; greens"), m.html());
        assertFalse(m.html().contains("<b>warning"), "no markup injection");
        assertTrue(m.html().contains("by Tom O&#39;Brien"), m.html());
        assertTrue(m.html().contains("<title>Cancelled: your tee time at Bethpage Black, Sat 7:30 AM</title>"));
        assertTrue(m.body().contains("Saturday, March 14, 2026 at 7:30 AM EDT"), m.body());

        RenderedMessage push = renderer.render(NotificationType.TEE_TIME_CANCELLED, Channel.PUSH, Locale.ENGLISH, model);
        assertEquals("Your Sat 7:30 AM tee time at Bethpage Black was cancelled by Tom O. Tap to find another round.",
                push.body());
    }

    @Test
    void weeklyDigestListsAtMostFiveTeeTimesEachInItsCoursesZone() {
        Map<String, Object> model = model(NotificationType.WEEKLY_DIGEST);
        List<Object> six = new ArrayList<>((List<?>) model.get("teeTimes"));
        for (int i = 0; i < 3; i++) {
            six.add(TemplateFixtures.digestItem("tt-02" + i, "Kingston Heath Golf Club", "Melbourne", "2026-03-19T08:00",
                    "Australia/Melbourne", 2));
        }
        model.put("teeTimes", six);

        RenderedMessage m = renderer.render(NotificationType.WEEKLY_DIGEST, Channel.EMAIL, Locale.ENGLISH, model);

        assertEquals("Your week on the course: 5 tee times picked for you", m.title());
        assertEquals(5, m.body().lines().filter(l -> l.startsWith("* ")).count(), m.body());
        assertTrue(m.body().contains("Sat 7:30 AM EDT · 2 slots open · Finance"), m.body());
        assertTrue(m.body().contains("Sun 6:45 AM IST · 1 slot open"), m.body());
        assertTrue(m.body().contains("https://app.example.test/tee-times/tt-0001"), m.body());
        assertTrue(m.html().contains("Ashford &amp; Lyle LLP"));
        assertEquals(List.of("tt-0001", "tt-0103", "tt-0150", "tt-020", "tt-021"), m.data().get("teeTimeIds"));

        RenderedMessage spanish = renderer.render(NotificationType.WEEKLY_DIGEST, Channel.EMAIL, ES,
                Map.of("teeTimes", List.of(TemplateFixtures.digestItem("tt-0001", "Bethpage Black Course", "Farmingdale",
                        "2026-03-14T07:30", "America/New_York", 1))));
        assertEquals("Tu semana de golf: 1 salida elegida para ti", spanish.title());
        assertTrue(spanish.body().contains("sáb 7:30 (EDT) · 1 plaza libre · Finanzas"), spanish.body());
        assertTrue(spanish.body().startsWith("Hola:"), spanish.body());
    }

    @Test
    void pushForANewMessageNeverContainsTheMessageText() {
        Map<String, Object> model = model(NotificationType.NEW_MESSAGE);

        RenderedMessage push = renderer.render(NotificationType.NEW_MESSAGE, Channel.PUSH, Locale.ENGLISH, model);

        assertEquals("New message from Priya in your Bethpage Black tee time", push.body());
        assertEquals("open_chat", push.data().get("action"));
        assertEquals("msg-0001", push.data().get("messageId"));
        for (Locale locale : List.of(Locale.ENGLISH, ES)) {
            for (Channel channel : RuleChannels.of(NotificationType.NEW_MESSAGE)) {
                RenderedMessage m = renderer.render(NotificationType.NEW_MESSAGE, channel, locale, model);
                String everything = m.title() + m.body() + m.data();
                assertFalse(everything.contains("4471") || everything.contains("pro shop"), everything);
            }
        }
        assertEquals(SECRET_MESSAGE, model.get("messageText"), "the caller's model is not modified");
    }

    @Test
    void noPushTemplateMentionsTheMessageText() throws IOException {
        List<Path> pushTemplates;
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            pushTemplates = files.filter(f -> f.getFileName().toString().startsWith("push.")).toList();
        }
        assertTrue(pushTemplates.size() >= 16, "found " + pushTemplates);
        for (Path file : pushTemplates) {
            for (String key : TemplateModel.PRIVATE_KEYS) {
                assertFalse(Files.readString(file).contains(key), file + " mentions " + key);
            }
        }
    }

    @Test
    void aPushTemplateThatUsesTheMessageTextIsRefused(@TempDir Path dir) throws IOException {
        Path copy = copyTemplates(dir);
        Files.writeString(copy.resolve("new_message/push.es.mustache"), "title: {{senderFirstName}}\n---\n{{ messageText }}\n");

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new MustacheTemplateRenderer(copy));
        assertTrue(e.getMessage().contains("new_message") && e.getMessage().contains("push.es.mustache")
                && e.getMessage().contains("messageText"), e.getMessage());
    }

    @Test
    void aMissingTemplateIsNamedAtConstruction(@TempDir Path dir) throws IOException {
        Path copy = copyTemplates(dir);
        Files.delete(copy.resolve("reminder_2h/push.en.mustache"));

        MissingTemplateException e = assertThrows(MissingTemplateException.class, () -> new MustacheTemplateRenderer(copy));
        assertTrue(e.getMessage().contains(Path.of("reminder_2h", "push.en.mustache").toString()), e.getMessage());
        assertEquals(copy.toAbsolutePath().normalize().resolve("reminder_2h/push.en.mustache"), e.file());

        Files.writeString(copy.resolve("reminder_2h/push.en.mustache"), "title: Soon\n---\n{{time}}\n");
        Files.delete(copy.resolve("weekly_digest/email.es.html.mustache"));
        MissingTemplateException incomplete = assertThrows(MissingTemplateException.class, () -> new MustacheTemplateRenderer(copy));
        assertTrue(incomplete.getMessage().contains(Path.of("weekly_digest", "email.es.html.mustache").toString()),
                incomplete.getMessage());

        MissingTemplateException noDirectory = assertThrows(MissingTemplateException.class,
                () -> new MustacheTemplateRenderer(dir.resolve("nowhere")));
        assertTrue(noDirectory.getMessage().contains("nowhere"), noDirectory.getMessage());
    }

    @Test
    void aMissingPartialOrAMalformedFileIsNamed(@TempDir Path dir) throws IOException {
        Path copy = copyTemplates(dir);
        Files.delete(copy.resolve("_partials/footer.en.txt.mustache"));
        MissingTemplateException e = assertThrows(MissingTemplateException.class, () -> new MustacheTemplateRenderer(copy));
        assertTrue(e.getMessage().contains(Path.of("_partials", "footer.en.txt.mustache").toString()), e.getMessage());

        Path other = copyTemplates(dir.resolve("second"));
        Files.writeString(other.resolve("slot_left/in_app.es.mustache"), "{{playerName}} se fue\n");
        IllegalStateException malformed = assertThrows(IllegalStateException.class, () -> new MustacheTemplateRenderer(other));
        assertTrue(malformed.getMessage().contains(Path.of("slot_left", "in_app.es.mustache").toString()), malformed.getMessage());
    }

    @Test
    void typesAndChannelsWithoutTemplatesAndIncompleteModelsAreRefusedClearly() {
        IllegalArgumentException noTemplate = assertThrows(IllegalArgumentException.class,
                () -> renderer.render(NotificationType.SLOT_LEFT, Channel.PUSH, Locale.ENGLISH, model(NotificationType.SLOT_LEFT)));
        assertTrue(noTemplate.getMessage().contains("slot_left") && noTemplate.getMessage().contains("push"));
        assertFalse(renderer.supports(NotificationType.SLOT_LEFT, Channel.PUSH));

        Map<String, Object> noCourse = model(NotificationType.SLOT_JOINED);
        noCourse.remove("courseName");
        IllegalArgumentException missingKey = assertThrows(IllegalArgumentException.class,
                () -> renderer.render(NotificationType.SLOT_JOINED, Channel.PUSH, Locale.ENGLISH, noCourse));
        assertTrue(missingKey.getMessage().contains(Path.of("slot_joined", "push.en.mustache").toString())
                && missingKey.getMessage().contains("courseShortName"), missingKey.getMessage());

        Map<String, Object> noZone = model(NotificationType.REMINDER_2H);
        noZone.remove("courseTimeZone");
        IllegalArgumentException zone = assertThrows(IllegalArgumentException.class,
                () -> renderer.render(NotificationType.REMINDER_2H, Channel.PUSH, Locale.ENGLISH, noZone));
        assertTrue(zone.getMessage().contains("courseTimeZone"), zone.getMessage());
    }

    @Test
    void announcementsCarryTheirOwnTextAndLink() {
        Map<String, Object> model = new HashMap<>(model(NotificationType.SYSTEM_ANNOUNCEMENT));
        model.put("url", "https://app.example.test/news/maps");
        RenderedMessage m = renderer.render(NotificationType.SYSTEM_ANNOUNCEMENT, Channel.PUSH, ES, model);
        assertEquals("Course maps are here", m.title());
        assertEquals("Tap a tee time to see the course map and the weather at tee-off.", m.body());
        assertEquals(Map.of("type", "system_announcement", "action", "open_url", "announcementId", "ann-7",
                "url", "https://app.example.test/news/maps"), m.data());
        model.put("action", "open_settings");
        assertEquals("open_settings",
                renderer.render(NotificationType.SYSTEM_ANNOUNCEMENT, Channel.IN_APP, ES, model).data().get("action"));
    }

    @Test
    void derivedNames() {
        assertEquals("Pebble Beach", TemplateModel.courseShortName("Pebble Beach Golf Links"));
        assertEquals("TPC Sawgrass", TemplateModel.courseShortName("TPC Sawgrass (Stadium Course)"));
        assertEquals("Bethpage Black", TemplateModel.courseShortName("Bethpage Black Course"));
        assertEquals("The Olympic Club", TemplateModel.courseShortName("The Olympic Club (Lake Course)"));
        assertEquals("Medinah Country Club", TemplateModel.courseShortName("Medinah Country Club (No. 3)"));
        assertEquals("Muirfield", TemplateModel.courseShortName("Muirfield"));
        assertEquals("Lucía F.", TemplateModel.shortName("Lucía Fernández"));
        assertEquals("Priya", TemplateModel.shortName("Priya"));
    }

    static Path copyTemplates(Path target) throws IOException {
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            for (Path source : files.toList()) {
                Path destination = target.resolve(TEMPLATES.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(source, destination);
                }
            }
        }
        return target;
    }
}
