package golf.linkup.engine.gateway.history;

import golf.linkup.engine.json.Json;

/**
 * One message of one room as every subscriber receives it: built once per room, shared by every
 * connection it is queued to (never copied per connection). {@code text} is the client payload with
 * {@code id}, {@code room}, {@code offset} and {@code epoch} put first:
 * <pre>{"id":"ev-17","room":"tee-time:tt-1","offset":42,"epoch":"k3x9","type":"tee-time:message","data":{...}}</pre>
 * A message without a position (history unavailable) has {@code offset} 0 and carries only {@code id} and {@code room}.
 * {@code utf8} is {@code text} encoded once, so transports that write bytes do not encode it per connection.
 */
public record RoomMessage(String room, String id, long offset, String epoch, String text, byte[] utf8) {

    /** Stamps {@code payload} (a JSON object text) with its id and position in {@code room}. */
    public static RoomMessage stamp(String room, String id, long offset, String epoch, String payload) {
        StringBuilder b = new StringBuilder(payload.length() + room.length() + id.length() + 64);
        b.append("{\"id\":");
        appendString(b, id);
        b.append(",\"room\":");
        appendString(b, room);
        if (offset > 0) {
            b.append(",\"offset\":").append(offset).append(",\"epoch\":");
            appendString(b, epoch);
        }
        if (payload.length() > 2) {
            b.append(',');
        }
        b.append(payload, 1, payload.length());
        String text = b.toString();
        return new RoomMessage(room, id, offset, epoch, text, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public boolean hasPosition() {
        return offset > 0;
    }

    public StreamPosition position() {
        return new StreamPosition(offset, epoch);
    }

    private static void appendString(StringBuilder b, String s) {
        boolean plain = true;
        for (int i = 0; i < s.length() && plain; i++) {
            char c = s.charAt(i);
            plain = c >= 0x20 && c != '"' && c != '\\' && c < 0x7f;
        }
        if (plain) {
            b.append('"').append(s).append('"');
        } else {
            try {
                b.append(Json.MAPPER.writeValueAsString(s));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
