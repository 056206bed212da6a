package golf.linkup.engine.gateway.connections;

import golf.linkup.engine.gateway.history.RoomMessage;
import java.nio.ByteBuffer;

/**
 * What a connection's send queue holds: a room message, shared by every member it goes to, or a
 * text of the gateway's own (a reply, a notice). Sealed, so the queue and the transports handle
 * exactly these two.
 */
public sealed interface Outgoing {

    /** The message as the client receives it (a JSON text). */
    String text();

    /** A text of the gateway's own: a reply, a notice, a presence update. */
    record Text(String text) implements Outgoing {
    }

    /**
     * A room message. Made once per room message and queued to every member as is: a connection
     * adds a queue slot, nothing else.
     */
    record Room(RoomMessage message) implements Outgoing {

        @Override
        public String text() {
            return message.text();
        }

        /** The message's UTF-8 bytes, encoded once; each write gets its own view (its own position). */
        public ByteBuffer utf8() {
            return ByteBuffer.wrap(message.utf8());
        }
    }
}
