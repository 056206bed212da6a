package golf.linkup.engine.notifications;

/** How a notification reaches a person. IN_APP is the notification centre plus a live WebSocket message. */
public enum Channel {
    IN_APP,
    EMAIL,
    PUSH;

    /** Lower case name used in file names and JSON ({@code in_app}, {@code email}, {@code push}). */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
