package golf.linkup.engine.matching;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A bounded heap keeping the best {@code capacity} items by score descending, then key ascending
 * (the order every ranked list of this package uses). The root is the worst kept item, so a
 * candidate is refused in O(1) and taken in O(log k). Not thread-safe; one per query.
 */
final class TopK<T> {

    private final int capacity;
    private int size;
    private int[] scores;
    private String[] keys;
    private Object[] items;

    TopK(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity < 0: " + capacity);
        }
        this.capacity = capacity;
        int initial = Math.min(capacity, 64);
        this.scores = new int[initial];
        this.keys = new String[initial];
        this.items = new Object[initial];
    }

    void clear() {
        Arrays.fill(items, 0, size, null);
        Arrays.fill(keys, 0, size, null);
        size = 0;
    }

    int size() {
        return size;
    }

    /** False only when an item scoring at most {@code upperBound} can certainly not be kept. */
    boolean couldAccept(int upperBound) {
        return size < capacity || (capacity > 0 && upperBound >= scores[0]);
    }

    void offer(int score, String key, T item) {
        if (size < capacity) {
            if (size == scores.length) {
                int grown = (int) Math.min(capacity, Math.max(16L, scores.length * 2L));
                scores = Arrays.copyOf(scores, grown);
                keys = Arrays.copyOf(keys, grown);
                items = Arrays.copyOf(items, grown);
            }
            int i = size++;
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (!worse(score, key, scores[parent], keys[parent])) {
                    break;
                }
                move(parent, i);
                i = parent;
            }
            set(i, score, key, item);
        } else if (capacity > 0 && worse(scores[0], keys[0], score, key)) {
            int i = 0;
            while (true) {
                int child = 2 * i + 1;
                if (child >= size) {
                    break;
                }
                if (child + 1 < size && worse(scores[child + 1], keys[child + 1], scores[child], keys[child])) {
                    child++;
                }
                if (!worse(scores[child], keys[child], score, key)) {
                    break;
                }
                move(child, i);
                i = child;
            }
            set(i, score, key, item);
        }
    }

    /** True when (s1, k1) ranks after (s2, k2): lower score, or equal score and larger key. */
    private static boolean worse(int s1, String k1, int s2, String k2) {
        return s1 < s2 || (s1 == s2 && k1.compareTo(k2) > 0);
    }

    private void move(int from, int to) {
        scores[to] = scores[from];
        keys[to] = keys[from];
        items[to] = items[from];
    }

    private void set(int i, int score, String key, Object item) {
        scores[i] = score;
        keys[i] = key;
        items[i] = item;
    }

    interface Ranked<T, R> {
        R make(T item, String key, int score);
    }

    /**
     * The kept items, best first, as an unmodifiable list. Sorts in place (heap sort: no boxing,
     * keys compared only on equal scores) and empties the heap: call it once, at the end.
     */
    <R> List<R> ranked(Ranked<? super T, R> maker) {
        int n = size;
        for (int end = n - 1; end > 0; end--) {
            swap(0, end);
            siftDown(0, end);
        }
        List<R> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            @SuppressWarnings("unchecked")
            T item = (T) items[i];
            out.add(maker.make(item, keys[i], scores[i]));
        }
        clear();
        size = 0;
        return java.util.Collections.unmodifiableList(out);
    }

    private void swap(int a, int b) {
        int s = scores[a];
        String k = keys[a];
        Object o = items[a];
        scores[a] = scores[b];
        keys[a] = keys[b];
        items[a] = items[b];
        scores[b] = s;
        keys[b] = k;
        items[b] = o;
    }

    /** Restores the heap below {@code i} within the first {@code limit} slots (the worst at the root). */
    private void siftDown(int i, int limit) {
        while (true) {
            int child = 2 * i + 1;
            if (child >= limit) {
                return;
            }
            if (child + 1 < limit && worse(scores[child + 1], keys[child + 1], scores[child], keys[child])) {
                child++;
            }
            if (!worse(scores[child], keys[child], scores[i], keys[i])) {
                return;
            }
            swap(i, child);
            i = child;
        }
    }
}
