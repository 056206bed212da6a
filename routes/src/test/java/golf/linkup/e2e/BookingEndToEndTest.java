package golf.linkup.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import golf.linkup.testing.AdjustableClock;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Booking coordination as players see it, on two engine instances sharing one Redis and
 * one database: holds under contention across both, the tee-time room's slot-held / slot-reserved /
 * slot-released messages, the feed's open-slot count, hold expiry, the waitlist (auto-book, offer
 * accepted, offer expired and passed on, told through the notification centre) and no-shows. Time
 * is one {@link AdjustableClock} both engines read; the sweeps are timed jobs firing every second.
 */
class BookingEndToEndTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final AdjustableClock CLOCK = new AdjustableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    static EngineInstance a;
    static EngineInstance b;
    static EventPublisher events;
    static Fixtures fixtures;

    @BeforeAll
    static void startTwoEngines() throws Exception {
        Map<String, String> common = EngineInstance.defaults(SharedRedis.uri());
        common.put("linkup.db.url", "jdbc:h2:mem:booking-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        common.put("linkup.db.pool-size", "20");
        // the sweeps as timed jobs, every second (one instance of the two runs each firing)
        common.put("linkup.schedules.expire-holds", "* * * * * ?");
        common.put("linkup.schedules.expire-offers", "* * * * * ?");
        common.put("linkup.schedules.detect-no-shows", "* * * * * ?");
        Map<String, String> first = new HashMap<>(common);
        first.put("linkup.instance-id", "booking-a");
        Map<String, String> second = new HashMap<>(common);
        second.put("linkup.instance-id", "booking-b");
        a = EngineInstance.start(first, CLOCK);
        b = EngineInstance.start(second, CLOCK);
        events = new EventPublisher(SharedRedis.uri());
        fixtures = new Fixtures(a.engine().database().dataSource())
                .course("pebble-beach", "Pebble Beach Golf Links", "Pebble Beach", 36.5680, -121.9496, "America/Los_Angeles");
        for (String user : List.of("host", "p2", "p3", "ana", "bob", "cara", "watcher")) {
            fixtures.user(user, user.substring(0, 1).toUpperCase() + user.substring(1) + " Golfer", "Acme Capital",
                    "FINANCE", "en", "UTC");
        }
        for (String user : List.of("ana", "bob", "cara")) { // no quiet hours: the test must not depend on the hour
            assertThat(call(a, "PUT", "/api/v1/notifications/settings", user,
                    "{\"quiet_hours\":{\"start\":\"00:00\",\"end\":\"00:00\",\"timezone\":\"UTC\"}}").statusCode())
                    .isEqualTo(200);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        events.close();
        a.close();
        b.close();
    }

    @Test
    void fiftyConcurrentAttemptsOnTheLastSlotAcrossTwoInstancesGiveOneHoldThatTheRoomAndFeedsSee() throws Exception {
        fixtures.teeTime("tt-race", "host", "pebble-beach", inDays(3), "FINANCE", false, 4, "p2", "p3");
        List<String> racers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            racers.add("racer-" + i);
            fixtures.user("racer-" + i, "Racer " + i, "Acme", "FINANCE");
        }
        try (WsTestClient room = a.connect("watcher"); WsTestClient feed = b.connect("watcher")) {
            room.subscribeTeeTime("tt-race");
            feed.subscribeFeed("{\"industries\":[\"FINANCE\"]}");

            List<HttpResponse<String>> answers = race(racers, (racer, i) ->
                    call(i % 2 == 0 ? a : b, "POST", "/api/v1/tee-times/tt-race/slots/attempt", racer, null));

            List<HttpResponse<String>> won = answers.stream().filter(r -> r.statusCode() == 200).toList();
            assertThat(won).as("exactly one hold").hasSize(1);
            assertThat(answers).filteredOn(r -> r.statusCode() == 409)
                    .extracting(r -> code(r)).hasSize(49).containsOnly("SLOT_UNAVAILABLE");
            JsonNode hold = JSON.readTree(won.get(0).body()).path("data");
            assertThat(hold.path("slotNumber").asInt()).isEqualTo(4);
            assertThat(Instant.parse(hold.path("expiresAt").asText())).isEqualTo(CLOCK.instant().plusSeconds(15));
            String winner = racers.get(answers.indexOf(won.get(0)));
            JsonNode held = room.await("slot-held", m -> m.path("type").asText().equals("tee-time:slot-held"));
            assertThat(held.path("data").path("availableSlots").asInt()).isZero();

            HttpResponse<String> confirmed = call(b, "POST", "/api/v1/tee-times/tt-race/slots/confirm", winner,
                    "{\"holdId\":\"" + hold.path("holdId").asText() + "\"}");

            assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
            JsonNode reserved = room.await("slot-reserved", m -> m.path("type").asText().equals("tee-time:slot-reserved"));
            assertThat(reserved.path("data").path("userId").asText()).isEqualTo(winner);
            room.await("the slot.joined event's live update", m -> m.path("type").asText().equals("tee-time:slot-joined")
                    && m.path("data").path("slot").path("userId").asText().equals(winner));
            JsonNode update = feed.await("the feed's new open-slot count", m -> m.path("type").asText()
                    .equals("feed:tee-time-updated") && m.path("data").path("teeTimeId").asText().equals("tt-race"));
            assertThat(update.path("data").path("changes").path("openSlots").asInt()).isZero();
            assertThat(code(call(a, "POST", "/api/v1/tee-times/tt-race/slots/attempt", "racer-0", null)))
                    .isEqualTo(winner.equals("racer-0") ? "ALREADY_JOINED" : "TEE_TIME_FULL");
        }
    }

    @Test
    void fiftyConcurrentAttemptsOnTheLastSlotOfOneInstanceGiveOneHold() throws Exception {
        fixtures.teeTime("tt-race-one", "host", "pebble-beach", inDays(3), "FINANCE", false, 3, "p2");
        List<String> racers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            racers.add("solo-" + i);
            fixtures.user("solo-" + i, "Solo " + i, "Acme", "FINANCE");
        }

        List<HttpResponse<String>> answers = race(racers, (racer, i) ->
                call(b, "POST", "/api/v1/tee-times/tt-race-one/slots/attempt", racer, null));

        assertThat(answers).filteredOn(r -> r.statusCode() == 200).hasSize(1);
        assertThat(answers).filteredOn(r -> r.statusCode() != 200).extracting(r -> code(r))
                .hasSize(49).containsOnly("SLOT_UNAVAILABLE");
        assertThat(rows("select count(*) from slot_holds where tee_time_id = 'tt-race-one'")).isEqualTo(1);
    }

    @Test
    void anUnconfirmedHoldExpiresAndAReleasedOneIsFreeAtOnce() throws Exception {
        fixtures.teeTime("tt-expiry", "host", "pebble-beach", inDays(4), "FINANCE", false, 3, "p2");
        try (WsTestClient room = b.connect("watcher")) {
            room.subscribeTeeTime("tt-expiry");
            JsonNode anasHold = data(call(a, "POST", "/api/v1/tee-times/tt-expiry/slots/attempt", "ana", null));
            room.await("slot-held", m -> m.path("type").asText().equals("tee-time:slot-held"));

            CLOCK.advance(Duration.ofSeconds(16));

            JsonNode released = room.await("slot-released", m -> m.path("type").asText().equals("tee-time:slot-released"));
            assertThat(released.path("data").path("reason").asText()).isEqualTo("expired");
            assertThat(released.path("data").path("availableSlots").asInt()).isEqualTo(1);
            HttpResponse<String> late = call(a, "POST", "/api/v1/tee-times/tt-expiry/slots/confirm", "ana",
                    "{\"holdId\":\"" + anasHold.path("holdId").asText() + "\"}");
            assertThat(late.statusCode()).isEqualTo(404);
            assertThat(code(late)).isEqualTo("HOLD_NOT_FOUND");

            JsonNode bobsHold = data(call(b, "POST", "/api/v1/tee-times/tt-expiry/slots/attempt", "bob", null));
            assertThat(bobsHold.path("slotNumber").asInt()).isEqualTo(3);
            HttpResponse<String> notHis = call(a, "POST", "/api/v1/tee-times/tt-expiry/slots/release", "cara",
                    "{\"holdId\":\"" + bobsHold.path("holdId").asText() + "\"}");
            assertThat(notHis.statusCode()).isEqualTo(403);
            assertThat(code(notHis)).isEqualTo("NOT_YOUR_HOLD");
            assertThat(call(a, "POST", "/api/v1/tee-times/tt-expiry/slots/release", "bob",
                    "{\"holdId\":\"" + bobsHold.path("holdId").asText() + "\"}").statusCode()).isEqualTo(200);
            room.await("released by bob", m -> m.path("type").asText().equals("tee-time:slot-released")
                    && m.path("data").path("reason").asText().equals("released"));
            assertThat(call(a, "POST", "/api/v1/tee-times/tt-expiry/slots/attempt", "cara", null).statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void aSlotThatOpensIsOfferedToTheWaitlistAndAnExpiredOfferPassesToTheNextEntry() throws Exception {
        fixtures.teeTime("tt-wait", "host", "pebble-beach", inDays(5), "FINANCE", false, 3, "p2", "p3");
        HttpResponse<String> anaJoins = call(a, "POST", "/api/v1/tee-times/tt-wait/waitlist", "ana",
                "{\"autoBook\":false}");
        assertThat(data(anaJoins).path("position").asInt()).as(anaJoins.body()).isEqualTo(1);
        assertThat(data(call(b, "POST", "/api/v1/tee-times/tt-wait/waitlist", "bob", "{\"autoBook\":false,"
                + "\"timePreference\":{\"earliest\":\"" + inDays(4) + "\"}}")).path("position").asInt()).isEqualTo(2);

        fixtures.exec("delete from tee_time_slots where tee_time_id = 'tt-wait' and user_id = 'p3'");
        events.publish(EventPublisher.slotLeft("tt-wait", 3, "p3"));

        JsonNode anasOffer = awaitNotification(a, "ana", "waitlist_offer");
        assertThat(anasOffer.path("title").asText()).contains("Pebble Beach");
        String offerId = anasOffer.path("data").path("offerId").asText();
        assertThat(code(call(b, "POST", "/api/v1/tee-times/tt-wait/slots/attempt", "cara", null)))
                .as("the slot is held for ana").isEqualTo("SLOT_UNAVAILABLE");
        assertThat(rows("select count(*) from waitlist_offers where tee_time_id = 'tt-wait'"))
                .as("one instance promoted").isEqualTo(1);

        CLOCK.advance(Duration.ofMinutes(31));

        awaitNotification(b, "ana", "waitlist_offer_expired");
        JsonNode bobsOffer = awaitNotification(b, "bob", "waitlist_offer");
        HttpResponse<String> tooLate = call(a, "POST", "/api/v1/waitlist/offers/" + offerId + "/accept", "ana", null);
        assertThat(tooLate.statusCode()).isEqualTo(410);
        assertThat(code(tooLate)).isEqualTo("OFFER_EXPIRED");
        HttpResponse<String> accepted = call(a, "POST", "/api/v1/waitlist/offers/"
                + bobsOffer.path("data").path("offerId").asText() + "/accept", "bob", null);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        assertThat(data(accepted).path("slotNumber").asInt()).isEqualTo(3);
        assertThat(rows("select count(*) from tee_time_slots where tee_time_id = 'tt-wait' and user_id = 'bob'")).isEqualTo(1);
    }

    @Test
    void anAutoBookingEntryGetsTheOpenedSlotAndIsTold() throws Exception {
        fixtures.teeTime("tt-auto", "host", "pebble-beach", inDays(6), "FINANCE", false, 2, "p2");
        try (WsTestClient room = a.connect("watcher")) {
            room.subscribeTeeTime("tt-auto");
            assertThat(data(call(b, "POST", "/api/v1/tee-times/tt-auto/waitlist", "cara", "{\"autoBook\":true}"))
                    .path("status").asText()).isEqualTo("waiting");

            fixtures.exec("delete from tee_time_slots where tee_time_id = 'tt-auto' and user_id = 'p2'");
            events.publish(EventPublisher.slotLeft("tt-auto", 2, "p2"));

            JsonNode reserved = room.await("slot-reserved", m -> m.path("type").asText().equals("tee-time:slot-reserved"));
            assertThat(reserved.path("data").path("userId").asText()).isEqualTo("cara");
            assertThat(reserved.path("data").path("via").asText()).isEqualTo("waitlist_auto_book");
            assertThat(awaitNotification(a, "cara", "waitlist_auto_booked").path("title").asText()).contains("Pebble Beach");
        }
    }

    @Test
    void aPlayerWithoutACheckInAfterTheRoundIsCountedAsANoShowOnce() throws Exception {
        Instant start = CLOCK.instant().plus(Duration.ofMinutes(30));
        fixtures.teeTime("tt-round", "host", "pebble-beach", start, "FINANCE", false, 4, "p2", "p3");
        HttpResponse<String> byHost = call(a, "POST", "/api/v1/tee-times/tt-round/check-in", "host", "{\"userId\":\"p2\"}");
        assertThat(byHost.statusCode()).as(byHost.body()).isEqualTo(200);
        assertThat(data(byHost).path("checkedInBy").asText()).isEqualTo("host");
        assertThat(call(b, "POST", "/api/v1/tee-times/tt-round/check-in", "host", null).statusCode()).isEqualTo(200);
        HttpResponse<String> notTheirs = call(b, "POST", "/api/v1/tee-times/tt-round/check-in", "p2", "{\"userId\":\"p3\"}");
        assertThat(code(notTheirs)).isEqualTo("CHECK_IN_NOT_ALLOWED");
        long before = rows("select no_show_count from users where id = 'p3'");

        CLOCK.advance(Duration.ofMinutes(30 + 270));

        await().atMost(Duration.ofSeconds(10)).until(() -> rows("select count(*) from no_show_log where tee_time_id = 'tt-round'") == 1);
        assertThat(rows("select count(*) from no_show_log where tee_time_id = 'tt-round' and user_id = 'p3'")).isEqualTo(1);
        assertThat(rows("select no_show_count from users where id = 'p3'")).isEqualTo(before + 1);
        assertThat(rows("select no_show_count from users where id = 'p2'")).isZero();
        assertThat(code(call(a, "POST", "/api/v1/tee-times/tt-round/check-in", "p3", null))).isEqualTo("CHECK_IN_CLOSED");
    }

    @Test
    void badBookingRequestsAreAnsweredWithTheirReasonNeverWith500() throws Exception {
        fixtures.teeTime("tt-bad", "host", "pebble-beach", inDays(7), "FINANCE", false, 4);
        String[][] cases = {
            {"POST", "/api/v1/tee-times/tt-bad/slots/confirm", "{}", "400", "INVALID_REQUEST"},
            {"POST", "/api/v1/tee-times/tt-bad/slots/release", "{\"holdId\":42}", "400", "INVALID_REQUEST"},
            {"POST", "/api/v1/tee-times/tt-bad/slots/confirm", "{\"holdId\":\"nope\"}", "404", "HOLD_NOT_FOUND"},
            {"POST", "/api/v1/tee-times/tt-bad/waitlist", "{\"autoBook\":\"yes\"}", "400", "INVALID_REQUEST"},
            {"POST", "/api/v1/tee-times/tt-bad/waitlist", "{\"timePreference\":{\"earliest\":\"tomorrow\"}}", "400",
                "INVALID_REQUEST"},
            {"POST", "/api/v1/tee-times/tt-bad/waitlist", "{\"timePreference\":{\"earliest\":\"2026-06-06T10:00:00Z\","
                + "\"latest\":\"2026-06-06T09:00:00Z\"}}", "400", "INVALID_REQUEST"},
            {"POST", "/api/v1/tee-times/tt-bad/waitlist", "{\"priority\":9}", "403", "FORBIDDEN"},
            {"POST", "/api/v1/tee-times/tt-bad/waitlist", "{\"userId\":\"bob\"}", "403", "FORBIDDEN"},
            {"DELETE", "/api/v1/tee-times/tt-bad/waitlist", null, "404", "NOT_WAITLISTED"},
            {"POST", "/api/v1/tee-times/no-such/slots/attempt", null, "404", "TEE_TIME_NOT_FOUND"},
            {"POST", "/api/v1/waitlist/offers/no-such/accept", null, "404", "OFFER_NOT_FOUND"},
            {"POST", "/api/v1/tee-times/tt-bad/check-in", null, "404", "NOT_A_PLAYER"},
            {"POST", "/api/v1/tee-times/tt-bad/slots/attempt", "{not json", "200", ""},
        };
        for (String[] c : cases) {
            HttpResponse<String> r = call(a, c[0], c[1], "ana", c[2]);
            assertThat(r.statusCode()).as(c[0] + " " + c[1] + " " + c[2] + ": " + r.body()).isEqualTo(Integer.parseInt(c[3]));
            if (!c[4].isEmpty()) {
                assertThat(code(r)).as(c[1] + " " + c[2]).isEqualTo(c[4]);
            }
        }
        assertThat(a.engine().metrics().meterRegistry().counter("linkup.booking.refused", "code", "HOLD_NOT_FOUND")
                .count()).as("refusals are counted").isPositive();
    }

    // -------------------------------------------------------------------------------- helpers

    static Instant inDays(int days) {
        return CLOCK.instant().plus(Duration.ofDays(days)).truncatedTo(ChronoUnit.HOURS);
    }

    static HttpResponse<String> call(EngineInstance engine, String method, String path, String user, String body)
            throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + engine.port() + path))
                .header("Authorization", "Bearer " + engine.token(user))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode data(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("data");
    }

    static String code(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body()).path("error").path("code").asText();
        } catch (Exception e) {
            throw new AssertionError(response.body(), e);
        }
    }

    /** The newest notification of {@code type} in the user's in-app centre, awaited. */
    static JsonNode awaitNotification(EngineInstance engine, String user, String type) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            for (JsonNode n : JSON.readTree(call(engine, "GET", "/api/v1/notifications?size=50", user, null).body())
                    .path("data").path("notifications")) {
                if (n.path("notification_type").asText().equals(type)) {
                    found[0] = n;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    static long rows(String sql) throws Exception {
        try (Connection c = a.engine().database().dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    interface Racer {
        HttpResponse<String> run(String who, int index) throws Exception;
    }

    /** Every request starts at the same moment, one thread each; answers in input order. */
    static List<HttpResponse<String>> race(List<String> names, Racer racer) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(names.size());
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    go.await();
                    return racer.run(names.get(index), index);
                }));
            }
            go.countDown();
            List<HttpResponse<String>> out = new ArrayList<>();
            for (Future<HttpResponse<String>> f : futures) {
                out.add(f.get(30, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
