package golf.linkup.engine.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ConnectionAdmissionTest {

    private final AtomicLong nanos = new AtomicLong(5_000_000_000L);

    @Test
    void admitsTheBurstAtOnceThenTheRateAndRefusesTheRest() {
        ConnectionAdmission admission = new ConnectionAdmission(10, 5, 30, nanos::get, bound -> 0);
        for (int i = 0; i < 5; i++) {
            assertThat(admission.admit()).as("burst #%d", i).isEmpty();
        }
        assertThat(admission.admit()).as("the burst is spent").isPresent();
        nanos.addAndGet(100_000_000L); // one interval at 10/s
        assertThat(admission.admit()).as("one token refilled").isEmpty();
        assertThat(admission.admit()).isPresent();
        nanos.addAndGet(10_000_000_000L);
        for (int i = 0; i < 5; i++) {
            assertThat(admission.admit()).as("full again after a quiet period, never more than the burst").isEmpty();
        }
        assertThat(admission.admit()).isPresent();
    }

    @Test
    void theRefusedAreToldToComeBackSpreadOverTheSecondsItTakesToAdmitThem() {
        List<Integer> bounds = new ArrayList<>();
        ConnectionAdmission admission = new ConnectionAdmission(10, 1, 30, nanos::get, bound -> {
            bounds.add(bound);
            return bound - 1; // the longest wait the backlog allows
        });
        assertThat(admission.admit()).isEmpty();
        List<Long> retryAfter = new ArrayList<>();
        for (int i = 0; i < 100; i++) { // a storm of 100 at once: 10 s of admissions at 10/s
            OptionalLong r = admission.admit();
            assertThat(r).isPresent();
            retryAfter.add(r.getAsLong());
        }
        assertThat(retryAfter.get(0)).isEqualTo(1);
        assertThat(retryAfter.get(9)).isEqualTo(1);
        assertThat(retryAfter.get(10)).isEqualTo(2);
        assertThat(retryAfter.get(99)).as("the 100th waits for the 10th second").isEqualTo(10);
        assertThat(bounds).as("every answer is drawn from [1, backlog]").allMatch(b -> b >= 1 && b <= 10);

        nanos.addAndGet(10_000_000_000L); // the backlog drained
        assertThat(admission.admit()).isEmpty();
        assertThat(admission.admit()).hasValue(1);
    }

    @Test
    void retryAfterNeverExceedsTheConfiguredMaximum() {
        ConnectionAdmission admission = new ConnectionAdmission(1, 1, 3, nanos::get, bound -> bound - 1);
        admission.admit();
        long longest = 0;
        for (int i = 0; i < 50; i++) {
            longest = Math.max(longest, admission.admit().orElseThrow());
        }
        assertThat(longest).isEqualTo(3);
    }

    @Test
    void isSafeUnderConcurrentHandshakes() throws Exception {
        ConnectionAdmission admission = new ConnectionAdmission(1, 1_000, 30, nanos::get, bound -> 0);
        AtomicLong admitted = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 1_000; i++) {
                    if (admission.admit().isEmpty()) {
                        admitted.incrementAndGet();
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(admitted.get()).as("exactly the burst, the clock standing still").isEqualTo(1_000);
    }
}
