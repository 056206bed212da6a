package golf.linkup.engine.storage;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import golf.linkup.testing.TestDatabase;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link JdbcDeadLetterStore} promises on every database the engine runs on: nothing refused is
 * lost, whatever its text. Subclasses say which database; each test gets a fresh, migrated one.
 */
abstract class DeadLetterStoreContract {

    TestDatabase db;
    DeadLetterStore store;

    abstract TestDatabase openDatabase();

    @BeforeEach
    void openStore() {
        db = openDatabase();
        store = new JdbcDeadLetterStore(db.dataSource());
    }

    @AfterEach
    void closeDatabase() {
        if (db != null) {
            db.close();
        }
    }

    private DeadLetter only() {
        List<DeadLetter> all = store.recent(10);
        assertEquals(1, all.size(), () -> "one dead letter expected: " + all);
        return all.get(0);
    }

    private long recordPayload(String payload) {
        return store.record("linkup:events", "evt-1", "slot.joined", "INVALID_FIELD", "bad slot", payload);
    }

    @Test
    void aRecordedDeadLetterIsStoredWithEveryField() {
        Instant before = Instant.now();

        long id = store.record("linkup:events", "evt-1", "slot.joined", "INVALID_FIELD",
                "field 'data.slotNumber' must be a whole number 1..8", "{\"id\":\"evt-1\"}");

        assertTrue(id > 0, "an id is returned: " + id);
        DeadLetter d = only();
        assertEquals(id, d.id());
        assertEquals("linkup:events", d.source());
        assertEquals("evt-1", d.eventId());
        assertEquals("slot.joined", d.eventType());
        assertEquals("INVALID_FIELD", d.reasonCode());
        assertEquals("field 'data.slotNumber' must be a whole number 1..8", d.reason());
        assertEquals("{\"id\":\"evt-1\"}", d.payload());
        assertTrue(!d.receivedAt().isBefore(before.minusSeconds(5))
                && !d.receivedAt().isAfter(Instant.now().plusSeconds(5)), "received now: " + d.receivedAt());
    }

    @Test
    void anEventWithoutIdAndTypeIsStoredWithNulls() {
        store.record("linkup:events", null, null, "NOT_JSON", "not JSON", "}{");

        DeadLetter d = only();
        assertNull(d.eventId());
        assertNull(d.eventType());
    }

    @Test
    void countCountsEveryDeadLetter() {
        assertEquals(0, store.count());

        recordPayload("a");
        recordPayload("b");
        recordPayload("c");

        assertEquals(3, store.count());
    }

    @Test
    void recentListsTheNewestFirstUpToTheLimit() {
        long first = recordPayload("first");
        long second = recordPayload("second");
        long third = recordPayload("third");

        List<DeadLetter> recent = store.recent(2);

        assertTrue(first < second && second < third, "ids increase");
        assertEquals(List.of("third", "second"), recent.stream().map(DeadLetter::payload).toList());
        assertEquals(3, store.recent(50).size());
    }

    @Test
    void aPayloadOf200KilobytesIsStoredWhole() {
        String payload = "{\"data\":\"" + "x".repeat(200 * 1024) + "\"}";

        recordPayload(payload);

        assertEquals(payload, only().payload());
    }

    @Test
    void aPayloadOverTheLimitIsCutNotRefused() {
        recordPayload("y".repeat(JdbcDeadLetterStore.MAX_PAYLOAD + 10));

        assertEquals(JdbcDeadLetterStore.MAX_PAYLOAD, only().payload().length());
    }

    @Test
    void aNulCharacterInThePayloadIsStoredAsAReplacementCharacter() {
        recordPayload("{\"body\":\"a\u0000b\"}");

        assertEquals("{\"body\":\"a\uFFFDb\"}", only().payload());
    }

    @Test
    void unicodeSurvives() {
        recordPayload("{\"body\":\"Grüße ⛳ 🏌️‍♀️ 東京\"}");

        assertEquals("{\"body\":\"Grüße ⛳ 🏌️‍♀️ 東京\"}", only().payload());
    }

    @Test
    void anOverLongReasonIsCut() {
        store.record("linkup:events", "evt-1", "slot.joined", "INVALID_FIELD", "r".repeat(5_000), "{}");

        assertEquals("r".repeat(2_000), only().reason());
    }

    @Test
    void anOverLongEventIdAndTypeAreCut() {
        store.record("linkup:events", "e".repeat(300), "t".repeat(300), "INVALID_FIELD", "id too long", "{}");

        DeadLetter d = only();
        assertEquals(200, d.eventId().length());
        assertEquals(80, d.eventType().length());
    }

    @Test
    void aNullReasonAndPayloadAreStoredAsEmptyText() {
        store.record("linkup:events", "evt-1", "slot.joined", "PROCESSING_FAILED", null, null);

        DeadLetter d = only();
        assertEquals("", d.reason());
        assertEquals("", d.payload());
    }

    @Test
    void oddTextInAnyFieldIsStoredWithoutThrowing() {
        // What a publisher can put in an event's id and type, and what a refusal's reason may quote.
        String nul = "evt\u0000-1";
        String loneSurrogate = "half \uD83C of a flag";
        String control = "bell\u0007 tab\t cr\r lf\n";
        String emojiAtTheCut = "r".repeat(1_999) + "🏌";

        assertDoesNotThrow(() -> store.record("linkup:events", nul, "type\u0000", "UNKNOWN_TYPE",
                "unknown event type 'type\u0000'", nul));
        assertDoesNotThrow(() -> store.record("linkup:events", loneSurrogate, loneSurrogate, "INVALID_FIELD",
                loneSurrogate, loneSurrogate));
        assertDoesNotThrow(() -> store.record("linkup:events", control, control, "INVALID_FIELD", control, control));
        assertDoesNotThrow(() -> store.record("linkup:events", "evt-2", "slot.joined", "INVALID_FIELD",
                emojiAtTheCut, "{}"));
        assertDoesNotThrow(() -> store.record("linkup:events", "", "", "NOT_JSON", "", ""));

        assertEquals(5, store.count());
        DeadLetter nulLetter = store.recent(5).get(4);
        assertEquals("evt\uFFFD-1", nulLetter.eventId());
        assertEquals("unknown event type 'type\uFFFD'", nulLetter.reason());
        assertEquals(control, store.recent(5).get(2).payload());
    }
}
