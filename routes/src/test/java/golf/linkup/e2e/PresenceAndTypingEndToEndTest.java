package golf.linkup.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import golf.linkup.redis.RedisConnections;
import golf.linkup.redis.RedisPresenceStore;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A tee-time room's presence and typing across two instances: the players get a presence
 * snapshot when they subscribe and batched updates after, a hidden player appears offline, a crashed
 * instance's users stop looking online within {@code stale-after}, and typing reaches the other
 * players only (not the typist, not outsiders), within its rate limit. Who plays is remembered
 * per tee time, and {@code slot.joined} / {@code slot.left} make every instance read it again.
 */
class PresenceAndTypingEndToEndTest {

    static EngineInstance a;
    static EngineInstance b;
    static RedisConnections redis;
    static final String TT = "tt-presence";
    static final String LATE_TT = "tt-presence-late";

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> common = EngineInstance.defaults(SharedRedis.uri());
        common.put("linkup.db.url", "jdbc:h2:mem:presence-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        common.put("linkup.gateway.presence.stale-after", "3s");
        common.put("linkup.gateway.presence.disconnect-grace", "200ms");
        common.put("linkup.gateway.presence.batch-window", "50ms");
        Map<String, String> first = new HashMap<>(common);
        first.put("linkup.instance-id", "presence-a-" + UUID.randomUUID());
        Map<String, String> second = new HashMap<>(common);
        second.put("linkup.instance-id", "presence-b-" + UUID.randomUUID());
        a = EngineInstance.start(first);
        b = EngineInstance.start(second);
        redis = new RedisConnections(SharedRedis.uri());
        new Fixtures(a.engine().database().dataSource())
                .course("c-p", "Presence Links", "Austin", 30.27, -97.74, "America/Chicago")
                .user("pr-host", "Host", "Acme", "TECH").user("pr-1", "One", "Acme", "TECH")
                .user("pr-2", "Two", "Acme", "TECH").user("pr-hidden", "Hidden", "Acme", "TECH")
                .user("pr-ghost", "Ghost", "Acme", "TECH").user("pr-out", "Outsider", "Acme", "TECH")
                .user("pr-late", "Late", "Acme", "TECH")
                .teeTime(LATE_TT, "pr-host", "c-p", Instant.parse("2026-12-05T16:00:00Z"), "TECH", false, 4)
                .teeTime(TT, "pr-host", "c-p", Instant.parse("2026-12-05T15:00:00Z"), "TECH", false, 6, "pr-1", "pr-2",
                        "pr-hidden", "pr-ghost")
                .exec("insert into presence_settings (user_id, visible) values ('pr-hidden', false)");
    }

    @AfterAll
    static void stop() throws Exception {
        redis.close();
        a.close();
        b.close();
    }

    static Predicate<JsonNode> presenceOf(String userId, String status) {
        return m -> m.path("type").asText().equals("presence") && m.path("data").path("users").findValues("userId")
                .stream().anyMatch(u -> u.asText().equals(userId)) && statusIn(m, userId).equals(status);
    }

    static String statusIn(JsonNode presence, String userId) {
        for (JsonNode u : presence.path("data").path("users")) {
            if (u.path("userId").asText().equals(userId)) {
                return u.path("status").asText();
            }
        }
        return "";
    }

    @Test
    void playersGetASnapshotThenUpdatesAcrossInstancesAndAHiddenPlayerAppearsOffline() {
        try (WsTestClient one = a.connect("pr-1"); WsTestClient hidden = b.connect("pr-hidden")) {
            hidden.subscribeTeeTime(TT);
            one.subscribeTeeTime(TT);
            JsonNode snapshot = one.await("the snapshot", m -> m.path("type").asText().equals("presence")
                    && m.path("data").path("snapshot").asBoolean());
            assertThat(snapshot.path("data").path("teeTimeId").asText()).isEqualTo(TT);
            assertThat(statusIn(snapshot, "pr-hidden")).as("connected, but hidden").isEqualTo("offline");
            assertThat(statusIn(snapshot, "pr-2")).isEqualTo("offline");
            assertThat(snapshot.path("data").path("users").findValues("userId")).extracting(JsonNode::asText)
                    .doesNotContain("pr-1");

            WsTestClient two = b.connect("pr-2");
            JsonNode online = one.await("pr-2 online (from the other instance)", presenceOf("pr-2", "online"));
            assertThat(online.path("data").has("snapshot")).isFalse();

            two.subscribeTeeTime(TT);
            assertThat(two.request("presence:update", "{\"status\":\"away\"}").path("type").asText()).isEqualTo("ack");
            one.await("pr-2 declared away", presenceOf("pr-2", "away"));
            assertThat(two.request("presence:update", "{\"status\":\"online\"}").path("data").path("code").asText())
                    .as("1 per second per user").isEqualTo("RATE_LIMIT_EXCEEDED");

            two.close();
            JsonNode gone = one.await("pr-2 away after disconnecting", m -> presenceOf("pr-2", "away").test(m)
                    && m.path("data").path("users").get(0).has("lastSeen"));
            assertThat(gone.path("data").path("users").get(0).path("lastSeen").asText()).isNotEmpty();
            assertThat(one.received()).noneMatch(presenceOf("pr-hidden", "online"));
        }
    }

