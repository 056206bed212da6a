package golf.linkup.console.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UiQueueTest {

    @Test
    void updatesPostedWhileTheUiThreadIsBusyArriveAsOneBatchWithTheLatestPerKey() {
        List<Runnable> handedToUi = new ArrayList<>();
        UiQueue queue = new UiQueue(handedToUi::add);
        List<String> applied = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            int n = i;
            queue.post("connections", () -> applied.add("connections " + n));
            queue.post("figures", () -> applied.add("figures " + n));
        }
        assertThat(handedToUi).as("one hand-off for everything posted before the UI thread ran").hasSize(1);

        handedToUi.get(0).run();

        assertThat(applied).containsExactly("connections 999", "figures 999");
        assertThat(queue.superseded()).isEqualTo(1_998);
        assertThat(queue.batches()).isEqualTo(1);
    }

    @Test
    void anUpdatePostedAfterABatchRanIsHandedOverAgain() {
        List<Runnable> handedToUi = new ArrayList<>();
        UiQueue queue = new UiQueue(handedToUi::add);
        List<String> applied = new ArrayList<>();
        queue.post("a", () -> applied.add("a1"));
        handedToUi.get(0).run();
        queue.post("a", () -> applied.add("a2"));
        assertThat(handedToUi).hasSize(2);
        handedToUi.get(1).run();
        assertThat(applied).containsExactly("a1", "a2");
    }
}
