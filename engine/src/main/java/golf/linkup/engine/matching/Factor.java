package golf.linkup.engine.matching;

/** The six factors of a relevance score, in the order explanations list them, with their maxima (sum 100). */
public enum Factor {
    INDUSTRY(30),
    PROXIMITY(25),
    SKILL(15),
    TIME(15),
    AVAILABILITY(10),
    SOCIAL(5);

    private final int maxPoints;

    Factor(int maxPoints) {
        this.maxPoints = maxPoints;
    }

    public int maxPoints() {
        return maxPoints;
    }
}
