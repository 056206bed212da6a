package golf.linkup.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules {@code promtool check metrics} applies to a scrape, in Java, so they hold where promtool
 * is not installed: HELP and TYPE on every family, snake_case names and labels, {@code _total} on
 * counters, {@code _count}/{@code _sum}/{@code _bucket} only on histograms and summaries, no
 * abbreviated units; plus the engine's own: no client-side quantiles.
 */
final class ExpositionRules {

    /** promtool's list (prometheus/client_golang testutil/promlint, "unitAbbreviations"). */
    private static final Set<String> ABBREVIATED_UNITS = Set.of("s", "ms", "us", "ns", "sec", "b", "kb", "mb", "gb",
            "tb", "pb", "m", "h", "d");
    private static final Pattern SNAKE_CASE = Pattern.compile("[a-z_][a-z0-9_]*");
    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([^}]*)})?\\s+(\\S+).*");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"(?:[^\"\\\\]|\\\\.)*\"");

    /** One metric family of a scrape: its TYPE, HELP and samples (name, labels). */
    record Family(String name, String type, String help, List<Sample> samples) {
    }

    record Sample(String name, Map<String, String> labels, double value) {
    }

    private ExpositionRules() {
    }

    /** The families of a text exposition, by name, in order. */
    static Map<String, Family> parse(String scrape) {
        Map<String, String> types = new LinkedHashMap<>();
        Map<String, String> helps = new LinkedHashMap<>();
        Map<String, List<Sample>> samples = new LinkedHashMap<>();
        for (String line : scrape.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                String[] parts = line.split(" ", 4);
                types.put(parts[2], parts[3]);
                samples.putIfAbsent(parts[2], new ArrayList<>());
            } else if (line.startsWith("# HELP ")) {
                String[] parts = line.split(" ", 4);
                helps.put(parts[2], parts.length > 3 ? parts[3] : "");
            } else if (!line.isBlank() && !line.startsWith("#")) {
                Matcher m = SAMPLE.matcher(line);
                if (!m.matches()) {
                    throw new AssertionError("not a sample line: " + line);
                }
                Map<String, String> labels = new LinkedHashMap<>();
                if (m.group(3) != null) {
                    Matcher l = LABEL.matcher(m.group(3));
                    while (l.find()) {
                        labels.put(l.group(1), l.group(0).substring(l.group(1).length() + 2, l.group(0).length() - 1));
                    }
                }
                String family = familyOf(m.group(1), types);
                samples.computeIfAbsent(family, f -> new ArrayList<>())
                        .add(new Sample(m.group(1), labels, Double.parseDouble(m.group(4))));
            }
        }
        Map<String, Family> families = new LinkedHashMap<>();
        samples.forEach((name, list) -> families.put(name, new Family(name, types.get(name), helps.get(name), list)));
        return families;
    }

    private static String familyOf(String sample, Map<String, String> types) {
        if (types.containsKey(sample)) {
            return sample;
        }
        for (String suffix : List.of("_bucket", "_count", "_sum", "_total", "_created")) {
            if (sample.endsWith(suffix)) {
                String base = sample.substring(0, sample.length() - suffix.length());
                if (types.containsKey(base)) {
                    return base;
                }
            }
        }
        return sample;
    }

    /** Every problem with the scrape, one line each ("family: problem"); empty when it is clean. */
    static List<String> problems(String scrape) {
        List<String> problems = new ArrayList<>();
        for (Family f : parse(scrape).values()) {
            String name = f.name();
            if (f.help() == null || f.help().isBlank()) {
                problems.add(name + ": no help text");
            }
            if (f.type() == null) {
                problems.add(name + ": no TYPE");
            }
            if (!SNAKE_CASE.matcher(name).matches()) {
                problems.add(name + ": metric names should be written in 'snake_case'");
            }
            if ("counter".equals(f.type()) && !name.endsWith("_total")) {
                problems.add(name + ": counter metrics should have \"_total\" suffix");
            }
            boolean distribution = "histogram".equals(f.type()) || "summary".equals(f.type());
            for (String suffix : List.of("_count", "_sum", "_bucket")) {
                if (!distribution && name.endsWith(suffix)) {
                    problems.add(name + ": non-histogram and non-summary metrics should not have \"" + suffix
                            + "\" suffix");
                }
            }
            for (String token : name.split("_")) {
                if (ABBREVIATED_UNITS.contains(token)) {
                    problems.add(name + ": metric names should not contain abbreviated units (" + token + ")");
                }
            }
            for (Sample s : f.samples()) {
                for (String label : s.labels().keySet()) {
                    if (!SNAKE_CASE.matcher(label).matches()) {
                        problems.add(name + ": label names should be written in 'snake_case' not 'camelCase' ("
                                + label + ")");
                    }
                }
                if (s.labels().containsKey("quantile")) {
                    problems.add(name + ": client-side quantiles (cannot be aggregated across instances)");
                }
            }
        }
        return problems.stream().distinct().toList();
    }
}
