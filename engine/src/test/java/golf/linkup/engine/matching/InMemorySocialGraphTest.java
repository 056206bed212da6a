package golf.linkup.engine.matching;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class InMemorySocialGraphTest {

    private static String[] pair(String a, String b) {
        return new String[] {a, b};
    }

    private final InMemorySocialGraph graph = InMemorySocialGraph.of(List.of(
            pair("ann", "bob"), pair("bob", "cat"), pair("cat", "dan"), pair("ann", "bob"), pair("eve", "eve")));

    @Test
    void connected_users_are_linked_both_ways() {
        assertTrue(graph.connectedOrShareConnection("ann", "bob"));
        assertTrue(graph.connectedOrShareConnection("bob", "ann"));
    }

    @Test
    void users_with_a_common_connection_are_linked() {
        assertTrue(graph.connectedOrShareConnection("ann", "cat"));
        assertTrue(graph.connectedOrShareConnection("cat", "ann"));
    }

    @Test
    void users_three_hops_apart_are_not_linked() {
        assertFalse(graph.connectedOrShareConnection("ann", "dan"));
    }

    @Test
    void nobody_is_linked_to_themself_or_to_an_unknown_user() {
        assertFalse(graph.connectedOrShareConnection("ann", "ann"));
        assertFalse(graph.connectedOrShareConnection("ann", "zed"));
        assertFalse(graph.connectedOrShareConnection("eve", "eve"));
        assertEquals(Set.of("bob"), graph.connectionsOf("ann"), "duplicates and self-pairs are dropped");
    }

    @Test
    void a_circle_answers_like_the_graph_on_random_graphs() {
        Random random = new Random(3);
        List<String[]> pairs = new ArrayList<>();
        Map<String, Set<String>> adjacency = new HashMap<>();
        for (int i = 0; i < 3_000; i++) {
            String a = "u" + random.nextInt(500);
            String b = random.nextInt(50) == 0 ? "hub" : "u" + random.nextInt(500);
            pairs.add(pair(a, b));
            if (!a.equals(b)) {
                adjacency.computeIfAbsent(a, k -> new HashSet<>()).add(b);
                adjacency.computeIfAbsent(b, k -> new HashSet<>()).add(a);
            }
        }
        InMemorySocialGraph g = InMemorySocialGraph.of(pairs);
        for (int i = 0; i < 200; i++) {
            String a = i == 0 ? "hub" : "u" + random.nextInt(520);
            SocialCircle circle = g.circleOf(a);
            for (int j = 0; j < 520; j++) {
                String b = "u" + j;
                Set<String> na = adjacency.getOrDefault(a, Set.of());
                Set<String> nb = adjacency.getOrDefault(b, Set.of());
                boolean expected = !a.equals(b) && (na.contains(b) || na.stream().anyMatch(nb::contains));
                assertEquals(expected, g.connectedOrShareConnection(a, b), a + " / " + b);
                assertEquals(expected, circle.contains(b), a + " / " + b);
            }
        }
    }
}
