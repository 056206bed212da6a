package golf.linkup.engine.booking;

import com.fasterxml.jackson.databind.node.ObjectNode;
import golf.linkup.engine.json.Json;

/**
 * The booking messages of the {@code tee-time:{id}} room, as JSON text ({@code docs/asyncapi.yaml}):
 * {@code {type, data}} where {@code data} always carries the tee time, the slot and the tee time's
 * open and available slot counts after the change.
 */
final class BookingMessages {

    private BookingMessages() {
    }

    /** {@code tee-time:slot-held}: an attempt or a waitlist offer holds the slot until {@code expiresAt}. */
    static String held(TeeTimeBooking b, Hold hold, String reason) {
        ObjectNode m = message("tee-time:slot-held", b, hold.slotNumber());
        ((ObjectNode) m.get("data")).put("expiresAt", hold.expiresAt().toString()).put("reason", reason);
        return m.toString();
    }

    /** {@code tee-time:slot-released}: a hold or an offer ended without a player. */
    static String released(TeeTimeBooking b, int slot, String reason) {
        ObjectNode m = message("tee-time:slot-released", b, slot);
        ((ObjectNode) m.get("data")).put("reason", reason);
        return m.toString();
    }

    /** {@code tee-time:slot-reserved}: {@code userId} now plays in the slot, {@code via} says how. */
    static String reserved(TeeTimeBooking b, int slot, String userId, String via) {
        ObjectNode m = message("tee-time:slot-reserved", b, slot);
        ((ObjectNode) m.get("data")).put("userId", userId).put("via", via);
        return m.toString();
    }

    private static ObjectNode message(String type, TeeTimeBooking b, int slot) {
        ObjectNode m = Json.MAPPER.createObjectNode();
        m.put("type", type);
        m.putObject("data").put("teeTimeId", b.teeTimeId).put("slotNumber", slot)
                .put("openSlots", b.openSlots()).put("availableSlots", b.free().size());
        return m;
    }
}
