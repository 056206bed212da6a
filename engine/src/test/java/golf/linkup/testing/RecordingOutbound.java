package golf.linkup.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import golf.linkup.engine.gateway.connections.Outbound;
import golf.linkup.engine.json.Json;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * An in-memory {@link Outbound}, a fake of one client socket. It records every text written to it,
 * in order, and either completes each write at once ({@link #immediate()}) or holds writes until the
 * test completes or fails them ({@link #held()}). Thread-safe; completions run on the caller's thread.
 */
public final class RecordingOutbound implements Outbound {

    private final boolean holdWrites;
    private final java.util.concurrent.Executor writer;
    /** Writes several messages together ({@link #writesTogether()}), as a WebSocket does. */
    private boolean together;
    /** How many messages each write carried, in order. */
    private final List<Integer> writeSizes = new ArrayList<>();
    private final List<String> written = new ArrayList<>();
    private final List<String> writingThreads = new ArrayList<>();
    private final Deque<Consumer<Throwable>> pending = new ArrayDeque<>();
    private Integer closeCode;
    private String closeReason;
    private int closeCalls;
    private int pings;
    private boolean aborted;

    private RecordingOutbound(boolean holdWrites, java.util.concurrent.Executor writer) {
        this.holdWrites = holdWrites;
        this.writer = writer;
    }

    private RecordingOutbound(boolean holdWrites) {
        this(holdWrites, null);
    }

    /** Every write succeeds at once; {@link #writer()} is {@code writer}, as a socket's I/O thread. */
    public static RecordingOutbound immediateWithWriter(java.util.concurrent.Executor writer) {
        return new RecordingOutbound(false, writer);
    }

    /**
     * Every write succeeds at once, several messages may go as one write (as on a WebSocket), and
     * {@link #writer()} is {@code writer}, as a socket's I/O thread.
     */
    public static RecordingOutbound immediateTogetherWithWriter(java.util.concurrent.Executor writer) {
        RecordingOutbound out = new RecordingOutbound(false, writer);
        out.together = true;
        return out;
    }

    @Override
    public java.util.concurrent.Executor writer() {
        return writer;
    }

    /** The name of the thread each write was started on, in order. */
    public synchronized List<String> writingThreads() {
        return List.copyOf(writingThreads);
    }

    /**
     * Like {@link #held()}, but it writes everything the send queue hands it at once as one write,
     * as a WebSocket does; {@link #writeSizes()} tells how many messages each write carried.
     */
    public static RecordingOutbound heldTogether() {
        RecordingOutbound out = new RecordingOutbound(true);
        out.together = true;
        return out;
    }

    @Override
    public boolean writesTogether() {
        return together;
    }

    @Override
    public void sendAll(golf.linkup.engine.gateway.connections.Outgoing[] messages, int count,
            Consumer<Throwable> done) {
        synchronized (this) {
            for (int i = 0; i < count; i++) {
                written.add(messages[i].text());
                writingThreads.add(Thread.currentThread().getName());
            }
            writeSizes.add(count);
            if (holdWrites) {
                pending.addLast(done);
                return;
            }
        }
        done.accept(null);
    }

    /** How many messages each write carried, in order (1 for every {@code sendText}). */
    public synchronized List<Integer> writeSizes() {
        return List.copyOf(writeSizes);
    }

    /** Every write succeeds before {@code sendText} returns. */
    public static RecordingOutbound immediate() {
        return new RecordingOutbound(false);
    }

    /** Writes stay in flight until {@link #completeNext()}, {@link #completeAll()} or {@link #failNext}. */
    public static RecordingOutbound held() {
        return new RecordingOutbound(true);
    }

    @Override
    public void sendText(String text, Consumer<Throwable> done) {
        synchronized (this) {
            written.add(text);
            writingThreads.add(Thread.currentThread().getName());
            writeSizes.add(1);
            if (holdWrites) {
                pending.addLast(done);
                return;
            }
        }
        done.accept(null);
    }

    @Override
    public synchronized void close(int code, String reason) {
        closeCalls++;
        if (closeCode == null) {
            closeCode = code;
            closeReason = reason;
        }
    }

    @Override
    public synchronized void ping() {
        pings++;
    }

    @Override
    public synchronized void abort(int code, String reason) {
        aborted = true;
        close(code, reason);
    }

    /** Transport-level pings sent. */
    public synchronized int pings() {
        return pings;
    }

    /** True when closed without waiting for the peer. */
    public synchronized boolean aborted() {
        return aborted;
    }

    @Override
    public String remoteAddress() {
        return "127.0.0.1:test";
    }

    /** Completes the oldest write in flight successfully; false when none is in flight. */
    public boolean completeNext() {
        Consumer<Throwable> done;
        synchronized (this) {
            done = pending.pollFirst();
        }
        if (done == null) {
            return false;
        }
        done.accept(null);
        return true;
    }

    /** Completes writes, including the ones they cause, until none is in flight. */
    public void completeAll() {
        while (completeNext()) {
            // each completion may start the next write
        }
    }

    /** Fails the oldest write in flight; false when none is in flight. */
    public boolean failNext(Throwable failure) {
        Consumer<Throwable> done;
        synchronized (this) {
            done = pending.pollFirst();
        }
        if (done == null) {
            return false;
        }
        done.accept(failure);
        return true;
    }

    public synchronized int inFlight() {
        return pending.size();
    }

    /** Every text handed to {@code sendText}, in order (a held write is included once it started). */
    public synchronized List<String> texts() {
        return List.copyOf(written);
    }

    /** {@link #texts()} parsed as JSON. */
    public List<JsonNode> messages() {
        List<JsonNode> out = new ArrayList<>();
        for (String t : texts()) {
            try {
                out.add(Json.MAPPER.readTree(t));
            } catch (JsonProcessingException e) {
                throw new AssertionError("not JSON: " + t, e);
            }
        }
        return out;
    }

    /** The last message written, parsed. */
    public JsonNode lastMessage() {
        List<JsonNode> all = messages();
        if (all.isEmpty()) {
            throw new AssertionError("nothing was written");
        }
        return all.get(all.size() - 1);
    }

    /** The messages of one {@code type}, parsed. */
    public List<JsonNode> messagesOfType(String type) {
        return messages().stream().filter(m -> type.equals(m.path("type").asText())).toList();
    }

    public synchronized boolean isClosed() {
        return closeCode != null;
    }

    /** The close code of the first {@code close} call; null when never closed. */
    public synchronized Integer closeCode() {
        return closeCode;
    }

    public synchronized String closeReason() {
        return closeReason;
    }

    public synchronized int closeCalls() {
        return closeCalls;
    }
}
