package golf.linkup.console.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Hands updates from background threads (the stream, HTTP calls) to the UI thread, coalesced: an
 * update posted under a key replaces one still waiting under that key, and everything waiting runs
 * in ONE hand-off to the UI thread. So however fast the engine pushes (1,000 connections a second, a
 * scenario at full speed), the UI thread gets at most one batch per pulse and each table is replaced
 * at most once per batch.
 */
public final class UiQueue {

    private final Consumer<Runnable> uiThread;
    private final Map<String, Runnable> waiting = new LinkedHashMap<>();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong superseded = new AtomicLong();
    private boolean scheduled;

    /** @param uiThread runs a task on the UI thread ({@code Platform::runLater}; {@code Runnable::run} in tests) */
    public UiQueue(Consumer<Runnable> uiThread) {
        this.uiThread = uiThread;
    }

    /** A queue that runs updates at once on the posting thread (model tests, no toolkit). */
    public static UiQueue direct() {
        return new UiQueue(Runnable::run);
    }

    public void post(String key, Runnable update) {
        synchronized (this) {
            if (waiting.put(key, update) != null) {
                superseded.incrementAndGet();
            }
            if (scheduled) {
                return;
            }
            scheduled = true;
        }
        uiThread.accept(this::drain);
    }

    private void drain() {
        Map<String, Runnable> batch;
        synchronized (this) {
            batch = new LinkedHashMap<>(waiting);
            waiting.clear();
            scheduled = false;
        }
        batches.incrementAndGet();
        batch.values().forEach(Runnable::run);
    }

    /** Hand-offs to the UI thread so far. */
    public long batches() {
        return batches.get();
    }

    /** Updates replaced by a newer one before the UI thread ran them. */
    public long superseded() {
        return superseded.get();
    }
}
