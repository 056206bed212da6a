package golf.linkup.engine.notifications;

/** Seed 002: critical > high > normal > low. Critical ignores quiet hours and frequency limits. */
public enum Priority {
    LOW,
    NORMAL,
    HIGH,
    CRITICAL;

    /** Higher is delivered first. */
    public int rank() {
        return ordinal();
    }
}
