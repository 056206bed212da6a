package golf.linkup.engine.notifications.templates;

import golf.linkup.engine.notifications.NotificationType;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Realistic models for every notification type (sample-data personas and real courses). */
final class TemplateFixtures {

    /** The repository's templates/ folder, from the engine module's working directory. */
    static final Path TEMPLATES = Path.of("..", "templates");

    static final String SECRET_MESSAGE = "Gate code is 4471, meet at the pro shop";

    private TemplateFixtures() {
    }

    /** Local time at a course, as the instant a caller would have. */
    static Instant at(String localDateTime, String zone) {
        return LocalDateTime.parse(localDateTime).atZone(ZoneId.of(zone)).toInstant();
    }

    static Map<String, Object> model(NotificationType type) {
        Map<String, Object> m = new HashMap<>();
        m.put("recipientName", "Daniel Brooks");
        switch (type) {
            case NEW_TEE_TIME -> {
                m.put("teeTimeId", "tt-0042");
                m.put("courseName", "Pebble Beach Golf Links");
                m.put("courseCity", "Pebble Beach");
                m.put("startsAt", at("2026-03-14T08:00", "America/Los_Angeles")); // a Saturday
                m.put("courseTimeZone", "America/Los_Angeles");
                m.put("industry", "FINANCE");
                m.put("openSlots", 2);
                m.put("hostId", "user-0002");
                m.put("hostName", "Priya Raman");
                m.put("hostCompany", "Kestrel Peak Partners");
            }
            case SLOT_JOINED, SLOT_LEFT -> {
                m.put("teeTimeId", "tt-0007");
                m.put("courseName", "TPC Sawgrass (Stadium Course)");
                m.put("startsAt", at("2026-03-14T09:10", "America/New_York"));
                m.put("courseTimeZone", ZoneId.of("America/New_York"));
                m.put("playerId", "user-0100");
                m.put("playerName", "John Doe");
                m.put("playerCompany", "Blackstone");
                m.put("openSlots", 1);
            }
            case TEE_TIME_CANCELLED -> {
                m.putAll(bethpage());
                m.put("hostId", "user-0001");
                m.put("hostName", "Daniel Brooks");
                m.put("reason", "Course closed for frost");
                m.put("recipientName", "Priya Raman");
            }
            case NEW_MESSAGE -> {
                m.putAll(bethpage());
                m.put("messageId", "msg-0001");
                m.put("senderId", "user-0002");
                m.put("senderName", "Priya Raman");
                m.put("messageText", SECRET_MESSAGE);
            }
            case REMINDER_24H, REMINDER_2H -> {
                m.putAll(bethpage());
                m.put("players", List.of(
                        Map.of("userId", "user-0001", "name", "Daniel Brooks", "company", "Harborline Capital"),
                        Map.of("userId", "user-0002", "name", "Priya Raman", "company", "Kestrel Peak Partners"),
                        Map.of("userId", "user-0005", "name", "Lucía Fernández")));
            }
            case WEEKLY_DIGEST -> m.put("teeTimes", List.of(
                    digestItem("tt-0001", "Bethpage Black Course", "Farmingdale", "2026-03-14T07:30", "America/New_York", 2),
                    digestItem("tt-0103", "Delhi Golf Club", "New Delhi", "2026-03-15T06:45", "Asia/Kolkata", 1),
                    digestItem("tt-0150", "Real Club Valderrama", "Sotogrande", "2026-03-18T10:00", "Europe/Madrid", 3)));
            case WAITLIST_OFFER, WAITLIST_AUTO_BOOKED, WAITLIST_OFFER_EXPIRED -> {
                m.putAll(bethpage());
                m.put("hostName", "Priya Raman");
                m.put("offerId", "offer-0001");
                m.put("offerMinutes", 30);
                m.put("slotNumber", 3);
            }
            case MISSED_MESSAGES -> {
                m.putAll(bethpage());
                m.put("messageCount", 3);
                m.put("countIsOne", false);
                m.put("hasMessages", true);
                m.put("changeCount", 2);
                m.put("changeCountIsOne", false);
                m.put("hasChanges", true);
                m.put("hasBoth", true);
            }
            case SYSTEM_ANNOUNCEMENT -> {
                m.put("announcementId", "ann-7");
                m.put("title", "Course maps are here");
                m.put("body", "Tap a tee time to see the course map and the weather at tee-off.");
            }
        }
        return m;
    }

    static Map<String, Object> bethpage() {
        return Map.of(
                "teeTimeId", "tt-0001",
                "courseName", "Bethpage Black Course",
                "courseCity", "Farmingdale",
                "startsAt", at("2026-03-14T07:30", "America/New_York"),
                "courseTimeZone", "America/New_York");
    }

    static Map<String, Object> digestItem(String id, String course, String city, String local, String zone, int open) {
        Map<String, Object> m = new HashMap<>();
        m.put("teeTimeId", id);
        m.put("courseName", course);
        m.put("courseCity", city);
        m.put("startsAt", at(local, zone));
        m.put("courseTimeZone", zone);
        m.put("openSlots", open);
        m.put("industry", "FINANCE");
        m.put("hostName", "Eleanor Whitfield");
        m.put("hostCompany", "Ashford & Lyle LLP");
        return m;
    }
}
