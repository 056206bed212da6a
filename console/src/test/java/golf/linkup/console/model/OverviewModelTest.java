package golf.linkup.console.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OverviewModelTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    static JsonNode second(int s, int connections, double p99) {
        return JSON.createObjectNode().put("at", T0.plusSeconds(s).toString()).put("connections", connections)
                .put("messagesOutPerSecond", s).put("deliveryP99Millis", p99);
    }

    @Test
    void keepsFifteenMinutesAndIgnoresSecondsItAlreadyHas() {
        OverviewModel model = new OverviewModel();
        ArrayNode history = JSON.createArrayNode();
        for (int s = 0; s < 1_000; s++) {
            history.add(second(s, s, 1));
        }
        model.receive(history);
        model.receive(second(999, -1, 1)); // the same second again, after a reconnect
        model.receive(second(1_000, 1_000, 2));
        model.absorb();

        List<OverviewModel.Point> points = model.pointsProperty().get();
        assertThat(points).hasSize(OverviewModel.HISTORY);
        assertThat(points.get(points.size() - 1).connections()).isEqualTo(1_000);
        assertThat(points.get(0).at()).isEqualTo(T0.plusSeconds(1_000 - OverviewModel.HISTORY + 1));
        assertThat(model.latestProperty().get().path("connections").asInt()).isEqualTo(1_000);
    }

    @Test
    void chartPointsAverageRatesAndKeepTheWorstLatencyOfEachBucket() {
        OverviewModel model = new OverviewModel();
        model.receive(second(0, 10, 1));
        model.receive(second(1, 20, 9));
        model.receive(second(2, 30, 2));
        model.receive(second(3, 40, 4));
        model.absorb();

        List<OverviewModel.Point> buckets = OverviewModel.downsample(model.pointsProperty().get(), 3);

        assertThat(buckets).hasSize(2);
        assertThat(buckets.get(0).connections()).isEqualTo(20);
        assertThat(buckets.get(0).messagesOut()).isEqualTo(1);
        assertThat(buckets.get(0).p99()).isEqualTo(9);
        assertThat(buckets.get(1).connections()).isEqualTo(40);
    }
}
