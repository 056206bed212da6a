package golf.linkup.engine.gateway.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link ClusterRoomSizes} does; each implementation's test extends this. */
public abstract class ClusterRoomSizesContract {

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    protected abstract ClusterRoomSizes sizes();

    @Test
    void theClusterSizeIsTheSumOverInstancesThatReportedRecently() {
        ClusterRoomSizes s = sizes();
        String room = "tee-time:" + run;
        s.publish("a-" + run, Map.of(room, 2, "feed:TECH", 1), 10_000);
        s.publish("b-" + run, Map.of(room, 3), 10_000);
        s.publish("old-" + run, Map.of(room, 100), 1_000);

        assertThat(s.total(5_000)).containsEntry(room, 5);

        s.publish("a-" + run, Map.of(room, 1), 11_000); // replaces a's report
        s.remove("b-" + run);
        assertThat(s.total(5_000)).containsEntry(room, 1);
    }

    @Test
    void oneRoomIsListedByTheInstancesThatHaveItAndReportedRecently() {
        ClusterRoomSizes s = sizes();
        String room = "user:" + run;
        s.publish("a-" + run, Map.of(room, 2, "feed:TECH", 1), 10_000);
        s.publish("b-" + run, Map.of("feed:TECH", 3), 10_000);
        s.publish("c-" + run, Map.of(room, 1), 10_000);
        s.publish("old-" + run, Map.of(room, 100), 1_000);

        assertThat(s.byInstance(room, 5_000)).containsExactlyInAnyOrderEntriesOf(Map.of("a-" + run, 2, "c-" + run, 1));
        s.remove("c-" + run);
        assertThat(s.byInstance(room, 5_000)).containsExactlyInAnyOrderEntriesOf(Map.of("a-" + run, 2));
    }
}
