package golf.linkup.engine.gateway.fanout;

import golf.linkup.engine.gateway.connections.ClientConnection;
import golf.linkup.engine.gateway.connections.Outgoing;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Groups one fan-out's sends by the thread that writes each connection's socket, and hands each
 * thread its whole group as one task.
 *
 * <p>Why: a send started off a socket's I/O thread is passed to that thread as a task of its own,
 * which costs a queue hand-off and, when the thread is waiting in {@code epoll}, a wake-up (a system
 * call) per connection. Started on the I/O thread, the same send is written at once. With the
 * sends grouped, a message to 100 connections served by 2 I/O threads costs 2 hand-offs, not 100.
 *
 * <p>Order: each connection has one writer thread and its group keeps the order messages were added
 * in; tasks given to one thread run in the order given. Connections without a writer thread (SSE,
 * tests) are sent to at once. Confined to one thread at a time (the caller's lock).
 */
final class WriteBatches {

    private static final Logger LOG = LoggerFactory.getLogger(WriteBatches.class);

    private final Map<Executor, Batch> byWriter = new IdentityHashMap<>(4);

    /** Adds one message for one connection. */
    void add(ClientConnection connection, Outgoing message) {
        Executor writer = connection.writer();
        if (writer == null) {
            connection.send(message);
        } else {
            byWriter.computeIfAbsent(writer, w -> new Batch()).add(connection, message);
        }
    }

    /** Hands every group to its writer thread (sends it here when the thread refuses: it is shutting down). */
    void dispatch() {
        if (byWriter.isEmpty()) {
            return;
        }
        for (Map.Entry<Executor, Batch> e : byWriter.entrySet()) {
            try {
                e.getKey().execute(e.getValue());
            } catch (RejectedExecutionException stopping) {
                e.getValue().run();
            }
        }
        byWriter.clear();
    }

    /**
     * One writer thread's sends, in order: connection, message, connection, message… Run on that
     * thread, it first queues every message to its connection without writing, then starts each
     * connection's write once: a connection with several messages in the batch gets them in one
     * write (one system call).
     */
    private static final class Batch implements Runnable {
        private final List<Object> items = new ArrayList<>(64);

        void add(ClientConnection connection, Outgoing message) {
            items.add(connection);
            items.add(message);
        }

        @Override
        public void run() {
            List<ClientConnection> toRelease = new ArrayList<>(items.size() / 2);
            for (int i = 0; i < items.size(); i += 2) {
                ClientConnection c = (ClientConnection) items.get(i);
                try {
                    if (c.hold((Outgoing) items.get(i + 1))) {
                        toRelease.add(c);
                    }
                } catch (RuntimeException e) {
                    LOG.error("queuing a message to {} failed; the rest of the batch goes on", c, e);
                }
            }
            for (ClientConnection c : toRelease) {
                try {
                    c.release();
                } catch (RuntimeException e) {
                    LOG.error("writing to {} failed; the rest of the batch goes on", c, e);
                }
            }
        }
    }
}
