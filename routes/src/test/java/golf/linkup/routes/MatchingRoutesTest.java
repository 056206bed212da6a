package golf.linkup.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import golf.linkup.engine.events.TestEvents;
import golf.linkup.engine.matching.InMemoryRecommendationCache;
import golf.linkup.engine.matching.MatchingService;
import golf.linkup.engine.matching.MatchingSettings;
import golf.linkup.engine.storage.JdbcMatchingStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.junit.jupiter.api.Test;

/**
 * {@code matching-index} and {@code match-tee-time} with the real matching service on H2: an event
 * refreshes this instance's index entry of its tee time (on the index's own thread), and targeted
 * matching of a new tee time is recorded as a run triggered by that event.
 */
class MatchingRoutesTest extends RouteTestSupport {

    private MatchingService matching;

    MatchingRoutesTest() {
        super(false);
    }

    @Override
    protected RoutesBuilder[] routes() {
        matching = new MatchingService(new JdbcMatchingStore(db.dataSource()), MatchingSettings.DEFAULTS,
                new InMemoryRecommendationCache(Clock.systemUTC(), Duration.ofMinutes(5)), Clock.systemUTC(),
                metrics.meterRegistry(), "instance-a", (teeTime, user, cause) -> { });
        return new RoutesBuilder[] {
            new MatchingRoutes(matching)
        };
    }

    private void aNewTeeTime() {
        db.insertCourse("c-ny", "Bethpage Black", "Farmingdale", "US", 40.7448, -73.4540, "America/New_York");
        db.insertUser("u-host", "Ada Host", "Acme Capital", "FINANCE");
        db.insertTeeTime("tt-1", "u-host", "c-ny", Instant.now().plus(Duration.ofDays(3)), "FINANCE", false, 4);
    }

    @Test
    void anEventRefreshesThisInstancesIndexEntryOfItsTeeTime() {
        aNewTeeTime();
        assertThat(matching.indexedTeeTime("tt-1")).isNull();

        template.sendBody(MatchingRoutes.INDEX_QUEUE, TestEvents.parsed("tee-time.created", "{\"teeTimeId\":\"tt-1\"}"));

        await().atMost(Duration.ofSeconds(5)).until(() -> matching.indexedTeeTime("tt-1") != null);
    }

    @Test
    void aNewTeeTimeIsMatchedOnceAndTheRunRecordsItsEvent() {
        aNewTeeTime();

        Exchange done = template.send(MatchingRoutes.MATCH_TEE_TIME, e -> e.getMessage().setBody(
                TestEvents.parsed("tee-time.created", "{\"teeTimeId\":\"tt-1\"}")));

        assertThat(done.getException()).isNull();
        assertThat(db.queryLong("select count(*) from matching_runs where tee_time_id = 'tt-1'"
                + " and trigger_kind = 'EVENT' and event_id = 'evt-1'")).isEqualTo(1);
    }
}
