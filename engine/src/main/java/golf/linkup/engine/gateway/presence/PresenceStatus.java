package golf.linkup.engine.gateway.presence;

import java.util.Locale;

/** Presence statuses as clients see them ({@code online}, {@code away}, {@code offline}). */
public enum PresenceStatus {
    ONLINE, AWAY, OFFLINE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PresenceStatus parse(String wire) {
        return wire == null ? null : valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
