package golf.linkup.engine.matching;

import golf.linkup.engine.domain.Industry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which industries are related, and how strongly: the "soft matching" of the INDUSTRY factor.
 * Symmetric by construction (A~B is B~A); no industry is related to itself (that is an exact match).
 *
 * <p>Operators change it without a rebuild through its text form, {@link #parse}: entries
 * {@code A~B=STRENGTH} separated by commas, semicolons or new lines, case-insensitive, with
 * blanks and empty entries ignored. Every mistake (unknown industry or strength, a self-pair, a
 * pair listed twice, an entry without {@code ~} or {@code =}) is refused with a message naming the
 * entry. Instances are immutable and thread-safe.
 */
public final class RelatednessMap {

    /** How strongly two industries are related, and the INDUSTRY points it gives. */
    public enum Strength {
        HIGH(25),
        MEDIUM(20),
        LOW(15);

        private final int points;

        Strength(int points) {
            this.points = points;
        }

        public int points() {
            return points;
        }
    }

    private static final Industry[] INDUSTRIES = Industry.values();
    private static final int N = INDUSTRIES.length;

    /** The default industry relatedness map (docs/matching.md), in its text form. */
    public static final String DEFAULT_SPEC = "FINANCE~PRIVATE_CAPITAL=HIGH, "
            + "FINANCE~CONSULTING=MEDIUM, "
            + "TECH~CONSULTING=MEDIUM, "
            + "PRIVATE_CAPITAL~REAL_ESTATE=MEDIUM, "
            + "LEGAL~FINANCE=MEDIUM, "
            + "LEGAL~REAL_ESTATE=MEDIUM, "
            + "HEALTHCARE~EDUCATION=LOW, "
            + "MEDIA_ENTERTAINMENT~TECH=LOW";

    /** The default industry relatedness map (docs/matching.md). */
    public static final RelatednessMap DEFAULT = parse(DEFAULT_SPEC);

    /** No industry related to another. */
    public static final RelatednessMap NONE = parse("");

    /** strengths[a * N + b], null when unrelated; symmetric. */
    private final Strength[] strengths;

    private RelatednessMap(Strength[] strengths) {
        this.strengths = strengths;
    }

    /**
     * Parses the text form. An empty or blank text is the empty map.
     *
     * @throws IllegalArgumentException naming the first bad entry
     */
    public static RelatednessMap parse(String spec) {
        Objects.requireNonNull(spec, "relatedness spec");
        Strength[] strengths = new Strength[N * N];
        String[] entries = spec.split("[,;\\n\\r]");
        int number = 0;
        for (String raw : entries) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            number++;
            int eq = entry.indexOf('=');
            int tilde = entry.indexOf('~');
            if (eq < 0 || tilde < 0 || tilde > eq) {
                throw bad(number, entry, "expected INDUSTRY~INDUSTRY=HIGH|MEDIUM|LOW");
            }
            String left = entry.substring(0, tilde).trim();
            String right = entry.substring(tilde + 1, eq).trim();
            String strengthText = entry.substring(eq + 1).trim();
            Industry a = Industry.parse(left);
            if (a == null) {
                throw bad(number, entry, "unknown industry \"" + left + "\" (known: " + Arrays.toString(INDUSTRIES) + ")");
            }
            Industry b = Industry.parse(right);
            if (b == null) {
                throw bad(number, entry, "unknown industry \"" + right + "\" (known: " + Arrays.toString(INDUSTRIES) + ")");
            }
            Strength strength;
            try {
                strength = Strength.valueOf(strengthText.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw bad(number, entry, "unknown strength \"" + strengthText + "\" (known: HIGH, MEDIUM, LOW)");
            }
            if (a == b) {
                throw bad(number, entry, "an industry cannot be related to itself (that is an exact match)");
            }
            if (strengths[a.ordinal() * N + b.ordinal()] != null) {
                throw bad(number, entry, "the pair " + a + "~" + b + " is listed twice");
            }
            strengths[a.ordinal() * N + b.ordinal()] = strength;
            strengths[b.ordinal() * N + a.ordinal()] = strength;
        }
        return new RelatednessMap(strengths);
    }

    private static IllegalArgumentException bad(int number, String entry, String why) {
        return new IllegalArgumentException("relatedness entry " + number + " \"" + entry + "\": " + why);
    }

    /** How strongly two industries are related; empty when they are not (or are the same). */
    public Optional<Strength> strength(Industry a, Industry b) {
        return Optional.ofNullable(strengths[a.ordinal() * N + b.ordinal()]);
    }

    /** The INDUSTRY points a relation gives (25/20/15), 0 when unrelated. */
    public int points(Industry a, Industry b) {
        Strength s = strengths[a.ordinal() * N + b.ordinal()];
        return s == null ? 0 : s.points();
    }

    /** The industries related to this one (never itself). */
    public Set<Industry> relatedTo(Industry industry) {
        Set<Industry> related = EnumSet.noneOf(Industry.class);
        for (Industry other : INDUSTRIES) {
            if (strengths[industry.ordinal() * N + other.ordinal()] != null) {
                related.add(other);
            }
        }
        return related;
    }

    /** The text form; {@code parse(toSpec())} equals this map. */
    public String toSpec() {
        List<String> entries = new ArrayList<>();
        for (int a = 0; a < N; a++) {
            for (int b = a + 1; b < N; b++) {
                Strength s = strengths[a * N + b];
                if (s != null) {
                    entries.add(INDUSTRIES[a] + "~" + INDUSTRIES[b] + "=" + s);
                }
            }
        }
        return String.join(", ", entries);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RelatednessMap other && Arrays.equals(strengths, other.strengths);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(strengths);
    }

    @Override
    public String toString() {
        return "RelatednessMap[" + toSpec() + "]";
    }
}
