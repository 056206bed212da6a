package golf.linkup.engine.gateway.transport;

import golf.linkup.engine.gateway.connections.Outbound;
import golf.linkup.engine.gateway.history.RoomMessage;
import golf.linkup.engine.gateway.history.StreamPosition;
import io.undertow.server.handlers.sse.ServerSentEventConnection;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@link Outbound} over an SSE stream: each message is one event, {@code data:} the same JSON a
 * WebSocket client gets. A room message's event {@code id:} is the stream's position in every room
 * it follows ({@link SseEventIds}), so the browser's {@code Last-Event-ID} on reconnect recovers
 * all of them.
 */
final class SseOutbound implements Outbound {

    private final ServerSentEventConnection sse;
    private final String remoteAddress;
    private final Map<String, StreamPosition> positions = new LinkedHashMap<>();

    SseOutbound(ServerSentEventConnection sse, String remoteAddress, Map<String, StreamPosition> start) {
        this.sse = sse;
        this.remoteAddress = remoteAddress;
        this.positions.putAll(start);
    }

    @Override
    public void sendText(String text, Consumer<Throwable> done) {
        send(text, null, done);
    }

    @Override
    public void sendRoomMessage(RoomMessage message, Consumer<Throwable> done) {
        String id;
        synchronized (positions) {
            if (message.hasPosition()) {
                positions.put(message.room(), message.position());
            }
            id = SseEventIds.format(positions);
        }
        send(message.text(), id, done);
    }

    /** Records where a room stood when the stream joined it, unless a message already moved it on. */
    void position(String room, StreamPosition position) {
        synchronized (positions) {
            positions.putIfAbsent(room, position);
        }
    }

    private void send(String data, String id, Consumer<Throwable> done) {
        try {
            sse.send(data, null, id, new ServerSentEventConnection.EventCallback() {
                @Override
                public void done(ServerSentEventConnection connection, String d, String event, String i) {
                    done.accept(null);
                }

                @Override
                public void failed(ServerSentEventConnection connection, String d, String event, String i,
                        IOException e) {
                    done.accept(e);
                }
            });
        } catch (RuntimeException e) {
            done.accept(e);
        }
    }

    @Override
    public void close(int code, String reason) {
        try {
            sse.shutdown(); // ends the stream once queued events are written
        } catch (RuntimeException e) {
            // already closed
        }
    }

    @Override
    public void abort(int code, String reason) {
        try {
            sse.close();
        } catch (IOException | RuntimeException e) {
            // already closed
        }
    }

    @Override
    public boolean answersPings() {
        return false;
    }

    @Override
    public String remoteAddress() {
        return remoteAddress;
    }
}
