package golf.linkup.engine.matching;

import golf.linkup.engine.domain.Industry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.StampedLock;

/**
 * The tee times a recommendation ranks, in memory: one immutable {@link Partition} per industry
 * &times; open-to-all (18), so a scan can skip whole partitions whose best possible INDUSTRY points
 * cannot reach the current top N. Inside a partition the facts a scan filters on (unit vector,
 * start, skill rank, availability points) sit in primitive arrays beside the tee times, so a tee
 * time that cannot enter the top N costs a sequential read of ~37 bytes, not a visit to its
 * object. It holds whatever it is given; tee times that are not open, full or started are skipped
 * by the scan, and {@link #removeStartedBy} drops the started ones.
 *
 * <p><b>Concurrency contract</b>, as for {@link UserSpatialIndex}: writes are serialized by the
 * index and replace the partitions they touch (copy-on-write, O(partition size)); a scan reads
 * optimistically and is re-run under the read lock when a write overlapped it, so it sees the
 * index at one instant (a tee time that changes partition is never seen twice or missed).
 */
public final class TeeTimeIndex {

    static final int PARTITIONS = 2 * Industry.values().length;

    /** The tee times of one industry and openness, with their filter facts side by side. Immutable. */
    public static final class Partition {
        static final Partition EMPTY = new Partition(new ScoringTeeTime[0]);

        final ScoringTeeTime[] teeTimes;
        /** x, y, z of each course's unit vector, interleaved. */
        final double[] xyz;
        final long[] startsAtMillis;
        final byte[] skill;
        /** AVAILABILITY points, or -1 when the tee time is not open (not OPEN or full). */
        final byte[] availability;

        Partition(ScoringTeeTime[] teeTimes) {
            int n = teeTimes.length;
            this.teeTimes = teeTimes;
            this.xyz = new double[3 * n];
            this.startsAtMillis = new long[n];
            this.skill = new byte[n];
            this.availability = new byte[n];
            for (int i = 0; i < n; i++) {
                ScoringTeeTime t = teeTimes[i];
                xyz[3 * i] = t.x;
                xyz[3 * i + 1] = t.y;
                xyz[3 * i + 2] = t.z;
                startsAtMillis[i] = t.startsAtMillis;
                skill[i] = (byte) t.skillRank;
                availability[i] = (byte) (t.open ? Scorer.availabilityPoints(t.openSlots) : -1);
            }
        }

        public int size() {
            return teeTimes.length;
        }

        public ScoringTeeTime get(int i) {
            return teeTimes[i];
        }
    }

    /** Receives the partitions of a scan. */
    public interface Visitor {
        /** Called before a (re)run of the scan: forget what was accepted so far. */
        void reset();

        /** Whether to visit a partition at all (asked as the scan reaches it). */
        boolean enter(int industryOrdinal, boolean openToAll);

        void accept(Partition partition);
    }

    /** Written only under the write lock; volatile reads let optimistic scans see whole partitions. */
    private final AtomicReferenceArray<Partition> partitions = new AtomicReferenceArray<>(PARTITIONS);
    private final ConcurrentHashMap<String, ScoringTeeTime> byId = new ConcurrentHashMap<>();
    private final StampedLock lock = new StampedLock();

    public TeeTimeIndex() {
        for (int p = 0; p < PARTITIONS; p++) {
            partitions.set(p, Partition.EMPTY);
        }
    }

    static int partitionOf(int industry, boolean openToAll) {
        return industry * 2 + (openToAll ? 1 : 0);
    }

    private static int partitionOf(ScoringTeeTime t) {
        return partitionOf(t.industry, t.openToAll);
    }

    public ScoringTeeTime get(String teeTimeId) {
        return byId.get(teeTimeId);
    }

    public int size() {
        return byId.size();
    }