    @Test
    void aCrashedInstancesUsersStopLookingOnlineWithinStaleAfter() {
        var ghostStore = new RedisPresenceStore(redis.template(), Duration.ofDays(1));
        String ghostInstance = "ghost-" + UUID.randomUUID();
        long now = System.currentTimeMillis();
        ghostStore.heartbeat(ghostInstance, now);
        ghostStore.addConnection("pr-ghost", ghostInstance, "c-ghost", now); // then it "crashes": no more heartbeats

        try (WsTestClient host = a.connect("pr-host")) {
            host.subscribeTeeTime(TT);
            JsonNode snapshot = host.await("the snapshot", m -> m.path("data").path("snapshot").asBoolean());
            assertThat(statusIn(snapshot, "pr-ghost")).isEqualTo("online");

            host.await("the ghost away once its instance is found dead", presenceOf("pr-ghost", "away"));
            assertThat(System.currentTimeMillis() - now).as("within stale-after (3 s) plus a sweep")
                    .isLessThan(Duration.ofSeconds(5).toMillis());
        }
    }

    @Test
    void typingReachesTheOtherPlayersOnlyWithinItsLimit() {
        try (WsTestClient host = a.connect("pr-host"); WsTestClient player = b.connect("pr-1");
                WsTestClient outsider = b.connect("pr-out")) {
            host.subscribeTeeTime(TT);
            player.subscribeTeeTime(TT);
            outsider.subscribeTeeTime(TT);

            assertThat(host.request("typing", "{\"teeTimeId\":\"" + TT + "\"}").path("type").asText()).isEqualTo("ack");
            JsonNode typing = player.await("the typing indicator", m -> m.path("type").asText().equals("tee-time:typing"));
            assertThat(typing.path("data").path("userId").asText()).isEqualTo("pr-host");
            assertThat(typing.path("data").path("typing").asBoolean()).isTrue();

            assertThat(outsider.request("typing", "{\"teeTimeId\":\"" + TT + "\"}").path("data").path("code").asText())
                    .isEqualTo("NOT_A_PARTICIPANT");
            for (int i = 2; i <= 10; i++) {
                host.request("typing", "{\"teeTimeId\":\"" + TT + "\",\"typing\":" + (i % 2 == 0) + "}");
            }
            assertThat(host.request("typing", "{\"teeTimeId\":\"" + TT + "\"}").path("data").path("code").asText())
                    .as("the 11th in a minute").isEqualTo("RATE_LIMIT_EXCEEDED");
            // all ten reach the other player (several are alike, so wait for the count, not for one of them)
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> player.receivedOfType("tee-time:typing").size() >= 10);
            assertThat(player.receivedOfType("tee-time:typing")).hasSize(10);
            assertThat(host.receivedOfType("tee-time:typing")).as("not echoed to the typist").isEmpty();
            assertThat(outsider.receivedOfType("tee-time:typing")).isEmpty();
        }
    }

    /** The rooms a {@code subscribed} reply says the connection joined. */
    static java.util.List<String> rooms(JsonNode subscribed) {
        assertThat(subscribed.path("type").asText()).isEqualTo("subscribed");
        return java.util.stream.StreamSupport.stream(subscribed.path("data").path("rooms").spliterator(), false)
                .map(JsonNode::asText).toList();
    }

    @Test
    void aPlayerWhoJoinsOrLeavesIsSeenAtTheNextSubscribeOnEveryInstance() {
        String chat = "chat:" + LATE_TT;
        Fixtures db = new Fixtures(a.engine().database().dataSource());
        try (EventPublisher events = new EventPublisher(SharedRedis.uri());
                WsTestClient onA = a.connect("pr-late"); WsTestClient onB = b.connect("pr-late")) {
            // both instances read (and remember) the tee time while pr-late is not in it
            assertThat(rooms(onA.subscribeTeeTime(LATE_TT))).containsExactly("tee-time:" + LATE_TT);
            assertThat(rooms(onB.subscribeTeeTime(LATE_TT))).containsExactly("tee-time:" + LATE_TT);
            assertThat(onA.request("typing", "{\"teeTimeId\":\"" + LATE_TT + "\"}").path("data").path("code").asText())
                    .isEqualTo("NOT_A_PARTICIPANT");

            // the API server books the slot, then publishes slot.joined
            db.exec("insert into tee_time_slots (tee_time_id, slot_number, user_id) values (?, 2, ?)", LATE_TT, "pr-late");
            events.publish(EventPublisher.slotJoined(LATE_TT, 2, "pr-late"));
            onA.await("slot.joined on a", m -> m.path("type").asText().equals("tee-time:slot-joined"));
            onB.await("slot.joined on b", m -> m.path("type").asText().equals("tee-time:slot-joined"));
            assertThat(rooms(onA.subscribeTeeTime(LATE_TT))).contains(chat);
            assertThat(rooms(onB.subscribeTeeTime(LATE_TT))).contains(chat);
            assertThat(onA.request("typing", "{\"teeTimeId\":\"" + LATE_TT + "\"}").path("type").asText())
                    .isEqualTo("ack");

            // and leaves it again
            db.exec("delete from tee_time_slots where tee_time_id = ? and user_id = ?", LATE_TT, "pr-late");
            events.publish(EventPublisher.slotLeft(LATE_TT, 2, "pr-late"));
            onA.await("slot.left on a", m -> m.path("type").asText().equals("tee-time:slot-left"));
            onB.await("slot.left on b", m -> m.path("type").asText().equals("tee-time:slot-left"));
        }
        try (WsTestClient onA = a.connect("pr-late"); WsTestClient onB = b.connect("pr-late")) {
            assertThat(rooms(onA.subscribeTeeTime(LATE_TT))).doesNotContain(chat);
            assertThat(rooms(onB.subscribeTeeTime(LATE_TT))).doesNotContain(chat);
        }
    }
}
