package golf.linkup.engine.matching;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable social graph in memory: user ids mapped to dense ints, each user's neighbours a
 * sorted, duplicate-free {@code int[]}. "Connected" is a binary search; "share a connection" walks
 * the two sorted lists together (O(d1 + d2)), or binary-searches the longer one from the shorter
 * when their sizes differ a lot. Thread-safe (immutable); when connections change, build a new one
 * and swap the reference (the owner holds it in a volatile field).
 */
public final class InMemorySocialGraph implements SocialGraph {

    /** A circle precomputed as a hash set is built only up to this many two-hop users. */
    static final int MAX_PRECOMPUTED_CIRCLE = 200_000;

    private final Map<String, Integer> ids;
    private final String[] names;
    private final int[][] neighbours;

    private InMemorySocialGraph(Map<String, Integer> ids, String[] names, int[][] neighbours) {
        this.ids = ids;
        this.names = names;
        this.neighbours = neighbours;
    }

    /** A graph from undirected connections; each pair is {@code {userId, otherUserId}}; self-pairs are ignored. */
    public static InMemorySocialGraph of(Collection<String[]> connections) {
        Map<String, Integer> ids = new HashMap<>();
        int[] counts = new int[16];
        for (String[] pair : connections) {
            if (pair.length != 2) {
                throw new IllegalArgumentException("a connection is two user ids, got " + Arrays.toString(pair));
            }
            String a = Objects.requireNonNull(pair[0], "user id");
            String b = Objects.requireNonNull(pair[1], "user id");
            if (a.equals(b)) {
                continue;
            }
            int ia = ids.computeIfAbsent(a, k -> ids.size());
            int ib = ids.computeIfAbsent(b, k -> ids.size());
            if (ids.size() > counts.length) {
                counts = Arrays.copyOf(counts, Math.max(ids.size(), counts.length * 2));
            }
            counts[ia]++;
            counts[ib]++;
        }
        int n = ids.size();
        int[][] adjacency = new int[n][];
        for (int i = 0; i < n; i++) {
            adjacency[i] = new int[counts[i]];
        }
        int[] fill = new int[n];
        for (String[] pair : connections) {
            if (pair[0].equals(pair[1])) {
                continue;
            }
            int ia = ids.get(pair[0]);
            int ib = ids.get(pair[1]);
            adjacency[ia][fill[ia]++] = ib;
            adjacency[ib][fill[ib]++] = ia;
        }
        for (int i = 0; i < n; i++) {
            int[] list = adjacency[i];
            Arrays.sort(list);
            int unique = 0;
            for (int j = 0; j < list.length; j++) {
                if (unique == 0 || list[j] != list[unique - 1]) {
                    list[unique++] = list[j];
                }
            }
            adjacency[i] = unique == list.length ? list : Arrays.copyOf(list, unique);
        }
        String[] names = new String[n];
        ids.forEach((name, id) -> names[id] = name);
        return new InMemorySocialGraph(Map.copyOf(ids), names, adjacency);
    }

    @Override
    public boolean connectedOrShareConnection(String userId, String hostId) {
        Integer a = ids.get(userId);
        Integer b = ids.get(hostId);
        if (a == null || b == null || a.intValue() == b.intValue()) {
            return false;
        }
        return linked(a, b);
    }

    private boolean linked(int a, int b) {
        int[] na = neighbours[a];
        int[] nb = neighbours[b];
        if (na.length == 0 || nb.length == 0) {
            return false;
        }
        // connected: look for the other in the shorter list
        boolean connected = na.length <= nb.length
                ? Arrays.binarySearch(na, b) >= 0
                : Arrays.binarySearch(nb, a) >= 0;
        if (connected) {
            return true;
        }
        return na.length <= nb.length ? shareOne(na, nb) : shareOne(nb, na);
    }

    private static boolean shareOne(int[] small, int[] large) {
        if ((long) small.length * 32 < large.length) {
            for (int v : small) {
                if (Arrays.binarySearch(large, v) >= 0) {
                    return true;
                }
            }
            return false;
        }
        int i = 0;
        int j = 0;
        while (i < small.length && j < large.length) {
            int s = small[i];
            int l = large[j];
            if (s == l) {
                return true;
            }
            if (s < l) {
                i++;
            } else {
                j++;
            }
        }
        return false;
    }

    /**
     * The two-hop neighbourhood precomputed as a hash set (membership ~ one hash probe), or, for a
     * user whose neighbourhood exceeds {@value #MAX_PRECOMPUTED_CIRCLE} users, a lazy circle that
     * asks the graph each time.
     */
    @Override
    public SocialCircle circleOf(String userId) {
        Integer centre = ids.get(userId);
        if (centre == null) {
            return other -> false;
        }
        long size = 0;
        for (int n : neighbours[centre]) {
            size += 1 + neighbours[n].length;
        }
        if (size > MAX_PRECOMPUTED_CIRCLE) {
            return other -> connectedOrShareConnection(userId, other);
        }
        Set<String> circle = new HashSet<>((int) (size * 4 / 3) + 1);
        for (int n : neighbours[centre]) {
            circle.add(names[n]);
            for (int m : neighbours[n]) {
                circle.add(names[m]);
            }
        }
        circle.remove(userId);
        return circle::contains;
    }

    /** The connections of a user (for tests and diagnostics). */
    public Set<String> connectionsOf(String userId) {
        Integer id = ids.get(userId);
        Set<String> out = new HashSet<>();
        if (id != null) {
            for (int n : neighbours[id]) {
                out.add(names[n]);
            }
        }
        return out;
    }

    /** How many users have at least one connection. */
    public int userCount() {
        return names.length;
    }
}
