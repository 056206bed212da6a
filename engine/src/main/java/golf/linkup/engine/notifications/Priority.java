package golf.linkup.engine.notifications;

/** Critical > high > normal > low. Critical ignores quiet hours and frequency limits. */
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
