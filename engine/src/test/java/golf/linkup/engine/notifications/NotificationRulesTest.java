package golf.linkup.engine.notifications;

import static golf.linkup.engine.notifications.Channel.EMAIL;
import static golf.linkup.engine.notifications.Channel.IN_APP;
import static golf.linkup.engine.notifications.Channel.PUSH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import golf.linkup.engine.events.DomainEvent;
import golf.linkup.engine.events.EventPayload;
import golf.linkup.engine.events.EventType;
import golf.linkup.engine.matching.ScoredUser;
import golf.linkup.engine.storage.JdbcMatchingStore;
import golf.linkup.testing.TestDatabase;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The notification rules over the real schema: who hears of what, on which channels, with what model. */
class NotificationRulesTest {

    static final Instant STARTS_AT = Instant.parse("2026-06-20T12:30:00Z");

    TestDatabase db;
    NotificationRules rules;

    @BeforeEach
    void open() {
        db = TestDatabase.h2();
        db.insertCourse("c-1", "Bethpage Black", 40.7448, -73.4540, "America/New_York");
        db.insertUser("u-host", "Ada Host", "Acme Capital", "FINANCE");
        db.insertUser("u-p2", "Ben Player", "Blue Fund", "FINANCE");
        db.insertUser("u-p3", "Cy Player", null, "FINANCE");
        db.insertUser("u-join", "Jo Joiner", "Jade Partners", "FINANCE");
        db.insertUser("u-match", "Max Match", "Mint Capital", "PRIVATE_CAPITAL");
        db.insertUser("u-other", "Oli Other", null, "TECH");
        // after u-join joined: host in slot 1, players in 2, 3, 4
        db.insertTeeTime("tt-1", "u-host", "c-1", STARTS_AT, "FINANCE", false, 4, "u-p2", "u-p3", "u-join");
        db.insertTeeTime("tt-pc", "u-host", "c-1", STARTS_AT, "PRIVATE_CAPITAL", false, 4);
        rules = new NotificationRules(new JdbcMatchingStore(db.dataSource()));
    }

    @AfterEach
    void close() {
        db.close();
    }

    static DomainEvent event(String id, EventType type, EventPayload payload) {
        return new DomainEvent(id, type, Instant.parse("2026-06-10T16:00:00Z"), payload, 0L);
    }

    static List<String> recipients(List<NotificationIntent> intents) {
        return intents.stream().map(NotificationIntent::userId).toList();
    }

    static NotificationIntent to(List<NotificationIntent> intents, String userId) {
        return intents.stream().filter(i -> i.userId().equals(userId)).findFirst()
                .orElseThrow(() -> new AssertionError("no intent for " + userId + ": " + intents));
    }

    @Test
    void aJoinedSlotTellsTheHostAndThePlayersButNotTheJoinerByPushAndInApp() {
        List<NotificationIntent> intents = rules.intentsFor(event("evt-1", EventType.SLOT_JOINED,
                new EventPayload.SlotJoined("tt-1", 4, "u-join")));

        assertEquals(List.of("u-host", "u-p2", "u-p3"), recipients(intents));
        for (NotificationIntent i : intents) {
            assertEquals(NotificationType.SLOT_JOINED, i.type());
            assertEquals(Priority.HIGH, i.priority());
            assertEquals(Set.of(PUSH, IN_APP), i.channels());
            assertEquals("slot_joined:evt-1:" + i.userId(), i.notificationKey());
            assertNull(i.batchKey(), "slot changes are not batched");
        }
        Map<String, Object> model = to(intents, "u-host").model();
        assertEquals("Jo Joiner", model.get("playerName"));
        assertEquals("Jade Partners", model.get("playerCompany"));
        assertEquals("Bethpage Black", model.get("courseName"));
        assertEquals("Farmingdale", model.get("courseCity"));
        assertEquals("2026-06-20T12:30:00Z", model.get("startsAt"));
        assertEquals("America/New_York", model.get("courseTimeZone"));
        assertEquals("tt-1", model.get("teeTimeId"));
        assertEquals("FINANCE", model.get("industry"));
        assertEquals("Finance", model.get("industryLabel"));
        assertEquals(4, model.get("slotNumber"));
        assertEquals(0, model.get("openSlots"));
        assertEquals(4, model.get("totalSlots"));
        assertEquals("Ada Host", model.get("hostName"));
        assertEquals("Ada Host", model.get("recipientName"));
        assertEquals("open_tee_time", model.get("action"));
        assertEquals("Ben Player", to(intents, "u-p2").model().get("recipientName"));
    }

    @Test
    void aJoinerWithoutACompanyIsNamedWithoutOne() {
        List<NotificationIntent> intents = rules.intentsFor(event("evt-1", EventType.SLOT_JOINED,
                new EventPayload.SlotJoined("tt-1", 3, "u-p3")));

        assertEquals(List.of("u-host", "u-p2", "u-join"), recipients(intents));
        assertEquals("Cy Player", intents.get(0).model().get("playerName"));
        assertFalse(intents.get(0).model().containsKey("playerCompany"));
    }