    /** Adds a tee time or replaces the one with the same id; returns the replaced one or {@code null}. */
    public ScoringTeeTime upsert(ScoringTeeTime teeTime) {
        long stamp = lock.writeLock();
        try {
            ScoringTeeTime old = byId.put(teeTime.id, teeTime);
            int p = partitionOf(teeTime);
            if (old != null && partitionOf(old) == p) {
                ScoringTeeTime[] next = partitions.get(p).teeTimes.clone();
                next[indexOf(next, old)] = teeTime;
                partitions.set(p, new Partition(next));
            } else {
                if (old != null) {
                    removeFrom(old);
                }
                ScoringTeeTime[] current = partitions.get(p).teeTimes;
                ScoringTeeTime[] next = Arrays.copyOf(current, current.length + 1);
                next[current.length] = teeTime;
                partitions.set(p, new Partition(next));
            }
            return old;
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /** Adds or replaces many tee times in one write, O(size), for loading. */
    public void upsertAll(Collection<ScoringTeeTime> teeTimes) {
        long stamp = lock.writeLock();
        try {
            for (ScoringTeeTime t : teeTimes) {
                byId.put(t.id, t);
            }
            rebuildFromById();
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /** Removes a tee time; returns it, or {@code null} when absent. */
    public ScoringTeeTime remove(String teeTimeId) {
        long stamp = lock.writeLock();
        try {
            ScoringTeeTime old = byId.remove(teeTimeId);
            if (old != null) {
                removeFrom(old);
            }
            return old;
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /** Removes every tee time starting at or before {@code nowMillis}; returns how many. */
    public int removeStartedBy(long nowMillis) {
        long stamp = lock.writeLock();
        try {
            int before = byId.size();
            byId.values().removeIf(t -> t.startsAtMillis <= nowMillis);
            int removed = before - byId.size();
            if (removed > 0) {
                rebuildFromById();
            }
            return removed;
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    private void rebuildFromById() {
        List<List<ScoringTeeTime>> lists = new ArrayList<>(PARTITIONS);
        for (int p = 0; p < PARTITIONS; p++) {
            lists.add(new ArrayList<>());
        }
        for (ScoringTeeTime t : byId.values()) {
            lists.get(partitionOf(t)).add(t);
        }
        for (int p = 0; p < PARTITIONS; p++) {
            partitions.set(p, new Partition(lists.get(p).toArray(new ScoringTeeTime[0])));
        }
    }

    private void removeFrom(ScoringTeeTime old) {
        int p = partitionOf(old);
        ScoringTeeTime[] current = partitions.get(p).teeTimes;
        int i = indexOf(current, old);
        ScoringTeeTime[] next = new ScoringTeeTime[current.length - 1];
        System.arraycopy(current, 0, next, 0, i);
        System.arraycopy(current, i + 1, next, i, current.length - i - 1);
        partitions.set(p, new Partition(next));
    }

    private static int indexOf(ScoringTeeTime[] array, ScoringTeeTime t) {
        for (int i = 0; i < array.length; i++) {
            if (array[i] == t) {
                return i;
            }
        }
        throw new IllegalStateException("tee time " + t.id + " missing from its partition");
    }

    /**
     * Visits the partitions in {@code partitionOrder} (each partition id = industry ordinal * 2 +
     * (openToAll ? 1 : 0); ids not listed are not visited), asking {@link Visitor#enter} before
     * each, as of one instant.
     */
    public void scan(int[] partitionOrder, Visitor visitor) {
        long stamp = lock.tryOptimisticRead();
        if (stamp != 0L) {
            visitor.reset();
            scanPartitions(partitionOrder, visitor);
            if (lock.validate(stamp)) {
                return;
            }
        }
        stamp = lock.readLock();
        try {
            visitor.reset();
            scanPartitions(partitionOrder, visitor);
        } finally {
            lock.unlockRead(stamp);
        }
    }

    private void scanPartitions(int[] order, Visitor visitor) {
        for (int p : order) {
            Partition partition = partitions.get(p);
            if (partition.size() > 0 && visitor.enter(p >> 1, (p & 1) == 1)) {
                visitor.accept(partition);
            }
        }
    }

    /** Every tee time, in no particular order (a snapshot copy, for tests and reconciliation). */
    public List<ScoringTeeTime> all() {
        return new ArrayList<>(byId.values());
    }
}
