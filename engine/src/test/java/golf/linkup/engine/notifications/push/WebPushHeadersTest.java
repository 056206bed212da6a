package golf.linkup.engine.notifications.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import golf.linkup.engine.notifications.NotificationType;
import golf.linkup.engine.notifications.Priority;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Topic, Urgency and Retry-After: the header values, without a network. */
class WebPushHeadersTest {

    @Test
    void theTopicIsAtMost32UrlSafeCharactersAndStableForTheSameTypeAndId() {
        for (NotificationType type : java.util.Arrays.stream(NotificationType.values())
                .filter(NotificationType::replaceable).toList()) {
            String topic = WebPushSender.topicFor(type, Map.of("teeTimeId", "tt-" + type.ordinal(), "action", "open"));
            assertTrue(topic.matches("[A-Za-z0-9_-]{1,32}"), topic);
        }
        String topic = WebPushSender.topicFor(NotificationType.SLOT_JOINED, Map.of("teeTimeId", "tt-9", "slot", 2));

        assertEquals(topic, WebPushSender.topicFor(NotificationType.SLOT_JOINED, Map.of("teeTimeId", "tt-9", "slot", 3)),
                "other fields do not matter");
        assertEquals(topic, WebPushSender.topicFor(NotificationType.SLOT_JOINED, Map.of("tee_time_id", "tt-9")));
        // base64url(SHA-256("slot_joined\ntt-9")[0..24]), computed outside Java
        assertEquals("9EsxZw8ZDgKiPHvQFo7tMI2nu_HR0ThL", topic, "stable across runs and instances");
        assertNotEquals(topic, WebPushSender.topicFor(NotificationType.SLOT_JOINED, Map.of("teeTimeId", "tt-10")));
        assertNotEquals(topic, WebPushSender.topicFor(NotificationType.SLOT_LEFT, Map.of("teeTimeId", "tt-9")));
    }

    @Test
    void announcementsAndMessagesWithoutAMainIdGetNoTopicSoNoneReplacesAnother() {
        assertNull(WebPushSender.topicFor(NotificationType.SYSTEM_ANNOUNCEMENT, Map.of("title", "Course closed")));
        assertNull(WebPushSender.topicFor(NotificationType.SYSTEM_ANNOUNCEMENT,
                Map.of("announcementId", "a-1", "id", "x")), "not even with an id: each announcement must arrive");
        assertNull(WebPushSender.topicFor(NotificationType.WEEKLY_DIGEST, Map.of()));
        assertNull(WebPushSender.topicFor(NotificationType.SLOT_JOINED, Map.of("action", "open")), "no main id");
    }

    @Test
    void urgencyFollowsThePriority() {
        assertEquals("high", WebPushSender.urgencyFor(Priority.CRITICAL));
        assertEquals("high", WebPushSender.urgencyFor(Priority.HIGH));
        assertEquals("normal", WebPushSender.urgencyFor(Priority.NORMAL));
        assertEquals("low", WebPushSender.urgencyFor(Priority.LOW));
    }

    @Test
    void retryAfterIsSecondsOrAnHttpDate() {
        Instant now = Instant.parse("2026-05-01T10:00:00Z");
        String inTwoMinutes = DateTimeFormatter.RFC_1123_DATE_TIME.format(now.plusSeconds(120).atOffset(ZoneOffset.UTC));

        assertEquals(Duration.ofSeconds(30), RetryAfter.parse("30", now));
        assertEquals(Duration.ofSeconds(30), RetryAfter.parse(" 30 ", now));
        assertEquals(Duration.ofSeconds(120), RetryAfter.parse(inTwoMinutes, now));
        assertEquals(Duration.ZERO, RetryAfter.parse("Fri, 01 May 2026 09:00:00 GMT", now));
        assertEquals(RetryAfter.MAX, RetryAfter.parse("99999999999", now));
        assertNull(RetryAfter.parse("soon", now));
        assertNull(RetryAfter.parse(null, now));
    }

    @Test
    void settingsRefuseWhatPushServicesWouldReject() {
        assertThrows(IllegalArgumentException.class, () -> WebPushSettings.defaults("ops@linkup.golf"));
        assertThrows(IllegalArgumentException.class, () -> WebPushSettings.defaults("http://linkup.golf"));
        assertThrows(IllegalArgumentException.class,
                () -> WebPushSettings.defaults("mailto:ops@linkup.golf").withVapidTokenLifetime(Duration.ofHours(25)));
        assertThrows(IllegalArgumentException.class,
                () -> WebPushSettings.defaults("mailto:ops@linkup.golf").withTtl(Priority.LOW, Duration.ofSeconds(-1)));
        assertEquals(Duration.ofHours(1), WebPushSettings.defaults("https://linkup.golf").ttl(Priority.LOW));
    }
}
