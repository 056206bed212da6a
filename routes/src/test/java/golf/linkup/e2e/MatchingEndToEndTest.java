package golf.linkup.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The matching engine as its users meet it, on the sandbox's sample data: recommendations, score
 * explanations, suggested players, manual triggers with the 1-hour cooldown, matching driven by
 * events, the reconciler catching a tee time whose event never came, and cache invalidation when
 * a recommended tee time is cancelled.
 */
class MatchingEndToEndTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static EngineInstance engine;
    static EventPublisher events;

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> overrides = EngineInstance.defaults(SharedRedis.uri());
        overrides.put("linkup.sample-data.load", "true");
        overrides.put("linkup.sample-data.dir", "../sample-data");
        engine = EngineInstance.start(overrides);
        events = new EventPublisher(SharedRedis.uri());
    }

    @AfterAll
    static void stop() throws Exception {
        assertThat(engine.engine().deadLetters().recent(10)).as("events that failed while these tests ran").isEmpty();
        events.close();
        engine.close();
    }

    static HttpResponse<String> call(String method, String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + engine.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode ok(String method, String path, String token) throws Exception {
        HttpResponse<String> r = call(method, path, token);
        assertThat(r.statusCode()).as("%s %s: %s", method, path, r.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("success").asBoolean()).isTrue();
        return body.path("data");
    }

    static String admin() {
        return engine.engine().jwtIssuer().issue("ops", Duration.ofHours(1), List.of("admin"));
    }

    static List<String> recommendedIds(String userId) throws Exception {
        List<String> ids = new ArrayList<>();
        ok("GET", "/api/v1/users/" + userId + "/recommendations", engine.token(userId)).path("recommendations")
                .forEach(r -> ids.add(r.path("teeTimeId").asText()));
        return ids;
    }

    /** A FINANCE tee time at Bethpage tomorrow hosted by user-0001, open to any level, 3 open slots. */
    static String newFinanceTeeTimeAtBethpage() {
        String id = "tt-e2e-" + UUID.randomUUID().toString().substring(0, 8);
        new Fixtures(engine.engine().database().dataSource())
                .exec("insert into tee_times (id, host_id, course_id, starts_at, industry, open_to_all, skill_level,"
                        + " total_slots) values (?, 'user-0001', 'course-bethpage-black', ?, 'FINANCE', false, 'ANY', 4)",
                        id, java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).plusHours(26).truncatedTo(ChronoUnit.MINUTES))
                .exec("insert into tee_time_slots (tee_time_id, slot_number, user_id) values (?, 1, 'user-0001')", id);
        return id;
    }

    static List<String> runTriggers(String teeTimeId) throws Exception {
        List<String> triggers = new ArrayList<>();
        try (Connection c = engine.engine().database().dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "select trigger_kind from matching_runs where tee_time_id = ? order by id")) {
            ps.setString(1, teeTimeId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    triggers.add(rs.getString(1));
                }
            }
        }
        return triggers;
    }

    @Test
    void aPlayerGetsTheirTopTeeTimesBestFirstNeverTheirOwnOrFullOnesAndEachScoreIsExplainable() throws Exception {
        JsonNode data = ok("GET", "/api/v1/users/user-0001/recommendations", engine.token("user-0001"));
        JsonNode list = data.path("recommendations");
        assertThat(list.size()).isBetween(1, 50);
        int previous = 101;
        for (JsonNode r : list) {
            int score = r.path("score").asInt();
            assertThat(score).isBetween(0, 100).isLessThanOrEqualTo(previous);
            previous = score;
            assertThat(r.path("openSlots").asInt()).isPositive();
            assertThat(Instant.parse(r.path("startsAt").asText())).isAfter(Instant.now());
        }
        List<String> ids = new ArrayList<>();
        list.forEach(r -> ids.add(r.path("teeTimeId").asText()));
        try (Connection c = engine.engine().database().dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("select tee_time_id from tee_time_slots where user_id = 'user-0001'")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    assertThat(ids).as("tee times user-0001 hosts or plays in").doesNotContain(rs.getString(1));
                }
            }
        }
        JsonNode best = list.get(0);
        JsonNode why = ok("GET", "/api/v1/match/explain?userId=user-0001&teeTimeId=" + best.path("teeTimeId").asText(),
                engine.token("user-0001"));
        assertThat(why.path("score").asInt()).isEqualTo(best.path("score").asInt());
        assertThat(why.path("factors")).hasSize(6);
        int sum = 0;
        for (JsonNode f : why.path("factors")) {
            sum += f.path("points").asInt();
            assertThat(f.path("reason").asText()).isNotBlank();
        }
        assertThat(sum).isEqualTo(why.path("score").asInt());
    }

    @Test
    void theSecondLookWithinFiveMinutesComesFromTheCache() throws Exception {
        List<String> first = recommendedIds("user-0003");
        try (redis.clients.jedis.Jedis jedis = new redis.clients.jedis.Jedis(SharedRedis.uri().getHost(),
                SharedRedis.uri().getPort())) {
            long ttl = jedis.pttl("linkup:reco:user:user-0003");
            assertThat(ttl).as("the list is cached in Redis for at most 5 minutes").isBetween(1L, 300_000L);
        }
        List<String> second = recommendedIds("user-0003");
        assertThat(second).isEqualTo(first);
        JsonNode stats = ok("GET", "/api/v1/realtime/stats", engine.token("user-0003"));
        assertThat(stats.path("isRunning").asBoolean()).isTrue();
        assertThat(stats.path("websocketConnected").asBoolean()).isTrue();
        assertThat(stats.path("cacheValid").asBoolean()).isTrue();
        assertThat(stats.path("matching").path("cacheHitRate").asDouble()).as("the second look was a hit")
                .isPositive();
        assertThat(stats.path("matching").path("indexedUsers").asInt()).isEqualTo(500);
    }

    @Test
    void anExplanationSaysWhyATeeTimeIsNeverRecommended() throws Exception {
        JsonNode why = ok("GET", "/api/v1/match/explain?userId=user-0002&teeTimeId=tt-0001", engine.token("user-0002"));
        assertThat(why.path("eligible").asBoolean()).isFalse();
        assertThat(why.path("ineligibility").asText()).isNotBlank();
        JsonNode industry = why.path("factors").get(0);
        assertThat(industry.path("factor").asText()).isEqualTo("INDUSTRY");
        assertThat(industry.path("points").asInt()).as("PRIVATE_CAPITAL and FINANCE are highly related").isEqualTo(25);
    }

    @Test
    void onlyThePlayerOrAnAdminMayReadTheirRecommendationsAndATokenIsRequired() throws Exception {
        assertThat(call("GET", "/api/v1/users/user-0001/recommendations", null).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/api/v1/users/user-0001/recommendations", "not-a-jwt").statusCode()).isEqualTo(401);
        HttpResponse<String> other = call("GET", "/api/v1/users/user-0001/recommendations", engine.token("user-0002"));
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(other.body()).path("error").path("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(call("GET", "/api/v1/users/user-0001/recommendations?limit=5", admin()).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/api/v1/users/user-0001/recommendations?limit=0", admin()).statusCode()).isEqualTo(400);
        assertThat(call("GET", "/api/v1/users/nobody/recommendations", admin()).statusCode()).isEqualTo(404);
        assertThat(call("POST", "/api/v1/realtime/trigger/tt-0001", engine.token("user-0001")).statusCode())
                .isEqualTo(403);
    }

    @Test
    void aHostSeesPlayersWhoMightWantToJoinButOthersMayNot() throws Exception {
        JsonNode data = ok("GET", "/api/v1/tee-times/tt-0001/suggested-players", engine.token("user-0001"));
        List<String> suggested = new ArrayList<>();
        data.path("players").forEach(p -> suggested.add(p.path("userId").asText()));
        assertThat(suggested).isNotEmpty().doesNotContain("user-0001", "user-0002");
        assertThat(data.path("players").get(0).path("name").asText()).isNotBlank();
        assertThat(call("GET", "/api/v1/tee-times/tt-0001/suggested-players", engine.token("user-0003")).statusCode())
                .isEqualTo(403);
    }

    @Test
    void aManualTriggerNotifiesTheBestMatchesOnceAnHour() throws Exception {
        String teeTime = newFinanceTeeTimeAtBethpage();
        JsonNode first = ok("POST", "/api/v1/realtime/trigger/" + teeTime, admin());
        assertThat(first.path("matchCount").asInt()).isPositive();
        assertThat(first.path("notificationsSent").asInt()).isBetween(1, 5);

        JsonNode again = ok("POST", "/api/v1/realtime/trigger/" + teeTime, admin());
        assertThat(again.path("notificationsSent").asInt()).as("everyone told within the hour is skipped")
                .isLessThan(Math.min(5, again.path("matchCount").asInt()) + 1)
                .isLessThanOrEqualTo(Math.max(0, again.path("matchCount").asInt() - first.path("notificationsSent").asInt()));
        assertThat(runTriggers(teeTime)).contains("MANUAL");
    }

    @Test
    void aNewTeeTimeEventTriggersMatchingOfThatTeeTime() throws Exception {
        String teeTime = newFinanceTeeTimeAtBethpage();
        events.publish(EventPublisher.teeTimeCreated(teeTime));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(runTriggers(teeTime)).contains("EVENT"));
    }

    @Test
    void theReconcilerMatchesATeeTimeWhoseEventNeverCame() throws Exception {
        String teeTime = newFinanceTeeTimeAtBethpage();
        engine.engine().schedules().scheduledJobs().fireNow("matching-reconciler");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(runTriggers(teeTime)).contains("RECONCILER"));
    }

    @Test
    void theReconcilerTellsNobodyOfTeeTimesThatExistedLongBefore() throws Exception {
        String old = newFinanceTeeTimeAtBethpage();
        new Fixtures(engine.engine().database().dataSource()).exec(
                "update tee_times set created_at = ?, updated_at = ? where id = ?",
                java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minusDays(3),
                java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minusDays(3), old);
        String fresh = newFinanceTeeTimeAtBethpage();
        engine.engine().schedules().scheduledJobs().fireNow("matching-reconciler");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(runTriggers(fresh)).contains("RECONCILER"));
        assertThat(runTriggers(old)).as("created three days ago: not news").isEmpty();
        try (Connection c = engine.engine().database().dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "select count(*) from notification_queue where notification_type = 'new_tee_time' and notification_key like ?")) {
            ps.setString(1, "new_tee_time:" + old + ":%");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
        }
    }

    @Test
    void cancellingARecommendedTeeTimeRemovesItFromTheCachedList() throws Exception {
        List<String> cached = recommendedIds("user-0004");
        assertThat(cached).isNotEmpty();
        String victim = cached.get(0);
        new Fixtures(engine.engine().database().dataSource())
                .exec("update tee_times set status = 'CANCELLED' where id = ?", victim);
        events.publish(EventPublisher.teeTimeCancelled(victim, "rain"));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(recommendedIds("user-0004"))
                .doesNotContain(victim));
    }
}
