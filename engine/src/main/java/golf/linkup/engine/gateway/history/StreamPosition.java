package golf.linkup.engine.gateway.history;

/**
 * Where a room's stream stands: the offset of its latest message and the epoch those offsets belong
 * to. Offsets grow by one per message within an epoch; a new epoch (the room's history was lost or
 * expired) restarts them, so a position from another epoch cannot be recovered from.
 */
public record StreamPosition(long offset, String epoch) {

    public static final StreamPosition NONE = new StreamPosition(0, "");
}
