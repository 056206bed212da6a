package golf.linkup.engine.matching;

import golf.linkup.engine.domain.Industry;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import static golf.linkup.engine.matching.Fixtures.aTeeTime;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class TeeTimeIndexTest {

    private static final int[] ALL = IntStream.range(0, TeeTimeIndex.PARTITIONS).toArray();

    private static Map<String, Integer> scanAll(TeeTimeIndex index) {
        Map<String, Integer> seen = new HashMap<>();
        index.scan(ALL, new TeeTimeIndex.Visitor() {
            @Override
            public void reset() {
                seen.clear();
            }

            @Override
            public boolean enter(int industryOrdinal, boolean openToAll) {
                return true;
            }

            @Override
            public void accept(TeeTimeIndex.Partition partition) {
                for (int i = 0; i < partition.size(); i++) {
                    seen.merge(partition.get(i).id(), 1, Integer::sum);
                }
            }
        });
        return seen;
    }

    @Test
    void an_upsert_replaces_the_tee_time_with_the_same_id_even_across_partitions() {
        TeeTimeIndex index = new TeeTimeIndex();
        ScoringTeeTime first = aTeeTime().id("t").build();
        assertNull(index.upsert(first));
        ScoringTeeTime second = aTeeTime().id("t").openSlots(1).build();
        assertSame(first, index.upsert(second));
        ScoringTeeTime third = aTeeTime().id("t").industry(Industry.TECH).openToAll(true).build();
        assertSame(second, index.upsert(third));
        assertEquals(1, index.size());
        assertSame(third, index.get("t"));
        assertEquals(Map.of("t", 1), scanAll(index));
    }

    @Test
    void removed_and_started_tee_times_are_no_longer_scanned() {
        TeeTimeIndex index = new TeeTimeIndex();
        index.upsertAll(List.of(aTeeTime().id("a").build(), aTeeTime().id("b").startsIn(Duration.ofHours(-1)).build(),
                aTeeTime().id("c").startsIn(Duration.ZERO).build(), aTeeTime().id("d").industry(Industry.LEGAL).build()));
        assertEquals(2, index.removeStartedBy(Fixtures.NOW_MILLIS));
        assertEquals(Map.of("a", 1, "d", 1), scanAll(index));
        assertSame(null, index.remove("zzz"));
        index.remove("a");
        assertEquals(Map.of("d", 1), scanAll(index));
    }

    @Test
    void a_scan_only_visits_the_partitions_it_enters() {
        TeeTimeIndex index = new TeeTimeIndex();
        index.upsert(aTeeTime().id("fin").build());
        index.upsert(aTeeTime().id("fin-open").openToAll(true).build());
        index.upsert(aTeeTime().id("tech").industry(Industry.TECH).build());
        List<String> seen = new ArrayList<>();
        index.scan(ALL, new TeeTimeIndex.Visitor() {
            @Override
            public void reset() {
                seen.clear();
            }

            @Override
            public boolean enter(int industryOrdinal, boolean openToAll) {
                return industryOrdinal == Industry.FINANCE.ordinal() && openToAll;
            }

            @Override
            public void accept(TeeTimeIndex.Partition partition) {
                for (int i = 0; i < partition.size(); i++) {
                    seen.add(partition.get(i).id());
                }
            }
        });
        assertEquals(List.of("fin-open"), seen);
    }

    @Test
    void a_concurrent_scan_sees_a_tee_time_changing_partition_exactly_once() throws Exception {
        TeeTimeIndex index = new TeeTimeIndex();
        List<ScoringTeeTime> many = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            many.add(aTeeTime().id("t" + i).industry(Industry.values()[i % 9]).openToAll(i % 2 == 0).build());
        }
        index.upsertAll(many);
        ScoringTeeTime[] versions = new ScoringTeeTime[9];
        for (int i = 0; i < 9; i++) {
            versions[i] = aTeeTime().id("mover").industry(Industry.values()[8 - i]).openToAll(i % 2 == 1).build();
        }
        index.upsert(versions[0]);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<String> failure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            for (int i = 0; i < 5_000 && failure.get() == null; i++) {
                index.upsert(versions[i % 9]);
            }
            stop.set(true);
        });
        Thread reader = new Thread(() -> {
            while (!stop.get()) {
                Map<String, Integer> seen = scanAll(index);
                if (seen.size() != 5_001 || seen.get("mover") != 1) {
                    failure.compareAndSet(null, "size " + seen.size() + ", mover " + seen.get("mover"));
                }
            }
        });
        reader.start();
        writer.start();
        writer.join();
        reader.join();
        assertNull(failure.get(), failure.get());
    }
}
