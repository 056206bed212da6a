package golf.linkup.app;

/** Finding why something failed in a chain of causes (start-up wraps what the parts throw). */
final class Causes {

    private Causes() {
    }

    /** The first throwable of {@code type} in {@code t}'s chain of causes, or null. */
    static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }
}
