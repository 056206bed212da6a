package golf.linkup.engine.gateway.connections;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The completion of several writes started together: passes on null once every one succeeded, or
 * the first failure (once; later completions are ignored). Completions may come on any thread.
 * The count is the writes still to complete, negative once one failed.
 */
public final class WriteCompletion extends AtomicInteger implements Consumer<Throwable> {

    /** Far below any count of writes, so later completions never bring it back to 0. */
    private static final int FAILED = -1_000_000;

    private final transient Consumer<Throwable> done;

    public WriteCompletion(int writes, Consumer<Throwable> done) {
        super(writes);
        this.done = done;
    }

    @Override
    public void accept(Throwable failure) {
        if (failure != null) {
            if (getAndSet(FAILED) > 0) {
                done.accept(failure);
            }
        } else if (decrementAndGet() == 0) {
            done.accept(null);
        }
    }

    /** A write failed: the caller starts no more. */
    public boolean failed() {
        return get() < 0;
    }
}
