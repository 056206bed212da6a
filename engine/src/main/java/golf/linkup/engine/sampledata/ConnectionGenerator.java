package golf.linkup.engine.sampledata;

import golf.linkup.engine.domain.Industry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Generates mutual connections: every user ends with {@link #MIN_PER_USER}..{@link #MAX_PER_USER}
 * of them, drawn mostly from people of the same metro and industry, then the same metro, then the
 * same industry anywhere, then anyone. Users are visited in id order and given connections until
 * they reach a target drawn for them; nobody is connected beyond the maximum.
 */
final class ConnectionGenerator {

    static final int MIN_PER_USER = 3;
    static final int MAX_PER_USER = 10;
    /** Targets are drawn in MIN..this; others' picks push many users above their own target. */
    private static final int MAX_TARGET = 8;
    private static final int ATTEMPTS_PER_POOL = 40;

    private final RandomDraws draws;

    ConnectionGenerator(RandomDraws draws) {
        this.draws = draws;
    }

    /** The fixed pairs plus generated ones, sorted by (lower id, higher id). */
    List<ConnectionPair> generate(List<Resident> residents, List<ConnectionPair> fixed) {
        Map<String, Set<String>> network = new HashMap<>();
        residents.forEach(resident -> network.put(resident.id(), new LinkedHashSet<>()));
        Set<ConnectionPair> pairs = new LinkedHashSet<>();
        for (ConnectionPair pair : fixed) {
            connect(pair.lowerId(), pair.higherId(), network, pairs);
        }

        Map<String, List<Resident>> byMetroAndIndustry = group(residents, r -> r.metro().id() + "/" + r.user().industry());
        Map<String, List<Resident>> byMetro = group(residents, r -> r.metro().id());
        Map<String, List<Resident>> byIndustry = group(residents, r -> r.user().industry().name());

        for (Resident resident : residents) {
            int target = draws.between(MIN_PER_USER, MAX_TARGET);
            Industry industry = resident.user().industry();
            while (network.get(resident.id()).size() < target) {
                double roll = draws.uniform();
                List<Resident> pool;
                if (roll < 0.45) {
                    pool = byMetroAndIndustry.get(resident.metro().id() + "/" + industry);
                } else if (roll < 0.70) {
                    pool = byMetro.get(resident.metro().id());
                } else if (roll < 0.85) {
                    pool = byIndustry.get(industry.name());
                } else {
                    pool = residents;
                }
                Resident other = pickPartner(resident, pool, network);
                if (other == null) {
                    other = pickPartner(resident, residents, network);
                }
                if (other == null) {
                    throw new IllegalStateException("nobody left to connect " + resident.id() + " with");
                }
                connect(resident.id(), other.id(), network, pairs);
            }
        }
        List<ConnectionPair> sorted = new ArrayList<>(pairs);
        sorted.sort(Comparator.comparing(ConnectionPair::lowerId).thenComparing(ConnectionPair::higherId));
        return sorted;
    }

    /** A random member of {@code pool} who is someone else, not yet connected and below the maximum. */
    private Resident pickPartner(Resident resident, List<Resident> pool, Map<String, Set<String>> network) {
        Set<String> mine = network.get(resident.id());
        for (int attempt = 0; attempt < ATTEMPTS_PER_POOL; attempt++) {
            Resident candidate = draws.pick(pool);
            if (!candidate.id().equals(resident.id()) && !mine.contains(candidate.id())
                    && network.get(candidate.id()).size() < MAX_PER_USER) {
                return candidate;
            }
        }
        return null;
    }

    private static void connect(String one, String other, Map<String, Set<String>> network, Set<ConnectionPair> pairs) {
        network.get(one).add(other);
        network.get(other).add(one);
        pairs.add(ConnectionPair.of(one, other));
    }

    private static Map<String, List<Resident>> group(List<Resident> residents,
                                                     Function<Resident, String> key) {
        Map<String, List<Resident>> groups = new LinkedHashMap<>();
        for (Resident resident : residents) {
            groups.computeIfAbsent(key.apply(resident), k -> new ArrayList<>()).add(resident);
        }
        return groups;
    }
}