    @Test
    void aLeftSlotTellsTheHostAndTheRemainingPlayersInAppOnly() {
        db.update("delete from tee_time_slots where tee_time_id = 'tt-1' and user_id = 'u-p3'");

        List<NotificationIntent> intents = rules.intentsFor(event("evt-2", EventType.SLOT_LEFT,
                new EventPayload.SlotLeft("tt-1", 3, "u-p3")));

        assertEquals(List.of("u-host", "u-p2", "u-join"), recipients(intents));
        for (NotificationIntent i : intents) {
            assertEquals(NotificationType.SLOT_LEFT, i.type());
            assertEquals(Set.of(IN_APP), i.channels());
            assertEquals(Priority.NORMAL, i.priority());
        }
        assertEquals("Cy Player", intents.get(0).model().get("playerName"));
        assertEquals(3, intents.get(0).model().get("slotNumber"));
        assertEquals(1, intents.get(0).model().get("openSlots"));
    }

    @Test
    void aCancellationTellsEveryoneButTheHostByPushEmailAndInAppWithHighPriorityAndTheReason() {
        List<NotificationIntent> intents = rules.intentsFor(event("evt-3", EventType.TEE_TIME_CANCELLED,
                new EventPayload.TeeTimeCancelled("tt-1", Optional.of("FINANCE"), Optional.of(false),
                        Optional.of("Course closed for frost"))));

        assertEquals(List.of("u-p2", "u-p3", "u-join"), recipients(intents));
        for (NotificationIntent i : intents) {
            assertEquals(NotificationType.TEE_TIME_CANCELLED, i.type());
            assertEquals(Set.of(PUSH, EMAIL, IN_APP), i.channels());
            assertEquals(Priority.HIGH, i.priority());
            assertEquals("Course closed for frost", i.model().get("reason"));
            assertEquals("tee_time_cancelled:evt-3:" + i.userId(), i.notificationKey());
            assertEquals("Bethpage Black", i.model().get("courseName"));
        }
    }

    @Test
    void aCancellationWithoutAReasonHasAnEmptyOne() {
        List<NotificationIntent> intents = rules.intentsFor(event("evt-3", EventType.TEE_TIME_CANCELLED,
                new EventPayload.TeeTimeCancelled("tt-1", Optional.empty(), Optional.empty(), Optional.empty())));

        assertEquals("", intents.get(0).model().get("reason"));
    }

    @Test
    void aNewTeeTimeIsBatchedPerUserAndIndustry() {
        NotificationIntent finance = rules.newTeeTime("tt-1", new ScoredUser("u-match", 87), "created").orElseThrow();
        NotificationIntent privateCapital = rules.newTeeTime("tt-pc", new ScoredUser("u-match", 60), "created")
                .orElseThrow();
        NotificationIntent otherUser = rules.newTeeTime("tt-1", new ScoredUser("u-other", 70), "created").orElseThrow();

        assertEquals("new_tee_time:tt-1:created:u-match", finance.notificationKey());
        assertEquals("u-match", finance.userId());
        assertEquals(NotificationType.NEW_TEE_TIME, finance.type());
        assertEquals(Priority.NORMAL, finance.priority());
        assertEquals(Set.of(PUSH, IN_APP), finance.channels());
        assertEquals("new_tee_time:u-match:FINANCE", finance.batchKey());
        assertEquals("new_tee_time:u-match:PRIVATE_CAPITAL", privateCapital.batchKey());
        assertEquals("new_tee_time:u-other:FINANCE", otherUser.batchKey());
        assertEquals(87, finance.model().get("score"));
        assertEquals("Max Match", finance.model().get("recipientName"));
        assertEquals("Private Capital", privateCapital.model().get("industryLabel"));
        assertEquals("open_tee_time", finance.model().get("action"));
    }

    @Test
    void aReopenedTeeTimeIsANotificationOfItsOwn() {
        NotificationIntent created = rules.newTeeTime("tt-1", new ScoredUser("u-match", 87), "created").orElseThrow();
        NotificationIntent reopened = rules.newTeeTime("tt-1", new ScoredUser("u-match", 87), "evt-9").orElseThrow();

        assertTrue(!created.notificationKey().equals(reopened.notificationKey()));
        assertEquals(created.batchKey(), reopened.batchKey());
    }

    @Test
    void anUnknownTeeTimeCausesNoIntents() {
        assertEquals(List.of(), rules.intentsFor(event("evt-1", EventType.SLOT_JOINED,
                new EventPayload.SlotJoined("tt-none", 2, "u-join"))));
        assertEquals(List.of(), rules.intentsFor(event("evt-2", EventType.SLOT_LEFT,
                new EventPayload.SlotLeft("tt-none", 2, "u-join"))));
        assertEquals(List.of(), rules.intentsFor(event("evt-3", EventType.TEE_TIME_CANCELLED,
                new EventPayload.TeeTimeCancelled("tt-none", Optional.empty(), Optional.empty(), Optional.empty()))));
        assertEquals(Optional.empty(), rules.newTeeTime("tt-none", new ScoredUser("u-match", 87), "created"));
    }

    @Test
    void otherEventsCauseNoIntentsHere() {
        assertEquals(List.of(), rules.intentsFor(event("evt-4", EventType.MESSAGE_SENT,
                new EventPayload.MessageSent("tt-1", Optional.empty(), "m-1", "u-p2", "see you there",
                        Instant.parse("2026-06-10T16:00:00Z"), Optional.empty()))));
    }

    @Test
    void industryLabelsAreTitleCaseWords() {
        assertEquals("Finance", NotificationRules.label("FINANCE"));
        assertEquals("Private Capital", NotificationRules.label("PRIVATE_CAPITAL"));
        assertEquals("Media Entertainment", NotificationRules.label("MEDIA_ENTERTAINMENT"));
    }
}
