package golf.linkup.engine.gateway.transport;

import golf.linkup.engine.gateway.connections.Outbound;
import golf.linkup.engine.gateway.connections.Outgoing;
import golf.linkup.engine.gateway.connections.WriteCompletion;
import golf.linkup.engine.gateway.history.RoomMessage;
import io.undertow.websockets.core.WebSocketCallback;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.xnio.IoUtils;

/**
 * {@link Outbound} over an Undertow core WebSocket channel. Two fields per connection: the channel
 * and the client's User-Agent (interned: clients share a handful of them); the peer's address is
 * read from the channel when asked, not kept.
 */
final class ChannelOutbound implements Outbound {

    /** How long an aborted channel may take to write its close frame before its socket is dropped. */
    static final long ABORT_GRACE_MILLIS = 1_000;

    private final WebSocketChannel channel;
    private final String userAgent;

    ChannelOutbound(WebSocketChannel channel, String userAgent) {
        this.channel = channel;
        this.userAgent = userAgent == null ? "" : userAgent.intern();
    }

    @Override
    public void sendText(String text, Consumer<Throwable> done) {
        try {
            WebSockets.sendText(text, channel, DONE, done);
        } catch (RuntimeException e) {
            done.accept(e);
        }
    }

    /**
     * Room messages go out as the bytes encoded once per room, not re-encoded for every connection
     * (the buffer is wrapped per write: its position is the write's own).
     */
    @Override
    public void sendRoomMessage(RoomMessage message, Consumer<Throwable> done) {
        try {
            WebSockets.sendText(ByteBuffer.wrap(message.utf8()), channel, DONE, done);
        } catch (RuntimeException e) {
            done.accept(e);
        }
    }

    @Override
    public void send(Outgoing message, Consumer<Throwable> done) {
        try {
            if (message instanceof Outgoing.Room room) {
                WebSockets.sendText(room.utf8(), channel, DONE, done);
            } else {
                WebSockets.sendText(message.text(), channel, DONE, done);
            }
        } catch (RuntimeException e) {
            done.accept(e);
        }
    }

    @Override
    public boolean writesTogether() {
        return true;
    }

    /**
     * Queues every message as its own frame, then writes them in one gathering write. On the
     * channel's I/O thread (fan-out's path) Undertow is told to wait for an explicit flush while
     * they are queued; elsewhere each frame is written as it is queued, as by {@link #send}, since
     * another thread's frame must never wait for a flush that this thread owns.
     */
    @Override
    public void sendAll(Outgoing[] messages, int count, Consumer<Throwable> done) {
        WriteCompletion all = new WriteCompletion(count, done);
        boolean together = Thread.currentThread() == channel.getIoThread();
        if (together) {
            channel.setRequireExplicitFlush(true);
        }
        try {
            for (int i = 0; i < count && !all.failed(); i++) {
                send(messages[i], all);
            }
        } finally {
            if (together) {
                channel.setRequireExplicitFlush(false);
                channel.flush();
            }
        }
    }

    /** One callback for every write: the write's own completion travels as the context (no object per write). */
    private static final WebSocketCallback<Consumer<Throwable>> DONE = new WebSocketCallback<>() {
        @Override
        public void complete(WebSocketChannel channel, Consumer<Throwable> done) {
            done.accept(null);
        }

        @Override
        public void onError(WebSocketChannel channel, Consumer<Throwable> done, Throwable failure) {
            done.accept(failure);
        }
    };

    /** Sends a close frame; the channel closes when the peer answers it (or {@link #abort} drops it). */
    @Override
    public void close(int code, String reason) {
        if (!channel.isOpen() || channel.isCloseFrameSent()) {
            return;
        }
        try {
            WebSockets.sendClose(code, reason, channel, null);
        } catch (RuntimeException e) {
            IoUtils.safeClose(channel); // cannot even write the close frame: drop the socket
        }
    }

    @Override
    public void ping() {
        try {
            WebSockets.sendPing(ByteBuffer.allocate(0), channel, null);
        } catch (RuntimeException e) {
            // a broken socket: the missing pong closes it
        }
    }

    @Override
    public void abort(int code, String reason) {
        close(code, reason);
        // the close frame goes out now; do not wait for the answer of a peer that stopped answering
        CompletableFuture.delayedExecutor(ABORT_GRACE_MILLIS, TimeUnit.MILLISECONDS)
                .execute(() -> IoUtils.safeClose(channel));
    }

    /** The channel's XNIO I/O thread: sends started there skip the hand-off and the selector wake-up. */
    @Override
    public Executor writer() {
        return channel.getIoThread();
    }

    @Override
    public String remoteAddress() {
        InetSocketAddress a = channel.getSourceAddress();
        return a == null ? "?" : a.getAddress().getHostAddress() + ":" + a.getPort();
    }

    @Override
    public String userAgent() {
        return userAgent;
    }
}
