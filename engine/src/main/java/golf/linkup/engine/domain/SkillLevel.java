package golf.linkup.engine.domain;

/**
 * Playing level. Players are BEGINNER, INTERMEDIATE or ADVANCED; a tee time may also be ANY.
 * {@link #rank()} orders the three real levels so "adjacent" and "two apart" are a subtraction.
 */
public enum SkillLevel {
    BEGINNER(0),
    INTERMEDIATE(1),
    ADVANCED(2),
    ANY(-1);

    private final int rank;

    SkillLevel(int rank) {
        this.rank = rank;
    }

    /** 0..2 for real levels, -1 for ANY. */
    public int rank() {
        return rank;
    }
}
