package golf.linkup.engine.gateway.connections;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import golf.linkup.engine.auth.Identity;
import golf.linkup.engine.gateway.history.RoomMessage;
import golf.linkup.engine.gateway.history.StreamPosition;
import golf.linkup.testing.RecordingOutbound;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Room messages on one connection: what a slow client is told it missed, and recovery's ordering. */
class ClientConnectionRoomMessagesTest {

    private final RecordingOutbound out = RecordingOutbound.held();
    private final ClientConnection c = new ClientConnection("c-1", new Identity("u-1", Set.of(),
            Instant.parse("2030-01-01T00:00:00Z"), Optional.empty()), out, 3, Instant.EPOCH, () -> { });

    private static RoomMessage message(String room, long offset) {
        return RoomMessage.stamp(room, room + "#" + offset, offset, "ep", "{\"type\":\"t\",\"data\":{\"n\":" + offset + "}}");
    }

    private List<String> ids() {
        return out.messages().stream().map(m -> m.path("id").asText(m.path("type").asText())).toList();
    }

    @Test
    void aSlowClientIsToldOncePerRoomWhatItMissedWithTheOffsetsToRecoverFrom() {
        c.send(message("tee-time:a", 1)); // in flight
        for (long o = 2; o <= 6; o++) {
            c.send(message("tee-time:a", o));
            c.send(message("feed:TECH", o));
        }
        assertThat(c.isSlow()).isTrue();
        assertThat(c.dropped()).isEqualTo(7);

        out.completeAll();

        List<JsonNode> missed = out.messagesOfType("missed");
        assertThat(missed).hasSize(2);
        JsonNode a = missed.stream().filter(m -> m.path("data").path("room").asText().equals("tee-time:a")).findFirst()
                .orElseThrow();
        assertThat(a.path("data").path("count").asLong()).isEqualTo(4);
        assertThat(a.path("data").path("fromOffset").asLong()).isEqualTo(2);
        assertThat(a.path("data").path("toOffset").asLong()).isEqualTo(5);
        assertThat(a.path("data").path("epoch").asText()).isEqualTo("ep");
        assertThat(a.path("data").path("recoverSince").path("offset").asLong()).isEqualTo(1);
        JsonNode tech = missed.stream().filter(m -> m.path("data").path("room").asText().equals("feed:TECH")).findFirst()
                .orElseThrow();
        assertThat(tech.path("data").path("count").asLong()).isEqualTo(3);
        assertThat(ids().subList(ids().size() - 2, ids().size())).containsOnly("missed");
        assertThat(c.isSlow()).isFalse();
    }

    @Test
    void recoveryQueuesTheReplyThenHistoryThenHeldLiveMessagesWithoutDuplicates() {
        var big = new ClientConnection("c-2", c.identity(), out, 100, Instant.EPOCH, () -> { });
        big.beginRecovery("tee-time:a");
        big.send(message("tee-time:a", 5)); // live, while the history is read: held back
        big.send(message("tee-time:a", 6));
        big.send(message("feed:TECH", 9)); // another room: not held

        Map<String, List<RoomMessage>> history = new LinkedHashMap<>();
        history.put("tee-time:a", List.of(message("tee-time:a", 3), message("tee-time:a", 4), message("tee-time:a", 5)));
        big.finishRecovery("{\"type\":\"subscribed\"}", history, Map.of("tee-time:a", new StreamPosition(5, "ep")));
        big.send(message("tee-time:a", 7));
        out.completeAll();

        assertThat(ids()).containsExactly("feed:TECH#9", "subscribed", "tee-time:a#3", "tee-time:a#4", "tee-time:a#5",
                "tee-time:a#6", "tee-time:a#7");
    }

    @Test
    void heldLiveMessagesNewerThanTheRecoveryAllGoOutWhetherOrNotRecoveryWorked() {
        var big = new ClientConnection("c-4", c.identity(), out, 100, Instant.EPOCH, () -> { });
        big.beginRecovery("tee-time:a");
        big.beginRecovery("tee-time:b");
        big.send(message("tee-time:a", 6)); // newer than the recovered history: the first releases the skip mark
        big.send(message("tee-time:a", 7));
        big.send(message("tee-time:b", 2));
        Map<String, List<RoomMessage>> history = new LinkedHashMap<>();
        history.put("tee-time:a", List.of(message("tee-time:a", 5)));
        history.put("tee-time:b", List.of()); // recovered: false

        big.finishRecovery("{\"type\":\"recovered\"}", history, Map.of("tee-time:a", new StreamPosition(5, "ep")));
        big.send(message("tee-time:b", 3));
        out.completeAll();

        assertThat(ids()).containsExactly("recovered", "tee-time:a#5", "tee-time:a#6", "tee-time:a#7", "tee-time:b#2",
                "tee-time:b#3");
    }

    @Test
    void liveMessagesThisInstanceDeliversLateAfterARecoveryThatReadAheadAreSkipped() {
        var big = new ClientConnection("c-3", c.identity(), out, 100, Instant.EPOCH, () -> { });
        big.beginRecovery("tee-time:a");
        // the shared history is ahead of this instance's own event stream: it has 3..5 already
        Map<String, List<RoomMessage>> history = new LinkedHashMap<>();
        history.put("tee-time:a", List.of(message("tee-time:a", 3), message("tee-time:a", 4), message("tee-time:a", 5)));
        big.finishRecovery(null, history, Map.of("tee-time:a", new StreamPosition(5, "ep")));

        big.send(message("tee-time:a", 4)); // this instance catching up
        big.send(message("tee-time:a", 5));
        big.send(message("tee-time:a", 6));
        big.send(message("tee-time:a", 3)); // not possible in one ordered stream, so no longer checked
        out.completeAll();

        assertThat(ids()).containsExactly("tee-time:a#3", "tee-time:a#4", "tee-time:a#5", "tee-time:a#6",
                "tee-time:a#3");
    }

    @Test
    void closeAfterFlushWritesWhatIsQueuedThenCloses() {
        c.send(message("tee-time:a", 1));
        c.send(message("tee-time:a", 2));

        c.closeAfterFlush(CloseCodes.GOING_AWAY, "bye");
        c.send(message("tee-time:a", 3)); // nothing new after the shutdown began
        assertThat(out.isClosed()).isFalse();
        out.completeAll();

        assertThat(ids()).containsExactly("tee-time:a#1", "tee-time:a#2");
        assertThat(out.closeCode()).isEqualTo(CloseCodes.GOING_AWAY);
    }
}
